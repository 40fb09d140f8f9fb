// The warranted update for one entry: the belief model of beliefs.ts with one evaluation in it, so an
// entry's figures and a belief holding only that entry are the same numbers (one formula, never two).
// Pure and deterministic; see docs/model.md for the model in plain language and FIGURES for every constant.
//
// This file turns an entry's answers into the model's inputs: which validity the method has (a range,
// where published sources differ), how the answers discount it (minutes seen, confounders ticked, the
// state a verdict on yourself was passed in), which rate the process had (a range when unknown); then it
// compares the person's move with the warranted one.

import { combine, impossibleOutcome, logLikelihoodRatio, MAX_VALIDITY, warrantedFrom as warrantedFromShift, type Span, type UncertainEvidence } from './beliefs.js';
import { NOISE_CATEGORIES, isMethod, methodFitsKind, type Kind, type Method } from './domain.js';
import { figure } from './figures.js';
import { TupleCache } from './tuple-cache.js';

export type { Outcome } from './beliefs.js';
import type { Outcome } from './beliefs.js';

/** Why `overupdateFactor` needs a caveat; the CLI turns these codes into sentences. */
export type OverupdateNote =
  /** The evidence warrants practically no move (|ln LR| below model.negligible-shift): no ratio. */
  | 'warranted-shift-negligible'
  /** The person moved the other way from the evidence (the factor is negative). */
  | 'moved-opposite-way'
  /** The outcome cannot happen at the rate given (a rejection where everyone gets in): no update. */
  | 'impossible-outcome'
  /** The method does not fit the kind (months in a job for a paper's reviews): no update. */
  | 'method-does-not-fit-kind';

/** The person's move against the warranted one (issue 13's bands, by the ratio of log-odds moves). */
export type MoveComparison =
  | 'much-larger'
  | 'larger'
  | 'in-line'
  | 'smaller'
  | 'much-smaller'
  | 'opposite-direction'
  | 'no-move-warranted';

/** How much the evidence itself can carry, by the size of the warranted move. */
export type EvidenceStrength = 'weak' | 'moderate' | 'strong';

export interface WarrantedInput {
  kind: Kind;
  method: Method;
  /** Belief before the evaluation, 0–100. */
  before: number;
  /** Belief right after it, 0–100. */
  after: number;
  minutesSeen: number | null;
  /** Percent accepted, 0 < x ≤ 100; null when unknown. */
  selectionRate: number | null;
  /** Noise category ids the person ticked (ids not belonging to `kind` are ignored). */
  confounders: readonly string[];
  /** Defaults to 'rejected'. */
  outcome?: Outcome;
  /** Written while tired, hungry, low, anxious or unwell: colours a verdict passed on oneself. */
  clouded?: boolean;
  /** b, the belief's bar (percent who would do well); defaults to figure model.bar. */
  bar?: number;
}

export interface ValidityDiscount {
  /** Factor for a shorter look than the studied evaluations (1 = none). */
  minutesFactor: number;
  /** Factor for the ticked confounders (1 = none). */
  confounderFactor: number;
  /** Confounder ids that counted (valid for the kind, deduplicated). */
  confoundersCounted: string[];
  /** True when discount.floor stopped the discounts. */
  floorApplied: boolean;
  /** Factor for the state a verdict on yourself was passed in (1 = none). */
  stateFactor: number;
  /** True when model.self-verdict-cap held a verdict on yourself down. */
  capApplied: boolean;
}

export interface WarrantedUpdate {
  method: Method;
  outcome: Outcome;
  baseValidity: number;
  /** After the discounts: the effective validity the model used. */
  validity: number;
  /** The effective validity at the ends of the published range (equal to `validity` where there is none). */
  validityRange: { low: number; high: number };
  validityDiscount: ValidityDiscount;
  /** Percent; the person's figure, else the method's default. */
  selectionRate: number;
  selectionRateKnown: boolean;
  /** b: the share (percent) of people trying for this line of work who would do well. */
  bar: number;
  /** P(this outcome | good enough) / P(this outcome | not). */
  likelihoodRatio: number;
  /** Bayes' rule on the stated prior, 0–100 (0 and 100 read as 0.5 and 99.5; never crosses the prior against the evidence). */
  warrantedBelief: number;
  /** The warranted belief across the plausible validities, rates and bars; always contains warrantedBelief. */
  warrantedRange: { low: number; high: number };
  /** The person's move in natural log-odds, with beliefs clamped to [0.5, 99.5]. */
  actualShift: number;
  /** The warranted move in natural log-odds: ln(likelihoodRatio). */
  warrantedShift: number;
  /** actualShift / warrantedShift; null when the warranted shift is negligible. */
  overupdateFactor: number | null;
  /** The factor at the ends of warrantedRange (low ≤ high); null with overupdateFactor. */
  overupdateRange: { low: number; high: number } | null;
  overupdateNote: OverupdateNote | null;
  moveComparison: MoveComparison;
  evidenceStrength: EvidenceStrength;
  /** Ids of the figures that shaped this result (see FIGURES). */
  figuresUsed: string[];
  /** The subset of figuresUsed whose status is 'assumption'. */
  assumptions: string[];
}

// ── Methods: which figures apply ────────────────────────────────────────────────────────────────

const RATE_GROUPS = ['screening', 'interview', 'work-trial', 'job-performance', 'peer-review', 'judgement'] as const;
type RateGroup = (typeof RATE_GROUPS)[number];

interface MethodModel {
  /** Figure ids for the validity point estimate and the ends of its range (the same id where there is no range). */
  validity: string;
  validityLow: string;
  validityHigh: string;
  rates: RateGroup;
  /** Figure with the length of the studied evaluations, for methods where minutes seen matter. */
  fullLength: string | null;
}

const ranged = (id: string, low: boolean, high: boolean): Pick<MethodModel, 'validity' | 'validityLow' | 'validityHigh'> => ({
  validity: id,
  validityLow: low ? `${id}.low` : id,
  validityHigh: high ? `${id}.high` : id,
});

const METHOD_MODEL: Readonly<Record<Method, MethodModel>> = {
  // A document carries the same information however long it is read: no minutes discount.
  'cv-screen': { ...ranged('validity.cv-screen', true, true), rates: 'screening', fullLength: null },
  'written-application': { ...ranged('validity.written-application', true, true), rates: 'screening', fullLength: null },
  'unstructured-interview': {
    ...ranged('validity.unstructured-interview', false, true),
    rates: 'interview',
    fullLength: 'discount.full-length.interview',
  },
  'structured-interview': {
    ...ranged('validity.structured-interview', false, true),
    rates: 'interview',
    fullLength: 'discount.full-length.interview',
  },
  'work-trial': { ...ranged('validity.work-trial', false, true), rates: 'work-trial', fullLength: 'discount.full-length.work-trial' },
  // Months in the role: minutes are not the right scale.
  'job-performance': { ...ranged('validity.job-performance', false, true), rates: 'job-performance', fullLength: null },
  // Borrowed from (full-length) interviews, so shortened the same way.
  conversation: { ...ranged('validity.conversation', false, false), rates: 'judgement', fullLength: 'discount.full-length.interview' },
  'peer-review': { ...ranged('validity.peer-review', false, true), rates: 'peer-review', fullLength: null },
  'self-assessment': { ...ranged('validity.self-assessment', true, true), rates: 'judgement', fullLength: null },
};

/** The validity figure id (point estimate) for a method. */
export function validityFigureId(method: Method): string {
  return METHOD_MODEL[method].validity;
}

/** Figure ids for a method's validity: the point estimate and the ends of its range. */
export function validityFigureIds(method: Method): { point: string; low: string; high: string } {
  const model = METHOD_MODEL[method];
  return { point: model.validity, low: model.validityLow, high: model.validityHigh };
}

/** Figure ids for the default selection rate of a method and the plausible range around it. */
export function selectionRateFigureIds(method: Method): Readonly<{ default: string; low: string; high: string }> {
  return RATE_FIGURE_IDS[METHOD_MODEL[method].rates];
}

/** The rate figures of each group, made once: an id put together per call is a new string to look up each time. */
const RATE_FIGURE_IDS = Object.fromEntries(
  RATE_GROUPS.map((group) => [group, Object.freeze({ default: `rate.${group}.default`, low: `rate.${group}.low`, high: `rate.${group}.high` })]),
) as Record<RateGroup, Readonly<{ default: string; low: string; high: string }>>;

// ── Checks shared by the full and the lean path ─────────────────────────────────────────────────

function assertPercent(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0 && value <= 100)) {
    throw new RangeError(`${name} must be between 0 and 100, got ${value}`);
  }
}

function checkInput(input: WarrantedInput): void {
  if (!isMethod(input.method)) throw new RangeError(`unknown evaluation method: ${String(input.method)}`);
  assertPercent('belief before', input.before);
  assertPercent('belief after', input.after);
  if (input.minutesSeen !== null && !(Number.isFinite(input.minutesSeen) && input.minutesSeen >= 0)) {
    throw new RangeError(`minutes seen must be a number ≥ 0 or null, got ${input.minutesSeen}`);
  }
  if (input.selectionRate !== null && !(Number.isFinite(input.selectionRate) && input.selectionRate > 0 && input.selectionRate <= 100)) {
    throw new RangeError(`selection rate must be a percent in (0, 100] or null, got ${input.selectionRate}`);
  }
  if (input.bar !== undefined && !(Number.isFinite(input.bar) && input.bar > 0 && input.bar < 100)) {
    throw new RangeError(`bar must be a percent strictly between 0 and 100, got ${input.bar}`);
  }
}

// ── The discounts ───────────────────────────────────────────────────────────────────────────────

/**
 * The factor that multiplies a method's validity for this entry's answers, and which figures it used.
 * Shared by the full and the lean path so the two cannot drift apart.
 */
function discountOf(input: WarrantedInput, model: MethodModel, used: string[] | null): ValidityDiscount & { factor: number; cap: number } {
  // Less time than the studied evaluations → a shorter test → lower reliability (Spearman–Brown),
  // and validity scales with the square root of reliability. Never above 1: seeing more than the
  // studied length does not earn more than the published figure.
  let minutesFactor = 1;
  const minutesApply = model.fullLength !== null && input.minutesSeen !== null;
  if (minutesApply) {
    const fullLength = FIG.fullLength[model.fullLength!]!;
    const k = Math.min(1, input.minutesSeen! / fullLength);
    minutesFactor = Math.sqrt(k / (1 + (k - 1) * FIG.referenceReliability));
    if (minutesFactor < 1) used?.push(model.fullLength!, 'discount.reference-reliability');
  }

  // A verdict on yourself: capped below every outside evaluation of a person, and weaker still when
  // passed while tired, low, anxious, hungry or unwell (then 'state-clouding' is not counted twice).
  const self = input.method === 'self-assessment';
  const stateApplies = self && input.clouded === true;
  const stateFactor = stateApplies ? FIG.selfState : 1;
  if (self) used?.push('model.self-verdict-cap');
  if (stateApplies) used?.push('discount.self-state');

  // Each ticked confounder adds noise unrelated to ability: S gets extra variance c per confounder,
  // so its correlation with A shrinks by 1/√(1 + c·n). 'little-information' is already counted by
  // the minutes discount when that applies.
  const ofKind = NOISE_CATEGORIES[input.kind] ?? [];
  const confounders = input.confounders;
  const confoundersCounted: string[] = [];
  for (let i = 0; i < confounders.length; i++) {
    const id = confounders[i]!;
    if (confounders.indexOf(id) !== i || !ofKind.includes(id)) continue;
    if (minutesApply && id === 'little-information') continue;
    if (stateApplies && id === 'state-clouding') continue;
    confoundersCounted.push(id);
  }
  let confounderFactor = 1;
  if (confoundersCounted.length > 0) {
    confounderFactor = 1 / Math.sqrt(1 + FIG.perConfounder * confoundersCounted.length);
    used?.push('discount.per-confounder');
  }
  const floorApplied = minutesFactor * confounderFactor < FIG.floor;
  if (floorApplied) used?.push('discount.floor');
  const factor = Math.max(FIG.floor, minutesFactor * confounderFactor) * stateFactor;
  return {
    minutesFactor,
    confounderFactor,
    confoundersCounted,
    floorApplied,
    stateFactor,
    capApplied: false,
    factor,
    cap: self ? FIG.selfCap : MAX_VALIDITY,
  };
}

/** base, capped (the self-verdict cap, or the model's cap below 1), times the discount factor. */
function effective(base: number, cap: number, factor: number): number {
  return Math.min(MAX_VALIDITY, Math.min(base, cap) * factor);
}

// ── Comparing moves ─────────────────────────────────────────────────────────────────────────────

const logitPercent = (percent: number): number => Math.log(percent / (100 - percent));

/** Bands of actualShift / warrantedShift (issue 13's Interface). */
export const MOVE_BANDS = { muchLarger: 3, larger: 1.5, inLine: 0.67, smaller: 1 / 3 } as const;

export function moveComparisonOf(overupdateFactor: number | null, note: OverupdateNote | null): MoveComparison {
  if (overupdateFactor === null || note === 'warranted-shift-negligible' || note === 'impossible-outcome' || note === 'method-does-not-fit-kind') return 'no-move-warranted';
  if (overupdateFactor < 0) return 'opposite-direction';
  if (overupdateFactor > MOVE_BANDS.muchLarger) return 'much-larger';
  if (overupdateFactor > MOVE_BANDS.larger) return 'larger';
  if (overupdateFactor >= MOVE_BANDS.inLine) return 'in-line';
  if (overupdateFactor >= MOVE_BANDS.smaller) return 'smaller';
  return 'much-smaller';
}

function strengthOf(warrantedShift: number): EvidenceStrength {
  const size = Math.abs(warrantedShift);
  return size >= FIG.strongShift ? 'strong' : size >= FIG.weakShift ? 'moderate' : 'weak';
}

// ── One evaluation through the belief model ─────────────────────────────────────────────────────

/** ln LR of one evaluation, remembered: `noisy history` and `export` ask for the same few thousand. */
const ONE_CACHE = new TupleCache<number>(4, 50_000);
const ONE_KEY = new Float64Array(4);

function oneLogRatio(validity: number, rate: number, outcome: Outcome, bar: number): number {
  ONE_KEY[0] = outcome === 'accepted' ? 1 : 0;
  ONE_KEY[1] = validity;
  ONE_KEY[2] = rate;
  ONE_KEY[3] = bar;
  let value = ONE_CACHE.get(ONE_KEY);
  if (value === undefined) {
    value = logLikelihoodRatio([{ validity, selectionRate: rate, outcome, count: 1 }], { bar, sharedErrorCorrelation: FIG.sharedError });
    ONE_CACHE.set(ONE_KEY, value);
  }
  return value;
}

// ── The update ──────────────────────────────────────────────────────────────────────────────────

/** What the belief model takes of one entry: the inputs of one evaluation, with their ranges. */
export interface EntryEvidence {
  outcome: Outcome;
  /** The effective validity (after every discount) and its value at the ends of the published range. */
  validity: Span;
  /** The rate used: the person's figure (a point), else the method's default and its plausible range. */
  selectionRate: Span;
  selectionRateKnown: boolean;
  baseValidity: number;
  validityDiscount: ValidityDiscount;
  /** Ids of the figures behind these inputs. */
  figuresUsed: string[];
  /** The outcome cannot happen at this rate (old entries only): the model leaves it out. */
  impossible: boolean;
}

/**
 * One entry as evidence for the belief model. warrantedUpdate (an entry's own figures) and a stored
 * belief's combined picture both start here, so the two cannot drift apart.
 */
export function entryEvidence(input: WarrantedInput): EntryEvidence {
  checkInput(input);
  const outcome: Outcome = input.outcome ?? 'rejected';
  const model = METHOD_MODEL[input.method];
  const used: string[] = [model.validity, model.validityLow, model.validityHigh];

  const discount = discountOf(input, model, used);
  const baseValidity = figure(model.validity).value;
  const validity = effective(baseValidity, discount.cap, discount.factor);
  const validitySpan: Span = {
    point: validity,
    low: effective(figure(model.validityLow).value, discount.cap, discount.factor),
    high: effective(figure(model.validityHigh).value, discount.cap, discount.factor),
  };
  const capApplied = input.method === 'self-assessment' && figure(model.validityHigh).value > discount.cap;
  const { factor: _factor, cap: _cap, ...rest } = discount;
  const validityDiscount: ValidityDiscount = { ...rest, capApplied };

  const rateIds = selectionRateFigureIds(input.method);
  const selectionRateKnown = input.selectionRate !== null;
  const selectionRate = input.selectionRate ?? figure(rateIds.default).value;
  if (!selectionRateKnown) used.push(rateIds.default, rateIds.low, rateIds.high);
  const rateSpan: Span = selectionRateKnown
    ? { point: selectionRate, low: selectionRate, high: selectionRate }
    : { point: selectionRate, low: figure(rateIds.low).value, high: figure(rateIds.high).value };
  return {
    outcome,
    validity: validitySpan,
    selectionRate: rateSpan,
    selectionRateKnown,
    baseValidity,
    validityDiscount,
    figuresUsed: used,
    impossible: impossibleOutcome(outcome, selectionRate),
  };
}

export function warrantedUpdate(input: WarrantedInput): WarrantedUpdate {
  const evidence = entryEvidence(input);
  const { outcome, baseValidity, validityDiscount, selectionRateKnown } = evidence;
  const used = [...evidence.figuresUsed];
  const validitySpan = evidence.validity;
  const rateSpan = evidence.selectionRate;
  const validity = validitySpan.point;
  const selectionRate = rateSpan.point;

  const barKnown = input.bar !== undefined;
  const bar = input.bar ?? FIG.bar;
  used.push('model.bar');
  if (!barKnown) used.push('model.bar.low', 'model.bar.high');
  const barSpan: Span = barKnown ? { point: bar, low: bar, high: bar } : { point: bar, low: FIG.barLow, high: FIG.barHigh };

  const margin = FIG.beliefClamp;
  const clamp = (percent: number): number => Math.min(100 - margin, Math.max(margin, percent));
  if (clamp(input.before) !== input.before || clamp(input.after) !== input.after) used.push('model.belief-clamp');
  const actualShift = logitPercent(clamp(input.after)) - logitPercent(clamp(input.before));

  let likelihoodRatio = 1;
  let warrantedShift = 0;
  let warrantedBelief = input.before;
  let warrantedRange = { low: input.before, high: input.before };
  let overupdateNote: OverupdateNote | null = null;
  // Only entries saved before these rules get to the first two branches (new answers are refused):
  // they stay readable, and the model leaves them out.
  if (evidence.impossible) {
    overupdateNote = 'impossible-outcome';
  } else if (!methodFitsKind(input.kind, input.method)) {
    overupdateNote = 'method-does-not-fit-kind';
  } else {
    const one: UncertainEvidence = { outcome, validity: validitySpan, selectionRate: rateSpan };
    const sharedError: Span = { point: FIG.sharedError, low: FIG.sharedError, high: FIG.sharedError };
    const combined = combine([one], { bar: barSpan, sharedErrorCorrelation: sharedError }, input.before, margin);
    // The point goes through the same cached path as warrantedMoves, so both give identical numbers.
    warrantedShift = oneLogRatio(validity, selectionRate, outcome, bar);
    likelihoodRatio = Math.exp(warrantedShift);
    warrantedBelief = combined.warrantedBelief;
    warrantedRange = combined.warrantedRange;
  }

  let overupdateFactor: number | null = null;
  let overupdateRange: { low: number; high: number } | null = null;
  if (overupdateNote === null) {
    if (!(Math.abs(warrantedShift) >= FIG.negligibleShift)) {
      overupdateNote = 'warranted-shift-negligible';
      used.push('model.negligible-shift');
    } else {
      overupdateFactor = actualShift / warrantedShift;
      if (overupdateFactor < 0) overupdateNote = 'moved-opposite-way';
      if (Object.is(overupdateFactor, -0)) overupdateFactor = 0;
      overupdateRange = factorRange(actualShift, input.before, warrantedRange, overupdateFactor, margin);
    }
  }
  const moveComparison = moveComparisonOf(overupdateFactor, overupdateNote);
  used.push('model.weak-shift', 'model.strong-shift');

  const figuresUsed = [...new Set(used)];
  return {
    method: input.method,
    outcome,
    baseValidity,
    validity,
    validityRange: { low: Math.min(validitySpan.low, validity), high: Math.max(validitySpan.high, validity) },
    validityDiscount,
    selectionRate,
    selectionRateKnown,
    bar,
    likelihoodRatio,
    warrantedBelief,
    warrantedRange,
    actualShift,
    warrantedShift,
    overupdateFactor,
    overupdateRange,
    overupdateNote,
    moveComparison,
    evidenceStrength: strengthOf(warrantedShift),
    figuresUsed,
    assumptions: figuresUsed.filter((id) => figure(id).status === 'assumption'),
  };
}

/** The over-update factor at the ends of the warranted range (a move of 0 there counts as unbounded). */
export function factorRange(actualShift: number, before: number, range: { low: number; high: number }, factor: number, margin: number): { low: number; high: number } {
  const clamp = (percent: number): number => Math.min(100 - margin, Math.max(margin, percent));
  const from = logitPercent(clamp(before));
  const factors = [factor];
  for (const end of [range.low, range.high]) {
    const shift = logitPercent(clamp(end)) - from;
    if (Math.abs(shift) >= FIG.negligibleShift) factors.push(actualShift / shift);
    else factors.push(Math.sign(actualShift * (end - before || -1)) * Infinity);
  }
  const finite = factors.filter((f) => !Number.isNaN(f));
  return { low: Math.min(...finite), high: Math.max(...finite) };
}

// ── The lean path for history ───────────────────────────────────────────────────────────────────

/** The numbers `noisy history` shows of an update: the same values warrantedUpdate gives for them. */
export interface WarrantedMoves {
  likelihoodRatio: number;
  warrantedBelief: number;
  actualShift: number;
  warrantedShift: number;
  overupdateFactor: number | null;
}

/**
 * warrantedUpdate without what history never shows (figure ids, assumptions, the ranges, the discount
 * breakdown): one call per entry on journals of 100,000 entries. The same checks, the same discount
 * code and the same cached ratio, so every number is identical (the unit tests compare the two over
 * many generated inputs). Fills and returns `into` when given (one object for a whole run).
 */
export function warrantedMoves(input: WarrantedInput, into: WarrantedMoves = { likelihoodRatio: 1, warrantedBelief: 0, actualShift: 0, warrantedShift: 0, overupdateFactor: null }): WarrantedMoves {
  checkInput(input);
  const outcome: Outcome = input.outcome ?? 'rejected';
  const model = METHOD_MODEL[input.method];
  const discount = discountOf(input, model, null);
  const validity = effective(FIG.baseValidity[input.method]!, discount.cap, discount.factor);
  const selectionRate = input.selectionRate ?? FIG.defaultRate[input.method]!;
  const bar = input.bar ?? FIG.bar;
  const margin = FIG.beliefClamp;
  const clamp = (percent: number): number => Math.min(100 - margin, Math.max(margin, percent));
  const actualShift = logitPercent(clamp(input.after)) - logitPercent(clamp(input.before));

  let warrantedShift = 0;
  let warrantedBelief = input.before;
  let overupdateFactor: number | null = null;
  if (!impossibleOutcome(outcome, selectionRate) && methodFitsKind(input.kind, input.method)) {
    warrantedShift = oneLogRatio(validity, selectionRate, outcome, bar);
    warrantedBelief = warrantedFromShift(input.before, warrantedShift, margin);
    if (Math.abs(warrantedShift) >= FIG.negligibleShift) {
      overupdateFactor = actualShift / warrantedShift;
      if (Object.is(overupdateFactor, -0)) overupdateFactor = 0;
    }
  }
  into.likelihoodRatio = Math.exp(warrantedShift);
  into.warrantedBelief = warrantedBelief;
  into.actualShift = actualShift;
  into.warrantedShift = warrantedShift;
  into.overupdateFactor = overupdateFactor;
  return into;
}


/** The figures both paths read, looked up once. */
const FIG = {
  referenceReliability: figure('discount.reference-reliability').value,
  perConfounder: figure('discount.per-confounder').value,
  floor: figure('discount.floor').value,
  selfState: figure('discount.self-state').value,
  selfCap: figure('model.self-verdict-cap').value,
  beliefClamp: figure('model.belief-clamp').value,
  negligibleShift: figure('model.negligible-shift').value,
  weakShift: figure('model.weak-shift').value,
  strongShift: figure('model.strong-shift').value,
  bar: figure('model.bar').value,
  barLow: figure('model.bar.low').value,
  barHigh: figure('model.bar.high').value,
  sharedError: figure('model.shared-error').value,
  fullLength: {
    'discount.full-length.interview': figure('discount.full-length.interview').value,
    'discount.full-length.work-trial': figure('discount.full-length.work-trial').value,
  } as Record<string, number>,
  baseValidity: Object.fromEntries(Object.entries(METHOD_MODEL).map(([m, model]) => [m, figure(model.validity).value])) as Record<string, number>,
  defaultRate: Object.fromEntries(
    Object.keys(METHOD_MODEL).map((m) => [m, figure(selectionRateFigureIds(m as Method).default).value]),
  ) as Record<string, number>,
};
