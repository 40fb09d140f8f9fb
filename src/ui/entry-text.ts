import { localDay, localTime } from '../core/dates.js';
import type { ChalkInstance } from 'chalk';
import type { Entry, FollowUp } from '../core/entry.js';
import type { Pack } from '../core/pack.js';
import { KIND_LABELS, METHOD_LABELS, STATE_LABELS } from './labels.js';
import { wrap } from './style.js';
import { notAskedAboutMe } from './summary-text.js';
import { displayWidth, padToWidth } from './width.js';

const WIDTH = 80;
const INDENT = '  ';
/** Where values start, after their label. */
const VALUE_COLUMN = 16;

/** Wraps text someone typed, measured as a terminal shows it (wide characters, combining marks). */
const wrapTyped = (text: string, width: number, indent = '') => wrap(text, width, indent, displayWidth);

/** The entry as the person answered it, for `noisy show`. */
export function renderEntry(entry: Entry, pack: Pack, c: ChalkInstance): string {
  const out: string[] = [];
  const column = ' '.repeat(VALUE_COLUMN);
  const field = (label: string, value: string) => {
    if (!value) return;
    // A label too long for its column gets a line of its own, so it never runs into its value.
    if (displayWidth(label) + 2 > VALUE_COLUMN) out.push(c.dim(wrapTyped(label, WIDTH)), column + wrapTyped(value, WIDTH, column));
    else out.push(`${c.dim(padToWidth(label, VALUE_COLUMN))}${wrapTyped(value, WIDTH, column)}`);
  };
  out.push(c.bold(wrapTyped(entry.title, WIDTH)));
  field('Kind', KIND_LABELS[entry.kind]);
  field('Outcome', entry.outcome === 'accepted' ? 'good news' : 'a setback');
  field('Date', entry.date);
  field('Saved', localTime(entry.createdAt));
  for (const extra of pack.extras) field(extra.message.replace(/\s*\(optional.*\)$/i, '').replace(/\?$/, ''), entry.extras[extra.id] ?? '');
  if (entry.tags.length) field('Tags', entry.tags.map((t) => `#${t}`).join(' '));
  if (entry.story) {
    out.push('', c.bold('What happened'));
    for (const paragraph of entry.story.split(/\n/)) out.push(INDENT + wrapTyped(paragraph, WIDTH, INDENT));
  }
  out.push('', c.bold('The belief'));
  out.push(INDENT + wrapTyped(`"${entry.belief.statement}": ${entry.belief.before}% before, ${entry.belief.after}% after.`, WIDTH, INDENT));
  out.push('', c.bold('The evaluation'));
  field(`${INDENT}Method`, METHOD_LABELS[entry.evaluation.method]);
  field(`${INDENT}Minutes seen`, entry.evaluation.minutesSeen === null ? 'not known' : String(entry.evaluation.minutesSeen));
  field(`${INDENT}They saw`, entry.evaluation.whatTheySaw);
  field(`${INDENT}Accepts`, entry.evaluation.selectionRate === null ? 'not known' : `${entry.evaluation.selectionRate}%`);
  const labels = new Map(pack.confounders.map((x) => [x.id, x.label]));
  field(`${INDENT}Confounders`, entry.confounders.map((id) => labels.get(id) ?? id).join('; '));
  field(`${INDENT}Also`, entry.otherConfounders);
  const reasons = new Map(pack.notAboutMe.map((x) => [x.id, x.label]));
  // Good news is not asked about this: the heading only when something under it was answered.
  if (!notAskedAboutMe(entry) || entry.notAboutMeReasons.length > 0 || entry.state.length > 0) out.push('', c.bold('About me?'));
  if (!notAskedAboutMe(entry)) field(`${INDENT}About ability`, `${entry.aboutMe}%`);
  field(`${INDENT}Not about me`, entry.notAboutMeReasons.map((id) => reasons.get(id) ?? id).join('; '));
  field(`${INDENT}State`, entry.state.map((s) => STATE_LABELS[s]).join(', '));
  out.push('', c.bold('Next'));
  field(`${INDENT}Next step`, entry.nextStep || '(none yet)');
  if (entry.prediction) {
    field(`${INDENT}Prediction`, `${entry.prediction.statement} (${entry.prediction.probability}%, check on ${entry.prediction.checkOn})`);
  }
  field(`${INDENT}Follow-up`, entry.followUpOn ?? 'none planned');
  if (entry.followUps.length) {
    out.push('', c.bold('Follow-ups'));
    for (const f of entry.followUps) {
      out.push(INDENT + wrap(`${localDay(f.answeredAt)}: ${followUpSentence(f, entry.prediction !== null)}`, WIDTH, INDENT));
      if (f.whatHappened) out.push(INDENT + INDENT + wrapTyped(f.whatHappened, WIDTH, INDENT + INDENT));
    }
  }
  return out.join('\n') + '\n';
}

/** One follow-up in a sentence. */
export function followUpSentence(f: FollowUp, hasPrediction: boolean): string {
  const came = f.predictionCameTrue === null ? "can't tell yet" : f.predictionCameTrue ? 'came true' : "didn't come true";
  return `belief now ${f.beliefNow}%, next step ${f.tookNextStep ? 'taken' : 'not taken'}${hasPrediction ? `, prediction ${came}` : ''}.`;
}
