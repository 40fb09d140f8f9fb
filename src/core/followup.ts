// Follow-ups: validating the answers (from a file or the prompts) and what one follow-up shows.
// Pure: no files, no database, no prompts.

import { checkField, clip, FOLLOW_UP_FIELDS, isObject, type FollowUpEnv } from './fields.js';
import type { Entry, FollowUp } from './entry.js';

export { DEFAULT_RECHECK_DAYS, recheckDefault } from './fields.js';

/** What a follow-up answers file holds (DESIGN.md), normalised. */
export interface FollowUpAnswers {
  beliefNow: number;
  tookNextStep: boolean;
  whatHappened: string;
  /** null: can't tell yet (or the entry has no prediction). */
  predictionCameTrue: boolean | null;
  /** The next follow-up date: set only when a prediction is rescheduled. */
  checkAgainOn: string | null;
}

export type FollowUpParseResult = { ok: true; answers: FollowUpAnswers } | { ok: false; errors: string[] };

/**
 * Validates a follow-up answers document for `entry` with the follow-up fields (fields.ts),
 * collecting every problem as `path: problem`. `today` is YYYY-MM-DD. A prediction that can't be
 * told yet is rescheduled to `checkAgainOn`, or by default to recheckDefault(entry, today).
 */
export function parseFollowUpAnswers(raw: unknown, entry: Entry, today: string): FollowUpParseResult {
  if (!isObject(raw)) {
    return { ok: false, errors: ['(top level): must be a JSON object like {"beliefNow": 45, "tookNextStep": true, "whatHappened": "..."}'] };
  }
  const errors: string[] = [];
  const env: FollowUpEnv = { entry, today };
  const answers: Record<string, unknown> = {};
  for (const field of FOLLOW_UP_FIELDS) {
    const { value, problems } = checkField(field, raw[field.path], env, raw);
    for (const p of problems) errors.push(`${field.path}${p.sub}: ${p.problem}`);
    answers[field.path] = value;
  }
  const known = FOLLOW_UP_FIELDS.map((f) => f.path);
  for (const key of Object.keys(raw)) if (!known.includes(key)) errors.push(`${clip(key)}: not a follow-up field (the fields are listed below)`);

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, answers: answers as unknown as FollowUpAnswers };
}

/** The stored follow-up and the next due date (null: no more follow-ups for this entry). */
export function toFollowUp(answers: FollowUpAnswers, now: Date): { followUp: FollowUp; nextDue: string | null } {
  const { checkAgainOn, ...rest } = answers;
  return { followUp: { answeredAt: now.toISOString(), ...rest }, nextDue: checkAgainOn };
}

/** What one follow-up shows: printed after answering, and `reflection` in `--json` output. */
export interface FollowUpReflection {
  statement: string;
  before: number;
  /** Right after the evaluation. */
  after: number;
  now: number;
  /** now − after, in points. */
  rebound: number;
  /** now − before, in points. */
  sinceBefore: number;
  /** What the evaluation alone warranted at the time (the warranted-update model), 0–100. */
  warrantedBelief: number;
  /** Whether the belief now is nearer the warranted one than the first reaction was. */
  nearerWarrantedNow: boolean;
  tookNextStep: boolean;
  nextStep: string;
  prediction: { statement: string; probability: number; cameTrue: boolean | null } | null;
  /** The next follow-up, or null when this entry is done. */
  nextFollowUpOn: string | null;
}

export function followUpReflection(entry: Entry, followUp: FollowUp, warrantedBelief: number, nextFollowUpOn: string | null): FollowUpReflection {
  const { before, after, statement } = entry.belief;
  const now = followUp.beliefNow;
  return {
    statement,
    before,
    after,
    now,
    rebound: now - after,
    sinceBefore: now - before,
    warrantedBelief,
    nearerWarrantedNow: Math.abs(now - warrantedBelief) < Math.abs(after - warrantedBelief),
    tookNextStep: followUp.tookNextStep,
    nextStep: entry.nextStep,
    prediction: entry.prediction
      ? { statement: entry.prediction.statement, probability: entry.prediction.probability, cameTrue: followUp.predictionCameTrue }
      : null,
    nextFollowUpOn,
  };
}

