// `noisy beliefs` as a person reads it: each belief, its evidence in a line, and where all of it
// together leaves a calibrated person, as a range and in words (never a precise factor).
import type { ChalkInstance } from 'chalk';
import { beliefMove, type BeliefMove, type BeliefPicture } from '../core/belief-picture.js';
import { safeText } from './terminal-safe.js';
import { wrap } from './style.js';
import { overupdateWords } from './summary-text.js';

const WIDTH = 80;
const INDENT = '  ';

const pct = (value: number): string => `${Math.round(value)}%`;
const correlation = (value: number): string => value.toFixed(2).replace(/^0/, '');

/** "between 8% and 52%", or "at about 45%" when the range rounds to one number. */
export function landingWords(combined: BeliefPicture['combined']): string {
  const range = combined.warrantedRange;
  if (range === null || combined.warrantedBelief === null) return '';
  const low = Math.round(range.low);
  const high = Math.round(range.high);
  return low === high ? `at about ${pct(combined.warrantedBelief)}` : `between ${low}% and ${high}%`;
}

/** A count as people write it: 19,861. */
const count = (n: number): string => n.toLocaleString('en-US');

/** "8 rejections", "5 rejections and 2 acceptances", "1 acceptance". */
export function outcomeWords(picture: BeliefPicture): string {
  const rejected = picture.evaluations.filter((e) => e.outcome === 'rejected').length;
  const accepted = picture.evaluations.length - rejected;
  const part = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;
  const parts = [rejected > 0 ? part(rejected, 'rejection', 'rejections') : '', accepted > 0 ? part(accepted, 'acceptance', 'acceptances') : ''].filter(Boolean);
  return parts.join(' and ');
}

/** The person's move against the warranted one, in the bands an entry's summary uses. */
export function beliefMoveSentence(move: BeliefMove, picture: BeliefPicture): string | null {
  const words = overupdateWords({ overupdateFactor: move.factor, overupdateRange: move.factorRange });
  const down = picture.combined.likelihoodRatio < 1;
  switch (move.comparison) {
    case 'much-larger':
    case 'larger':
      return `Your move is ${words} the size all of this evidence supports.`;
    case 'in-line':
      return 'Your move is about in line with what all of this evidence supports.';
    case 'smaller':
    case 'much-smaller':
      return `You moved ${move.comparison === 'much-smaller' ? 'far less' : 'less'} than all of this evidence supports: a calibrated person would ${down ? 'come down' : 'go up'} further. Let it count; no reason to be hard on yourself.`;
    case 'opposite-direction':
      return `Your belief went ${down ? 'up' : 'down'} while the evidence, taken together, points the other way.`;
    case 'no-move-warranted':
      return picture.evaluations.length > 0 ? 'Taken together, this evidence barely moves a calibrated person.' : null;
  }
}

/** The assumptions the picture rests on, in a sentence. */
function assumptionWords(picture: BeliefPicture): string {
  const ranged = (id: string) => picture.combined.assumptions.includes(id);
  const bar = `"doing well" means the top ${pct(picture.bar)} of people who try${ranged('model.bar.low') ? ' (10% to 50% tried)' : ' (your choice)'}`;
  if (picture.evaluations.length <= 1) return `Assumed: ${bar}.`;
  const shared = ranged('model.shared-error.low')
    ? `evaluations share error at ${correlation(picture.sharedErrorCorrelation)} (0 to .60 tried)`
    : `evaluations share error at ${correlation(picture.sharedErrorCorrelation)} (your choice)`;
  return `Assumed: ${bar}; ${shared}.`;
}

/**
 * What is said of one belief, paragraph by paragraph, in our own words (no statement, no colour):
 * the terminal (`noisy beliefs`, `noisy history`) and the Markdown export lay the same sentences out.
 * `brief` (history): the evidence, the stated beliefs, where a calibrated person lands and the move;
 * how many entries were left out, not which; not the ageing or the assumptions.
 */
export function beliefParagraphs(picture: BeliefPicture, brief = false): string[] {
  const paragraphs: string[] = [];
  const n = picture.evaluations.length;
  if (n > 0) {
    const first = picture.evaluations[0]!.date;
    const last = picture.evaluations.at(-1)!.date;
    const when = first === last ? `on ${first}` : `from ${first} to ${last}`;
    paragraphs.push(`Evidence: ${n === 1 ? '1 evaluation' : `${count(n)} evaluations`} (${outcomeWords(picture)}), ${when}.`);
  }
  if (picture.before === null || picture.now === null) {
    paragraphs.push(
      n > 0
        ? "You haven't said how sure you are of this yet. After `noisy reflect` on one of these, noisy shows where all of it leaves a calibrated person."
        : 'No entries or resolved attempts are about this belief now.',
    );
    return paragraphs;
  }
  paragraphs.push(`You were at ${pct(picture.before)} before the first; the latest you said is ${pct(picture.now)}.`);
  if (n > 0) {
    const landing = landingWords(picture.combined);
    const central = landing.startsWith('between') ? ` (about ${pct(picture.combined.warrantedBelief!)} at the central assumptions)` : '';
    paragraphs.push(`All of it together would leave a calibrated person ${landing}${central}.`);
    const sentence = beliefMoveSentence(beliefMove(picture), picture);
    if (sentence) paragraphs.push(sentence);
  }
  if (brief) {
    const out = picture.leftOut.length;
    if (out > 0) paragraphs.push(`Left out: ${out === 1 ? 'one entry' : `${count(out)} entries`} saved before noisy's checks (\`noisy beliefs\` lists ${out === 1 ? 'it' : 'them'}).`);
    return paragraphs;
  }
  if (n > 0) {
    const aged = picture.evaluations.filter((e) => e.weight < 1).length;
    if (aged > 0) paragraphs.push(`${aged === 1 ? 'One evaluation is' : `${count(aged)} evaluations are`} over a year old and count${aged === 1 ? 's' : ''} for less: people grow.`);
    paragraphs.push(assumptionWords(picture));
  }
  if (picture.leftOut.length > 0) {
    const ids = picture.leftOut.map((l) => l.entryId ?? l.attemptId).join(', ');
    const one = picture.leftOut.length === 1;
    paragraphs.push(
      `Left out: ${one ? 'one entry was' : `${count(picture.leftOut.length)} entries were`} saved before noisy's checks (a rate its outcome can't happen at, such as a rejection where everyone gets in, or a method that doesn't fit its kind): ${ids}. \`noisy edit ID\` can correct ${one ? 'it' : 'them'}.`,
    );
  }
  return paragraphs;
}

/** One belief, in at most a dozen lines of 80 columns (`brief`: about five, see beliefParagraphs), each line after `indent`. */
export function renderBelief(picture: BeliefPicture, c: ChalkInstance, options: { brief?: boolean; indent?: string } = {}): string {
  const indent = options.indent ?? '';
  const lines = [indent + wrap(`${c.bold(picture.id)}  "${safeText(picture.statement)}"`, WIDTH, indent + INDENT)];
  for (const text of beliefParagraphs(picture, options.brief)) lines.push(indent + INDENT + wrap(text, WIDTH, indent + INDENT));
  return lines.join('\n');
}

/**
 * The section of `noisy history` on beliefs: each one's picture, briefly. `filtered`: the pictures
 * are of the evidence history's filters chose, and the section says so.
 */
export function renderBeliefsSection(pictures: readonly BeliefPicture[], c: ChalkInstance, filtered: boolean): string {
  const lines = [c.bold('Each belief, all its evidence together')];
  const note = filtered
    ? 'From the evaluations these filters choose (attempts by the day they were resolved); `noisy beliefs` takes all of them, with the assumptions.'
    : 'Where all the evaluations of each belief leave a calibrated person, next to where you are now; `noisy beliefs` shows the assumptions.';
  lines.push(INDENT + wrap(note, WIDTH, INDENT));
  for (const picture of pictures) lines.push(renderBelief(picture, c, { brief: true, indent: INDENT }));
  return lines.join('\n');
}

export function renderBeliefs(pictures: readonly BeliefPicture[], c: ChalkInstance): string {
  const heading = pictures.length === 1 ? 'One belief' : `${pictures.length} beliefs, the most recently evaluated first`;
  const blocks = pictures.map((p) => renderBelief(p, c));
  return `${c.bold(heading)}\n\n${blocks.join('\n\n')}\n\nSee \`noisy evidence\` for every figure behind these.\n`;
}
