// Every sentence of the reframed summary lives here, so its tone can be read in one place.
import type { ChalkInstance } from 'chalk';
import type { Assessment } from '../core/summary.js';
import { METHODS_BY_KIND, type State } from '../core/domain.js';
import type { Entry } from '../core/entry.js';
import { GOOD_NEWS_ABOUT_ME } from '../core/fields.js';
import type { WarrantedUpdate } from '../core/warranted.js';
import { KIND_LABELS, METHOD_LABELS, STATE_LABELS } from './labels.js';
import { visibleLength, wrap } from './style.js';

const WIDTH = 80;
const INDENT = '  ';

/** The whole summary: what matters first (the glance), then the details under their headings. */
export function renderSummary(entry: Entry, assessment: Assessment, c: ChalkInstance, measure?: Measure): string {
  return renderGlance(entry, assessment, c, measure) + renderDetails(entry, assessment, c, measure);
}

/**
 * Counts the columns a line takes. The summary quotes what the person typed (wide characters,
 * combining marks): the commands pass displayWidth (./width.ts), loaded once the questions are over.
 */
type Measure = (text: string) => number;

function writer(c: ChalkInstance, measure: Measure) {
  const out: string[] = [];
  return {
    out,
    heading: (text: string) => out.push('', c.bold(text)),
    line: (text: string) => out.push(INDENT + wrap(text, WIDTH - INDENT.length, INDENT, measure)),
    bullet: (text: string) => out.push(INDENT + '• ' + wrap(text, WIDTH - INDENT.length - 2, INDENT + '  ', measure)),
  };
}

/**
 * What matters, on the first screen (about 20 lines at 80 columns): the title, your move next to
 * where a calibrated person would land and why, and your next step.
 */
export function renderGlance(entry: Entry, assessment: Assessment, c: ChalkInstance, measure: Measure = visibleLength): string {
  const { out, heading, line } = writer(c, measure);
  const meta = `${entry.outcome === 'accepted' ? 'good news  ·  ' : ''}${KIND_LABELS[entry.kind]}  ·  ${entry.date}  ·  ${entry.id}`;
  if (measure(entry.title) + 5 + meta.length <= WIDTH) out.push(c.bold(entry.title) + c.dim(`  ·  ${meta}`));
  else out.push(c.bold(wrap(entry.title, WIDTH, '', measure)), c.dim(meta));

  heading('How far should this move you?');
  for (const text of warrantedLines(entry, assessment)) line(text);

  heading('Next');
  line(stepLine(assessment, (s) => c.bold(s)));
  for (const text of predictionLines(assessment)) line(text);
  if (entry.followUpOn) line(c.dim(`Follow-up on ${entry.followUpOn}: run \`noisy followup\` then.`));
  return out.join('\n') + '\n';
}

/** The details behind the glance, each under its heading. */
export function renderDetails(entry: Entry, assessment: Assessment, c: ChalkInstance, measure: Measure = visibleLength): string {
  const { out, heading, line, bullet } = writer(c, measure);
  const state = stateLines(assessment);
  if (state.length > 0) {
    heading('How you are right now');
    for (const text of state) line(text);
  }

  heading('What the evaluator had to go on');
  line(informationSentence(assessment));
  if (assessment.information.whatTheySaw) line(c.dim(`What they saw: ${assessment.information.whatTheySaw}`));

  if (assessment.noise.length > 0) {
    heading('Noise in this evaluation');
    for (const note of assessment.noise) {
      bullet(`${c.bold(note.label)}${note.from === 'answers' ? c.dim(' (from your answers)') : ''}. ${note.why}`);
    }
  }
  if (assessment.aboutMe.otherConfounders) {
    line(`You also noted: ${assessment.aboutMe.otherConfounders}`);
  }

  const aboutMe = aboutMeLines(assessment);
  if (aboutMe.length > 0) {
    heading('Was it about you?');
    for (const text of aboutMe) line(text);
  }

  if (assessment.facts.length > 0) {
    heading('Worth knowing');
    for (const fact of assessment.facts) bullet(`${fact.text} ${c.dim(`(${fact.source})`)}`);
  }
  return out.join('\n') + '\n';
}

// The sentence builders below return plain sentences, so a renderer can style them its own way.

function stepLine(assessment: Assessment, emphasise: (text: string) => string): string {
  if (assessment.nextStep) return `Your next step: ${emphasise(assessment.nextStep)}. ${NEXT_STEP_WORTH[nextStepWorth(assessment)]}`;
  return assessment.outcome === 'accepted'
    ? 'Let this count before you move on. Then build on it: the next application, conversation or piece of work adds more evidence.'
    : 'No next step yet. When you have one, make it something that gets you new evidence: an application, a question to someone, a small piece of work.';
}

/** How the person is right now, and what that means for today's verdict. */
function stateLines(assessment: Assessment): string[] {
  const lines: string[] = [];
  if (assessment.cloudedBy.length > 0) {
    lines.push(`You're ${statePhrase(assessment.cloudedBy)} right now, and that tilts how you judge yourself. Hold today's verdict loosely.`);
  }
  if (assessment.restIsFine) {
    lines.push('Resting is a perfectly good next step too. Pushing harder while worn out helps nobody; the step will keep.');
  }
  return lines;
}

function predictionLines(assessment: Assessment): string[] {
  const lines: string[] = [];
  if (assessment.prediction) {
    const p = assessment.prediction;
    lines.push(`You predicted: "${p.statement}" at ${p.probability}%. We'll check it on ${p.checkOn}.`);
  }
  return lines;
}

/**
 * How strong to call this evaluation beside the next step. An evaluator who saw days or months of
 * someone's work saw more than the next application will, even where the rate makes the outcome
 * itself say little (kept on where most are): then it is never "weak" here.
 */
function nextStepWorth(a: Assessment): Assessment['evidenceStrength'] {
  const sawMuch = a.information.method === 'job-performance' || a.information.level === 'days' || a.information.level === 'weeks-or-more';
  return a.evidenceStrength === 'weak' && sawMuch ? 'moderate' : a.evidenceStrength;
}

/** What taking the next step adds, by how strong this evaluation was (never contradicting it). */
const NEXT_STEP_WORTH: Readonly<Record<Assessment['evidenceStrength'], string>> = {
  weak: 'Doing it will tell you more than this evaluation did.',
  moderate: 'Doing it adds new evidence to weigh beside this one.',
  strong: 'This evaluation counts; doing it adds new evidence beside it.',
};

function pct(value: number): string {
  return `${Math.round(value)}%`;
}

export function warrantedLines(entry: Entry, w: WarrantedUpdate): string[] {
  const { before, after } = entry.belief;
  const lines: string[] = [];
  const moved =
    before === after
      ? `You held steady at ${pct(before)} on "${entry.belief.statement}".`
      : `You moved from ${pct(before)} to ${pct(after)} on "${entry.belief.statement}".`;
  lines.push(moved);
  const leftOut = leftOutLine(entry, w);
  if (leftOut) {
    lines.push(leftOut);
    return lines;
  }
  lines.push(`An evaluation like this, ${processPhrase(w)}, would leave a calibrated person ${landing(w)}.`);
  lines.push(whyLine(w));
  const comparison = comparisonLine(entry, w);
  if (comparison) lines.push(comparison);
  if (w.evidenceStrength === 'strong') {
    const rest = w.outcome === 'accepted' ? 'Let it count.' : "It is still one role, one stretch of time and a few people's view.";
    lines.push(`This is strong evidence: ${METHOD_LABELS[w.method]} sees a lot of how you work, and it deserves real weight. ${rest}`);
  }
  return lines;
}

/**
 * Why the model leaves this entry out, and what to change: only entries saved before noisy checked
 * these rules (new answers are refused), so `noisy edit` is the fix.
 */
export function leftOutLine(entry: Pick<Entry, 'id' | 'kind'>, w: Pick<WarrantedUpdate, 'overupdateNote' | 'outcome' | 'method'>): string | null {
  if (w.overupdateNote === 'impossible-outcome') {
    const what = w.outcome === 'rejected' ? 'a rejection from a process that takes everyone (100%)' : 'an acceptance from a process that takes no one (0%)';
    return `This entry records ${what}, which can't happen, so the model leaves it out. To see what it warrants, give the real share (or none, if you don't know it) with \`noisy edit ${entry.id}\`.`;
  }
  if (w.overupdateNote === 'method-does-not-fit-kind') {
    const fits = METHODS_BY_KIND[entry.kind].map((m) => METHOD_LABELS[m]).join(', or ');
    return `This entry says ${METHOD_LABELS[w.method]} evaluated a ${KIND_LABELS[entry.kind]}, which doesn't fit, so the model leaves it out. To see what it warrants, set the method (${fits}) with \`noisy edit ${entry.id}\`.`;
  }
  return null;
}

function processPhrase(w: WarrantedUpdate): string {
  const rate = formatRate(w.selectionRate);
  if (w.method === 'conversation' || w.method === 'self-assessment') {
    return w.outcome === 'accepted'
      ? `${METHOD_LABELS[w.method]}, counting a warm verdict as landing in the top ${rate}`
      : `${METHOD_LABELS[w.method]}, counting a harsh verdict as landing in the bottom ${formatRate(100 - w.selectionRate)}`;
  }
  if (w.method === 'job-performance') {
    return w.selectionRateKnown ? `${METHOD_LABELS[w.method]} where about ${rate} are kept on` : `${METHOD_LABELS[w.method]} (we assumed about ${rate} are kept on)`;
  }
  return w.selectionRateKnown
    ? `${METHOD_LABELS[w.method]} that accepts about ${rate}`
    : `${METHOD_LABELS[w.method]} (acceptance rate unknown, so we assumed about ${rate})`;
}

/** "between 52% and 61%", or "at about 59%" when the range rounds to one number. */
function landing(w: WarrantedUpdate): string {
  const low = Math.round(w.warrantedRange.low);
  const high = Math.round(w.warrantedRange.high);
  return low === high ? `at about ${pct(w.warrantedBelief)}` : `between ${low}% and ${high}%`;
}

function whyLine(w: WarrantedUpdate): string {
  const r = correlation(w.baseValidity);
  const see = 'See `noisy evidence` for the figures.';
  if (w.method === 'peer-review') {
    return `Why: reviews judge a paper, not a person. Two committees reviewing the same papers agreed only at about .53, and one paper's fate says less still about its author. ${see}`;
  }
  if (w.method === 'self-assessment') {
    const state = w.validityDiscount.stateFactor < 1 ? ', and half that while tired, low or anxious' : '';
    return `Why: how people rate themselves tracks how they actually do only loosely (r ≈ ${r} across 55 studies), so we count a verdict on yourself as at most .10${state}. ${see}`;
  }
  const strength = w.baseValidity < 0.2 ? 'only loosely' : w.baseValidity < 0.35 ? 'modestly' : w.baseValidity < 0.5 ? 'moderately' : 'fairly well';
  const spread = w.validityRange.high > w.validity + 1e-9 || w.validityRange.low < w.validity - 1e-9 ? rangeOfPublished(w) : '';
  const lowered = w.validity < w.baseValidity - 1e-9 ? ', less here for what you told us' : '';
  const selective = w.method !== 'conversation' && w.selectionRate <= 30;
  const chosen = w.outcome === 'accepted' ? 'and a yes where few get one says more than a yes where most do' : 'and when few are chosen, strong people get turned down too';
  const because = selective ? chosen : 'and one evaluation is one noisy draw';
  return `Why: ${METHOD_LABELS[w.method]} tracks real ability ${strength} (r ≈ ${r}${spread}${lowered}), ${because}. ${see}`;
}

/** ", .07–.38 across studies": the published ends, before any discount. */
function rangeOfPublished(w: WarrantedUpdate): string {
  const scale = w.validity > 0 ? w.baseValidity / w.validity : 1;
  const low = correlation(w.validityRange.low * scale);
  const high = correlation(w.validityRange.high * scale);
  return low === high ? '' : `; ${low}–${high} across studies`;
}

function correlation(value: number): string {
  return value.toFixed(2).replace(/^0/, '');
}

function comparisonLine(entry: Entry, w: WarrantedUpdate): string | null {
  if (w.outcome === 'accepted') return goodNewsComparison(entry, w);
  const { before, after } = entry.belief;
  const down = w.warrantedShift < 0;
  switch (w.moveComparison) {
    case 'much-larger':
    case 'larger':
      return `Your move was ${overupdateWords(w)} the size this evidence supports.`;
    case 'in-line':
      return 'Your move is about in line with what this evidence supports.';
    case 'smaller':
    case 'much-smaller': {
      const how = w.moveComparison === 'much-smaller' ? 'far less' : 'less';
      const further = down ? 'come down further' : 'go up further';
      return `You moved ${how} than this evidence supports: a calibrated person would ${further}, to ${landing(w).replace(/^at /, '')}. That is worth knowing, and no reason to be hard on yourself: let it count, then look for the next piece of evidence.`;
    }
    case 'opposite-direction':
      return down
        ? 'Your belief went up after this, while the evidence points a little the other way.'
        : 'Your belief went down after this, while the evidence points a little the other way.';
    case 'no-move-warranted':
      return after < before ? 'This evidence barely moves a calibrated person, so any large drop is mostly the sting talking.' : null;
  }
}

/**
 * Good news, compared: said plainly when the person moved less than it supports (good news is easy
 * to wave away as luck), and never with a setback's reassurance.
 */
function goodNewsComparison(entry: Entry, w: WarrantedUpdate): string | null {
  const { before, after } = entry.belief;
  const to = landing(w).replace(/^at /, '');
  switch (w.moveComparison) {
    case 'much-larger':
    case 'larger':
      return `Your step up was ${overupdateWords(w)} the size this evidence supports. Enjoy it, and let the next evaluations say the rest.`;
    case 'in-line':
      return 'Your step up is about in line with what this evidence supports.';
    case 'smaller':
    case 'much-smaller':
      return `You moved ${w.moveComparison === 'much-smaller' ? 'far less' : 'less'} than this good news supports: a calibrated person would go up further, to ${to}. Good news is easy to wave away as luck; this deserves to count as much as a setback would.`;
    case 'opposite-direction':
      return `Your belief went down after good news, while the evidence points up: a calibrated person would land ${landing(w)}. Let it count.`;
    case 'no-move-warranted':
      return after > before ? 'This barely moves a calibrated person: welcome news, though not enough to lean your whole belief on.' : null;
  }
}

/** The over-update factor in words and bands ("tens of times"), never as a precise number. */
export function overupdateWords(w: Pick<WarrantedUpdate, 'overupdateFactor' | 'overupdateRange'>): string {
  const range = w.overupdateRange ?? (w.overupdateFactor === null ? null : { low: w.overupdateFactor, high: w.overupdateFactor });
  if (range === null) return 'about the same as';
  const low = factorBand(range.low);
  const high = factorBand(range.high);
  return low === high ? FACTOR_WORDS[low] : `between ${FACTOR_SHORT[low]} and ${FACTOR_SHORT[high]}`;
}

type FactorBand = 'same' | 'twice' | 'several' | 'tens' | 'hundreds';

/** Band of a ratio of moves (≥ 0 here; a smaller move is described elsewhere). */
export function factorBand(factor: number): FactorBand {
  if (factor < 1.5) return 'same';
  if (factor < 3) return 'twice';
  if (factor < 10) return 'several';
  if (factor < 100) return 'tens';
  return 'hundreds';
}

const FACTOR_WORDS: Readonly<Record<FactorBand, string>> = {
  same: 'about the same as',
  twice: 'about twice',
  several: 'several times',
  tens: 'tens of times',
  hundreds: 'a hundred times or more',
};

/** The bands as they read after "typically" (history): "tens of times the size". */
export const FACTOR_BAND_WORDS: Readonly<Record<Exclude<FactorBand, 'same'>, string>> = {
  twice: 'about twice',
  several: 'several times',
  tens: 'tens of times',
  hundreds: 'a hundred times or more',
};

const FACTOR_SHORT: Readonly<Record<FactorBand, string>> = {
  same: 'about the same',
  twice: 'about twice',
  several: 'several times',
  tens: 'tens of times',
  hundreds: 'a hundred times or more',
};

export function formatRate(percent: number): string {
  return percent < 1 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`;
}


/** "tired, hungry and in a low mood": the states as they read after "You're". */
function statePhrase(states: readonly State[]): string {
  const words = states.map((st) => (st === 'low-mood' ? 'in a low mood' : STATE_LABELS[st]));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

export function informationSentence(a: Assessment): string {
  const { minutesSeen, level, method } = a.information;
  if (method === 'self-assessment') {
    return "This verdict came from your own judgment. That is an evaluation too, and a noisy one: how people rate themselves tracks how they actually perform only loosely.";
  }
  if (minutesSeen === null) {
    // "Often less than it feels" is a setback's comfort: good news is not talked down.
    return a.outcome === 'accepted'
      ? `They judged you through ${METHOD_LABELS[method]}.`
      : `They judged you through ${METHOD_LABELS[method]}. You didn't say how long they spent; if you can guess, it's often less than it feels.`;
  }
  const amount = minutesSeen < 120 ? `about ${Math.round(minutesSeen)} minutes` : `about ${roundHours(minutesSeen)} hours`;
  const verdict =
    level === 'minutes' || level === 'under-an-hour'
      ? ' That is a thin slice to judge anyone by.'
      : level === 'hours'
        ? ' More than a glance, still a small sample of how you work.'
        : ' That is real information, though still one setting, one role and one moment in your growth.';
  return `They saw ${amount} of you, through ${METHOD_LABELS[method]}.${verdict}`;
}

function roundHours(minutes: number): string {
  const hours = minutes / 60;
  return hours < 10 ? hours.toFixed(1).replace(/\.0$/, '') : String(Math.round(hours));
}

/** Good news whose "about your ability" holds the value that stands for "not asked". */
export function notAskedAboutMe(entry: Pick<Entry, 'outcome' | 'aboutMe'>): boolean {
  return entry.outcome === 'accepted' && entry.aboutMe === GOOD_NEWS_ABOUT_ME;
}

export function aboutMeLines(a: Assessment): string[] {
  // Whether it was about you is a setback's question; good news does not ask it.
  if (a.outcome === 'accepted') return [];
  const { percent, heavyForTheEvidence, notAboutMeReasons } = a.aboutMe;
  const lines: string[] = [];
  if (heavyForTheEvidence) {
    lines.push(
      `You put ${pct(percent)} of this outcome down to your ability, on an evaluation that saw little of you or had other things going on. That is a lot of weight for this evidence to carry.`,
    );
  } else if (percent >= 60) {
    lines.push(`You put ${pct(percent)} of this outcome down to your ability. Even so, ability is a thing that grows: this measured where you are, not where you'll be.`);
  } else if (percent >= 30) {
    lines.push(`You see this as partly about your ability (${pct(percent)}) and partly about everything else. That's usually the honest answer.`);
  } else {
    lines.push(`You see most of this (${pct(100 - percent)}) as not about your ability. That fits how noisy evaluations like this are.`);
  }
  if (notAboutMeReasons.length > 0) {
    lines.push(`Reasons that have nothing to do with you: ${notAboutMeReasons.map((r) => r.label.toLowerCase()).join('; ')}.`);
  }
  return lines;
}
