// Pattern detectors for `noisy history`: anxious-underconfidence patterns that a single entry hides.
// Pure: they read a HistoryTable (history.ts; records are turned into one) and return what they
// found, the entries behind it and the thresholds they used. The words a person reads about each pattern live in src/ui/history-text.ts.
//
// Every threshold below is our own modelling choice (an assumption, not a published figure), picked
// so that a journal whose moves match the evidence raises no pattern; docs/history.md explains each.
// A detector with too little to go on says so ('not-enough-data') instead of guessing.
//
// Good news (an entry whose outcome is 'accepted') is not a setback, and these are patterns of how
// people take setbacks. Each detector decides what good news means to it (docs/history.md):
// over-updating, "about me" on weak evidence, state clouding and reality contact look at setbacks
// only (good news is not asked about confounders, state or a next step, and is itself contact
// with reality); a good verdict on yourself is not a harsh self-verdict, while good news from
// others counts as an outside evaluation; predictions are predictions whatever the entry.

import { LITTLE_INFORMATION_MINUTES, MOSTLY_ABOUT_ME, SEVERAL_CONFOUNDERS } from './summary.js';
import { HistoryTable, asTable, median, sawLittleAt, type HistoryRecord, type HistoryRows } from './history.js';
import { addDays, oncePerDay } from './dates.js';
import { MIN_RESOLVED_PREDICTIONS } from './calibration.js';
import { KINDS, OUTCOMES } from './domain.js';

const ACCEPTED = OUTCOMES.indexOf('accepted');

/** Row `i` records a setback (not good news). */
function setbackAt(t: HistoryTable, i: number): boolean {
  return t.outcome[i] !== ACCEPTED;
}

/** A setback the model can use: one it leaves out has no warranted move to over-update against. */
function usableSetbackAt(t: HistoryTable, i: number): boolean {
  return setbackAt(t, i) && t.usable[i] === 1;
}

/** How many rows record setbacks. */
function setbacks(t: HistoryTable): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) if (setbackAt(t, i)) n += 1;
  return n;
}

export const PATTERN_IDS = [
  'overupdating',
  'about-me-despite-weak-evidence',
  'self-verdict-without-evidence',
  'state-clouding',
  'no-reality-contact',
  'pessimistic-predictions',
  'retreat-after-rejection',
  'few-attempts',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

export type PatternStatus = 'found' | 'not-found' | 'not-enough-data';

export interface PatternResult {
  id: PatternId;
  status: PatternStatus;
  /** Ids of the entries behind the pattern, oldest first (empty unless found). */
  entries: string[];
  /** Ids of the attempts (`noisy attempts`) behind it, oldest first (empty unless found; only the trying patterns have any). */
  attempts: string[];
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
  | 'resolved-predictions'
  | 'settled-rejections'
  | 'tries-before'
  | 'setbacks';

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
    /** The same minimum as the predictions section of `history` (src/core/calibration.ts). */
    needsResolvedPredictions: MIN_RESOLVED_PREDICTIONS,
  },
  'retreat-after-rejection': {
    /** Tries are counted in this many weeks before each rejection and as many after it. */
    weeks: 4,
    /** Rejections whose weeks after have passed, needed before speaking. */
    needsRejections: 2,
    /** Tries recorded in the weeks before the rejections, in all, needed before speaking. */
    minTriesBefore: 3,
    /** Found when the tries after are at most this share of the tries before. */
    maxAfterShare: 0.5,
  },
  'few-attempts': {
    /** Rejections and verdicts on yourself recorded, needed before speaking. */
    needsSetbacks: 5,
    /** Found when the ledger holds fewer tries than this for each of them. */
    maxTriesPerSetback: 0.5,
  },
} as const satisfies Record<PatternId, Record<string, number>>;

/**
 * Runs every detector. `rows` in date order; `today` is YYYY-MM-DD (for overdue follow-ups and the
 * weeks after a rejection); `trying` is the attempts ledger beside the entries.
 */
export function detectPatterns(rows: HistoryRows, today: string, trying: TryingFacts = { attempts: [], restFirst: false }): PatternResult[] {
  const t = asTable(rows);
  return [
    overupdating(t),
    aboutMeDespiteWeakEvidence(t),
    selfVerdictWithoutEvidence(t),
    stateClouding(t),
    noRealityContact(t, today),
    pessimisticPredictions(t),
    retreatAfterRejection(t, trying, today),
    fewAttempts(t, trying),
  ];
}

/** Rows of a table: their ids are made only for a pattern that was found (a journal can have 100,000). */
interface Rows {
  table: HistoryTable;
  rows: readonly number[];
}

function result(id: PatternId, found: boolean, behind: Rows, measured: PatternResult['measured']): PatternResult {
  const entries = found ? behind.rows.map((i) => behind.table.id.at(i)) : [];
  return { id, status: found ? 'found' : 'not-found', entries, attempts: [], threshold: { ...THRESHOLDS[id] }, measured, needs: null };
}

function notEnough(id: PatternId, what: NeedUnit, atLeast: number, have: number, measured: PatternResult['measured'] = {}): PatternResult {
  return { id, status: 'not-enough-data', entries: [], attempts: [], threshold: { ...THRESHOLDS[id] }, measured, needs: { what, atLeast, have } };
}

/** One record as a table of one row, for the per-record tests below. */
const single = (r: HistoryRecord): HistoryTable => HistoryTable.fromRecords([r]);

/** Moved down well beyond what the evidence warrants (by factor and by points). */
export function overupdated(r: HistoryRecord): boolean {
  return overupdatedAt(single(r), 0);
}

function overupdatedAt(t: HistoryTable, i: number): boolean {
  const th = THRESHOLDS.overupdating;
  if (!usableSetbackAt(t, i)) return false;
  if (!(t.before[i]! - t.after[i]! >= th.minDropPoints)) return false;
  // No factor: the evidence warrants practically no move, so a drop of that size is all over-update.
  const factor = t.overupdateFactor[i]!;
  return Number.isNaN(factor) || factor >= th.factor;
}

export function overupdating(rows: HistoryRows): PatternResult {
  const t = asTable(rows);
  const th = THRESHOLDS.overupdating;
  let outOf = 0;
  for (let i = 0; i < t.length; i++) if (usableSetbackAt(t, i)) outOf += 1;
  if (outOf < th.needsEntries) return notEnough('overupdating', 'entries', th.needsEntries, outOf);
  const hits: number[] = [];
  const factors: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (!overupdatedAt(t, i)) continue;
    hits.push(i);
    if (!Number.isNaN(t.overupdateFactor[i]!)) factors.push(t.overupdateFactor[i]!);
  }
  const hitShare = hits.length / outOf;
  return result('overupdating', hits.length >= th.minEntries && hitShare >= th.minShare, { table: t, rows: hits }, {
    entries: hits.length,
    outOf,
    share: hitShare,
    medianFactor: median(factors),
  });
}

/** The evaluation saw little of the person, or had several confounders: the same test as `assess`. */
export function weakEvidence(r: HistoryRecord): boolean {
  return weakEvidenceAt(single(r), 0);
}

function weakEvidenceAt(t: HistoryTable, i: number): boolean {
  return sawLittleAt(t, i) || t.confounders[i]!.length >= SEVERAL_CONFOUNDERS;
}

export function aboutMeDespiteWeakEvidence(rows: HistoryRows): PatternResult {
  const t = asTable(rows);
  const id = 'about-me-despite-weak-evidence';
  const th = THRESHOLDS[id];
  let weak = 0;
  const hits: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (!setbackAt(t, i) || !weakEvidenceAt(t, i)) continue;
    weak += 1;
    if (t.aboutMe[i]! >= th.aboutMeAtLeast) hits.push(i);
  }
  if (weak < th.needsWeakEvidenceEntries) return notEnough(id, 'weak-evidence-entries', th.needsWeakEvidenceEntries, weak);
  const hitShare = hits.length / weak;
  return result(id, hits.length >= th.minEntries && hitShare >= th.minShare, { table: t, rows: hits }, {
    entries: hits.length,
    outOf: weak,
    share: hitShare,
  });
}

export function selfVerdictWithoutEvidence(rows: HistoryRows): PatternResult {
  const t = asTable(rows);
  const id = 'self-verdict-without-evidence';
  const th = THRESHOLDS[id];
  // Harsh verdicts on yourself against every outside evaluation (good news from others included);
  // a good verdict on yourself is neither.
  const self = SELF_ASSESSMENT_KIND;
  const selfVerdicts: number[] = [];
  let outside = 0;
  for (let i = 0; i < t.length; i++) {
    if (t.kind[i] !== self) outside += 1;
    else if (setbackAt(t, i)) selfVerdicts.push(i);
  }
  const counted = selfVerdicts.length + outside;
  if (counted < th.needsEntries) return notEnough(id, 'entries', th.needsEntries, counted);
  const selfShare = selfVerdicts.length / counted;
  return result(id, selfVerdicts.length >= th.minSelfAssessments && selfShare >= th.minShare, { table: t, rows: selfVerdicts }, {
    selfAssessments: selfVerdicts.length,
    outsideEvaluations: outside,
    share: selfShare,
  });
}

const SELF_ASSESSMENT_KIND = KINDS.indexOf('self-assessment');

export function stateClouding(rows: HistoryRows): PatternResult {
  const t = asTable(rows);
  const id = 'state-clouding';
  const th = THRESHOLDS[id];
  const cloudedGaps = new Float64Array(t.length);
  const clearGaps = new Float64Array(t.length);
  let clouded = 0;
  let clear = 0;
  for (let i = 0; i < t.length; i++) {
    if (!setbackAt(t, i)) continue;
    if (t.clouded[i] === 1) cloudedGaps[clouded++] = t.gap[i]!;
    else clearGaps[clear++] = t.gap[i]!;
  }
  const measured = {
    cloudedEntries: clouded,
    clearEntries: clear,
    cloudedMedianGap: median(cloudedGaps.subarray(0, clouded)),
    clearMedianGap: median(clearGaps.subarray(0, clear)),
  };
  if (clouded < th.needsCloudedEntries) return notEnough(id, 'clouded-entries', th.needsCloudedEntries, clouded, measured);
  if (clear < th.needsClearEntries) return notEnough(id, 'clear-entries', th.needsClearEntries, clear, measured);
  const clearGap = measured.clearMedianGap!;
  const extra = measured.cloudedMedianGap! - clearGap;
  const hits: number[] = [];
  for (let i = 0; i < t.length; i++) if (setbackAt(t, i) && t.clouded[i] === 1 && t.gap[i]! - clearGap >= th.minExtraGapPoints) hits.push(i);
  return result(id, extra >= th.minExtraGapPoints, { table: t, rows: hits }, { ...measured, extraGap: extra });
}

/**
 * No next step, the latest follow-up says it wasn't taken, or a planned follow-up was left long
 * overdue (due on or before `overdueSince`, see overdueCutoff).
 */
export function missedRealityContact(r: HistoryRecord, overdueSince: string): boolean {
  return missedRealityContactAt(single(r), 0, overdueSince);
}

function missedRealityContactAt(t: HistoryTable, i: number, overdueSince: string): boolean {
  // Good news is contact with reality in itself.
  if (!setbackAt(t, i)) return false;
  if (t.hasNextStep[i] !== 1) return true;
  if (t.tookNextStep[i] === 0) return true;
  const due = t.followUpOn[i]!;
  return due !== null && due <= overdueSince;
}

/** Follow-ups due on or before this day are overdue by the threshold's days. */
export function overdueCutoff(today: string): string {
  return addDays(today, -THRESHOLDS['no-reality-contact'].overdueDays);
}

export function noRealityContact(rows: HistoryRows, today: string): PatternResult {
  const t = asTable(rows);
  const id = 'no-reality-contact';
  const th = THRESHOLDS[id];
  const outOf = setbacks(t);
  if (outOf < th.needsEntries) return notEnough(id, 'entries', th.needsEntries, outOf);
  let noStep = 0;
  let notTaken = 0;
  let overdue = 0;
  const hits: number[] = [];
  const overdueSince = overdueCutoff(today);
  for (let i = 0; i < t.length; i++) {
    if (!missedRealityContactAt(t, i, overdueSince)) continue;
    hits.push(i);
    if (t.hasNextStep[i] !== 1) noStep += 1;
    else if (t.tookNextStep[i] === 0) notTaken += 1;
    else overdue += 1;
  }
  const hitShare = hits.length / outOf;
  return result(id, hits.length >= th.minEntries && hitShare >= th.minShare, { table: t, rows: hits }, {
    entries: hits.length,
    outOf,
    share: hitShare,
    noNextStep: noStep,
    stepNotTaken: notTaken,
    followUpOverdue: overdue,
  });
}

export function pessimisticPredictions(rows: HistoryRows): PatternResult {
  const t = asTable(rows);
  const id = 'pessimistic-predictions';
  const th = THRESHOLDS[id];
  // Rows with a prediction whose outcome is known, oldest first.
  const resolved: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (!Number.isNaN(t.predictionProbability[i]!) && t.predictionCameTrue[i] !== -1) resolved.push(i);
  }
  if (resolved.length < th.needsResolvedPredictions) {
    return notEnough(id, 'resolved-predictions', th.needsResolvedPredictions, resolved.length);
  }
  const cameTrue = resolved.filter((i) => t.predictionCameTrue[i] === 1);
  const statedMean = resolved.reduce((sum, i) => sum + t.predictionProbability[i]!, 0) / resolved.length;
  const observed = (100 * cameTrue.length) / resolved.length;
  const chance = chanceOfAtLeast(
    resolved.map((i) => t.predictionProbability[i]! / 100),
    cameTrue.length,
  );
  const found = observed - statedMean >= th.minExcessPoints && chance < th.maxChance;
  // The entries behind it: what came true although you gave it even odds or less.
  const hits = cameTrue.filter((i) => t.predictionProbability[i]! <= 50);
  return result(id, found, { table: t, rows: hits }, {
    resolvedPredictions: resolved.length,
    cameTrue: cameTrue.length,
    statedMeanPercent: statedMean,
    cameTruePercent: observed,
    chanceIfStatedRight: chance,
  });
}

// ── Trying: the attempts ledger beside the entries ──────────────────────────────────────────────

/** An attempt as the two trying patterns read it. */
export interface AttemptFact {
  id: string;
  /** The day it was made. */
  date: string;
  /** The day it was turned down (rejected, or no reply); null otherwise. */
  rejectedOn: string | null;
  /** The entry that reflects on it: that entry's rejection and this one count once. */
  entryId: string | null;
}

/** What the trying patterns need besides the entries. */
export interface TryingFacts {
  attempts: readonly AttemptFact[];
  /**
   * The person's latest entries say they are exhausted or unwell (their recorded state): then
   * resting first is a fine answer, and the patterns say so.
   */
  restFirst: boolean;
}

const REJECTED = OUTCOMES.indexOf('rejected');

/** Rejections by day: outside evaluations that turned the person down, from entries and attempts, each once. */
function rejections(t: HistoryTable, facts: TryingFacts): { day: string; entryId: string | null; attemptId: string | null }[] {
  const fromEntries = new Set<string>();
  const list: { day: string; entryId: string | null; attemptId: string | null }[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t.outcome[i] !== REJECTED || t.kind[i] === SELF_ASSESSMENT_KIND) continue;
    const id = t.id.at(i);
    fromEntries.add(id);
    list.push({ day: t.date[i]!, entryId: id, attemptId: null });
  }
  for (const a of facts.attempts) {
    if (a.rejectedOn === null || (a.entryId !== null && fromEntries.has(a.entryId))) continue;
    list.push({ day: a.rejectedOn, entryId: null, attemptId: a.id });
  }
  return list.sort((x, y) => x.day.localeCompare(y.day));
}

/** Attempts made in [from, to) (days as YYYY-MM-DD). */
function triesBetween(sortedDays: readonly string[], from: string, to: string): number {
  return lowerBound(sortedDays, to) - lowerBound(sortedDays, from);
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function trying(id: 'retreat-after-rejection' | 'few-attempts', found: boolean, entries: string[], attempts: string[], measured: PatternResult['measured'], facts: TryingFacts): PatternResult {
  return {
    id,
    status: found ? 'found' : 'not-found',
    entries: found ? entries : [],
    attempts: found ? attempts : [],
    threshold: { ...THRESHOLDS[id] },
    measured: { ...measured, restFirst: facts.restFirst ? 1 : 0 },
    needs: null,
  };
}

/**
 * Fewer attempts in the weeks after rejections than in the weeks before them. Only rejections whose
 * weeks after have passed count; the tries before and after each are added up over all of them.
 */
export function retreatAfterRejection(rows: HistoryRows, facts: TryingFacts, today: string): PatternResult {
  const t = asTable(rows);
  const id = 'retreat-after-rejection';
  const th = THRESHOLDS[id];
  const days = facts.attempts.map((a) => a.date).sort();
  const span = th.weeks * 7;
  const later = oncePerDay((day) => addDays(day, span));
  const earlier = oncePerDay((day) => addDays(day, -span));
  const settled = rejections(t, facts).filter((r) => later(r.day) <= today);
  if (settled.length < th.needsRejections) {
    return notEnough(id, 'settled-rejections', th.needsRejections, settled.length);
  }
  let before = 0;
  let after = 0;
  const behind = [] as typeof settled;
  for (const r of settled) {
    const b = triesBetween(days, earlier(r.day), r.day);
    // The day of a rejection counts as after it: trying again that day is not retreating.
    const a = triesBetween(days, r.day, later(r.day));
    before += b;
    after += a;
    if (a < b) behind.push(r);
  }
  // Without tries recorded before the rejections (the ledger unused, say) there is nothing to retreat from.
  if (before < th.minTriesBefore) return notEnough(id, 'tries-before', th.minTriesBefore, before, { rejections: settled.length, triesBefore: before, triesAfter: after, weeks: th.weeks });
  const found = after <= before * th.maxAfterShare;
  const entries = behind.flatMap((r) => (r.entryId ? [r.entryId] : []));
  const attempts = behind.flatMap((r) => (r.attemptId ? [r.attemptId] : []));
  // The tries that stopped: those made in the weeks before the rejections behind it.
  return trying(id, found, entries, attempts, { rejections: settled.length, triesBefore: before, triesAfter: after, weeks: th.weeks }, facts);
}

/**
 * Verdicts and rejections recorded, hardly any tries. Tries are the attempts in the ledger and the
 * outside evaluations among the entries (each came from something tried; one that reflects on an
 * attempt counts once); setbacks are rejections (from entries and the ledger, each once) and
 * verdicts passed on yourself.
 */
export function fewAttempts(rows: HistoryRows, facts: TryingFacts): PatternResult {
  const t = asTable(rows);
  const th = THRESHOLDS['few-attempts'];
  const linked = new Set(facts.attempts.flatMap((a) => (a.entryId ? [a.entryId] : [])));
  const here = new Set<string>();
  const setbacks: string[] = [];
  let outside = 0;
  for (let i = 0; i < t.length; i++) {
    const id = t.id.at(i);
    here.add(id);
    const self = t.kind[i] === SELF_ASSESSMENT_KIND;
    if (t.outcome[i] === REJECTED || self) setbacks.push(id);
    if (!self && !linked.has(id)) outside += 1;
  }
  // A rejection in the ledger whose entry is here was counted with the entry.
  const ledgerRejections = facts.attempts.filter((a) => a.rejectedOn !== null && !(a.entryId !== null && here.has(a.entryId))).length;
  const setbackCount = setbacks.length + ledgerRejections;
  if (setbackCount < th.needsSetbacks) return notEnough('few-attempts', 'setbacks', th.needsSetbacks, setbackCount);
  const tries = facts.attempts.length + outside;
  const perSetback = tries / setbackCount;
  return trying('few-attempts', perSetback < th.maxTriesPerSetback, setbacks, facts.attempts.map((a) => a.id), { setbacks: setbackCount, tries, ledgerAttempts: facts.attempts.length, triesPerSetback: perSetback }, facts);
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
