// Follow-ups: validating the answers (from a file or the prompts) and what one follow-up shows.
// Pure: no files, no database, no prompts.

import { clip, describeType, LIMITS, normaliseText, textProblems } from './answers.js';
import { addDays, isIsoDay } from './dates.js';
import type { Entry, FollowUp } from './entry.js';
import { isObject } from './pack.js';

/** When a prediction can't be told yet and no date is given, ask again this many days later. */
export const DEFAULT_RECHECK_DAYS = 30;

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

const FIELDS = ['beliefNow', 'tookNextStep', 'whatHappened', 'predictionCameTrue', 'checkAgainOn'];

/**
 * Validates a follow-up answers document for `entry`, collecting every problem as `path: problem`.
 * `today` is YYYY-MM-DD. A prediction that can't be told yet is rescheduled to `checkAgainOn`, or by
 * default to recheckDefault(entry, today).
 */
export function parseFollowUpAnswers(raw: unknown, entry: Entry, today: string): FollowUpParseResult {
  if (!isObject(raw)) {
    return { ok: false, errors: ['(top level): must be a JSON object like {"beliefNow": 45, "tookNextStep": true, "whatHappened": "..."}'] };
  }
  const errors: string[] = [];
  const at = (path: string, problem: string) => errors.push(`${path}: ${problem}`);

  let beliefNow = 0;
  if (raw.beliefNow === undefined) at('beliefNow', 'is required: how likely the belief feels now, 0-100');
  else if (typeof raw.beliefNow !== 'number' || !Number.isFinite(raw.beliefNow)) at('beliefNow', `must be a number from 0 to 100, not ${describeType(raw.beliefNow)}`);
  else if (raw.beliefNow < 0 || raw.beliefNow > 100) at('beliefNow', `must be 0 to 100 percent (got ${raw.beliefNow})`);
  else beliefNow = raw.beliefNow;

  let tookNextStep = false;
  if (raw.tookNextStep === undefined) at('tookNextStep', 'is required: true or false');
  else if (typeof raw.tookNextStep !== 'boolean') at('tookNextStep', `must be true or false, not ${describeType(raw.tookNextStep)}`);
  else tookNextStep = raw.tookNextStep;

  let whatHappened = '';
  if (raw.whatHappened !== undefined && raw.whatHappened !== null) {
    if (typeof raw.whatHappened !== 'string') at('whatHappened', `must be text, not ${describeType(raw.whatHappened)}`);
    else {
      whatHappened = normaliseText(raw.whatHappened);
      for (const problem of textProblems(whatHappened, LIMITS.longText)) at('whatHappened', problem);
    }
  }

  let predictionCameTrue: boolean | null = null;
  const came = raw.predictionCameTrue;
  if (!entry.prediction) {
    if (came !== undefined && came !== null) at('predictionCameTrue', 'must be left out (or null): this entry has no prediction');
  } else if (came === undefined) {
    at('predictionCameTrue', `is required: this entry predicts "${clip(entry.prediction.statement)}"; true, false, or null if you can't tell yet`);
  } else if (came !== null && typeof came !== 'boolean') {
    at('predictionCameTrue', `must be true, false, or null (can't tell yet), not ${describeType(came)}`);
  } else {
    predictionCameTrue = came;
  }

  const rescheduling = entry.prediction !== null && came === null;
  // With a malformed predictionCameTrue it is unclear whether a reschedule was meant: check the date only.
  const cameIsClear = came === undefined || came === null || typeof came === 'boolean';
  let checkAgainOn: string | null = rescheduling ? recheckDefault(entry, today) : null;
  if (raw.checkAgainOn !== undefined && raw.checkAgainOn !== null) {
    if (!rescheduling && cameIsClear) at('checkAgainOn', "is only used when a prediction can't be told yet (predictionCameTrue: null)");
    else if (typeof raw.checkAgainOn !== 'string' || !isIsoDay(raw.checkAgainOn)) at('checkAgainOn', 'must be a day written YYYY-MM-DD');
    else if (raw.checkAgainOn <= today) at('checkAgainOn', `must be after today (${today})`);
    else checkAgainOn = raw.checkAgainOn;
  }

  for (const key of Object.keys(raw)) if (!FIELDS.includes(key)) at(clip(key), 'not a follow-up field (the fields are listed below)');

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, answers: { beliefNow, tookNextStep, whatHappened, predictionCameTrue, checkAgainOn } };
}

/**
 * When to ask again about a prediction that can't be told yet: the day the person planned to check
 * it, if that is still ahead, else DEFAULT_RECHECK_DAYS from today.
 */
export function recheckDefault(entry: Entry, today: string): string {
  const planned = entry.prediction?.checkOn;
  return planned && planned > today ? planned : addDays(today, DEFAULT_RECHECK_DAYS);
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

