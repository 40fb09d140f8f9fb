// The warranted update: how far a calibrated person would move their belief after one evaluation.
// Pure and deterministic; see docs/model.md for the model in plain language and FIGURES for every constant.
//
// Model (DESIGN.md, "The warranted update"): ability A ~ N(0,1); the evaluator's score
// S = r·A + √(1−r²)·ε; the process accepts the top p of S; "good enough" means A in the top p too
// (figure model.good-enough-bar). With z = Φ⁻¹(1−p), everything follows from
//   K(r, p) = P(A > z, S > z) = p² + (1/2π) ∫₀^{asin r} exp(−z² / (1 + sin θ)) dθ,
// the bivariate-normal orthant probability in Drezner–Wesolowsky form; with equal thresholds the
// integrand is smooth and bounded for every r in [0, 1], so a fixed 20-point Gauss–Legendre rule
// is accurate to ~1e-14 relative (the unit tests check it against independent computations).

import { NOISE_CATEGORIES, isMethod, type Kind, type Method } from './domain.js';
import { figure } from './figures.js';

export type Outcome = 'rejected' | 'accepted';

/** Why `overupdateFactor` needs a caveat; the CLI turns these codes into sentences. */
export type OverupdateNote =
  /** The evidence warrants practically no move (|ln LR| below model.negligible-shift): no ratio. */
  | 'warranted-shift-negligible'
  /** The person moved the other way from the evidence (the factor is negative). */
  | 'moved-opposite-way';

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
}

export interface WarrantedUpdate {
  method: Method;
  outcome: Outcome;
  baseValidity: number;
  /** After the discounts. */
  validity: number;
  validityDiscount: ValidityDiscount;
  /** Percent; the person's figure, else the method's default. */
  selectionRate: number;
  selectionRateKnown: boolean;
  /** P(this outcome | good enough) / P(this outcome | not). */
  likelihoodRatio: number;
  /** Bayes' rule on the stated prior, 0–100 (0 and 100 read as 0.5 and 99.5; never crosses the prior against the evidence). */
  warrantedBelief: number;
  /** Warranted belief across the method's plausible selection rates, when the rate was unknown. */
  warrantedRange: { low: number; high: number } | null;
  /** The person's move in natural log-odds, with beliefs clamped to [0.5, 99.5]. */
  actualShift: number;
  /** The warranted move in natural log-odds: ln(likelihoodRatio). */
  warrantedShift: number;
  /** actualShift / warrantedShift; null when the warranted shift is negligible. */
  overupdateFactor: number | null;
  overupdateNote: OverupdateNote | null;
  /** Ids of the figures that shaped this result (see FIGURES). */
  figuresUsed: string[];
  /** The subset of figuresUsed whose status is 'assumption'. */
  assumptions: string[];
}

// ── Numerics ────────────────────────────────────────────────────────────────────────────────────

/** Gauss–Legendre nodes and weights on [0, 1], computed once by Newton's method on P_n. */
function gaussLegendre01(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    nodes[i] = (x + 1) / 2;
    weights[i] = 1 / ((1 - x * x) * derivative * derivative); // 2/((1−x²)P'²), halved for [0, 1]
  }
  return { nodes, weights };
}

const GL = gaussLegendre01(20);

// Wichura's AS 241 (PPND16) coefficients, lowest power first; numerator / denominator per region.
const CENTRAL_NUM = [3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227];
const CENTRAL_DEN = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852546];
const NEAR_NUM = [1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414];
const NEAR_DEN = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9];
const TAIL_NUM = [6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7];
const TAIL_DEN = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15];

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i]!;
  return value;
}

/** Standard-normal quantile Φ⁻¹(p), Wichura's AS 241 (PPND16): relative accuracy about 1e-16. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUM, r)) / polynomial(CENTRAL_DEN, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value =
    r <= 5
      ? polynomial(NEAR_NUM, r - 1.6) / polynomial(NEAR_DEN, r - 1.6)
      : polynomial(TAIL_NUM, r - 5) / polynomial(TAIL_DEN, r - 5);
  return q < 0 ? -value : value;
}

/** P(A in the top p and S in the top p) for correlation r between A and S (see the header). */
function bothInTop(r: number, p: number): number {
  const zSquared = normalQuantile(1 - p) ** 2;
  const upper = Math.asin(r);
  let sum = 0;
  for (let i = 0; i < GL.nodes.length; i++) {
    sum += GL.weights[i]! * Math.exp(-zSquared / (1 + Math.sin(upper * GL.nodes[i]!)));
  }
  return p * p + (upper * sum) / (2 * Math.PI);
}

/**
 * P(this outcome | good enough) / P(this outcome | not good enough) under the selection model, for
 * validity r in [0, 1] and a process that accepts `ratePercent` (0 < x ≤ 100) percent of candidates.
 * Exactly 1 when r = 0 (the verdict is unrelated to ability) or the rate is 100% (nobody is turned away).
 */
export function likelihoodRatio(r: number, ratePercent: number, outcome: Outcome = 'rejected'): number {
  if (!(Number.isFinite(r) && r >= 0 && r <= 1)) throw new RangeError(`validity must be in [0, 1], got ${r}`);
  if (!(Number.isFinite(ratePercent) && ratePercent > 0 && ratePercent <= 100)) {
    throw new RangeError(`selection rate must be a percent in (0, 100], got ${ratePercent}`);
  }
  if (r === 0 || ratePercent === 100) return 1;
  // Keyed by the numbers themselves: turning doubles into string keys cost more than the lookup saved.
  const cache = RATIO_CACHE[outcome];
  let byRate = cache.get(r);
  if (byRate === undefined) {
    // Bounded: a long history run reuses the same few validities and rates, and memory stays small.
    if (cache.size >= RATIO_CACHE_LIMIT) cache.clear();
    byRate = new Map();
    cache.set(r, byRate);
  }
  let ratio = byRate.get(ratePercent);
  if (ratio === undefined) {
    ratio = computeLikelihoodRatio(r, ratePercent, outcome);
    byRate.set(ratePercent, ratio);
  }
  return ratio;
}

/** Likelihood ratios already worked out, by outcome, validity and rate (`noisy history` asks for thousands). */
const RATIO_CACHE: Record<Outcome, Map<number, Map<number, number>>> = { rejected: new Map(), accepted: new Map() };
/** Distinct validities kept per outcome; each holds the few rates asked with it. */
const RATIO_CACHE_LIMIT = 20_000;

function computeLikelihoodRatio(r: number, ratePercent: number, outcome: Outcome): number {
  const p = ratePercent / 100;
  const k = Math.min(p, Math.max(p * p, bothInTop(r, p)));
  // The four cells of (good enough?) × (accepted?), as conditional probabilities.
  const acceptedIfGood = k / p;
  const acceptedIfNot = (p - k) / (1 - p);
  if (outcome === 'accepted') return acceptedIfNot > 0 ? acceptedIfGood / acceptedIfNot : Infinity;
  const rejectedIfGood = (p - k) / p;
  const rejectedIfNot = (1 - 2 * p + k) / (1 - p);
  return rejectedIfGood / rejectedIfNot;
}

// ── Methods: which figures apply ────────────────────────────────────────────────────────────────

type RateGroup = 'screening' | 'interview' | 'work-trial' | 'job-performance' | 'peer-review' | 'judgement';

interface MethodModel {
  validity: string;
  rates: RateGroup;
  /** Figure with the length of the studied evaluations, for methods where minutes seen matter. */
  fullLength: string | null;
}

const METHOD_MODEL: Readonly<Record<Method, MethodModel>> = {
  // A document carries the same information however long it is read: no minutes discount.
  'cv-screen': { validity: 'validity.cv-screen', rates: 'screening', fullLength: null },
  'written-application': { validity: 'validity.written-application', rates: 'screening', fullLength: null },
  'unstructured-interview': {
    validity: 'validity.unstructured-interview',
    rates: 'interview',
    fullLength: 'discount.full-length.interview',
  },
  'structured-interview': {
    validity: 'validity.structured-interview',
    rates: 'interview',
    fullLength: 'discount.full-length.interview',
  },
  'work-trial': { validity: 'validity.work-trial', rates: 'work-trial', fullLength: 'discount.full-length.work-trial' },
  // Months in the role: minutes are not the right scale; the figure is already our own estimate.
  'job-performance': { validity: 'validity.job-performance', rates: 'job-performance', fullLength: null },
  // Borrowed from (full-length) interviews, so shortened the same way.
  conversation: { validity: 'validity.conversation', rates: 'judgement', fullLength: 'discount.full-length.interview' },
  'peer-review': { validity: 'validity.peer-review', rates: 'peer-review', fullLength: null },
  'self-assessment': { validity: 'validity.self-assessment', rates: 'judgement', fullLength: null },
};

/** The validity figure id for a method. */
export function validityFigureId(method: Method): string {
  return METHOD_MODEL[method].validity;
}

/** Figure ids for the default selection rate of a method and the plausible range around it. */
export function selectionRateFigureIds(method: Method): { default: string; low: string; high: string } {
  const group = METHOD_MODEL[method].rates;
  return { default: `rate.${group}.default`, low: `rate.${group}.low`, high: `rate.${group}.high` };
}

// ── The update ──────────────────────────────────────────────────────────────────────────────────

const logitPercent = (percent: number): number => Math.log(percent / (100 - percent));

/** Bayes' rule on a 0–100 belief strictly between 0 and 100. */
function posterior(beforePercent: number, lr: number): number {
  if (lr === Infinity) return 100;
  const odds = (beforePercent / (100 - beforePercent)) * lr;
  return (100 * odds) / (1 + odds);
}

/**
 * The warranted belief from a stated prior. A prior of exactly 0 or 100 cannot move under Bayes' rule,
 * but people type them meaning "almost certain": we read them as model.belief-clamp (0.5 / 99.5), and
 * never let the result cross the stated prior against the evidence (a rejection from 0 stays at 0).
 */
function warrantedFrom(beforePercent: number, lr: number, margin: number): number {
  if (beforePercent > 0 && beforePercent < 100) return posterior(beforePercent, lr);
  const moved = posterior(beforePercent <= 0 ? margin : 100 - margin, lr);
  return lr < 1 ? Math.min(beforePercent, moved) : Math.max(beforePercent, moved);
}

function assertPercent(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0 && value <= 100)) {
    throw new RangeError(`${name} must be between 0 and 100, got ${value}`);
  }
}

function discountValidity(
  input: WarrantedInput,
  model: MethodModel,
  used: string[],
): { validity: number; discount: ValidityDiscount } {
  const base = figure(model.validity).value;

  // Less time than the studied evaluations → a shorter test → lower reliability (Spearman–Brown),
  // and validity scales with the square root of reliability. Never above 1: seeing more than the
  // studied length does not earn more than the published figure.
  let minutesFactor = 1;
  const minutesApply = model.fullLength !== null && input.minutesSeen !== null;
  if (minutesApply) {
    const fullLength = figure(model.fullLength!).value;
    const reliability = figure('discount.reference-reliability').value;
    const k = Math.min(1, input.minutesSeen! / fullLength);
    minutesFactor = Math.sqrt(k / (1 + (k - 1) * reliability));
    if (minutesFactor < 1) used.push(model.fullLength!, 'discount.reference-reliability');
  }

  // Each ticked confounder adds noise unrelated to ability: S gets extra variance c per confounder,
  // so its correlation with A shrinks by 1/√(1 + c·n). 'little-information' is already counted by
  // the minutes discount when that applies.
  const ofKind = NOISE_CATEGORIES[input.kind] ?? [];
  const confoundersCounted = [...new Set(input.confounders)].filter(
    (id) => ofKind.includes(id) && !(minutesApply && id === 'little-information'),
  );
  let confounderFactor = 1;
  if (confoundersCounted.length > 0) {
    confounderFactor = 1 / Math.sqrt(1 + figure('discount.per-confounder').value * confoundersCounted.length);
    used.push('discount.per-confounder');
  }

  const floor = figure('discount.floor').value;
  const floorApplied = minutesFactor * confounderFactor < floor;
  if (floorApplied) used.push('discount.floor');
  const validity = base * Math.max(floor, minutesFactor * confounderFactor);
  return { validity, discount: { minutesFactor, confounderFactor, confoundersCounted, floorApplied } };
}

export function warrantedUpdate(input: WarrantedInput): WarrantedUpdate {
  if (!isMethod(input.method)) throw new RangeError(`unknown evaluation method: ${String(input.method)}`);
  assertPercent('belief before', input.before);
  assertPercent('belief after', input.after);
  if (input.minutesSeen !== null && !(Number.isFinite(input.minutesSeen) && input.minutesSeen >= 0)) {
    throw new RangeError(`minutes seen must be a number ≥ 0 or null, got ${input.minutesSeen}`);
  }
  if (input.selectionRate !== null && !(Number.isFinite(input.selectionRate) && input.selectionRate > 0 && input.selectionRate <= 100)) {
    throw new RangeError(`selection rate must be a percent in (0, 100] or null, got ${input.selectionRate}`);
  }
  const outcome: Outcome = input.outcome ?? 'rejected';
  const model = METHOD_MODEL[input.method];
  const used: string[] = [model.validity];

  const { validity, discount } = discountValidity(input, model, used);
  const baseValidity = figure(model.validity).value;

  const rateIds = selectionRateFigureIds(input.method);
  const selectionRateKnown = input.selectionRate !== null;
  const selectionRate = input.selectionRate ?? figure(rateIds.default).value;
  if (!selectionRateKnown) used.push(rateIds.default, rateIds.low, rateIds.high);
  used.push('model.good-enough-bar');

  const margin = figure('model.belief-clamp').value;
  const lr = likelihoodRatio(validity, selectionRate, outcome);
  const warrantedBelief = warrantedFrom(input.before, lr, margin);

  let warrantedRange: { low: number; high: number } | null = null;
  if (!selectionRateKnown) {
    const beliefs = [figure(rateIds.low).value, figure(rateIds.high).value].map((rate) =>
      warrantedFrom(input.before, likelihoodRatio(validity, rate, outcome), margin),
    );
    beliefs.push(warrantedBelief);
    warrantedRange = { low: Math.min(...beliefs), high: Math.max(...beliefs) };
  }

  // Log-odds of 0 or 100 are infinite: compare moves as if the person had said 0.5 or 99.5.
  const clamp = (percent: number): number => Math.min(100 - margin, Math.max(margin, percent));
  if (clamp(input.before) !== input.before || clamp(input.after) !== input.after) used.push('model.belief-clamp');
  const actualShift = logitPercent(clamp(input.after)) - logitPercent(clamp(input.before));
  // Bayes in log-odds: the move is ln(LR) from any prior.
  const warrantedShift = Math.log(lr);

  let overupdateFactor: number | null = null;
  let overupdateNote: OverupdateNote | null = null;
  if (!(Math.abs(warrantedShift) >= figure('model.negligible-shift').value)) {
    overupdateNote = 'warranted-shift-negligible';
    used.push('model.negligible-shift');
  } else if (Number.isFinite(warrantedShift)) {
    overupdateFactor = actualShift / warrantedShift;
    if (overupdateFactor < 0) overupdateNote = 'moved-opposite-way';
    if (Object.is(overupdateFactor, -0)) overupdateFactor = 0;
  } else {
    // Only reachable at validity 1 (a perfect evaluator): any finite move is "less than warranted".
    overupdateFactor = 0;
  }

  const figuresUsed = [...new Set(used)];
  return {
    method: input.method,
    outcome,
    baseValidity,
    validity,
    validityDiscount: discount,
    selectionRate,
    selectionRateKnown,
    likelihoodRatio: lr,
    warrantedBelief,
    warrantedRange,
    actualShift,
    warrantedShift,
    overupdateFactor,
    overupdateNote,
    figuresUsed,
    assumptions: figuresUsed.filter((id) => figure(id).status === 'assumption'),
  };
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
 * warrantedUpdate without what history never shows (figure ids, assumptions, the range over
 * plausible rates, the discount breakdown): one call per entry on journals of 100,000 entries.
 * Same checks, same arithmetic in the same order, so every number is identical (the unit tests
 * compare the two over many generated inputs). Fills and returns `into` when given (one object
 * for a whole run instead of one per entry).
 */
export function warrantedMoves(input: WarrantedInput, into: WarrantedMoves = { likelihoodRatio: 1, warrantedBelief: 0, actualShift: 0, warrantedShift: 0, overupdateFactor: null }): WarrantedMoves {
  if (!isMethod(input.method)) throw new RangeError(`unknown evaluation method: ${String(input.method)}`);
  assertPercent('belief before', input.before);
  assertPercent('belief after', input.after);
  const minutesSeen = input.minutesSeen;
  if (minutesSeen !== null && !(Number.isFinite(minutesSeen) && minutesSeen >= 0)) {
    throw new RangeError(`minutes seen must be a number ≥ 0 or null, got ${minutesSeen}`);
  }
  if (input.selectionRate !== null && !(Number.isFinite(input.selectionRate) && input.selectionRate > 0 && input.selectionRate <= 100)) {
    throw new RangeError(`selection rate must be a percent in (0, 100] or null, got ${input.selectionRate}`);
  }
  const outcome: Outcome = input.outcome ?? 'rejected';
  const lean = LEAN_MODEL[input.method];

  // discountValidity, counting instead of collecting.
  let minutesFactor = 1;
  const minutesApply = lean.fullLength !== null && minutesSeen !== null;
  if (minutesApply) {
    const k = Math.min(1, minutesSeen / lean.fullLength!);
    minutesFactor = Math.sqrt(k / (1 + (k - 1) * LEAN.referenceReliability));
  }
  const ofKind = NOISE_CATEGORIES[input.kind] ?? [];
  const confounders = input.confounders;
  let counted = 0;
  for (let i = 0; i < confounders.length; i++) {
    const id = confounders[i]!;
    // First occurrence only (the Set in discountValidity), of this kind, not already in the minutes discount.
    if (confounders.indexOf(id) !== i || !ofKind.includes(id) || (minutesApply && id === 'little-information')) continue;
    counted += 1;
  }
  const confounderFactor = counted > 0 ? 1 / Math.sqrt(1 + LEAN.perConfounder * counted) : 1;
  const validity = lean.baseValidity * Math.max(LEAN.floor, minutesFactor * confounderFactor);

  const selectionRate = input.selectionRate ?? lean.defaultRate;
  const margin = LEAN.beliefClamp;
  const lr = likelihoodRatio(validity, selectionRate, outcome);
  const warrantedBelief = warrantedFrom(input.before, lr, margin);
  const clamp = (percent: number): number => Math.min(100 - margin, Math.max(margin, percent));
  const actualShift = logitPercent(clamp(input.after)) - logitPercent(clamp(input.before));
  const warrantedShift = Math.log(lr);

  let overupdateFactor: number | null = null;
  if (!(Math.abs(warrantedShift) >= LEAN.negligibleShift)) overupdateFactor = null;
  else if (Number.isFinite(warrantedShift)) {
    overupdateFactor = actualShift / warrantedShift;
    if (Object.is(overupdateFactor, -0)) overupdateFactor = 0;
  } else overupdateFactor = 0;
  into.likelihoodRatio = lr;
  into.warrantedBelief = warrantedBelief;
  into.actualShift = actualShift;
  into.warrantedShift = warrantedShift;
  into.overupdateFactor = overupdateFactor;
  return into;
}

/** The figures warrantedMoves reads, looked up once. */
const LEAN = {
  referenceReliability: figure('discount.reference-reliability').value,
  perConfounder: figure('discount.per-confounder').value,
  floor: figure('discount.floor').value,
  beliefClamp: figure('model.belief-clamp').value,
  negligibleShift: figure('model.negligible-shift').value,
};

const LEAN_MODEL = Object.fromEntries(
  (Object.entries(METHOD_MODEL) as [Method, MethodModel][]).map(([method, model]) => [
    method,
    {
      baseValidity: figure(model.validity).value,
      fullLength: model.fullLength === null ? null : figure(model.fullLength).value,
      defaultRate: figure(selectionRateFigureIds(method).default).value,
    },
  ]),
) as Record<Method, { baseValidity: number; fullLength: number | null; defaultRate: number }>;
