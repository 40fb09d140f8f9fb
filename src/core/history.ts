// What `noisy history` knows about each entry, and the overview figures. Pure: no storage, no words.
//
// History has to stay quick on very large journals, so it never holds whole entries. HISTORY_FIELDS
// declares, once, what it reads of each entry (numbers, ids, flags; no free text): the store keeps
// those fields in a table of their own, one typed column each, and hands them over row by row; a
// HistoryTable holds them as columns in memory (typed arrays), each row with its warranted update
// worked out. Detectors (patterns.ts) and the overview read the table; HistoryRecord is one row of it.

import { predictionOutcome } from './calibration.js';
import type { CalibrationFacts } from './calibration.js';
import { impossibleOutcome } from './beliefs.js';
import { CLOUDING_STATES, KINDS, METHODS, OUTCOMES, methodFitsKind, type Kind } from './domain.js';
import type { Entry } from './entry.js';
import { LITTLE_INFORMATION_MINUTES, MOSTLY_ABOUT_ME } from './summary.js';
import { warrantedMoves, type WarrantedInput, type WarrantedMoves } from './warranted.js';

// ── What history reads of each entry ────────────────────────────────────────────────────────────

/**
 * How a field's values are kept, in the journal and in memory:
 * - `id`: a short unique id (in memory as characters, see TextColumn);
 * - `day`: YYYY-MM-DD (rows come in date order, so a day equal to the row before's shares its string);
 * - `choice`: one of `of` (in memory as its index);
 * - `number`: a number (NaN in memory for null);
 * - `flag`: yes or no (1 / 0; -1 in memory for null);
 * - `ids`: a list of short ids (one shared list in memory per distinct list).
 */
export type FieldType = 'id' | 'day' | 'choice' | 'number' | 'flag' | 'ids';

export interface HistoryFieldSpec {
  name: string;
  type: FieldType;
  /** The value may be null. */
  optional?: boolean;
  /** For a `choice`: every value it can take. */
  of?: readonly string[];
  /** The value, from the whole entry as stored (follow-ups included). */
  from: (entry: Entry) => unknown;
}

/**
 * Every field history reads of an entry, declared once: the store derives its table, its writes and
 * its reads from this list, the migrations fill new fields from `from`, and HistoryTable has one
 * column per field. Adding a field is one line here and one migration (addHistoryFields in
 * storage/migrations.ts). The warranted-update inputs are fields as they are (kind, method, before,
 * after, minutesSeen, selectionRate, confounders), so the model reads them straight from the table.
 */
export const HISTORY_FIELDS = [
  { name: 'id', type: 'id', from: (e) => e.id },
  { name: 'date', type: 'day', from: (e) => e.date },
  { name: 'kind', type: 'choice', of: KINDS, from: (e) => e.kind },
  { name: 'method', type: 'choice', of: METHODS, from: (e) => e.evaluation.method },
  { name: 'before', type: 'number', from: (e) => e.belief.before },
  { name: 'after', type: 'number', from: (e) => e.belief.after },
  { name: 'minutesSeen', type: 'number', optional: true, from: (e) => e.evaluation.minutesSeen },
  { name: 'selectionRate', type: 'number', optional: true, from: (e) => e.evaluation.selectionRate },
  { name: 'confounders', type: 'ids', from: (e) => e.confounders },
  { name: 'aboutMe', type: 'number', from: (e) => e.aboutMe },
  // Written while tired, hungry, low, anxious or unwell.
  { name: 'clouded', type: 'flag', from: (e) => e.state.some((s) => CLOUDING_STATES.includes(s)) },
  { name: 'hasNextStep', type: 'flag', from: (e) => e.nextStep.trim() !== '' },
  // When a follow-up is (still) due; null when none is planned.
  { name: 'followUpOn', type: 'day', optional: true, from: (e) => e.followUpOn },
  { name: 'followUpCount', type: 'number', from: (e) => e.followUps.length },
  // What the latest follow-up said about the next step; null before any follow-up.
  { name: 'tookNextStep', type: 'flag', optional: true, from: (e) => e.followUps.at(-1)?.tookNextStep ?? null },
  { name: 'predictionProbability', type: 'number', optional: true, from: (e) => e.prediction?.probability ?? null },
  // The latest true/false verdict on the prediction; null without a prediction or a verdict yet.
  { name: 'predictionCameTrue', type: 'flag', optional: true, from: (e) => predictionOutcome(e) },
  // The belief given at the first follow-up (for the rebound); null before any follow-up.
  { name: 'firstBeliefNow', type: 'number', optional: true, from: (e) => e.followUps[0]?.beliefNow ?? null },
  // A setback or good news (schema 6; older entries are all setbacks).
  { name: 'outcome', type: 'choice', of: OUTCOMES, from: (e) => e.outcome },
  // The stored belief the entry is about (every saved entry has one; '' only for an entry not saved
  // yet). Its column came after the table, so SQL allows null there; it is never null once filled.
  { name: 'beliefId', type: 'id', optional: true, from: (e) => e.belief.id ?? '' },
] as const satisfies readonly HistoryFieldSpec[];

type Field = (typeof HISTORY_FIELDS)[number];

/** Where the belief id is among a row's values. */
const BELIEF_ID_AT = HISTORY_FIELDS.findIndex((field) => field.name === 'beliefId');
export type HistoryFieldName = Field['name'];

/** One entry as history reads it: every field, by name. */
export type HistoryRow = { -readonly [F in Field as F['name']]: ReturnType<F['from']> };

/** One entry's fields in HISTORY_FIELDS order, as historyValuesOf gives them and the store reads them. */
export type HistoryValues = ValuesOf<typeof HISTORY_FIELDS>;
type ValuesOf<Fields extends readonly Field[]> = { -readonly [K in keyof Fields]: Fields[K] extends { from: (entry: Entry) => infer V } ? V : never };

export function historyValuesOf(entry: Entry): HistoryValues {
  return HISTORY_FIELDS.map((field) => field.from(entry)) as unknown as HistoryValues;
}

export function historyRowOf(entry: Entry): HistoryRow {
  return Object.fromEntries(HISTORY_FIELDS.map((field) => [field.name, field.from(entry)])) as HistoryRow;
}

/** One entry as history sees it: its fields plus its warranted update. */
export interface HistoryRecord extends HistoryRow {
  warrantedBelief: number;
  /** Log-odds moves (see WarrantedUpdate). */
  actualShift: number;
  warrantedShift: number;
  overupdateFactor: number | null;
  /** Points below the warranted belief where the person landed (negative: above it). */
  gap: number;
}

/** The evaluator saw under an hour of the person (unknown minutes don't count either way). */
export function sawLittle(record: Pick<HistoryRecord, 'minutesSeen'>): boolean {
  return record.minutesSeen !== null && record.minutesSeen < LITTLE_INFORMATION_MINUTES;
}

// ── The table ───────────────────────────────────────────────────────────────────────────────────

const ACCEPTED = OUTCOMES.indexOf('accepted');

/** Stands for null in a number column (no stored number is NaN: the answers are validated). */
const NONE = Number.NaN;
/** Stands for null in a yes/no column. */
const UNKNOWN = -1;

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);
const yesNoOrNull = (value: number): boolean | null => (value === UNKNOWN ? null : value === 1);

type ColumnOf<F extends Field> = F['type'] extends 'id'
  ? TextColumn
  : F['type'] extends 'day'
    ? F extends { optional: true } ? (string | null)[] : string[]
    : F['type'] extends 'choice'
      ? Uint8Array
      : F['type'] extends 'number'
        ? Float64Array
        : F['type'] extends 'flag'
          ? Int8Array
          : (readonly string[])[];

/** A column per field of HISTORY_FIELDS, by the field's name. */
export type HistoryColumns = { [F in Field as F['name']]: ColumnOf<F> };

/** How each type of field is held in memory: a column, storing a value into it, and reading it back. */
interface ColumnType {
  make: () => unknown;
  /** Typed-array columns are grown by the table; the others grow by themselves. */
  typed: boolean;
  set: (column: never, i: number, value: never, field: HistoryFieldSpec) => void;
  get: (column: never, i: number, field: HistoryFieldSpec) => unknown;
}

const COLUMN_TYPES: Record<FieldType, ColumnType> = {
  id: {
    make: () => new TextColumn(),
    typed: false,
    set: (column: TextColumn, _i: number, value: string) => column.push(value),
    get: (column: TextColumn, i: number) => column.at(i),
  },
  day: {
    make: () => [],
    typed: false,
    // The same day as the row before shares its string, so a long journal holds one per distinct day.
    set: (column: (string | null)[], i: number, value: string | null) => void (column[i] = i > 0 && column[i - 1] === value ? column[i - 1]! : value),
    get: (column: (string | null)[], i: number) => column[i],
  },
  choice: {
    make: () => new Uint8Array(0),
    typed: true,
    set: (column: Uint8Array, i: number, value: string, field: HistoryFieldSpec) => {
      const index = field.of!.indexOf(value);
      if (index < 0) throw new RangeError(`unknown ${field.name}: ${String(value)}`);
      column[i] = index;
    },
    get: (column: Uint8Array, i: number, field: HistoryFieldSpec) => field.of![column[i]!],
  },
  number: {
    make: () => new Float64Array(0),
    typed: true,
    set: (column: Float64Array, i: number, value: number | null) => void (column[i] = value === null ? NONE : value),
    get: (column: Float64Array, i: number, field: HistoryFieldSpec) => (field.optional ? orNull(column[i]!) : column[i]),
  },
  flag: {
    make: () => new Int8Array(0),
    typed: true,
    set: (column: Int8Array, i: number, value: boolean | number | null) => void (column[i] = value === null ? UNKNOWN : value ? 1 : 0),
    get: (column: Int8Array, i: number) => yesNoOrNull(column[i]!),
  },
  ids: {
    make: () => [],
    typed: false,
    set: (column: (readonly string[])[], i: number, value: readonly string[]) => void (column[i] = value),
    get: (column: (readonly string[])[], i: number) => [...column[i]!],
  },
};

/** Gives HistoryTable one property per declared field (HistoryColumns); its constructor fills them in. */
const WithFieldColumns = class {} as new () => HistoryColumns;

/**
 * Every record of a history run as columns: one per field of HISTORY_FIELDS (by its name: `t.before`,
 * `t.kind`...) and one per figure of the warranted update, so 100,000 entries take about 12 MB and
 * the detectors scan plain numbers. Nulls are NaN in number columns and -1 in yes/no columns;
 * `at(i)` gives a row back as a HistoryRecord.
 */
export class HistoryTable extends WithFieldColumns {
  length = 0;
  warrantedBelief = new Float64Array(0);
  actualShift = new Float64Array(0);
  warrantedShift = new Float64Array(0);
  overupdateFactor = new Float64Array(0);
  gap = new Float64Array(0);
  /**
   * 1 when the model can use the entry; 0 for one saved before its rules and left out (a rejection at
   * a rate of 100, a method that does not fit the kind: doctor lists them, `noisy edit` fixes them).
   */
  usable = new Uint8Array(0);
  /** Filled by each add(). */
  private readonly moves: WarrantedMoves = { likelihoodRatio: 1, warrantedBelief: 0, actualShift: 0, warrantedShift: 0, overupdateFactor: null };
  private readonly input: WarrantedInput = { kind: 'application', method: 'cv-screen', before: 0, after: 0, minutesSeen: null, selectionRate: null, confounders: [], outcome: 'rejected' };
  private capacity = 0;

  /**
   * `capacity`: rows to make room for at once (a hint: the table still grows past it). `bars`: the
   * bars beliefs have set, by belief id (beliefBars), so each entry's figures use its belief's bar.
   */
  constructor(
    capacity = 0,
    private readonly bars: ReadonlyMap<string, number> = new Map(),
  ) {
    super();
    for (const field of HISTORY_FIELDS) this.columns[field.name] = COLUMN_TYPES[field.type].make();
    if (capacity > 0) this.grow(capacity);
  }

  static fromValues(rows: Iterable<readonly unknown[]>): HistoryTable {
    const table = new HistoryTable();
    for (const values of rows) table.add(values);
    return table;
  }

  /** A table of these entries, in the order given. */
  static fromEntries(entries: Iterable<Entry>): HistoryTable {
    const table = new HistoryTable();
    for (const entry of entries) table.add(historyValuesOf(entry));
    return table;
  }

  /** A table of these records' fields, in the order given (the warranted update is worked out again). */
  static fromRecords(records: Iterable<HistoryRecord>): HistoryTable {
    const table = new HistoryTable();
    for (const record of records) table.add(HISTORY_FIELDS.map((field) => record[field.name]));
    return table;
  }

  /**
   * Adds one entry: its fields in HISTORY_FIELDS order (historyValuesOf, or the store's columns),
   * then works out its warranted update. `values` is read, not kept.
   */
  add(values: ArrayLike<unknown>): void {
    const i = this.length;
    if (i === this.capacity) this.grow(Math.max(1024, i * 2));
    for (let f = 0; f < HISTORY_FIELDS.length; f++) {
      const field = HISTORY_FIELDS[f]!;
      COLUMN_TYPES[field.type].set(this.columns[field.name] as never, i, values[f] as never, field);
    }
    this.length = i + 1;
    const input = this.input;
    input.kind = KINDS[this.kind[i]!]!;
    input.method = METHODS[this.method[i]!]!;
    input.before = this.before[i]!;
    input.after = this.after[i]!;
    input.minutesSeen = orNull(this.minutesSeen[i]!);
    input.selectionRate = orNull(this.selectionRate[i]!);
    input.confounders = this.confounders[i]!;
    input.outcome = OUTCOMES[this.outcome[i]!]!;
    // A verdict on yourself counts for less when passed while tired or low (the model reads the state).
    input.clouded = this.clouded[i] === 1;
    input.bar = this.bars.size === 0 ? undefined : this.bars.get(values[BELIEF_ID_AT] as string);
    const w = warrantedMoves(input, this.moves);
    this.warrantedBelief[i] = w.warrantedBelief;
    this.actualShift[i] = w.actualShift;
    this.warrantedShift[i] = w.warrantedShift;
    this.overupdateFactor[i] = w.overupdateFactor === null ? NONE : w.overupdateFactor;
    this.gap[i] = w.warrantedBelief - input.after;
    this.usable[i] = (input.selectionRate !== null && impossibleOutcome(input.outcome!, input.selectionRate)) || !methodFitsKind(input.kind, input.method) ? 0 : 1;
  }

  /** Row `i` as a record. */
  at(i: number): HistoryRecord {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`row ${i} is outside the table (${this.length} rows)`);
    const row = Object.fromEntries(HISTORY_FIELDS.map((field) => [field.name, COLUMN_TYPES[field.type].get(this.columns[field.name] as never, i, field)])) as HistoryRow;
    return {
      ...row,
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
   * other rows add nothing to it).
   */
  *calibrationFacts(): Generator<CalibrationFacts> {
    for (let i = 0; i < this.length; i++) {
      const probability = this.predictionProbability[i]!;
      if (Number.isNaN(probability) && Number.isNaN(this.firstBeliefNow[i]!)) continue;
      yield {
        id: this.id.at(i),
        before: this.before[i]!,
        after: this.after[i]!,
        prediction: Number.isNaN(probability) ? null : { probability, cameTrue: yesNoOrNull(this.predictionCameTrue[i]!) },
        firstBeliefNow: orNull(this.firstBeliefNow[i]!),
      };
    }
  }

  /** The field columns by name, for the loops over HISTORY_FIELDS. */
  private get columns(): Record<string, unknown> {
    return this as unknown as Record<string, unknown>;
  }

  private grow(capacity: number): void {
    const grown = <T extends Float64Array | Uint8Array | Int8Array>(column: T): T => {
      const next = new (column.constructor as new (n: number) => T)(capacity);
      next.set(column);
      return next;
    };
    for (const field of HISTORY_FIELDS) {
      if (COLUMN_TYPES[field.type].typed) this.columns[field.name] = grown(this.columns[field.name] as Float64Array);
    }
    this.warrantedBelief = grown(this.warrantedBelief);
    this.actualShift = grown(this.actualShift);
    this.warrantedShift = grown(this.warrantedShift);
    this.overupdateFactor = grown(this.overupdateFactor);
    this.gap = grown(this.gap);
    this.usable = grown(this.usable);
    this.capacity = capacity;
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
  /** Setbacks answered at least MOSTLY_ABOUT_ME percent "about me" (good news is not asked it). */
  mostlyAboutMe: Share & { atLeastPercent: number };
}

export function share(entries: number, outOf: number): Share {
  return { entries, outOf, share: outOf === 0 ? null : entries / outOf };
}

/** The median of `values`; null when empty. */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  // A typed array sorts numerically (NaN last, -0 before 0), and in native code.
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
  // "About me" is a setback's question (good news is not asked it).
  let setbacks = 0;
  for (let i = 0; i < n; i++) {
    const kind = t.kind[i]!;
    kindCounts[kind] = kindCounts[kind]! + 1;
    const factor = t.overupdateFactor[i]!;
    if (!Number.isNaN(factor)) factors[factorCount++] = factor;
    if (!Number.isNaN(t.minutesSeen[i]!)) {
      known += 1;
      if (sawLittleAt(t, i)) little += 1;
    }
    if (t.outcome[i] === ACCEPTED) continue;
    setbacks += 1;
    if (t.aboutMe[i]! >= MOSTLY_ABOUT_ME) aboutMe += 1;
  }
  const byKind = Object.fromEntries(KINDS.map((k, index) => [k, kindCounts[index]!])) as Record<Kind, number>;
  return {
    entries: n,
    firstDate: t.date[0] ?? null,
    lastDate: t.date.at(-1) ?? null,
    byKind,
    beliefOverTime: beliefOverTime(t, BELIEF_LINE_POINTS),
    medianOverupdateFactor: median(factors.subarray(0, factorCount)),
    overupdateFactorEntries: factorCount,
    medianGap: median(t.gap.subarray(0, n)),
    littleInformation: { ...share(little, known), underMinutes: LITTLE_INFORMATION_MINUTES },
    mostlyAboutMe: { ...share(aboutMe, setbacks), atLeastPercent: MOSTLY_ABOUT_ME },
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
      from: t.date[start]!,
      to: t.date[end - 1]!,
      entries: end - start,
      before: mean(t.before),
      after: mean(t.after),
      warranted: mean(t.warrantedBelief),
    });
  }
  return { entriesPerPoint, points };
}
