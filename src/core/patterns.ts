// Pattern detectors for `noisy history`: anxious-underconfidence patterns that a single entry hides.
// Pure: they read HistoryRecords (history.ts) and return what they found, the entries behind it and
// the thresholds they used. The words a person reads about each pattern live in src/ui/history-text.ts.
//
// Every threshold below is our own modelling choice (an assumption, not a published figure), picked
// so that a journal whose moves match the evidence raises no pattern; docs/history.md explains each.
// A detector with too little to go on says so ('not-enough-data') instead of guessing.

import { LITTLE_INFORMATION_MINUTES, MOSTLY_ABOUT_ME, SEVERAL_CONFOUNDERS } from './summary.js';
import { median, sawLittle, type HistoryRecord } from './history.js';
import { addDays } from './dates.js';

export const PATTERN_IDS = [
  'overupdating',
  'about-me-despite-weak-evidence',
  'self-verdict-without-evidence',
  'state-clouding',
  'no-reality-contact',
  'pessimistic-predictions',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

export type PatternStatus = 'found' | 'not-found' | 'not-enough-data';

export interface PatternResult {
  id: PatternId;
  status: PatternStatus;
  /** Ids of the entries behind the pattern, oldest first (empty unless found). */
  entries: string[];
  /** The thresholds this detector used. */
  threshold: Record<string, number>;
  /** What it measured on this journal (counts, shares, medians); null where there was nothing to measure. */
  measured: Record<string, number | null>;
  /** When status is 'not-enough-data': how much of what it needs, and how much there is. */
  needs: { what: NeedUnit; atLeast: number; have: number } | null;
}

/** What a detector counts when it decides whether it has enough to speak. */
export type NeedUnit =
  | 'entries'
  | 'weak-evidence-entries'
  | 'clouded-entries'
  | 'clear-entries'
  | 'resolved-predictions';

/** Thresholds (all assumptions; see docs/history.md). */
export const THRESHOLDS = {
  overupdating: {
    /** An entry counts when the move was at least this many times the warranted one... */
    factor: 2,
    /** ...and the belief fell by at least this many points (a 60→58 wobble is not a pattern). */
    minDropPoints: 5,
    /** "Repeatedly": at least this many entries... */
    minEntries: 3,
    /** ...making up at least this share of the journal. */
    minShare: 1 / 3,
    /** Entries needed before speaking at all. */
    needsEntries: 5,
  },
  'about-me-despite-weak-evidence': {
    aboutMeAtLeast: MOSTLY_ABOUT_ME,
    weakIfMinutesBelow: LITTLE_INFORMATION_MINUTES,
    weakIfConfoundersAtLeast: SEVERAL_CONFOUNDERS,
    minEntries: 3,
    /** Share of the weak-evidence entries. */
    minShare: 1 / 2,
    needsWeakEvidenceEntries: 4,
  },
  'self-verdict-without-evidence': {
    minSelfAssessments: 3,
    /** Share of all entries that are verdicts on yourself (2/3: two for every outside evaluation). */
    minShare: 2 / 3,
    needsEntries: 5,
  },
  'state-clouding': {
    /** How many more points below the warranted belief clouded entries land, median against median. */
    minExtraGapPoints: 10,
    needsCloudedEntries: 3,
    needsClearEntries: 3,
  },
  'no-reality-contact': {
    /** A planned follow-up left this many days past its date counts as not followed up. */
    overdueDays: 14,
    minEntries: 3,
    minShare: 1 / 2,
    needsEntries: 5,
  },
  'pessimistic-predictions': {
    /** How many points more often predictions came true than the stated chances, on average. */
    minExcessPoints: 15,
    /** And so many coming true must be unlikely (below this chance) if the stated chances were right. */
    maxChance: 0.05,
    needsResolvedPredictions: 5,
  },
} as const satisfies Record<PatternId, Record<string, number>>;

/** Runs every detector. `records` in date order; `today` is YYYY-MM-DD (for overdue follow-ups). */
export function detectPatterns(records: readonly HistoryRecord[], today: string): PatternResult[] {
  return [
    overupdating(records),
    aboutMeDespiteWeakEvidence(records),
    selfVerdictWithoutEvidence(records),
    stateClouding(records),
    noRealityContact(records, today),
    pessimisticPredictions(records),
  ];
}

function result(
  id: PatternId,
  found: boolean,
  entries: string[],
  measured: PatternResult['measured'],
): PatternResult {
  return { id, status: found ? 'found' : 'not-found', entries: found ? entries : [], threshold: { ...THRESHOLDS[id] }, measured, needs: null };
}

function notEnough(id: PatternId, what: NeedUnit, atLeast: number, have: number, measured: PatternResult['measured'] = {}): PatternResult {
  return { id, status: 'not-enough-data', entries: [], threshold: { ...THRESHOLDS[id] }, measured, needs: { what, atLeast, have } };
}

/** Moved down well beyond what the evidence warrants (by factor and by points). */
export function overupdated(r: HistoryRecord): boolean {
  const t = THRESHOLDS.overupdating;
  if (!(r.before - r.after >= t.minDropPoints)) return false;
  // No factor: the evidence warrants practically no move, so a drop of that size is all over-update.
  return r.overupdateFactor === null || r.overupdateFactor >= t.factor;
}

export function overupdating(records: readonly HistoryRecord[]): PatternResult {
  const t = THRESHOLDS.overupdating;
  if (records.length < t.needsEntries) return notEnough('overupdating', 'entries', t.needsEntries, records.length);
  const hits = records.filter(overupdated);
  const hitShare = hits.length / records.length;
  const factors = hits.flatMap((r) => (r.overupdateFactor === null ? [] : [r.overupdateFactor]));
  return result('overupdating', hits.length >= t.minEntries && hitShare >= t.minShare, hits.map((r) => r.id), {
    entries: hits.length,
    outOf: records.length,
    share: hitShare,
    medianFactor: median(factors),
  });
}

/** The evaluation saw little of the person, or had several confounders: the same test as `assess`. */
export function weakEvidence(r: HistoryRecord): boolean {
  return sawLittle(r) || r.confounderCount >= SEVERAL_CONFOUNDERS;
}

export function aboutMeDespiteWeakEvidence(records: readonly HistoryRecord[]): PatternResult {
  const id = 'about-me-despite-weak-evidence';
  const t = THRESHOLDS[id];
  const weak = records.filter(weakEvidence);
  if (weak.length < t.needsWeakEvidenceEntries) return notEnough(id, 'weak-evidence-entries', t.needsWeakEvidenceEntries, weak.length);
  const hits = weak.filter((r) => r.aboutMe >= t.aboutMeAtLeast);
  const hitShare = hits.length / weak.length;
  return result(id, hits.length >= t.minEntries && hitShare >= t.minShare, hits.map((r) => r.id), {
    entries: hits.length,
    outOf: weak.length,
    share: hitShare,
  });
}

export function selfVerdictWithoutEvidence(records: readonly HistoryRecord[]): PatternResult {
  const id = 'self-verdict-without-evidence';
  const t = THRESHOLDS[id];
  if (records.length < t.needsEntries) return notEnough(id, 'entries', t.needsEntries, records.length);
  const selfVerdicts = records.filter((r) => r.kind === 'self-assessment');
  const selfShare = selfVerdicts.length / records.length;
  return result(id, selfVerdicts.length >= t.minSelfAssessments && selfShare >= t.minShare, selfVerdicts.map((r) => r.id), {
    selfAssessments: selfVerdicts.length,
    outsideEvaluations: records.length - selfVerdicts.length,
    share: selfShare,
  });
}

export function stateClouding(records: readonly HistoryRecord[]): PatternResult {
  const id = 'state-clouding';
  const t = THRESHOLDS[id];
  const clouded = records.filter((r) => r.clouded);
  const clear = records.filter((r) => !r.clouded);
  const measured = {
    cloudedEntries: clouded.length,
    clearEntries: clear.length,
    cloudedMedianGap: median(clouded.map((r) => r.gap)),
    clearMedianGap: median(clear.map((r) => r.gap)),
  };
  if (clouded.length < t.needsCloudedEntries) return notEnough(id, 'clouded-entries', t.needsCloudedEntries, clouded.length, measured);
  if (clear.length < t.needsClearEntries) return notEnough(id, 'clear-entries', t.needsClearEntries, clear.length, measured);
  const clearGap = measured.clearMedianGap!;
  const extra = measured.cloudedMedianGap! - clearGap;
  const hits = clouded.filter((r) => r.gap - clearGap >= t.minExtraGapPoints);
  return result(id, extra >= t.minExtraGapPoints, hits.map((r) => r.id), { ...measured, extraGap: extra });
}

/**
 * No next step, the latest follow-up says it wasn't taken, or a planned follow-up was left long
 * overdue (due on or before `overdueSince`, see overdueCutoff).
 */
export function missedRealityContact(r: HistoryRecord, overdueSince: string): boolean {
  if (!r.hasNextStep) return true;
  if (r.tookNextStep === false) return true;
  return r.followUpOn !== null && r.followUpOn <= overdueSince;
}

/** Follow-ups due on or before this day are overdue by the threshold's days. */
export function overdueCutoff(today: string): string {
  return addDays(today, -THRESHOLDS['no-reality-contact'].overdueDays);
}

export function noRealityContact(records: readonly HistoryRecord[], today: string): PatternResult {
  const id = 'no-reality-contact';
  const t = THRESHOLDS[id];
  if (records.length < t.needsEntries) return notEnough(id, 'entries', t.needsEntries, records.length);
  let noStep = 0;
  let notTaken = 0;
  let overdue = 0;
  const hits: string[] = [];
  const overdueSince = overdueCutoff(today);
  for (const r of records) {
    if (!missedRealityContact(r, overdueSince)) continue;
    hits.push(r.id);
    if (!r.hasNextStep) noStep += 1;
    else if (r.tookNextStep === false) notTaken += 1;
    else overdue += 1;
  }
  const hitShare = hits.length / records.length;
  return result(id, hits.length >= t.minEntries && hitShare >= t.minShare, hits, {
    entries: hits.length,
    outOf: records.length,
    share: hitShare,
    noNextStep: noStep,
    stepNotTaken: notTaken,
    followUpOverdue: overdue,
  });
}

export function pessimisticPredictions(records: readonly HistoryRecord[]): PatternResult {
  const id = 'pessimistic-predictions';
  const t = THRESHOLDS[id];
  const resolved = records.filter(
    (r): r is HistoryRecord & { prediction: { probability: number; cameTrue: boolean } } =>
      r.prediction !== null && r.prediction.cameTrue !== null,
  );
  if (resolved.length < t.needsResolvedPredictions) {
    return notEnough(id, 'resolved-predictions', t.needsResolvedPredictions, resolved.length);
  }
  const cameTrue = resolved.filter((r) => r.prediction.cameTrue);
  const statedMean = resolved.reduce((sum, r) => sum + r.prediction.probability, 0) / resolved.length;
  const observed = (100 * cameTrue.length) / resolved.length;
  const chance = chanceOfAtLeast(
    resolved.map((r) => r.prediction.probability / 100),
    cameTrue.length,
  );
  const found = observed - statedMean >= t.minExcessPoints && chance < t.maxChance;
  // The entries behind it: what came true although you gave it even odds or less.
  const hits = cameTrue.filter((r) => r.prediction.probability <= 50);
  return result(id, found, hits.map((r) => r.id), {
    resolvedPredictions: resolved.length,
    cameTrue: cameTrue.length,
    statedMeanPercent: statedMean,
    cameTruePercent: observed,
    chanceIfStatedRight: chance,
  });
}

/** Above this many predictions the exact tail gets slow (O(n²)); the normal approximation is then very close. */
const EXACT_TAIL_UP_TO = 2000;

/**
 * P(at least k of independent events happen) when event i happens with probability p[i]: the
 * Poisson-binomial tail, exact by dynamic programming for up to EXACT_TAIL_UP_TO events, else the
 * normal approximation with continuity correction.
 */
export function chanceOfAtLeast(p: readonly number[], k: number): number {
  if (k <= 0) return 1;
  if (k > p.length) return 0;
  if (p.length > EXACT_TAIL_UP_TO) {
    const mean = p.reduce((sum, pi) => sum + pi, 0);
    const variance = p.reduce((sum, pi) => sum + pi * (1 - pi), 0);
    if (variance === 0) return k <= mean ? 1 : 0;
    return upperNormalTail((k - 0.5 - mean) / Math.sqrt(variance));
  }
  // dist[j] = P(exactly j of the events so far), updated in place from the top down.
  const dist = new Float64Array(p.length + 1);
  dist[0] = 1;
  p.forEach((pi, i) => {
    for (let j = i + 1; j >= 1; j--) dist[j] = dist[j]! * (1 - pi) + dist[j - 1]! * pi;
    dist[0] = dist[0]! * (1 - pi);
  });
  let tail = 0;
  for (let j = k; j <= p.length; j++) tail += dist[j]!;
  return Math.min(1, tail);
}

/** P(Z > z) for a standard normal Z (Abramowitz & Stegun 7.1.26 via erfc; error below 1.5e-7). */
function upperNormalTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}
