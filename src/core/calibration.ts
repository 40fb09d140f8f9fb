// Self-calibration: how the predictions people make about themselves compare with what happened,
// and how far a first reaction to an evaluation came back weeks later. Pure: entries in, figures out;
// the wording lives in src/ui/calibration-text.ts. docs/followup.md explains every figure.

import type { Entry } from './entry.js';

/**
 * Below this many resolved predictions there is no Brier score, no hit rate and no buckets, only
 * "not enough resolved predictions yet". Assumption: with fewer outcomes one lucky or unlucky result
 * moves every figure by 20 points or more, which would read as a verdict it cannot support.
 */
export const MIN_RESOLVED_PREDICTIONS = 5;

/** Below this many followed-up entries the rebound has no average (same reasoning; assumption). */
export const MIN_REBOUNDS = 3;

/**
 * Probability bands for "you gave yourself X% on things that happened Y% of the time". Five bands of
 * 20 points (assumption): personal journals hold tens of predictions, not thousands, so finer bands
 * would hold one prediction each. The last band includes 100.
 */
export const BUCKET_EDGES: readonly number[] = [0, 20, 40, 60, 80, 100];

/** The Brier score of always saying 50%: anything below it beats a coin flip. */
export const COIN_FLIP_BRIER = 0.25;

/** A prediction whose outcome is known. */
export interface ResolvedPrediction {
  entryId: string;
  /** 0–100, as the person gave it. */
  probability: number;
  cameTrue: boolean;
}

export interface CalibrationBucket {
  /** Lower edge, inclusive (percent). */
  from: number;
  /** Upper edge, exclusive except for the last band, which includes 100 (percent). */
  to: number;
  count: number;
  /** Mean probability given to the predictions in this band, 0–100. */
  meanProbability: number;
  /** Share of them that came true, 0–100. */
  cameTrueRate: number;
}

export interface PredictionCalibration {
  /** Predictions with a known outcome. */
  resolved: number;
  /** Predictions still waiting for an outcome (no follow-up yet, or "can't tell yet"). */
  pending: number;
  minimum: number;
  /** resolved ≥ minimum: only then are the figures below filled in. */
  enough: boolean;
  /** Mean of (p − outcome)² with p in 0–1: 0 is perfect, 0.25 is always saying 50%, 1 is always certain and wrong. */
  brierScore: number | null;
  /** Mean probability given, 0–100. */
  meanProbability: number | null;
  /** Share that came true, 0–100. */
  cameTrueRate: number | null;
  /** cameTrueRate − meanProbability, in points: positive means the person expected too little of themselves. */
  underconfidence: number | null;
  /** Only bands that hold at least one prediction, lowest first. */
  buckets: CalibrationBucket[];
}

/** One entry's belief before, right after the evaluation, and at its first follow-up. */
export interface EntryRebound {
  entryId: string;
  before: number;
  after: number;
  now: number;
  /** now − after, in points: how far the belief came back (negative: it fell further). */
  rebound: number;
}

export interface ReboundSummary {
  /** Entries with at least one follow-up. */
  count: number;
  minimum: number;
  enough: boolean;
  meanBefore: number | null;
  meanAfter: number | null;
  meanNow: number | null;
  /** meanNow − meanAfter, in points. */
  meanRebound: number | null;
  /**
   * Of the average drop right after the evaluation (meanBefore − meanAfter), the share that came
   * back by the follow-up: 1 means all of it, above 1 means higher than before. Null when there
   * was no average drop to come back from.
   */
  shareRecovered: number | null;
  /** Every followed-up entry, oldest first as given. */
  entries: EntryRebound[];
}

/** What `noisy history` shows under calibration (see docs/followup.md). */
export interface Calibration {
  predictions: PredictionCalibration;
  rebound: ReboundSummary;
}

/** A prediction's outcome: the last definite answer across its follow-ups (null: not known yet). */
export function predictionOutcome(entry: Entry): boolean | null {
  if (!entry.prediction) return null;
  for (let i = entry.followUps.length - 1; i >= 0; i -= 1) {
    const answer = entry.followUps[i]?.predictionCameTrue;
    if (answer === true || answer === false) return answer;
  }
  return null;
}

/** The Brier score of resolved predictions; null when there are none. */
export function brierScore(predictions: readonly ResolvedPrediction[]): number | null {
  if (predictions.length === 0) return null;
  let sum = 0;
  for (const p of predictions) sum += (p.probability / 100 - (p.cameTrue ? 1 : 0)) ** 2;
  return sum / predictions.length;
}

/** Groups resolved predictions into BUCKET_EDGES bands; empty bands are left out. */
export function calibrationBuckets(predictions: readonly ResolvedPrediction[], edges: readonly number[] = BUCKET_EDGES): CalibrationBucket[] {
  const buckets: CalibrationBucket[] = [];
  for (let i = 0; i + 1 < edges.length; i += 1) {
    const from = edges[i] as number;
    const to = edges[i + 1] as number;
    const last = i + 2 === edges.length;
    const inBand = predictions.filter((p) => p.probability >= from && (p.probability < to || (last && p.probability <= to)));
    if (inBand.length === 0) continue;
    buckets.push({
      from,
      to,
      count: inBand.length,
      meanProbability: mean(inBand.map((p) => p.probability)),
      cameTrueRate: (100 * inBand.filter((p) => p.cameTrue).length) / inBand.length,
    });
  }
  return buckets;
}

/** What calibration needs of one entry (HistoryTable.calibrationFacts gives them from its columns). */
export interface CalibrationFacts {
  id: string;
  before: number;
  after: number;
  /** The stated probability and the outcome (predictionOutcome); null without a prediction. */
  prediction: { probability: number; cameTrue: boolean | null } | null;
  /** The belief given at the first follow-up; null before any follow-up. */
  firstBeliefNow: number | null;
}

export function calibrationFactsOf(entry: Entry): CalibrationFacts {
  return {
    id: entry.id,
    before: entry.belief.before,
    after: entry.belief.after,
    prediction: entry.prediction ? { probability: entry.prediction.probability, cameTrue: predictionOutcome(entry) } : null,
    firstBeliefNow: entry.followUps[0]?.beliefNow ?? null,
  };
}

/** Calibration of the predictions and the rebound across `entries` (streamed once, in any order). */
export function calibrate(entries: Iterable<Entry>): Calibration {
  function* facts(): Generator<CalibrationFacts> {
    for (const entry of entries) yield calibrationFactsOf(entry);
  }
  return calibrateFacts(facts());
}

/** As calibrate, from the few facts it needs of each entry (streamed once, in any order). */
export function calibrateFacts(entries: Iterable<CalibrationFacts>): Calibration {
  const resolved: ResolvedPrediction[] = [];
  let pending = 0;
  const rebounds: EntryRebound[] = [];
  for (const entry of entries) {
    if (entry.prediction) {
      const outcome = entry.prediction.cameTrue;
      if (outcome === null) pending += 1;
      else resolved.push({ entryId: entry.id, probability: entry.prediction.probability, cameTrue: outcome });
    }
    if (entry.firstBeliefNow !== null) {
      rebounds.push({ entryId: entry.id, before: entry.before, after: entry.after, now: entry.firstBeliefNow, rebound: entry.firstBeliefNow - entry.after });
    }
  }
  return { predictions: predictionCalibration(resolved, pending), rebound: reboundSummary(rebounds) };
}

export function predictionCalibration(resolved: readonly ResolvedPrediction[], pending = 0): PredictionCalibration {
  const enough = resolved.length >= MIN_RESOLVED_PREDICTIONS;
  if (!enough) {
    return { resolved: resolved.length, pending, minimum: MIN_RESOLVED_PREDICTIONS, enough, brierScore: null, meanProbability: null, cameTrueRate: null, underconfidence: null, buckets: [] };
  }
  const meanProbability = mean(resolved.map((p) => p.probability));
  const cameTrueRate = (100 * resolved.filter((p) => p.cameTrue).length) / resolved.length;
  return {
    resolved: resolved.length,
    pending,
    minimum: MIN_RESOLVED_PREDICTIONS,
    enough,
    brierScore: brierScore(resolved),
    meanProbability,
    cameTrueRate,
    underconfidence: cameTrueRate - meanProbability,
    buckets: calibrationBuckets(resolved),
  };
}

export function reboundSummary(entries: readonly EntryRebound[]): ReboundSummary {
  const enough = entries.length >= MIN_REBOUNDS;
  if (!enough) {
    return { count: entries.length, minimum: MIN_REBOUNDS, enough, meanBefore: null, meanAfter: null, meanNow: null, meanRebound: null, shareRecovered: null, entries: [...entries] };
  }
  const meanBefore = mean(entries.map((e) => e.before));
  const meanAfter = mean(entries.map((e) => e.after));
  const meanNow = mean(entries.map((e) => e.now));
  const drop = meanBefore - meanAfter;
  return {
    count: entries.length,
    minimum: MIN_REBOUNDS,
    enough,
    meanBefore,
    meanAfter,
    meanNow,
    meanRebound: meanNow - meanAfter,
    // Under one point of average drop there is nothing meaningful to recover from.
    shareRecovered: drop >= 1 ? (meanNow - meanAfter) / drop : null,
    entries: [...entries],
  };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
