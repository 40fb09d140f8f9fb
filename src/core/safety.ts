// When the answers of a reflection suggest a rough time, the summary ends with one calm line about
// talking to someone (src/ui/support-text.ts has the words; docs/support.md the ways to find help).
// A rule, not a diagnosis: it only decides whether that one line is shown. Pure.
import type { Answers } from './entry.js';

export const SUPPORT_NOTE = {
  /** A belief at or below this (percent) is "near 0". */
  beliefNearZero: 5,
  /** A prediction at or above this (percent) is "very confident". */
  confidentPrediction: 90,
} as const;

/** Moods that, with a belief near 0, suggest more than a bad day. */
const HEAVY_STATES = ['low-mood', 'anxious'] as const;

/**
 * A prediction that something good will never happen: "I will never get into any program", "nobody
 * will hire me", "I won't ever publish". English wording only; other languages aren't recognised.
 */
const NEVER = /\b(?:never|won['’]?t ever|will not ever|no one|nobody|no program|not a single|no chance|no way|can['’]?t ever|cannot ever|give up)\b/i;

/**
 * Whether to show the support line: a low or anxious mood together with a belief near 0 after
 * the evaluation, or a very confident prediction of never succeeding.
 */
export function needsSupportNote(answers: Pick<Answers, 'state' | 'belief' | 'prediction'>): boolean {
  const heavyMood = answers.state.some((s) => (HEAVY_STATES as readonly string[]).includes(s));
  if (heavyMood && answers.belief.after <= SUPPORT_NOTE.beliefNearZero) return true;
  const p = answers.prediction;
  return p !== null && p.probability >= SUPPORT_NOTE.confidentPrediction && NEVER.test(p.statement);
}
