// What `noisy attempts` says: the ledger, what it adds up to for someone who is good enough, and
// tries per month. Every line fits 80 columns (titles are cut by display width).
import type { ChalkInstance } from 'chalk';
import type { Attempt, AttemptOutlook } from '../core/attempts.js';
import { TARGET_CHANCE, TRY_HORIZON } from '../core/attempts.js';
import type { AttemptRecord } from '../commands/attempts.js';
import { wrap } from './style.js';

type Measure = (text: string) => number;

const WIDTH = 80;
/** Pending attempts listed in full before "and N more"; decided ones shown, newest first. */
const LISTED_PENDING = 20;
const LISTED_DECIDED = 5;
/** The widest bar of the monthly chart. */
const BAR = 40;

export interface AttemptsView {
  attempts: readonly Attempt[];
  outlook: readonly AttemptOutlook[];
  months: readonly { month: string; tries: number }[];
  target: number | null;
  /** Belief ids to their statements. */
  statements: ReadonlyMap<string, string>;
  today: string;
}

/** A chance as a whole percent, rounded down: 79.6% is not yet the 80% the outlook aims for. */
const percent = (chance: number): string => {
  const p = chance * 100;
  if (p > 0 && p < 1) return 'under 1%';
  if (p < 100 && p > 99) return 'over 99%';
  return `${Math.floor(p + 1e-9)}%`;
};

/** "about 0.3", "about 2", "about 10": expected counts without false precision. */
export function about(n: number): string {
  if (n < 0.05) return 'almost none';
  if (n < 1) return `about ${n.toFixed(1)}`;
  if (n < 10) return `about ${(Math.round(n * 2) / 2).toString()}`;
  return `about ${Math.round(n)}`;
}

function cut(text: string, width: number, measure: Measure): string {
  if (measure(text) <= width) return text + ' '.repeat(width - measure(text));
  let out = '';
  for (const ch of text) {
    if (measure(out + ch + '…') > width) break;
    out += ch;
  }
  return out + '…' + ' '.repeat(Math.max(0, width - measure(out + '…')));
}

export function attemptLine(a: Attempt, measure: Measure, c: ChalkInstance): string {
  const rate = a.rate === null ? '  ?' : `${formatRate(a.rate)}%`.padStart(4);
  const state = a.outcome === 'pending' ? (a.expectReplyBy ? `reply by ${a.expectReplyBy}` : 'pending') : `${a.outcome} ${a.resolvedOn ?? ''}`.trim();
  // 2 + 10 + 2 + 10 + 2 + title + 2 + 4 + 2 + state (at most 20: "withdrawn 2026-11-28") = 80
  return `  ${a.date}  ${c.cyan(a.id)}  ${cut(a.title, 26, measure)}  ${rate}  ${state}`;
}

function formatRate(rate: number): string {
  return rate >= 10 ? String(Math.round(rate)) : String(Math.round(rate * 10) / 10);
}

export function renderAttempts(view: AttemptsView, c: ChalkInstance, measure: Measure): string {
  const lines: string[] = [];
  const { attempts } = view;
  if (attempts.length === 0) {
    lines.push(
      'No attempts recorded yet.',
      '',
      wrap('Record what you apply for or try, and noisy shows what a good-enough person would expect from those tries: mostly no, and how many it takes for a likely yes.', WIDTH),
      '',
      '  noisy attempts add "MATS winter fellowship" --method written-application --rate 5',
    );
    return lines.join('\n') + '\n';
  }
  const pending = attempts.filter((a) => a.outcome === 'pending');
  const decided = attempts.filter((a) => a.outcome !== 'pending');
  lines.push(c.bold(`Your attempts: ${attempts.length} (${pending.length} pending, ${decided.length} resolved)`));
  if (pending.length > 0) {
    lines.push('', 'Pending:');
    for (const a of pending.slice(0, LISTED_PENDING)) lines.push(attemptLine(a, measure, c));
    if (pending.length > LISTED_PENDING) lines.push(c.dim(`  … and ${pending.length - LISTED_PENDING} more (noisy attempts --json lists all)`));
  }
  if (decided.length > 0) {
    lines.push('', decided.length > LISTED_DECIDED ? `Latest resolved (${LISTED_DECIDED} of ${decided.length}):` : 'Resolved:');
    const latest = [...decided].sort((x, y) => (y.resolvedOn ?? '').localeCompare(x.resolvedOn ?? '') || y.date.localeCompare(x.date)).slice(0, LISTED_DECIDED);
    for (const a of latest) lines.push(attemptLine(a, measure, c));
  }
  const overdue = pending.filter((a) => a.expectReplyBy !== null && a.expectReplyBy < view.today).length;
  if (overdue > 0) lines.push('', c.dim(wrap(`${overdue === 1 ? 'One is' : `${overdue} are`} past the day you expected a reply: \`noisy followup\` asks whether you heard back.`, WIDTH)));

  lines.push('', c.bold('What they add up to, if you are good enough'));
  for (const o of view.outlook) lines.push('', ...outlookLines(o, view, c, measure));
  lines.push('', ...chartLines(view.months, view.target, c));
  return lines.join('\n') + '\n';
}

function outlookLines(o: AttemptOutlook, view: AttemptsView, c: ChalkInstance, measure: Measure): string[] {
  const lines: string[] = [];
  const name = o.beliefId === null ? 'Not tied to a belief' : `"${view.statements.get(o.beliefId) ?? o.beliefId}" (${o.beliefId})`;
  lines.push(wrap(name, WIDTH, '', measure));
  lines.push(c.dim(`  ${wrap(`Good enough: in the top ${o.bar}% of people who try; shared error ${o.sharedErrorCorrelation.toFixed(2).replace(/^0/, '')}.`, WIDTH, '  ')}`));
  const said: string[] = [];
  if (o.pending.length > 0) {
    const n = o.pending.length;
    said.push(
      `${n === 1 ? 'One try is' : `${n} tries are`} out. Someone good enough would expect ${about(o.expectedAcceptancesIfGoodEnough)} ${about(o.expectedAcceptancesIfGoodEnough) === 'about 1' ? 'acceptance' : 'acceptances'} from ${n === 1 ? 'it' : 'them'}; the chance of at least one is ${percent(o.chanceOfAtLeastOneIfGoodEnough)}.`,
    );
  }
  const like = o.pending.length > 0 ? 'like these' : 'like the ones you sent';
  if (o.moreTriesForEightyPercent === 0) said.push(`That is already a likely yes (${percent(TARGET_CHANCE)} or more).`);
  else if (o.moreTriesForEightyPercent === null) {
    said.push(
      `Even ${TRY_HORIZON} more tries ${like} would not make a yes ${percent(TARGET_CHANCE)} likely: when much of the error is shared, more of the same helps little. A different kind of try (another method, another field, someone who sees your work) changes more.`,
    );
  } else {
    const k = o.moreTriesForEightyPercent;
    said.push(`${k === 1 ? 'One more try' : `About ${k} more tries`} ${like} would bring the chance of a yes to ${percent(TARGET_CHANCE)} or more.`);
  }
  const r = o.resolved;
  if (r.tries > 0) {
    const rates = view.attempts.filter((a) => a.beliefId === o.beliefId && a.outcome !== 'pending' && a.outcome !== 'withdrawn');
    said.push(
      `${r.rejections === 1 ? '1 rejection' : `${r.rejections} rejections`} from ${r.tries === 1 ? '1 try' : `${r.tries} tries`} ${rateWords(rates)}: a good-enough candidate expects ${about(r.expectedRejectionsIfGoodEnough)}.`,
    );
  }
  for (const sentence of said) lines.push(`  ${wrap(sentence, WIDTH, '  ')}`);
  return lines;
}

/** "at about 5%", "at 5% to 30%", "at rates you didn't give". */
function rateWords(attempts: readonly Attempt[]): string {
  const known = attempts.map((a) => a.rate).filter((r): r is number => r !== null);
  if (known.length === 0) return 'at rates you did not give (the usual ones assumed)';
  const low = Math.min(...known);
  const high = Math.max(...known);
  if (high - low < 1 || high / low < 1.5) return `at about ${formatRate((low + high) / 2)}%`;
  return `at ${formatRate(low)}% to ${formatRate(high)}%`;
}

export function chartLines(months: readonly { month: string; tries: number }[], target: number | null, c: ChalkInstance): string[] {
  const shown = months.slice(-12);
  const most = Math.max(1, target ?? 0, ...shown.map((m) => m.tries));
  const scale = most > BAR ? BAR / most : 1;
  const lines = [c.bold(`Tries per month${target !== null ? ` (your target: ${target})` : ''}`)];
  for (const { month, tries } of shown) {
    const filled = Math.round(tries * scale);
    const goal = target === null ? 0 : Math.max(0, Math.round(target * scale) - filled);
    const met = target !== null && tries >= target;
    const bar = c.cyan('█'.repeat(filled)) + c.dim('·'.repeat(goal));
    const note = target === null ? '' : met ? ' ✓' : '';
    lines.push(`  ${month}  ${bar}${filled + goal > 0 ? ' ' : ''}${tries}${note}`);
  }
  if (months.length > shown.length) lines.push(c.dim(`  (the last 12 of ${months.length} months)`));
  if (target !== null) lines.push(c.dim('  · marks what is left to reach the target; ✓ a month that reached it.'));
  return lines;
}

export function renderNewAttempt(a: AttemptRecord, c: ChalkInstance): string {
  const rate = a.selectionRateKnown ? `${formatRate(a.selectionRate)}% get through` : `rate unknown (about ${formatRate(a.selectionRate)}% assumed)`;
  const lines = [`Recorded attempt ${c.cyan(a.id)}: ${a.title} (${a.date}, ${a.method}, ${rate}).`];
  if (a.expectReplyBy) lines.push(`noisy will ask after ${a.expectReplyBy} whether you heard back.`);
  lines.push(`When you hear back: noisy attempts resolve ${a.id} OUTCOME`, '(OUTCOME: accepted, rejected, no-reply or withdrawn)');
  return lines.map((l) => wrap(l, WIDTH)).join('\n') + '\n';
}

export function renderResolved(a: AttemptRecord, before: Attempt['outcome'], chanceIfGoodEnough: number, c: ChalkInstance): string {
  const was = before !== 'pending' && before !== a.outcome ? ` (it was ${before})` : '';
  const lines = [`${c.cyan(a.id)} ${a.title}: ${a.outcome} on ${a.resolvedOn}${was}.`];
  if (a.outcome === 'rejected' || a.outcome === 'no-reply') {
    lines.push(
      `At ${formatRate(a.selectionRate)}% ${a.selectionRateKnown ? '' : '(assumed) '}a good-enough candidate is turned down by about ${percent(1 - chanceIfGoodEnough)} of tries like this one. ${a.outcome === 'no-reply' ? 'Silence counts as a rejection.' : ''}`.trim(),
    );
  } else if (a.outcome === 'accepted') {
    lines.push('Good news: it counts in your belief just as a rejection would have.');
  } else {
    lines.push('Withdrawn: it is left out of the arithmetic.');
  }
  return lines.map((l) => wrap(l, WIDTH)).join('\n') + '\n';
}

// ── "Did you hear back?" (noisy followup) ───────────────────────────────────────────────────────

export type ReplyChoice = 'accepted' | 'rejected' | 'not-yet' | 'no-reply' | 'withdrawn' | 'skip' | 'stop';

export const REPLY_CHOICES: readonly { value: ReplyChoice; name: string }[] = [
  { value: 'accepted', name: 'Yes, and it was a yes' },
  { value: 'rejected', name: 'Yes, and it was a no' },
  { value: 'not-yet', name: 'Not yet: ask me again later' },
  { value: 'no-reply', name: "No, and I've stopped waiting (counts as a no)" },
  { value: 'withdrawn', name: 'I withdrew (left out of the arithmetic)' },
  { value: 'skip', name: 'Skip it for now' },
  { value: 'stop', name: 'Stop here' },
];

export function replyQuestion(a: Attempt): string {
  return `Did you hear back about "${a.title}" (sent ${a.date}, reply expected by ${a.expectReplyBy ?? '?'})?`;
}

export function renderRepliesDue(attempts: readonly Attempt[], c: ChalkInstance): string {
  const head = attempts.length === 1 ? 'One attempt is past the day you expected a reply:' : `${attempts.length} attempts are past the day you expected a reply:`;
  return ['', c.bold(head), ...attempts.map((a) => `  ${c.dim(a.id)}  ${a.date}  ${cutPlain(a.title, 40)}${c.dim(`  (by ${a.expectReplyBy ?? '?'})`)}`), ''].join('\n') + '\n';
}

function cutPlain(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : chars.slice(0, width - 1).join('') + '…';
}

export function repliesDone(r: { resolved: number; postponed: number; skipped: number }): string {
  const parts: string[] = [];
  if (r.resolved > 0) parts.push(r.resolved === 1 ? 'one attempt resolved' : `${r.resolved} attempts resolved`);
  if (r.postponed > 0) parts.push(r.postponed === 1 ? 'one to ask about again later' : `${r.postponed} to ask about again later`);
  if (r.skipped > 0) parts.push(r.skipped === 1 ? 'one skipped (still due)' : `${r.skipped} skipped (still due)`);
  if (parts.length === 0) return 'Nothing changed.\n';
  const text = parts.join(', ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.\n`;
}

/** The one-line reminder other commands print on a terminal. */
export function repliesReminder(count: number, c: ChalkInstance): string {
  const what = count === 1 ? 'One attempt is' : `${count} attempts are`;
  return c.dim(`${what} past their reply date: \`noisy followup\` asks if you heard back.`) + '\n';
}
