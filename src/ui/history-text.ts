// Every sentence of `noisy history` lives here, so its tone can be read in one place.
import type { ChalkInstance } from 'chalk';
import { FACTOR_BAND_WORDS, factorBand } from './summary-text.js';
import { KINDS } from '../core/domain.js';
import type { HistorySummary, Share } from '../core/history.js';
import { THRESHOLDS, type NeedUnit, type PatternId, type PatternResult } from '../core/patterns.js';
import { KIND_LABELS } from './labels.js';
import { wrap } from './style.js';

const WIDTH = 80;
const INDENT = '  ';

export interface PatternWords {
  title: string;
  explanation: string;
  suggestion: string;
}

const TITLES: Readonly<Record<PatternId, string>> = {
  overupdating: 'Moving much further than the evidence',
  'about-me-despite-weak-evidence': 'Taking it personally on thin evidence',
  'self-verdict-without-evidence': 'Judging yourself before anyone else does',
  'state-clouding': 'Tired or low days hit harder',
  'no-reality-contact': 'Little new evidence after a setback',
  'pessimistic-predictions': 'Things go better than you predict',
  'retreat-after-rejection': 'Trying less after a rejection',
  'few-attempts': 'Verdicts recorded, few tries',
};

/** One concrete thing to try, from the essay's advice, in our words. */
const SUGGESTIONS: Readonly<Record<PatternId, string>> = {
  overupdating:
    'After the next setback, wait a day before you decide anything about yourself, and look at the warranted number before you settle on your own.',
  'about-me-despite-weak-evidence':
    'Next time, ask for feedback: one short question about what decided it usually shows how little of it was about you.',
  'self-verdict-without-evidence':
    "Apply anyway: send one application you're sure won't work out, and let someone other than you be the judge.",
  'state-clouding':
    "When you're worn out or low, rest first and wait a day before deciding what a setback means. The decision will keep.",
  'no-reality-contact':
    "Pick one small step that gets you a fresh answer this week: ask someone for feedback, or send one application. If you're running on empty, resting first is a fine step too.",
  'pessimistic-predictions':
    'Next time your gut says they would never take you, apply anyway: your own record says your chances are better than they feel.',
  'retreat-after-rejection':
    'After the next no, send one more application within the week, the smallest one you can find. At the rates most programmes accept, a good candidate needs many tries, and each no is one of them.',
  'few-attempts':
    "Put a try on the calendar: one application, one email to someone whose work you admire, one workshop submission. `noisy attempts add` keeps count, and shows how many tries a likely yes takes.",
};

/** Said first when the latest entries say the person is exhausted or unwell (the essay's balance). */
const REST_FIRST =
  'Your latest entries say you are worn out or unwell: resting first is a fine answer, and the tries will keep. When you have the energy again:';

const NEEDS: Readonly<Record<NeedUnit, string>> = {
  entries: 'entries',
  'weak-evidence-entries': 'entries where the evaluator saw under an hour of you or you ticked several confounders',
  'clouded-entries': 'entries written while tired, hungry, low, anxious or unwell',
  'clear-entries': 'entries written while feeling fine',
  'resolved-predictions': 'predictions checked in a follow-up (noisy followup)',
  'settled-rejections': `rejections at least ${THRESHOLDS['retreat-after-rejection'].weeks} weeks old (entries or attempts)`,
  setbacks: 'rejections or verdicts on yourself',
  'tries-before': `tries recorded (noisy attempts add) in the ${THRESHOLDS['retreat-after-rejection'].weeks} weeks before rejections`,
};

const percent = (share: number | null | undefined): string => (share == null ? '–' : `${Math.round(share * 100)}%`);
const points = (value: number | null | undefined): string => `${Math.round(Math.abs(value ?? 0))} points`;
/** A ratio of moves in words and bands ("tens of times"), never as a precise number (issue 13). */
const times = (factor: number | null | undefined, same = 'about'): string => {
  if (factor == null) return '';
  const band = factorBand(factor);
  return band === 'same' ? same : FACTOR_BAND_WORDS[band];
};
/** A whole number with thousands separators: 72,648 reads better than 72648. */
const num = (n: number | null | undefined): string => (n ?? 0).toLocaleString('en-US');
const count = (n: number | null | undefined, one: string, many = `${one}s`): string => `${num(n)} ${n === 1 ? one : many}`;

/** Where a person landed against the warranted belief, in words ("30 points below"). */
function gapWords(gap: number | null | undefined): string {
  if (gap == null || Math.round(gap) === 0) return 'right where the evidence pointed';
  return `${points(gap)} ${gap > 0 ? 'below' : 'above'} where the evidence pointed`;
}

/** The same, briefly, once gapWords has said what the points are measured from. */
function gapShort(gap: number | null | undefined): string {
  if (gap == null || Math.round(gap) === 0) return 'right on it';
  return `${points(gap)} ${gap > 0 ? 'below' : 'above'}`;
}

/** "Too few to tell yet", in the one wording `history` uses for it (patterns and the predictions section). */
export function notEnoughText(what: NeedUnit, atLeast: number, have: number): string {
  return `Not enough to go on yet: this needs at least ${atLeast} ${NEEDS[what]}, and there ${have === 1 ? 'is' : 'are'} ${have} so far.`;
}

/** Title, explanation and suggestion of a detector's result: plain text, used by both --json and the terminal. */
export function describePattern(p: PatternResult): PatternWords {
  const title = TITLES[p.id];
  const suggestion = p.measured.restFirst === 1 ? `${REST_FIRST} ${lowerFirst(SUGGESTIONS[p.id])}` : SUGGESTIONS[p.id];
  if (p.status === 'not-enough-data' && p.needs) {
    const { what, atLeast, have } = p.needs;
    return { title, suggestion, explanation: notEnoughText(what, atLeast, have) };
  }
  return { title, suggestion, explanation: p.status === 'found' ? foundText(p) : clearText(p) };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function foundText(p: PatternResult): string {
  const m = p.measured;
  switch (p.id) {
    case 'overupdating':
      return `In ${num(m.entries)} of ${count(m.outOf, 'entry', 'entries')} your belief fell at least ${THRESHOLDS.overupdating.factor} times as far as the evidence supported${m.medianFactor != null ? ` (typically ${times(m.medianFactor, 'about')} as far)` : ''}. One setback at a time, that builds a far gloomier picture of you than the evaluations themselves carry.`;
    case 'about-me-despite-weak-evidence':
      return `Of the ${count(m.outOf, 'evaluation')} that saw under an hour of you or had several other things going on, you rated ${num(m.entries)} as mostly about you. With that little to go on, most of the verdict was about something else.`;
    case 'self-verdict-without-evidence':
      return `${num(m.selfAssessments)} of your entries are verdicts you passed on yourself, and only ${count(m.outsideEvaluations, 'came', 'came')} from anyone else. Your own judgment tracks your real ability only loosely, and it's been doing most of the judging.`;
    case 'state-clouding':
      return `On entries written while tired, hungry, low, anxious or unwell, you typically landed ${gapWords(m.cloudedMedianGap)}; on other days, ${gapShort(m.clearMedianGap)}. How you feel is tilting how you judge yourself.`;
    case 'no-reality-contact':
    {
      const reasons = [
        m.noNextStep ? `${num(m.noNextStep)} had no next step` : '',
        m.stepNotTaken ? `in ${num(m.stepNotTaken)} the step wasn't taken` : '',
        m.followUpOverdue ? `${count(m.followUpOverdue, 'follow-up is', 'follow-ups are')} over ${THRESHOLDS['no-reality-contact'].overdueDays} days overdue` : '',
      ].filter(Boolean);
      const listed = reasons.length > 1 ? `${reasons.slice(0, -1).join(', ')} and ${reasons.at(-1)}` : reasons.join('');
      return `${num(m.entries)} of ${count(m.outOf, 'entry', 'entries')} didn't lead to new evidence: ${listed}. Without fresh evidence, the last verdict stays the only one you have.`;
    }
    case 'retreat-after-rejection':
      return `In the ${m.weeks} weeks before your ${count(m.rejections, 'rejection')} you made ${count(m.triesBefore, 'try', 'tries')}; in the ${m.weeks} weeks after, ${num(m.triesAfter)}. Each no made the next try less likely, just when more tries are what turns noise into a yes.`;
    case 'few-attempts':
      return `You recorded ${count(m.setbacks, 'rejection or verdict on yourself', 'rejections and verdicts on yourself')}, and ${count(m.tries, 'try', 'tries')} (applications, evaluations you sought, attempts in the ledger). Verdicts are what you have been collecting, not chances: a few say little, and only new tries add evidence.`;
    case 'pessimistic-predictions':
      return `Of the ${num(m.resolvedPredictions)} predictions you checked, ${num(m.cameTrue)} came true (${Math.round(m.cameTruePercent ?? 0)}%), though you gave them ${Math.round(m.statedMeanPercent ?? 0)}% on average. That many coming true would be unlikely if your numbers had been right.`;
  }
}

function clearText(p: PatternResult): string {
  const m = p.measured;
  switch (p.id) {
    case 'overupdating':
      return `Your moves mostly stayed in proportion to the evidence: ${num(m.entries)} of ${count(m.outOf, 'entry', 'entries')} fell more than ${THRESHOLDS.overupdating.factor} times as far as warranted.`;
    case 'about-me-despite-weak-evidence':
      return `On evaluations that saw little of you, you mostly didn't take the verdict as being about you (${num(m.entries)} of ${num(m.outOf)}).`;
    case 'self-verdict-without-evidence':
      return `Most of your entries are about other people's evaluations, not verdicts you passed on yourself (${num(m.selfAssessments)} of ${num((m.selfAssessments ?? 0) + (m.outsideEvaluations ?? 0))}).`;
    case 'state-clouding':
      return `Tired or low days didn't move you much more than other days: you typically landed ${gapWords(m.cloudedMedianGap)} on those, and ${gapShort(m.clearMedianGap)} on the rest.`;
    case 'no-reality-contact':
      return `Most setbacks led to a next step that you took (${num(m.entries)} of ${count(m.outOf, 'entry', 'entries')} didn't).`;
    case 'pessimistic-predictions':
      return predictionsNotFoundText(m);
    case 'retreat-after-rejection':
      return `You kept trying after rejections: ${count(m.triesBefore, 'try', 'tries')} in the ${m.weeks} weeks before them, ${num(m.triesAfter)} in the ${m.weeks} weeks after.`;
    case 'few-attempts':
      return `You keep trying: ${count(m.tries, 'try', 'tries')} for ${count(m.setbacks, 'rejection or verdict on yourself', 'rejections and verdicts on yourself')}.`;
  }
}

/**
 * The pessimistic-predictions pattern when its rule did not find it: more came true, but too few to
 * tell from luck yet; or about as many as you said; or fewer. The predictions section says the same.
 */
export function predictionsNotFoundText(m: PatternResult['measured']): string {
  const came = Math.round(m.cameTruePercent ?? 0);
  const said = Math.round(m.statedMeanPercent ?? 0);
  const excess = (m.cameTruePercent ?? 0) - (m.statedMeanPercent ?? 0);
  if (excess >= THRESHOLDS['pessimistic-predictions'].minExcessPoints) {
    return `More of your predictions came true than you said (${came}% against ${said}% predicted), but ${num(m.resolvedPredictions)} are too few to tell that from luck yet.`;
  }
  if (excess <= -THRESHOLDS['pessimistic-predictions'].minExcessPoints) {
    return `Fewer of your predictions came true than you said (${came}% against ${said}% predicted, over ${num(m.resolvedPredictions)}). Worth noting, and still only a handful of outcomes.`;
  }
  return `Your predictions came true about as often as you said (${came}% against ${said}% predicted, over ${num(m.resolvedPredictions)}).`;
}

// ── The overview ────────────────────────────────────────────────────────────────────────────────

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of 0–100 values on a fixed scale, so a low line means a low belief. */
export function sparkline(values: readonly number[]): string {
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.max(0, Math.round((v / 100) * (BARS.length - 1))))]).join('');
}

function shareLine(label: string, s: Share, of: string): string {
  return s.outOf === 0 ? `${label}: no ${of} to count.` : `${label}: ${percent(s.share)} (${num(s.entries)} of ${num(s.outOf)} ${of}).`;
}

/** `sections`: further lines (e.g. the calibration section) shown before the patterns. */
export function renderHistory(summary: HistorySummary, patterns: readonly PatternResult[], c: ChalkInstance, sections: readonly string[] = []): string {
  const out: string[] = [];
  const heading = (text: string) => out.push('', c.bold(text));
  const line = (text: string, indent = INDENT) => out.push(indent + wrap(text, WIDTH - indent.length, indent));

  const span = summary.firstDate === summary.lastDate ? `${summary.firstDate}` : `${summary.firstDate} to ${summary.lastDate}`;
  out.push(c.bold(`History: ${count(summary.entries, 'entry', 'entries')}`) + c.dim(`  ·  ${span}`));
  line(
    KINDS.filter((k) => summary.byKind[k] > 0)
      .map((k) => `${KIND_LABELS[k]} ${num(summary.byKind[k])}`)
      .join(' · '),
  );

  const { points: beliefPoints, entriesPerPoint } = summary.beliefOverTime;
  heading('Belief right after each evaluation, oldest first');
  const label = (text: string) => INDENT + text.padEnd(11);
  out.push(label('you') + c.yellow(sparkline(beliefPoints.map((p) => p.after))));
  out.push(label('warranted') + c.cyan(sparkline(beliefPoints.map((p) => p.warranted))));
  out.push(
    INDENT +
      c.dim(`${' '.repeat(11)}scale ${BARS[0]} 0% to ${BARS.at(-1)} 100%${entriesPerPoint > 1 ? `; each mark averages ${num(entriesPerPoint)} entries` : ''}`),
  );
  line(`Typically you landed ${gapWords(summary.medianGap)}.`);

  heading('Across your entries');
  line(
    summary.medianOverupdateFactor === null
      ? 'Over-update: none of these evaluations warranted a measurable move, so there is no ratio to show.'
      : `Over-update: your moves were typically ${times(summary.medianOverupdateFactor)} the size the evidence supports (median of ${count(summary.overupdateFactorEntries, 'entry', 'entries')}).`,
  );
  line(shareLine(`Saw under ${summary.littleInformation.underMinutes} minutes of you`, summary.littleInformation, 'evaluations where you knew'));
  line(shareLine(`"Mostly about me" (${summary.mostlyAboutMe.atLeastPercent}% or more)`, summary.mostlyAboutMe, 'entries'));

  if (sections.length > 0) out.push('', ...sections);

  heading('Patterns');
  const order: Record<PatternResult['status'], number> = { found: 0, 'not-found': 1, 'not-enough-data': 2 };
  for (const p of [...patterns].sort((a, b) => order[a.status] - order[b.status])) {
    const words = describePattern(p);
    if (p.status === 'found') {
      out.push(INDENT + c.yellow('● ') + c.bold(words.title) + c.dim(`  (${p.id})`));
      line(words.explanation, INDENT + '  ');
      if (p.entries.length > 0) line(`Entries: ${entryList(p.entries)}`, INDENT + '  ');
      if (p.attempts.length > 0) line(`Attempts: ${entryList(p.attempts)}`, INDENT + '  ');
      line(`${c.bold('Try this:')} ${words.suggestion}`, INDENT + '  ');
    } else {
      out.push(INDENT + c.dim(p.status === 'not-found' ? '○ ' : '· ') + words.title + c.dim(`  (${p.id})`));
      line(c.dim(words.explanation), INDENT + '  ');
    }
  }
  if (patterns.some((p) => p.status === 'found')) {
    out.push('');
    line(c.dim('Open an entry with `noisy show ID`. `noisy history --json` shows the threshold behind each pattern.'));
  }
  return out.join('\n') + '\n';
}

/** The most recent few ids first, so the line stays short on a long journal. */
function entryList(ids: readonly string[], shown = 5): string {
  const recent = ids.slice(-shown).reverse().join(', ');
  return ids.length <= shown ? recent : `${recent} and ${num(ids.length - shown)} more`;
}
