// Every sentence of the reframed summary lives here, so its tone can be read in one place.
import type { ChalkInstance } from 'chalk';
import type { Assessment } from '../core/summary.js';
import type { State } from '../core/domain.js';
import type { Entry } from '../core/entry.js';
import type { WarrantedUpdate } from '../core/warranted.js';
import { KIND_LABELS, METHOD_LABELS, STATE_LABELS } from './labels.js';
import { visibleLength, wrap } from './style.js';

const WIDTH = 80;
const INDENT = '  ';

export function renderSummary(entry: Entry, assessment: Assessment, c: ChalkInstance): string {
  const out: string[] = [];
  const heading = (text: string) => out.push('', c.bold(text));
  const line = (text: string) => out.push(INDENT + wrap(text, WIDTH - INDENT.length, INDENT));
  const bullet = (text: string) => out.push(INDENT + '• ' + wrap(text, WIDTH - INDENT.length - 2, INDENT + '  '));

  const meta = `${KIND_LABELS[entry.kind]}  ·  ${entry.date}  ·  ${entry.id}`;
  if (visibleLength(entry.title) + 5 + meta.length <= WIDTH) out.push(c.bold(entry.title) + c.dim(`  ·  ${meta}`));
  else out.push(c.bold(wrap(entry.title, WIDTH)), c.dim(meta));

  heading('How far should this move you?');
  for (const text of warrantedLines(entry, assessment)) line(text);

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

  heading('Was it about you?');
  for (const text of aboutMeLines(assessment)) line(text);

  if (assessment.facts.length > 0) {
    heading('Worth knowing');
    for (const fact of assessment.facts) bullet(`${fact.text} ${c.dim(`(${fact.source})`)}`);
  }

  heading('Next');
  for (const text of nextLines(assessment, (s) => c.bold(s))) line(text);
  if (entry.followUpOn) line(c.dim(`Follow-up on ${entry.followUpOn}: run \`noisy followup\` then.`));
  return out.join('\n') + '\n';
}

// The sentence builders below are shared with the Markdown exporter (src/exporters/markdown.ts):
// they return plain sentences, so each renderer can style or escape them its own way.

/** The "Next" sentences; `emphasise` marks the person's own next step (bold on a terminal). */
export function nextLines(assessment: Assessment, emphasise: (text: string) => string = (text) => text): string[] {
  const lines: string[] = [];
  if (assessment.nextStep) lines.push(`Your next step: ${emphasise(assessment.nextStep)}. Doing it will tell you more than this evaluation did.`);
  else lines.push('No next step yet. When you have one, make it something that gets you new evidence: an application, a question to someone, a small piece of work.');
  if (assessment.cloudedBy.length > 0) {
    lines.push(`You're ${statePhrase(assessment.cloudedBy)} right now, and that tilts how you judge yourself. Hold today's verdict loosely.`);
  }
  if (assessment.restIsFine) {
    lines.push('Resting is a perfectly good next step too. Pushing harder while worn out helps nobody; the step will keep.');
  }
  if (assessment.prediction) {
    const p = assessment.prediction;
    lines.push(`You predicted: "${p.statement}" at ${p.probability}%. We'll check it on ${p.checkOn}.`);
  }
  return lines;
}

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
  const judgement = w.method === 'conversation' || w.method === 'self-assessment';
  const rate = formatRate(w.selectionRate);
  const process = judgement
    ? `${METHOD_LABELS[w.method]}, counting a harsh verdict as landing in the bottom ${formatRate(100 - w.selectionRate)}`
    : w.method === 'job-performance'
      ? w.selectionRateKnown
        ? `${METHOD_LABELS[w.method]} where about ${rate} are kept on`
        : `${METHOD_LABELS[w.method]} (we assumed about ${rate} are kept on)`
      : w.selectionRateKnown
        ? `${METHOD_LABELS[w.method]} that accepts about ${rate}`
        : `${METHOD_LABELS[w.method]} (acceptance rate unknown, so we assumed about ${rate})`;
  const range =
    w.warrantedRange && Math.round(w.warrantedRange.low) !== Math.round(w.warrantedRange.high)
      ? ` (somewhere between ${pct(w.warrantedRange.low)} and ${pct(w.warrantedRange.high)}, depending on ${judgement ? 'how harsh the verdict really was' : 'the real rate'})`
      : '';
  lines.push(`An evaluation like this, ${process}, would move a calibrated person to about ${pct(w.warrantedBelief)}${range}.`);
  lines.push(whyLine(w));
  if (w.overupdateFactor !== null && w.overupdateFactor >= 1.5) {
    lines.push(`Your move was about ${formatFactor(w.overupdateFactor)} the size this evidence supports.`);
  } else if (w.overupdateFactor !== null && after < before && w.overupdateFactor < 1.5) {
    lines.push('Your move is about in line with what this evidence supports.');
  } else if (w.overupdateNote && after < before) {
    lines.push(`This evidence barely moves a calibrated person, so any large drop is mostly the sting talking.`);
  }
  return lines;
}

function whyLine(w: WarrantedUpdate): string {
  const r = w.validity.toFixed(2).replace(/^0/, '');
  const strength =
    w.validity < 0.2 ? 'only loosely' : w.validity < 0.35 ? 'modestly' : w.validity < 0.5 ? 'moderately' : 'fairly well';
  const selective = w.method !== 'conversation' && w.method !== 'self-assessment' && w.selectionRate <= 30;
  const because = selective ? 'and when few are chosen, strong people get turned down too' : 'and one evaluation is one noisy draw';
  return `Why: ${METHOD_LABELS[w.method]} tracks real ability ${strength} (r ≈ ${r}), ${because}. See \`noisy evidence\` for the figures.`;
}

export function formatRate(percent: number): string {
  return percent < 1 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`;
}

export function formatFactor(factor: number): string {
  return factor >= 10 ? `${Math.round(factor)} times` : `${factor.toFixed(1)} times`;
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
    return `They judged you through ${METHOD_LABELS[method]}. You didn't say how long they spent; if you can guess, it's often less than it feels.`;
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

export function aboutMeLines(a: Assessment): string[] {
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
