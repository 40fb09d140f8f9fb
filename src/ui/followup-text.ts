// Every sentence `noisy followup` says (and the due reminder), in one place so the tone reads at once.
import type { ChalkInstance } from 'chalk';
import type { Entry } from '../core/entry.js';
import type { FollowUpReflection } from '../core/followup.js';
import { wrap } from './style.js';
import { displayWidth, truncateToWidth } from './width.js';

const WIDTH = 80;
const INDENT = '  ';

function pct(value: number): string {
  return `${Math.round(value)}%`;
}

function points(value: number): string {
  const n = Math.round(Math.abs(value));
  return `${n} point${n === 1 ? '' : 's'}`;
}

/** Below this many points, a change in belief reads as "about the same" (assumption: answers are rough). */
export const STEADY_POINTS = 3;

/** The due follow-ups, before walking through them. */
export function renderDueList(entries: readonly Entry[], c: ChalkInstance): string {
  const head = entries.length === 1 ? 'One entry is ready for a look back:' : `${entries.length} entries are ready for a look back:`;
  const rows = entries.map((e) => {
    const due = `  (due ${e.followUpOn ?? ''})`;
    const before = `${INDENT}${e.id}  ${e.date}  `;
    const title = truncateToWidth(e.title, WIDTH - displayWidth(before) - displayWidth(due));
    return `${INDENT}${c.dim(e.id)}  ${e.date}  ${title}${c.dim(due)}`;
  });
  return [c.bold(head), ...rows, ''].join('\n') + '\n';
}

export function nothingDue(next: { day: string; title: string } | null): string {
  if (!next) return 'Nothing to look back on yet. After `noisy reflect`, follow-ups come due here.\n';
  return `Nothing is due for a follow-up. The next one is on ${next.day} ("${next.title}"); \`noisy followup ID\` takes one early.\n`;
}

/** Reminds the person of the entry before asking about it. */
export function renderEntryContext(entry: Entry, c: ChalkInstance): string {
  const out = ['', c.bold(entry.title) + c.dim(`  ·  ${entry.date}  ·  ${entry.id}`)];
  const line = (text: string) => out.push(INDENT + wrap(text, WIDTH - INDENT.length, INDENT));
  line(`Back then you asked yourself: "${entry.belief.statement}". Before the evaluation it felt ${pct(entry.belief.before)} likely; right after, ${pct(entry.belief.after)}.`);
  return out.join('\n') + '\n\n';
}

export const QUESTIONS = {
  pick: (entry: Entry) => `Look back at "${entry.title}" now?`,
  resume: (when: string) => `Pick up the follow-up you started on ${when}?`,
} as const;

export const PICK_CHOICES = [
  { value: 'now', name: 'Yes, now' },
  { value: 'skip', name: 'Skip it for now (it stays due)' },
  { value: 'stop', name: 'Stop here' },
] as const;

/** A few warm lines after each follow-up: where the belief went, what was warranted, the prediction. */
export function renderReflection(r: FollowUpReflection, c: ChalkInstance): string {
  const out: string[] = ['', c.bold('Looking back')];
  const line = (text: string) => out.push(INDENT + wrap(text, WIDTH - INDENT.length, INDENT));

  line(`"${r.statement}": ${pct(r.before)} before the evaluation, ${pct(r.after)} right after, ${pct(r.now)} today.`);
  if (r.rebound >= STEADY_POINTS) {
    const full = r.now >= r.before - STEADY_POINTS && r.after < r.before - STEADY_POINTS;
    line(
      full
        ? `It has come all the way back${r.now > r.before + STEADY_POINTS ? ' and then some' : ''}. The first reaction was the sting, not the evidence.`
        : `It has come back ${points(r.rebound)} since the day itself. That gap is how much the first reaction overshot.`,
    );
  } else if (r.rebound <= -STEADY_POINTS) {
    line(
      `It is ${points(r.rebound)} lower than right after. If something new happened since, that's real evidence and worth weighing; if nothing did, the mood may be doing the talking.`,
    );
  } else {
    line('It has stayed about where it landed right after.');
  }
  line(
    `On the evidence of that one evaluation, a calibrated person would have been at about ${pct(r.warrantedBelief)}.` +
      (r.nearerWarrantedNow ? ' Where you are today is closer to that than the first reaction was.' : ''),
  );

  if (r.tookNextStep) line('You took a next step. Whatever came of it, that is more evidence about you than the evaluation had.');
  else if (r.nextStep) line(`The next step ("${r.nextStep}") is still waiting. No rush; it will keep until you have the energy.`);
  else line('No new evidence yet, and that is fine. When you are ready, one small try will tell you more than the evaluation did.');

  if (r.prediction) {
    const p = r.prediction;
    if (p.cameTrue === true) {
      line(
        p.probability < 50
          ? `Your prediction came true, and you had given it only ${pct(p.probability)}. Remember that the next time you put a low number on yourself.`
          : `Your prediction came true (you gave it ${pct(p.probability)}).`,
      );
    } else if (p.cameTrue === false) {
      line(`Your prediction didn't come true this time (you gave it ${pct(p.probability)}). One outcome is one data point, just like the evaluation was.`);
    } else {
      line(`Too early to tell about "${p.statement}"${r.nextFollowUpOn ? `; noisy will ask again on ${r.nextFollowUpOn}` : ''}.`);
    }
  }
  return out.join('\n') + '\n';
}

export function savedLine(entry: Entry, nextDue: string | null): string {
  return nextDue ? `Saved. Next look back at ${entry.id} on ${nextDue}.\n` : `Saved. ${entry.id} has no more follow-ups planned.\n`;
}

export function interrupted(saved: number, stillDue: boolean, draftKept = false): string {
  const due = stillDue ? ' It is still due.' : '';
  const draft = draftKept ? ' What you answered and typed is kept as a draft, offered when you next follow up this entry.' : '';
  const kept = saved === 0 ? '' : saved === 1 ? ' The follow-up you finished before it is saved.' : ` The ${saved} follow-ups you finished before it are saved.`;
  return `Stopped. Nothing was saved for this follow-up.${due}${draft}${kept}`;
}

export const startingFresh = 'Starting fresh. The old draft stays until this follow-up is saved or interrupted.\n';

export function walkDone(answered: number, skipped: number): string {
  const parts = [answered === 1 ? 'One follow-up saved' : `${answered} follow-ups saved`];
  if (skipped > 0) parts.push(skipped === 1 ? 'one skipped (still due)' : `${skipped} skipped (still due)`);
  return `${parts.join(', ')}.\n`;
}

/** The one-line reminder other commands print on a terminal. */
export function dueReminder(count: number, c: ChalkInstance): string {
  const what = count === 1 ? 'One entry is' : `${count} entries are`;
  return c.dim(`${what} ready for a look back: run \`noisy followup\` when you have a few minutes.`) + '\n';
}
