// What `noisy history` knows about each entry, and the overview figures. Pure: no storage, no words.
//
// History has to stay quick on very large journals, so it never holds whole entries: each one is
// reduced to an EntrySketch (numbers, ids, flags; no free text) as it streams past, and added to a
// HistoryTable, one typed-array column per field, with its warranted update worked out. Detectors
// (patterns.ts) and the overview read the table; HistoryRecord is one row of it as an object.

import { predictionOutcome } from './calibration.js';
import type { CalibrationFacts } from './calibration.js';
import { CLOUDING_STATES, KINDS, METHODS, isKind, type Kind } from './domain.js';
import type { Entry } from './entry.js';
import { LITTLE_INFORMATION_MINUTES, MOSTLY_ABOUT_ME } from './summary.js';
import { warrantedMoves, warrantedUpdate, type WarrantedInput, type WarrantedMoves } from './warranted.js';

/**
 * The parts of an entry that history needs: what the store selects, and what `sketchOf` keeps. It
 * carries the warranted-update inputs as they are (kind, method, before, after, minutesSeen,
 * selectionRate, confounders), so a sketch can be handed to the model directly.
 */
export interface EntrySketch extends Omit<WarrantedInput, 'outcome'> {
  id: string;
  date: string;
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
  const w = warrantedUpdate(sketch);
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

// ── The table ───────────────────────────────────────────────────────────────────────────────────

/** Stands for null in a number column (no stored number is NaN: the answers are validated). */
const NONE = Number.NaN;
/** Stands for null in a yes/no column. */
const UNKNOWN = -1;

const orNone = (value: number | null): number => (value === null ? NONE : value);
const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);
const yesNo = (value: boolean | null): number => (value === null ? UNKNOWN : value ? 1 : 0);
const yesNoOrNull = (value: number): boolean | null => (value === UNKNOWN ? null : value === 1);

/**
 * Every record of a history run as columns: a few typed arrays grown by doubling, instead of one
 * object per entry, so 100,000 entries take about 12 MB and the detectors scan plain numbers.
 * Nulls are NaN in number columns and -1 in yes/no columns; `at(i)` gives a row back as a HistoryRecord.
 */
export class HistoryTable {
  length = 0;
  /** Entry ids, kept as characters rather than 100,000 small strings (see TextColumn). */
  readonly ids = new TextColumn();
  readonly dates: string[] = [];
  /** Due dates of planned follow-ups (null: none planned). */
  readonly followUpOn: (string | null)[] = [];
  /** Index into KINDS / METHODS. */
  kind = new Uint8Array(0);
  method = new Uint8Array(0);
  before = new Float64Array(0);
  after = new Float64Array(0);
  minutesSeen = new Float64Array(0);
  confounderCount = new Float64Array(0);
  aboutMe = new Float64Array(0);
  clouded = new Uint8Array(0);
  hasNextStep = new Uint8Array(0);
  followUpCount = new Float64Array(0);
  tookNextStep = new Int8Array(0);
  predictionProbability = new Float64Array(0);
  predictionCameTrue = new Int8Array(0);
  /** Only known for rows added from a sketch (NaN when added from a record). */
  firstBeliefNow = new Float64Array(0);
  warrantedBelief = new Float64Array(0);
  actualShift = new Float64Array(0);
  warrantedShift = new Float64Array(0);
  overupdateFactor = new Float64Array(0);
  gap = new Float64Array(0);
  /** Filled by each add(). */
  private readonly moves: WarrantedMoves = { likelihoodRatio: 1, warrantedBelief: 0, actualShift: 0, warrantedShift: 0, overupdateFactor: null };

  /** `capacity`: rows to make room for at once (a hint: the table still grows past it). */
  constructor(capacity = 0) {
    if (capacity > 0) this.grow(capacity);
  }

  /** A table of these records, in the order given. */
  static fromRecords(records: Iterable<HistoryRecord>): HistoryTable {
    const table = new HistoryTable();
    for (const record of records) table.addRecord(record);
    return table;
  }

  /** A table of these sketches, in the order given, each with its warranted update worked out. */
  static fromSketches(sketches: Iterable<EntrySketch>): HistoryTable {
    const table = new HistoryTable();
    for (const sketch of sketches) table.add(sketch);
    return table;
  }

  /** Adds one entry; the sketch is read, not kept (a caller may reuse it for the next entry). */
  add(sketch: EntrySketch): void {
    const w = warrantedMoves(sketch, this.moves);
    const i = this.row(sketch);
    this.firstBeliefNow[i] = orNone(sketch.firstBeliefNow);
    this.confounderCount[i] = sketch.confounders.length;
    this.warrantedBelief[i] = w.warrantedBelief;
    this.actualShift[i] = w.actualShift;
    this.warrantedShift[i] = w.warrantedShift;
    this.overupdateFactor[i] = orNone(w.overupdateFactor);
    this.gap[i] = w.warrantedBelief - sketch.after;
  }

  addRecord(record: HistoryRecord): void {
    const i = this.row(record);
    this.firstBeliefNow[i] = NONE;
    this.confounderCount[i] = record.confounderCount;
    this.warrantedBelief[i] = record.warrantedBelief;
    this.actualShift[i] = record.actualShift;
    this.warrantedShift[i] = record.warrantedShift;
    this.overupdateFactor[i] = orNone(record.overupdateFactor);
    this.gap[i] = record.gap;
  }

  /** Row `i` as a record. */
  at(i: number): HistoryRecord {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`row ${i} is outside the table (${this.length} rows)`);
    const probability = this.predictionProbability[i]!;
    return {
      id: this.ids.at(i),
      date: this.dates[i]!,
      kind: KINDS[this.kind[i]!]!,
      method: METHODS[this.method[i]!]!,
      before: this.before[i]!,
      after: this.after[i]!,
      minutesSeen: orNull(this.minutesSeen[i]!),
      confounderCount: this.confounderCount[i]!,
      aboutMe: this.aboutMe[i]!,
      clouded: this.clouded[i] === 1,
      hasNextStep: this.hasNextStep[i] === 1,
      followUpOn: this.followUpOn[i]!,
      followUpCount: this.followUpCount[i]!,
      tookNextStep: yesNoOrNull(this.tookNextStep[i]!),
      prediction: Number.isNaN(probability) ? null : { probability, cameTrue: yesNoOrNull(this.predictionCameTrue[i]!) },
      warrantedBelief: this.warrantedBelief[i]!,
      actualShift: this.actualShift[i]!,
      warrantedShift: this.warrantedShift[i]!,
      overupdateFactor: orNull(this.overupdateFactor[i]!),
      gap: this.gap[i]!,
    };
  }

  *records(): Generator<HistoryRecord> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /**
   * What calibration needs of each row with a prediction or a follow-up belief, oldest first (the
   * other rows add nothing to it). Rows added from records have no follow-up belief.
   */
  *calibrationFacts(): Generator<CalibrationFacts> {
    for (let i = 0; i < this.length; i++) {
      const probability = this.predictionProbability[i]!;
      if (Number.isNaN(probability) && Number.isNaN(this.firstBeliefNow[i]!)) continue;
      yield {
        id: this.ids.at(i),
        before: this.before[i]!,
        after: this.after[i]!,
        prediction: Number.isNaN(probability) ? null : { probability, cameTrue: yesNoOrNull(this.predictionCameTrue[i]!) },
        firstBeliefNow: orNull(this.firstBeliefNow[i]!),
      };
    }
  }

  /** Appends the fields sketches and records share; returns the new row's index. */
  private row(from: Omit<HistoryRecord, keyof WarrantedPart | 'confounderCount'>): number {
    if (!isKind(from.kind)) throw new RangeError(`unknown kind of evaluation: ${String(from.kind)}`);
    const method = METHODS.indexOf(from.method);
    if (method < 0) throw new RangeError(`unknown evaluation method: ${String(from.method)}`);
    const i = this.length;
    if (i === this.before.length) this.grow(Math.max(1024, i * 2));
    this.length = i + 1;
    this.ids.push(from.id);
    this.dates.push(from.date);
    this.followUpOn.push(from.followUpOn);
    this.kind[i] = KINDS.indexOf(from.kind);
    this.method[i] = method;
    this.before[i] = from.before;
    this.after[i] = from.after;
    this.minutesSeen[i] = orNone(from.minutesSeen);
    this.aboutMe[i] = from.aboutMe;
    this.clouded[i] = from.clouded ? 1 : 0;
    this.hasNextStep[i] = from.hasNextStep ? 1 : 0;
    this.followUpCount[i] = from.followUpCount;
    this.tookNextStep[i] = yesNo(from.tookNextStep);
    this.predictionProbability[i] = from.prediction ? from.prediction.probability : NONE;
    this.predictionCameTrue[i] = from.prediction ? yesNo(from.prediction.cameTrue) : UNKNOWN;
    return i;
  }

  private grow(capacity: number): void {
    const grown = <T extends Float64Array | Uint8Array | Int8Array>(column: T): T => {
      const next = new (column.constructor as new (n: number) => T)(capacity);
      next.set(column);
      return next;
    };
    this.kind = grown(this.kind);
    this.method = grown(this.method);
    this.before = grown(this.before);
    this.after = grown(this.after);
    this.minutesSeen = grown(this.minutesSeen);
    this.confounderCount = grown(this.confounderCount);
    this.aboutMe = grown(this.aboutMe);
    this.clouded = grown(this.clouded);
    this.hasNextStep = grown(this.hasNextStep);
    this.followUpCount = grown(this.followUpCount);
    this.tookNextStep = grown(this.tookNextStep);
    this.predictionProbability = grown(this.predictionProbability);
    this.predictionCameTrue = grown(this.predictionCameTrue);
    this.firstBeliefNow = grown(this.firstBeliefNow);
    this.warrantedBelief = grown(this.warrantedBelief);
    this.actualShift = grown(this.actualShift);
    this.warrantedShift = grown(this.warrantedShift);
    this.overupdateFactor = grown(this.overupdateFactor);
    this.gap = grown(this.gap);
  }
}

/**
 * A column of short strings held as UTF-16 code units in one growable Uint16Array, with an offset
 * per row. Strings kept one per entry made V8 grow its young generation by tens of megabytes on
 * large journals (each survives a scavenge before it is promoted); characters in a typed array cost
 * two bytes each and nothing for the collector. A string is made again only when asked for.
 */
export class TextColumn {
  length = 0;
  private units = new Uint16Array(0);
  private ends = new Uint32Array(0);

  push(text: string): void {
    const start = this.length === 0 ? 0 : this.ends[this.length - 1]!;
    const end = start + text.length;
    if (end > this.units.length) this.units = grownTo(this.units, Math.max(16 * 1024, end * 2));
    if (this.length === this.ends.length) this.ends = grownTo(this.ends, Math.max(1024, this.length * 2));
    for (let k = 0; k < text.length; k++) this.units[start + k] = text.charCodeAt(k);
    this.ends[this.length] = end;
    this.length += 1;
  }

  at(i: number): string {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`row ${i} is outside the column (${this.length} rows)`);
    const start = i === 0 ? 0 : this.ends[i - 1]!;
    const end = this.ends[i]!;
    // apply takes the typed array as the argument list (spreading it is four times slower); in
    // pieces of 4096 so a long string stays well inside the argument limit.
    let text = '';
    for (let k = start; k < end; k += 4096) {
      text += String.fromCharCode.apply(null, this.units.subarray(k, Math.min(end, k + 4096)) as unknown as number[]);
    }
    return text;
  }
}

function grownTo<T extends Uint16Array | Uint32Array>(column: T, capacity: number): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column);
  return next;
}

type WarrantedPart = Pick<HistoryRecord, 'warrantedBelief' | 'actualShift' | 'warrantedShift' | 'overupdateFactor' | 'gap'>;

/** What history's functions accept: a table, or records (turned into a table first). */
export type HistoryRows = HistoryTable | readonly HistoryRecord[];

export function asTable(rows: HistoryRows): HistoryTable {
  return rows instanceof HistoryTable ? rows : HistoryTable.fromRecords(rows);
}

/** sawLittle for row `i`. */
export function sawLittleAt(t: HistoryTable, i: number): boolean {
  const minutes = t.minutesSeen[i]!;
  return !Number.isNaN(minutes) && minutes < LITTLE_INFORMATION_MINUTES;
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
  const copy = values instanceof Float64Array ? values.slice() : new Float64Array(values as readonly number[]);
  const mid = n >> 1;
  if (n < SELECT_FROM || copy.some(Number.isNaN)) {
    // A typed array sorts numerically (NaN last, -0 before 0) and much faster than Array#sort with a comparator.
    copy.sort();
    return n % 2 === 1 ? copy[mid]! : (copy[mid - 1]! + copy[mid]!) / 2;
  }
  // Selecting the middle is linear where sorting is not; the values are exactly those the sort would pick.
  const upper = kthSmallest(copy, mid);
  if (n % 2 === 1) return upper;
  // kthSmallest left the smaller half below mid: the value before the middle is the largest of it.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (copy[i]! > lower) lower = copy[i]!;
  return (signedLikeSort(copy, mid - 1, lower) + upper) / 2;
}

/** Below this many values, sorting is as quick as selecting. */
const SELECT_FROM = 1000;

/**
 * The k-th smallest value (0-based) as a numeric sort would place it, rearranging `a` so that
 * a[0..k) hold values not above it (Hoare's selection). Values must not be NaN. Zeros compare
 * equal here, so the sign of a zero result is settled as the sort settles it: -0 before 0.
 */
function kthSmallest(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return signedLikeSort(a, k, a[k]!);
}

/** `value`, the k-th smallest of `a`; when it is a zero, with the sign a numeric sort gives it there. */
function signedLikeSort(a: Float64Array, k: number, value: number): number {
  if (value !== 0) return value;
  let belowPositiveZero = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! < 0 || Object.is(a[i], -0)) belowPositiveZero++;
  return k < belowPositiveZero ? -0 : 0;
}

/** The overview of `rows`, which must be in date order (oldest first). */
export function summariseHistory(rows: HistoryRows): HistorySummary {
  const t = asTable(rows);
  const n = t.length;
  const kindCounts = new Array<number>(KINDS.length).fill(0);
  const factors = new Float64Array(n);
  let factorCount = 0;
  let known = 0;
  let little = 0;
  let aboutMe = 0;
  for (let i = 0; i < n; i++) {
    const kind = t.kind[i]!;
    kindCounts[kind] = kindCounts[kind]! + 1;
    const factor = t.overupdateFactor[i]!;
    if (!Number.isNaN(factor)) factors[factorCount++] = factor;
    if (!Number.isNaN(t.minutesSeen[i]!)) {
      known += 1;
      if (sawLittleAt(t, i)) little += 1;
    }
    if (t.aboutMe[i]! >= MOSTLY_ABOUT_ME) aboutMe += 1;
  }
  const byKind = Object.fromEntries(KINDS.map((k, index) => [k, kindCounts[index]!])) as Record<Kind, number>;
  return {
    entries: n,
    firstDate: t.dates[0] ?? null,
    lastDate: t.dates.at(-1) ?? null,
    byKind,
    beliefOverTime: beliefOverTime(t, BELIEF_LINE_POINTS),
    medianOverupdateFactor: median(factors.subarray(0, factorCount)),
    overupdateFactorEntries: factorCount,
    medianGap: median(t.gap.subarray(0, n)),
    littleInformation: { ...share(little, known), underMinutes: LITTLE_INFORMATION_MINUTES },
    mostlyAboutMe: { ...share(aboutMe, n), atLeastPercent: MOSTLY_ABOUT_ME },
  };
}

/**
 * Belief over time in at most `maxPoints` points: each point is the mean of an equal run of
 * consecutive entries, so a long journal still fits one line.
 */
export function beliefOverTime(rows: HistoryRows, maxPoints: number): HistorySummary['beliefOverTime'] {
  const t = asTable(rows);
  const entriesPerPoint = Math.max(1, Math.ceil(t.length / maxPoints));
  const points: BeliefPoint[] = [];
  for (let start = 0; start < t.length; start += entriesPerPoint) {
    const end = Math.min(t.length, start + entriesPerPoint);
    // Summed oldest first from 0, as a reduce over the run would: the same means to the last bit.
    const mean = (column: Float64Array) => {
      let sum = 0;
      for (let i = start; i < end; i++) sum += column[i]!;
      return sum / (end - start);
    };
    points.push({
      from: t.dates[start]!,
      to: t.dates[end - 1]!,
      entries: end - start,
      before: mean(t.before),
      after: mean(t.after),
      warranted: mean(t.warrantedBelief),
    });
  }
  return { entriesPerPoint, points };
}
