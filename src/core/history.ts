// What `noisy history` knows about each entry, and the overview figures. Pure: no storage, no words.
//
// History has to stay quick on very large journals, so it never holds whole entries: each one is
// reduced to an EntrySketch (numbers, ids, flags; no free text) as it streams past, then to a
// HistoryRecord with its warranted update worked out. Detectors (patterns.ts) and the overview read
// only records.

import { predictionOutcome } from './calibration.js';
import { CLOUDING_STATES, KINDS, type Kind, type Method } from './domain.js';
import type { Entry } from './entry.js';
import { LITTLE_INFORMATION_MINUTES, MOSTLY_ABOUT_ME } from './summary.js';
import { warrantedUpdate } from './warranted.js';

/** The parts of an entry that history needs: what the store selects, and what `sketchOf` keeps. */
export interface EntrySketch {
  id: string;
  date: string;
  kind: Kind;
  method: Method;
  before: number;
  after: number;
  minutesSeen: number | null;
  selectionRate: number | null;
  confounders: readonly string[];
  aboutMe: number;
  /** Written while tired, hungry, low, anxious or unwell (CLOUDING_STATES). */
  clouded: boolean;
  hasNextStep: boolean;
  /** YYYY-MM-DD when a follow-up is (still) due; null when none is planned. */
  followUpOn: string | null;
  followUpCount: number;
  /** What the latest follow-up said about the next step; null before any follow-up. */
  tookNextStep: boolean | null;
  /** The prediction's stated probability, and the latest true/false verdict on it (null: not yet). */
  prediction: { probability: number; cameTrue: boolean | null } | null;
  /** The belief given at the first follow-up (for the rebound); null before any follow-up. */
  firstBeliefNow: number | null;
}

/** One entry as history sees it: the sketch plus its warranted update, without the confounder list. */
export interface HistoryRecord extends Omit<EntrySketch, 'confounders' | 'selectionRate' | 'firstBeliefNow'> {
  confounderCount: number;
  warrantedBelief: number;
  /** Log-odds moves (see WarrantedUpdate). */
  actualShift: number;
  warrantedShift: number;
  overupdateFactor: number | null;
  /** Points below the warranted belief where the person landed (negative: above it). */
  gap: number;
}

/**
 * Reduces a full entry to what history needs. The store keeps a copy of this sketch with every
 * entry (schema v2) so history never reads the text; it must stay exactly what this returns.
 */
export function sketchOf(entry: Entry): EntrySketch {
  const latest = entry.followUps.at(-1);
  return {
    id: entry.id,
    date: entry.date,
    kind: entry.kind,
    method: entry.evaluation.method,
    before: entry.belief.before,
    after: entry.belief.after,
    minutesSeen: entry.evaluation.minutesSeen,
    selectionRate: entry.evaluation.selectionRate,
    confounders: entry.confounders,
    aboutMe: entry.aboutMe,
    clouded: entry.state.some((s) => CLOUDING_STATES.includes(s)),
    hasNextStep: entry.nextStep.trim() !== '',
    followUpOn: entry.followUpOn,
    followUpCount: entry.followUps.length,
    tookNextStep: latest ? latest.tookNextStep : null,
    prediction: entry.prediction ? { probability: entry.prediction.probability, cameTrue: predictionOutcome(entry) } : null,
    firstBeliefNow: entry.followUps[0]?.beliefNow ?? null,
  };
}

export function toRecord(sketch: EntrySketch): HistoryRecord {
  const w = warrantedUpdate({
    kind: sketch.kind,
    method: sketch.method,
    before: sketch.before,
    after: sketch.after,
    minutesSeen: sketch.minutesSeen,
    selectionRate: sketch.selectionRate,
    confounders: sketch.confounders,
  });
  // Spread would carry the confounder array along; copy field by field to keep records small.
  return {
    id: sketch.id,
    date: sketch.date,
    kind: sketch.kind,
    method: sketch.method,
    before: sketch.before,
    after: sketch.after,
    minutesSeen: sketch.minutesSeen,
    confounderCount: sketch.confounders.length,
    aboutMe: sketch.aboutMe,
    clouded: sketch.clouded,
    hasNextStep: sketch.hasNextStep,
    followUpOn: sketch.followUpOn,
    followUpCount: sketch.followUpCount,
    tookNextStep: sketch.tookNextStep,
    prediction: sketch.prediction,
    warrantedBelief: w.warrantedBelief,
    actualShift: w.actualShift,
    warrantedShift: w.warrantedShift,
    overupdateFactor: w.overupdateFactor,
    gap: w.warrantedBelief - sketch.after,
  };
}

/** The evaluator saw under an hour of the person (unknown minutes don't count either way). */
export function sawLittle(record: Pick<HistoryRecord, 'minutesSeen'>): boolean {
  return record.minutesSeen !== null && record.minutesSeen < LITTLE_INFORMATION_MINUTES;
}

// ── The overview ────────────────────────────────────────────────────────────────────────────────

/** How many points the belief-over-time line has at most: it must fit an 80-column terminal. */
export const BELIEF_LINE_POINTS = 60;

export interface Share {
  entries: number;
  outOf: number;
  /** entries / outOf, 0–1; null when outOf is 0. */
  share: number | null;
}

/** One point of the belief-over-time line: a run of consecutive entries, oldest first. */
export interface BeliefPoint {
  from: string;
  to: string;
  entries: number;
  /** Means over the run, 0–100. */
  before: number;
  after: number;
  warranted: number;
}

export interface HistorySummary {
  entries: number;
  firstDate: string | null;
  lastDate: string | null;
  byKind: Record<Kind, number>;
  beliefOverTime: { entriesPerPoint: number; points: BeliefPoint[] };
  /** Median over entries whose evidence warrants a move at all (see overupdateFactor). */
  medianOverupdateFactor: number | null;
  overupdateFactorEntries: number;
  /** Median points below the warranted belief (negative: above it). */
  medianGap: number | null;
  /** Evaluations where the evaluator saw under LITTLE_INFORMATION_MINUTES, of those where minutes are known. */
  littleInformation: Share & { underMinutes: number };
  /** Entries answered at least MOSTLY_ABOUT_ME percent "about me". */
  mostlyAboutMe: Share & { atLeastPercent: number };
}

export function share(entries: number, outOf: number): Share {
  return { entries, outOf, share: outOf === 0 ? null : entries / outOf };
}

/** The median of `values`; null when empty. */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  // A typed array sorts numerically and much faster than Array#sort with a comparator.
  const sorted = (values instanceof Float64Array ? values.slice() : new Float64Array(values as readonly number[])).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The overview of `records`, which must be in date order (oldest first). */
export function summariseHistory(records: readonly HistoryRecord[]): HistorySummary {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const factors: number[] = [];
  const gaps = new Float64Array(records.length);
  let known = 0;
  let little = 0;
  let aboutMe = 0;
  records.forEach((r, i) => {
    byKind[r.kind] += 1;
    if (r.overupdateFactor !== null) factors.push(r.overupdateFactor);
    gaps[i] = r.gap;
    if (r.minutesSeen !== null) {
      known += 1;
      if (sawLittle(r)) little += 1;
    }
    if (r.aboutMe >= MOSTLY_ABOUT_ME) aboutMe += 1;
  });
  return {
    entries: records.length,
    firstDate: records[0]?.date ?? null,
    lastDate: records.at(-1)?.date ?? null,
    byKind,
    beliefOverTime: beliefOverTime(records, BELIEF_LINE_POINTS),
    medianOverupdateFactor: median(factors),
    overupdateFactorEntries: factors.length,
    medianGap: median(gaps),
    littleInformation: { ...share(little, known), underMinutes: LITTLE_INFORMATION_MINUTES },
    mostlyAboutMe: { ...share(aboutMe, records.length), atLeastPercent: MOSTLY_ABOUT_ME },
  };
}

/**
 * Belief over time in at most `maxPoints` points: each point is the mean of an equal run of
 * consecutive entries, so a long journal still fits one line.
 */
export function beliefOverTime(records: readonly HistoryRecord[], maxPoints: number): HistorySummary['beliefOverTime'] {
  const entriesPerPoint = Math.max(1, Math.ceil(records.length / maxPoints));
  const points: BeliefPoint[] = [];
  for (let start = 0; start < records.length; start += entriesPerPoint) {
    const run = records.slice(start, start + entriesPerPoint);
    const mean = (pick: (r: HistoryRecord) => number) => run.reduce((sum, r) => sum + pick(r), 0) / run.length;
    points.push({
      from: run[0]!.date,
      to: run.at(-1)!.date,
      entries: run.length,
      before: mean((r) => r.before),
      after: mean((r) => r.after),
      warranted: mean((r) => r.warrantedBelief),
    });
  }
  return { entriesPerPoint, points };
}
