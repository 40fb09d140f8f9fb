// One belief, all its evidence: the combined warranted update. Pure and deterministic; docs/model.md
// explains it in plain language, FIGURES holds every constant.
//
// Ability A ~ N(0, 1). A belief ("I can do well as a research engineer") is the claim A > z_b with
// z_b = Φ⁻¹(1 − b): b is the share of people trying for this line of work who would do well. Each
// evaluation i scores S_i = r_i·A + s_i·(√ρ·U + √(1−ρ)·E_i), s_i = √(1 − r_i²), with U the error
// evaluations of one person share and E_i its own; it accepts when S_i is in its top q_i. Then
//   L(a) = ∫ φ(u) ∏_i P(outcome_i | a, u) du
//   LR   = [∫_{a>z_b} φ(a) L(a) da / b] ÷ [∫_{a<z_b} φ(a) L(a) da / (1 − b)]
// and the warranted belief is the odds before the first evaluation times LR.
//
// Numerics (accuracy is tested against independent computations in test/unit/beliefs.test.ts):
// - Everything is in log space: ln P(outcome | a, u) is ln Φ of a linear function of (a, u), exact
//   however far in the tail (Cody's erfcx in normal.ts; the sums over evaluations read a quintic
//   Hermite table of it, within 1e-12).
// - Identical evaluations are grouped: a group of n adds n·ln P, so 20,000 rejections cost what
//   their distinct (validity, rate, outcome) triples cost.
// - One evaluation in all: U and E_i merge into one standard normal, so the integral is exactly the
//   bivariate normal orthant (Drezner–Wesolowsky, 20-point Gauss–Legendre, ~1e-15).
// - ρ = 0: L(a) is a product, and each half is one integral over a.
// - ρ > 0: an integral over u inside one over a.
//   Every integrand is log-concave (ln Φ of a linear form is concave, so is ln φ, and integrating
//   out u keeps it so), which makes a simple adaptive rule reliable: start at the mode (Newton),
//   walk outwards in panels whose ends differ by at most PANEL_CHANGE in log, doubling the panel
//   when the integrand changes slowly, and stop once it has fallen TAIL_DROP below its maximum;
//   concavity bounds what lies beyond by e^−TAIL_DROP times the width already covered. Each panel
//   gets a 16-point Gauss–Legendre rule, summed with log-sum-exp.
// - The walk reads each log integrand through a polynomial: one pass over the groups at each of
//   9–129 Chebyshev points where the integrand matters, instead of at each of the walk's ~170
//   points (see interpolated). L(a) does not depend on the bar, so the five bars of the range share
//   one. An exact two-dimensional L(a) costs about 1,500 passes over a belief's groups.
// - A range needs only its lowest and highest corner: the two-dimensional corners are screened at a
//   rough accuracy first and only those that could be an end are computed exactly (cornerExtremes).
//   A belief with 20,000 evaluations in 2,500 groups costs about 7,000 passes in all.

import { bivariateUpperOrthant, gaussLegendre, inverseMillsRatioTabled, logNormalCdfTabled, normalQuantile } from './normal.js';
import { TupleCache } from './tuple-cache.js';

import type { Outcome } from './domain.js';

export type { Outcome };

/** One evaluation as the model sees it (or `count` identical ones). */
export interface Evidence {
  /** Effective validity: the correlation of the score with ability, after every discount; 0 ≤ r < 1. */
  validity: number;
  /** Percent the process accepts, 0–100. */
  selectionRate: number;
  outcome: Outcome;
  /** How many identical evaluations this stands for (default 1). */
  count?: number;
}

export interface EvidenceGroup {
  validity: number;
  selectionRate: number;
  outcome: Outcome;
  count: number;
}

/** The two per-belief assumptions. */
export interface BeliefAssumptions {
  /** b, percent of people trying for this line of work who would do well; strictly between 0 and 100. */
  bar: number;
  /** ρ, in [0, 1): how much of the evaluations' error is shared. */
  sharedErrorCorrelation: number;
}

/** Largest validity and shared-error correlation the model accepts (both are capped below 1). */
export const MAX_VALIDITY = 0.9;
export const MAX_SHARED_ERROR = 0.9;

/** Why the model cannot use an evaluation. */
export type ExclusionReason = 'impossible-outcome';

/**
 * A rejection from a process that accepts everyone, or an acceptance from one that accepts no one,
 * cannot happen: the model refuses it as new input and leaves it out of a combined update.
 */
export function impossibleOutcome(outcome: Outcome, selectionRate: number): boolean {
  return outcome === 'rejected' ? selectionRate >= 100 : selectionRate <= 0;
}

/**
 * Merges evaluations with identical parameters (order kept by first appearance). Indexed by outcome,
 * then validity, then rate, as numbers: a key made of text would turn two doubles into digits for
 * each of a belief's evaluations, for each corner of its range.
 */
export function groupEvidence(items: Iterable<Evidence>): EvidenceGroup[] {
  const groups: EvidenceGroup[] = [];
  const index: Record<Outcome, Map<number, Map<number, EvidenceGroup>>> = { rejected: new Map(), accepted: new Map() };
  for (const item of items) {
    let byRate = index[item.outcome].get(item.validity);
    if (byRate === undefined) index[item.outcome].set(item.validity, (byRate = new Map()));
    const found = byRate.get(item.selectionRate);
    const count = item.count ?? 1;
    if (found) found.count += count;
    else {
      const group = { validity: item.validity, selectionRate: item.selectionRate, outcome: item.outcome, count };
      byRate.set(item.selectionRate, group);
      groups.push(group);
    }
  }
  return groups;
}

function checkAssumptions(assumptions: BeliefAssumptions): void {
  const { bar, sharedErrorCorrelation: rho } = assumptions;
  if (!(Number.isFinite(bar) && bar > 0 && bar < 100)) throw new RangeError(`bar must be a percent strictly between 0 and 100, got ${bar}`);
  if (!(Number.isFinite(rho) && rho >= 0 && rho <= MAX_SHARED_ERROR)) {
    throw new RangeError(`shared-error correlation must be in [0, ${MAX_SHARED_ERROR}], got ${rho}`);
  }
}

function checkGroup(group: EvidenceGroup): void {
  if (!(Number.isFinite(group.validity) && group.validity >= 0 && group.validity <= MAX_VALIDITY)) {
    throw new RangeError(`validity must be in [0, ${MAX_VALIDITY}], got ${group.validity}`);
  }
  if (!(Number.isFinite(group.selectionRate) && group.selectionRate >= 0 && group.selectionRate <= 100)) {
    throw new RangeError(`selection rate must be a percent in [0, 100], got ${group.selectionRate}`);
  }
  if (!(Number.isInteger(group.count) && group.count >= 1)) throw new RangeError(`count must be a whole number ≥ 1, got ${group.count}`);
  if (impossibleOutcome(group.outcome, group.selectionRate)) {
    throw new RangeError(`a ${group.outcome === 'rejected' ? 'rejection at a rate of 100%' : 'acceptance at a rate of 0%'} cannot happen`);
  }
}

/**
 * ln LR for all of a belief's evidence together (the header's formula). Throws a RangeError on input
 * outside the model, including an impossible outcome: callers leave those out first.
 */
export function logLikelihoodRatio(groups: readonly EvidenceGroup[], assumptions: BeliefAssumptions): number {
  return logLikelihoodRatios(groups, [assumptions.bar], assumptions.sharedErrorCorrelation)[0]!;
}

/**
 * ln LR for several bars at once. The likelihood L(a) does not depend on the bar (only where the
 * integral over a is split does), so it is computed once for all of them.
 */
export function logLikelihoodRatios(
  groups: readonly EvidenceGroup[],
  bars: readonly number[],
  sharedErrorCorrelation: number,
  method: 'auto' | 'rough' = 'auto',
): number[] {
  for (const bar of bars) checkAssumptions({ bar, sharedErrorCorrelation });
  for (const group of groups) checkGroup(group);
  const bs = bars.map((bar) => bar / 100);
  return logHalvesForBars(groups, bs, sharedErrorCorrelation, method).map(({ good, notGood }, i) => good - Math.log(bs[i]!) - (notGood - Math.log1p(-bs[i]!)));
}

export function likelihoodRatio(groups: readonly EvidenceGroup[], assumptions: BeliefAssumptions): number {
  return Math.exp(logLikelihoodRatio(groups, assumptions));
}

/** The log of ∫_{a>z} φ(a)L(a) da (good) and ∫_{a<z} φ(a)L(a) da (notGood). */
interface Halves {
  good: number;
  notGood: number;
}

/**
 * The two half-integrals. `method` is 'auto' in the model, and 'rough' to screen a range's corners;
 * the tests force 'quadrature' to check the exact one-evaluation reduction against the general rule,
 * and 'walk' to check the fast path (the integrals over u and over a taken on interpolants) against
 * the panel walk on the integrands themselves.
 */
export function logHalves(groups: readonly EvidenceGroup[], b: number, rho: number, method: Method): Halves {
  return logHalvesForBars(groups, [b], rho, method)[0]!;
}

/**
 * 'auto' is the model; 'rough' the same at ROUGH accuracy, to screen the corners of a range; the tests
 * force 'quadrature' and 'walk' (above).
 */
export type Method = 'auto' | 'rough' | 'quadrature' | 'walk';

/** logHalves for several bars b (fractions), computing L(a) once. */
export function logHalvesForBars(groups: readonly EvidenceGroup[], bs: readonly number[], rho: number, method: Method): Halves[] {
  const zs = bs.map((b) => normalQuantile(1 - b));
  let informative = groups.filter((g) => !certain(g));
  // Without shared error, an evaluation unrelated to ability (r = 0) tells nothing; with one
  // evaluation in all there is no shared error to speak of.
  const total = informative.reduce((sum, g) => sum + g.count, 0);
  if (rho === 0 || total === 1) informative = informative.filter((g) => g.validity > 0);
  const remaining = informative.reduce((sum, g) => sum + g.count, 0);
  if (remaining === 0) return bs.map((b) => ({ good: Math.log(b), notGood: Math.log1p(-b) }));
  if ((method === 'auto' || method === 'rough') && remaining === 1) return bs.map((b, i) => oneEvaluation(informative[0]!, zs[i]!, b));
  const terms = termsOf(informative, rho);
  const integration: Integration = method === 'walk' ? 'walk' : method === 'rough' ? ROUGH : EXACT;
  if (rho === 0 || terms.beta === 0) return oneDimensional(terms, zs, integration);
  return twoDimensional(terms, zs, integration);
}

/** Rate 100 and accepted, or rate 0 and rejected: certain whatever the ability, and no shared error either. */
function certain(group: EvidenceGroup): boolean {
  return group.outcome === 'accepted' ? group.selectionRate >= 100 : group.selectionRate <= 0;
}

/**
 * One evaluation: U and E merge, and each half is a cell of the bivariate normal (A, S), computed
 * directly (not as a difference of cells, which would cancel). A cell far smaller than the product of
 * its margins comes out of the orthant formula with few correct digits; those rare cases (extreme bars
 * and rates together) go to the quadrature, which works in log space throughout.
 */
function oneEvaluation(group: EvidenceGroup, z: number, b: number): Halves {
  const t = normalQuantile(1 - group.selectionRate / 100);
  const q = group.selectionRate / 100;
  const r = group.validity;
  const accepted = group.outcome === 'accepted';
  // P(A > z, outcome) and P(A < z, outcome).
  const good = accepted ? bivariateUpperOrthant(z, t, r) : bivariateUpperOrthant(z, -t, -r);
  const notGood = accepted ? bivariateUpperOrthant(-z, t, -r) : bivariateUpperOrthant(-z, -t, r);
  const pOutcome = accepted ? q : 1 - q;
  const trustworthy = (cell: number, margin: number): boolean => cell > 1e-4 * margin * pOutcome;
  if (!trustworthy(good, b) || !trustworthy(notGood, 1 - b)) return oneDimensional(termsOf([group], 0), [z], EXACT)[0]!;
  return { good: Math.log(good), notGood: Math.log(notGood) };
}

/**
 * ln P(outcome | a, u) = ln Φ(sign·(alpha·a + beta·u − gamma)): the score's own noise has standard
 * deviation s·√(1−ρ), so alpha = r / (s√(1−ρ)), beta = √(ρ / (1−ρ)) (the same for every group) and
 * gamma = t / (s√(1−ρ)).
 */
interface Terms {
  sign: Float64Array;
  alpha: Float64Array;
  gamma: Float64Array;
  count: Float64Array;
  beta: number;
  size: number;
}

function termsOf(groups: readonly EvidenceGroup[], rho: number): Terms {
  const size = groups.length;
  const terms: Terms = {
    sign: new Float64Array(size),
    alpha: new Float64Array(size),
    gamma: new Float64Array(size),
    count: new Float64Array(size),
    beta: Math.sqrt(rho / (1 - rho)),
    size,
  };
  groups.forEach((g, i) => {
    const noise = Math.sqrt(1 - g.validity * g.validity) * Math.sqrt(1 - rho);
    terms.sign[i] = g.outcome === 'accepted' ? 1 : -1;
    terms.alpha[i] = g.validity / noise;
    terms.gamma[i] = normalQuantile(1 - g.selectionRate / 100) / noise;
    terms.count[i] = g.count;
  });
  return terms;
}

/** Σ nᵢ ln Φ(signᵢ·(αᵢ·a + β·u − γᵢ)). */
function logLikelihood(t: Terms, a: number, u: number): number {
  const { sign, alpha, gamma, count, size } = t;
  const bu = t.beta * u;
  let sum = 0;
  for (let i = 0; i < size; i++) sum += count[i]! * logNormalCdfTabled(sign[i]! * (alpha[i]! * a + bu - gamma[i]!));
  return sum;
}

/** First and second derivatives of logLikelihood along (da, du) directions, for Newton's method. */
function derivatives(t: Terms, a: number, u: number, out: Float64Array): void {
  // out: [∂a, ∂u, ∂aa, ∂au, ∂uu]
  const { sign, alpha, gamma, count, size, beta } = t;
  const bu = beta * u;
  let da = 0;
  let du = 0;
  let daa = 0;
  let dau = 0;
  let duu = 0;
  for (let i = 0; i < size; i++) {
    const y = sign[i]! * (alpha[i]! * a + bu - gamma[i]!);
    const lambda = inverseMillsRatioTabled(y);
    const first = count[i]! * sign[i]! * lambda;
    const second = -count[i]! * lambda * (y + lambda);
    da += first * alpha[i]!;
    du += first * beta;
    daa += second * alpha[i]! * alpha[i]!;
    dau += second * alpha[i]! * beta;
    duu += second * beta * beta;
  }
  out[0] = da;
  out[1] = du;
  out[2] = daa;
  out[3] = dau;
  out[4] = duu;
}

// ── A log-concave integral on an interval ───────────────────────────────────────────────────────

const PANEL = gaussLegendre(16);
/**
 * Largest change of the log integrand between a panel's ends. A 16-point rule integrates e^{λx} over a
 * panel where it changes by 16 (λ = 8 on [−1, 1]) to about 1e-17 relative (the Gauss–Legendre error
 * term 2^33 (16!)^4 / (33 (32!)^3) · λ^32), so the panels can be long.
 */
const PANEL_CHANGE = 16;
/** Stop once the log integrand is this far below its maximum (e^−34 ≈ 2e-15). */
const TAIL_DROP = 34;
const MAX_PANELS = 2_000;

function logAdd(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
}

function logPanel(f: (x: number) => number, from: number, to: number): number {
  const half = (to - from) / 2;
  const middle = (to + from) / 2;
  const values = new Float64Array(PANEL.nodes.length);
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    values[i] = f(middle + half * PANEL.nodes[i]!);
    if (values[i]! > max) max = values[i]!;
  }
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += PANEL.weights[i]! * Math.exp(values[i]! - max);
  return max + Math.log(sum * Math.abs(half));
}

/**
 * ln ∫_lo^hi e^{f(x)} dx for a concave f, starting at `start` (best near the mode) with a first panel
 * of `width`. See the header for why this is reliable.
 */
export function logIntegralConcave(f: (x: number) => number, lo: number, hi: number, start: number, width: number): number {
  const first = f(start);
  let max = first;
  let total = -Infinity;
  let panels = 0;
  for (const direction of [1, -1]) {
    const limit = direction > 0 ? hi : lo;
    let x = start;
    let fx = first;
    let w = width;
    while (x !== limit) {
      if (++panels > MAX_PANELS) throw new Error('logIntegralConcave: too many panels (the integrand is not log-concave?)');
      const next = direction > 0 ? Math.min(hi, x + w) : Math.max(lo, x - w);
      const fNext = f(next);
      const change = Math.abs(fNext - fx);
      if (!(change <= PANEL_CHANGE) && Math.abs(next - x) > 1e-12 * (1 + Math.abs(x))) {
        w = Math.abs(next - x) / 2;
        continue;
      }
      total = logAdd(total, logPanel(f, x, next));
      if (fNext > max) max = fNext;
      x = next;
      fx = fNext;
      if (fNext < max - TAIL_DROP) break;
      if (change < PANEL_CHANGE / 3) w *= 2;
    }
  }
  return total;
}

/** How close (in widths 1/√−g'') a mode that only centres an integral needs to be: see concaveMode. */
const MODE_WITHIN = 0.01;

/**
 * The maximum of a concave function with g'' ≤ −1 everywhere: Newton's method kept inside a bracket
 * (g'' ≤ −1 puts the root of g' within |g'(x)| of any x). `slope(x, out)` fills out[0] = g'(x),
 * out[1] = g''(x). `roughly`: stop once a step is under MODE_WITHIN of the width 1/√−g'', for a
 * mode that only centres an integral (the span around it is searched for, whatever the centre).
 */
function concaveMode(slope: (x: number, out: Float64Array) => void, start: number, roughly = false): { mode: number; curvature: number } {
  const d = new Float64Array(2);
  slope(start, d);
  let lo = d[0]! > 0 ? start : start + d[0]!;
  let hi = d[0]! > 0 ? start + d[0]! : start;
  let x = start;
  for (let iteration = 0; iteration < 100; iteration++) {
    if (d[0] === 0) break;
    if (d[0]! > 0) lo = Math.max(lo, x);
    else hi = Math.min(hi, x);
    let next = x - d[0]! / d[1]!;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (roughly && Math.abs(next - x) < MODE_WITHIN / Math.sqrt(-d[1]!)) {
      x = next;
      break;
    }
    if (Math.abs(next - x) < 1e-10 * (1 + Math.abs(x)) || hi - lo < 1e-12 * (1 + Math.abs(x))) {
      x = next;
      slope(x, d);
      break;
    }
    x = next;
    slope(x, d);
  }
  return { mode: x, curvature: d[1]! };
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * How an integral reads its log integrand: through an interpolant of it, as closely as an Accuracy
 * says (the model), or the integrand itself at every point of the panel walk (slower; the tests'
 * second method).
 */
type Integration = Accuracy | 'walk';


/**
 * Both halves on the line of a, for every threshold z, of a log integrand F over a with its mode and
 * curvature there.
 */
function halvesOnLine(f: (a: number) => number, zs: readonly number[], mode: number, curvature: number, integration: Integration): Halves[] {
  const width = 2 / Math.sqrt(-curvature);
  const g = integration === 'walk' ? f : interpolated(f, mode, curvature, integration);
  return zs.map((z) => ({
    good: logIntegralConcave(g, z, Infinity, Math.max(z, mode), width),
    notGood: logIntegralConcave(g, -Infinity, z, Math.min(z, mode), width),
  }));
}

/** ρ = 0: ∫ φ(a) ∏ P(outcome_i | a) da on each side of each z. */
function oneDimensional(t: Terms, zs: readonly number[], integration: Integration): Halves[] {
  const d = new Float64Array(5);
  const f = (a: number): number => -0.5 * a * a - LOG_SQRT_2PI + logLikelihood(t, a, 0);
  const { mode, curvature } = concaveMode((a, out) => {
    derivatives(t, a, 0, d);
    out[0] = -a + d[0]!;
    out[1] = -1 + d[2]!;
  }, 0);
  return halvesOnLine(f, zs, mode, curvature, integration);
}

/** ρ > 0: for each a, ∫ φ(u) ∏ P(outcome_i | a, u) du, then over a on each side of each z. */
function twoDimensional(t: Terms, zs: readonly number[], integration: Integration): Halves[] {
  const d = new Float64Array(5);
  // The inner mode over u for a given a, from a starting guess.
  const innerMode = (a: number, guess: number, roughly = false) =>
    concaveMode((u, out) => {
      derivatives(t, a, u, d);
      out[0] = -u + d[1]!;
      out[1] = -1 + d[4]!;
    }, guess, roughly);

  // The profile max_u f(a, u) is concave in a with second derivative ≤ −1 (a Schur complement), and
  // its slope is ∂f/∂a at the inner mode: Newton on it finds where the mass over a sits.
  let lastU = 0;
  const profile = concaveMode((a, out) => {
    const inner = innerMode(a, lastU);
    lastU = inner.mode;
    derivatives(t, a, inner.mode, d);
    out[0] = -a + d[0]!;
    const faa = -1 + d[2]!;
    const fau = d[3]!;
    const fuu = -1 + d[4]!;
    out[1] = faa - (fau * fau) / fuu;
  }, 0);
  derivatives(t, profile.mode, lastU, d);
  const centreU = lastU;
  const slopeU = -d[3]! / (-1 + d[4]!); // how the inner mode moves with a

  const outer = (a: number): number => {
    const inner = innerMode(a, centreU + slopeU * (a - profile.mode), true); // only centres the integral over u
    return -0.5 * a * a - 2 * LOG_SQRT_2PI + innerIntegral(t, a, inner, integration);
  };
  return halvesOnLine(outer, zs, profile.mode, profile.curvature, integration);
}

// ── F over a, interpolated ──────────────────────────────────────────────────────────────────────

/**
 * F(a) = ln φ(a) + ln ∫ φ(u) L(a, u) du costs a pass over every group for each a (about forty of
 * them for the integral over u). Its integral on each side of each bar's threshold needs F at ~170
 * points per threshold; instead F is sampled at Chebyshev points on the span where it is within
 * spanDrop of its maximum, and the walk of logIntegralConcave reads the interpolating polynomial
 * there (F itself outside the span, where only a half that is tiny in every case reaches). The
 * integral over u, for each a, is taken the same way over the span where its integrand is within
 * innerDrop of its peak (what lies beyond is under e^−innerDrop of it).
 *
 * Why this is accurate: the integrands are smooth (analytic) and concave with second derivative
 * ≤ −1, so a span is at most √(2·drop) either side of the mode, and a polynomial of modest degree
 * follows the integrand there. The degree doubles (17, 33, 65, 129 points: each set holds the last)
 * until the three highest Chebyshev coefficients are below the tolerance, which bounds the
 * interpolant's error about as well; if 129 points are not enough, the integrand is used directly.
 * At EXACT, an error of 1e-7 in ln F moves ln LR by at most 2e-7 and a warranted belief by at most
 * 1e-5 percentage points (the target is 1e-4). The tests hold the result to the walk on the
 * integrands themselves and to the scipy reference.
 */
interface Accuracy {
  /** How far below its maximum the span of F over a reaches. */
  spanDrop: number;
  /** The same for each integral over u (what lies beyond is left out). */
  innerDrop: number;
  /** The largest of a polynomial's three highest Chebyshev coefficients that is accepted. */
  tolerance: number;
  /** The numbers of points tried, each set holding the last. */
  points: readonly number[];
}

const EXACT: Accuracy = { spanDrop: 50, innerDrop: 30, tolerance: 1e-7, points: [17, 33, 65, 129] };

/**
 * Rough: ln LR to within about 1e-2 at worst (a tolerance of 1e-3 let a 9- or 17-point polynomial
 * through and was 0.045 off on 25,000 evaluations at validity .85 and ρ .85), at about half the cost.
 * Only to find which corners of a range are its ends (see cornerExtremes); every number shown is
 * computed EXACT.
 */
const ROUGH: Accuracy = { spanDrop: 50, innerDrop: 15, tolerance: 1e-4, points: [9, 17, 33, 65, 129] };

/** Where a concave log integrand is within `depth` of its maximum `top`, and a polynomial following it there (null if none does). */
interface Reach {
  lo: number;
  hi: number;
  top: number;
  polynomial: ((x: number) => number) | null;
}

function spanOf(f: (x: number) => number, mode: number, curvature: number, depth: number, accuracy: Accuracy): Reach {
  const top = f(mode);
  const maxReach = Math.sqrt(2 * depth);
  const reach = (direction: 1 | -1): { at: number; value: number } => {
    // Bracket the distance where the drop is `depth` (doubling from the Gaussian guess, aimed at
    // 1.5·depth), then narrow the bracket until the drop is at most twice that: an end far down a
    // steep side would ask the polynomial to follow values it never needs.
    let inside = 0;
    let w = Math.min(maxReach, Math.sqrt((3 * depth) / -curvature));
    let value = f(mode + direction * w);
    while (top - value < depth && w < maxReach) {
      inside = w;
      w = Math.min(maxReach, 2 * w);
      value = f(mode + direction * w);
    }
    for (let step = 0; step < 6 && top - value > 2 * depth; step++) {
      // Aim at a drop of 1.5·depth as if the drop grew with the square of the distance (as near a
      // peak), kept inside the bracket and from stalling.
      const drop = top - value;
      const aim = w * Math.sqrt((1.5 * depth) / drop);
      const next = Math.max(aim, inside + (w - inside) / 8);
      const nextValue = f(mode + direction * next);
      if (top - nextValue >= depth) {
        w = next;
        value = nextValue;
      } else inside = next;
    }
    return { at: mode + direction * w, value };
  };
  const right = reach(1);
  const left = reach(-1);
  return { lo: left.at, hi: right.at, top, polynomial: chebyshevPiece(f, top, left.at, right.at, left.value - top, right.value - top, accuracy) };
}

/** F through its polynomial on the span where F is within spanDrop of its maximum, F itself outside. */
function interpolated(f: (a: number) => number, mode: number, curvature: number, accuracy: Accuracy): (a: number) => number {
  const { lo, hi, top, polynomial } = spanOf(f, mode, curvature, accuracy.spanDrop, accuracy);
  if (polynomial === null) return f;
  return (a: number): number => (a >= lo && a <= hi ? top + polynomial(a) : f(a));
}

/**
 * The polynomial through f(x) − top at Chebyshev points of [lo, hi] (its values at the ends given),
 * with as many points as it takes for the three highest Chebyshev coefficients to fall below
 * the tolerance; null if the most points allowed are not enough.
 */
function chebyshevPiece(
  f: (x: number) => number,
  top: number,
  lo: number,
  hi: number,
  atLo: number,
  atHi: number,
  { tolerance, points }: Accuracy,
): ((x: number) => number) | null {
  const middle = (lo + hi) / 2;
  const half = (hi - lo) / 2;
  // Chebyshev points of the second kind, x_j = cos(jπ/N), from hi (j = 0) down to lo (j = N).
  const pointAt = (j: number, n: number): number => (j === 0 ? hi : j === n - 1 ? lo : middle + half * Math.cos((j * Math.PI) / (n - 1)));
  let n = points[0]!;
  let values = new Float64Array(n);
  for (let j = 0; j < n; j++) values[j] = j === 0 ? atHi : j === n - 1 ? atLo : f(pointAt(j, n)) - top;
  for (let level = 0; ; level++) {
    if (chebyshevTail(values) <= tolerance) break;
    if (level === points.length - 1) return null;
    const finer = points[level + 1]!;
    const next = new Float64Array(finer);
    for (let j = 0; j < finer; j++) next[j] = j % 2 === 0 ? values[j / 2]! : f(pointAt(j, finer)) - top;
    n = finer;
    values = next;
  }
  const nodes = new Float64Array(n);
  for (let j = 0; j < n; j++) nodes[j] = pointAt(j, n);
  return barycentric(nodes, values);
}

/** The largest of the three highest Chebyshev coefficients of the values at Chebyshev points. */
function chebyshevTail(values: Float64Array): number {
  const n = values.length - 1;
  let tail = 0;
  for (let k = n - 2; k <= n; k++) {
    let sum = 0;
    for (let j = 0; j <= n; j++) {
      const term = values[j]! * Math.cos((Math.PI * ((j * k) % (2 * n))) / n);
      sum += j === 0 || j === n ? term / 2 : term;
    }
    const coefficient = ((k === n ? 1 : 2) * sum) / n;
    tail = Math.max(tail, Math.abs(coefficient));
  }
  return tail;
}

/** The polynomial through (nodes[j], values[j]) at Chebyshev points, by the barycentric formula. */
function barycentric(nodes: Float64Array, values: Float64Array): (x: number) => number {
  const n = nodes.length;
  const weights = new Float64Array(n);
  for (let j = 0; j < n; j++) weights[j] = (j % 2 === 0 ? 1 : -1) * (j === 0 || j === n - 1 ? 0.5 : 1);
  return (x: number): number => {
    let numerator = 0;
    let denominator = 0;
    for (let j = 0; j < n; j++) {
      const difference = x - nodes[j]!;
      if (difference === 0) return values[j]!;
      const w = weights[j]! / difference;
      numerator += w * values[j]!;
      denominator += w;
    }
    return numerator / denominator;
  };
}

/** ln ∫ φ(u) ∏ P(outcome_i | a, u) du (without φ's constant), given the mode over u and the curvature there. */
function innerIntegral(t: Terms, a: number, inner: { mode: number; curvature: number }, integration: Integration): number {
  const g = (u: number): number => -0.5 * u * u + logLikelihood(t, a, u);
  const width = 2 / Math.sqrt(-inner.curvature);
  if (integration !== 'walk') {
    // Beyond the span the integrand is below e^−innerDrop of its peak and falling at least as fast
    // as a Gaussian: what lies there is under 1e-13 of the integral (EXACT), and left out.
    const { lo, hi, top, polynomial } = spanOf(g, inner.mode, inner.curvature, integration.innerDrop, integration);
    if (polynomial !== null) return logIntegralConcave((u) => top + polynomial(u), lo, hi, inner.mode, width);
  }
  return logIntegralConcave(g, -Infinity, Infinity, inner.mode, width);
}

// ── From the ratio to beliefs ───────────────────────────────────────────────────────────────────

/**
 * Bayes' rule on a 0–100 belief in log-odds. A prior of exactly 0 or 100 cannot move; people who type
 * them mean "almost certain", so they are read as `margin` (model.belief-clamp) from the end, and the
 * result never crosses the stated prior against the evidence.
 */
export function warrantedFrom(beforePercent: number, logLR: number, margin: number): number {
  const moved = (prior: number): number => {
    const logOdds = Math.log(prior / (100 - prior)) + logLR;
    return logOdds >= 0 ? 100 / (1 + Math.exp(-logOdds)) : (100 * Math.exp(logOdds)) / (1 + Math.exp(logOdds));
  };
  if (beforePercent > 0 && beforePercent < 100) return moved(beforePercent);
  const result = moved(beforePercent <= 0 ? margin : 100 - margin);
  return logLR < 0 ? Math.min(beforePercent, result) : Math.max(beforePercent, result);
}

// ── Ageing ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Whole years between an evaluation and today (0 in the first year, and for a date after today):
 * evidence ages in steps so that a belief's evaluations fall into few groups.
 */
export function ageInYears(date: string, today: string): number {
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;
  if (!Number.isFinite(days)) throw new RangeError(`dates must be YYYY-MM-DD, got ${date} and ${today}`);
  return days <= 0 ? 0 : Math.floor(days / 365.25);
}

/** The multiplier ageing puts on validity: `yearly` (model.yearly-carryover) per whole year. */
export function ageWeight(years: number, yearly: number): number {
  return yearly ** years;
}

// ── Ranges ──────────────────────────────────────────────────────────────────────────────────────

export interface Span {
  point: number;
  low: number;
  high: number;
}

/** One evaluation with the uncertainty in its inputs. */
export interface UncertainEvidence {
  outcome: Outcome;
  validity: Span;
  selectionRate: Span;
  count?: number;
}

export interface UncertainAssumptions {
  bar: Span;
  sharedErrorCorrelation: Span;
}

export interface Combined {
  likelihoodRatio: number;
  logLikelihoodRatio: number;
  warrantedBelief: number;
  warrantedRange: { low: number; high: number };
}

const point = (s: Span): number => s.point;

/**
 * Where all of a belief's evidence leaves a calibrated person who was at `before`, with the range over
 * the plausible inputs. The range is taken over a grid of the box: validities and rates at their ends
 * (one end for every rejection, one for every acceptance: the result moves monotonically with each for
 * a single outcome, and the tests check the corners bound a finer grid), the bar at its ends, its
 * point and two points between (the result is not monotone in the bar), and ρ at its ends and point
 * (not monotone with mixed outcomes). The point estimate is always inside. Only the lowest and the
 * highest corner matter, and the costly corners are screened roughly first (cornerExtremes).
 */
export function combine(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions, before: number, margin: number): Combined {
  return fromRatios(cachedRatios(evidence, assumptions), before, margin);
}

/** combine without the cache: the tests check the two agree exactly. */
export function combineUncached(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions, before: number, margin: number): Combined {
  return fromRatios(ratiosOf(evidence, assumptions), before, margin);
}

/**
 * The log-ratio at the point estimate, and the lowest and the highest at the corners of the grid: all
 * combine needs besides `before` (a warranted belief rises with the log-ratio, so the ends of the
 * range come from these two).
 */
export interface Ratios {
  logLR: number;
  low: number;
  high: number;
}

function ratiosOf(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions): Ratios {
  const only = evidence.length === 1 ? evidence[0]! : undefined;
  return only !== undefined && (only.count ?? 1) === 1 ? singleRatios(only, assumptions) : generalRatios(evidence, assumptions);
}

/** The ratios by the general path (grouping, the corners and their screening), for any evidence. */
export function generalRatios(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions): Ratios {
  const logLR = logLikelihoodRatio(
    groupEvidence(evidence.map((e) => ({ outcome: e.outcome, validity: e.validity.point, selectionRate: e.selectionRate.point, count: e.count ?? 1 }))),
    { bar: assumptions.bar.point, sharedErrorCorrelation: assumptions.sharedErrorCorrelation.point },
  );
  return { logLR, ...cornerExtremes(evidence, assumptions, true) };
}

/**
 * The ratios of one evaluation: the same grid and the same arithmetic as generalRatios (validity and
 * rate at their ends in the same order, each distinct pair once, the bar's grid, ρ at its point),
 * without building groups for each of the ~20 corners. A test checks the two agree
 * exactly.
 */
export function singleRatios(e: UncertainEvidence, assumptions: UncertainAssumptions): Ratios {
  const rho = assumptions.sharedErrorCorrelation.point;
  const logLR = oneLogRatio(e.outcome, e.validity.point, e.selectionRate.point, assumptions.bar.point, rho);
  const bars = barGrid(assumptions.bar);
  const { validity: v, selectionRate: r } = e;
  // (validity, rate) at their ends: low-low, low-high, high-low, high-high.
  const pairs: [number, number][] = [
    [v.low, r.low],
    [v.low, r.high],
    [v.high, r.low],
    [v.high, r.high],
  ];
  let low = Infinity;
  let high = -Infinity;
  pairs.forEach(([validity, rate], c) => {
    if (pairs.slice(0, c).some(([earlier, earlierRate]) => earlier === validity && earlierRate === rate)) return;
    for (const bar of bars) {
      const corner = oneLogRatio(e.outcome, validity, rate, bar, rho);
      low = Math.min(low, corner);
      high = Math.max(high, corner);
    }
  });
  return { logLR, low, high };
}

/** logLikelihoodRatio of one evaluation (count 1), through the same checks and the same halves. */
function oneLogRatio(outcome: Outcome, validity: number, selectionRate: number, bar: number, rho: number): number {
  const group: EvidenceGroup = { outcome, validity, selectionRate, count: 1 };
  checkAssumptions({ bar, sharedErrorCorrelation: rho });
  checkGroup(group);
  const b = bar / 100;
  // logHalves with one group: a certain outcome, or one unrelated to ability, tells nothing.
  const halves = certain(group) || !(validity > 0) ? { good: Math.log(b), notGood: Math.log1p(-b) } : oneEvaluation(group, normalQuantile(1 - b), b);
  return halves.good - Math.log(b) - (halves.notGood - Math.log1p(-b));
}

function fromRatios(ratios: Ratios, before: number, margin: number): Combined {
  const { logLR } = ratios;
  const warrantedBelief = warrantedFrom(before, logLR, margin);
  const low = Math.min(warrantedBelief, warrantedFrom(before, ratios.low, margin));
  const high = Math.max(warrantedBelief, warrantedFrom(before, ratios.high, margin));
  return { likelihoodRatio: Math.exp(logLR), logLikelihoodRatio: logLR, warrantedBelief, warrantedRange: { low, high } };
}

/**
 * The ratios of recent single evaluations, by their inputs (everything but `before`). Each entry of a
 * journal is one evaluation, and entries share methods, rates, minutes and discounts: an export of
 * 100,000 generated entries meets about 6,000 distinct ones, and the grid costs ~20 bivariate
 * orthants each. A belief's whole history (several evaluations) is computed each time.
 */
const RATIO_CACHE = new TupleCache<Ratios>(14, 16_384);
const KEY = new Float64Array(14);

function cachedRatios(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions): Ratios {
  if (evidence.length !== 1) return ratiosOf(evidence, assumptions);
  const e = evidence[0]!;
  const { bar, sharedErrorCorrelation: rho } = assumptions;
  KEY[0] = e.outcome === 'accepted' ? 1 : 0;
  KEY[1] = e.validity.point;
  KEY[2] = e.validity.low;
  KEY[3] = e.validity.high;
  KEY[4] = e.selectionRate.point;
  KEY[5] = e.selectionRate.low;
  KEY[6] = e.selectionRate.high;
  KEY[7] = e.count ?? 1;
  KEY[8] = bar.point;
  KEY[9] = bar.low;
  KEY[10] = bar.high;
  KEY[11] = rho.point;
  KEY[12] = rho.low;
  KEY[13] = rho.high;
  let ratios = RATIO_CACHE.get(KEY);
  if (ratios === undefined) {
    ratios = ratiosOf(evidence, assumptions);
    RATIO_CACHE.set(KEY, ratios);
  }
  return ratios;
}

function ends(s: Span): number[] {
  return s.low === s.high ? [s.point] : [s.low, s.high];
}

function barGrid(s: Span): number[] {
  if (s.low === s.high) return [s.point];
  const logit = (p: number): number => Math.log(p / (100 - p));
  const back = (x: number): number => 100 / (1 + Math.exp(-x));
  const mid = (x: number, y: number): number => back((logit(x) + logit(y)) / 2);
  return [...new Set([s.low, mid(s.low, s.point), s.point, mid(s.point, s.high), s.high])];
}

/** One corner of the grid: the groups its validities and rates make, and a ρ. */
interface Corner {
  groups: EvidenceGroup[];
  rho: number;
}

function* cornersOf(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions): Generator<Corner> {
  const total = evidence.reduce((sum, e) => sum + (e.count ?? 1), 0);
  // With one evaluation ρ plays no part (U and E merge).
  const rhos = total <= 1 ? [assumptions.sharedErrorCorrelation.point] : [...new Set([...ends(assumptions.sharedErrorCorrelation), point(assumptions.sharedErrorCorrelation)])];
  const outcomes: Outcome[] = ['rejected', 'accepted'];
  const present = outcomes.filter((o) => evidence.some((e) => e.outcome === o));
  // Each present outcome picks 'low' or 'high' for validities and for rates: 4 choices per outcome.
  const choices: { validity: 'low' | 'high'; rate: 'low' | 'high' }[] = [
    { validity: 'low', rate: 'low' },
    { validity: 'low', rate: 'high' },
    { validity: 'high', rate: 'low' },
    { validity: 'high', rate: 'high' },
  ];
  const combos: Record<Outcome, (typeof choices)[number]>[] = [];
  const build = (i: number, acc: Partial<Record<Outcome, (typeof choices)[number]>>): void => {
    if (i === present.length) {
      combos.push(acc as Record<Outcome, (typeof choices)[number]>);
      return;
    }
    for (const choice of choices) build(i + 1, { ...acc, [present[i]!]: choice });
  };
  build(0, {});
  const seen: EvidenceGroup[][] = [];
  for (const combo of combos) {
    const groups = groupEvidence(
      evidence.map((e) => ({
        outcome: e.outcome,
        validity: e.validity[combo[e.outcome].validity],
        selectionRate: e.selectionRate[combo[e.outcome].rate],
        count: e.count ?? 1,
      })),
    );
    if (seen.some((earlier) => sameGroups(earlier, groups))) continue;
    seen.push(groups);
    for (const rho of rhos) yield { groups, rho };
  }
}

function sameGroups(x: readonly EvidenceGroup[], y: readonly EvidenceGroup[]): boolean {
  return (
    x.length === y.length &&
    x.every((g, i) => g.outcome === y[i]!.outcome && g.validity === y[i]!.validity && g.selectionRate === y[i]!.selectionRate && g.count === y[i]!.count)
  );
}

/**
 * How far a rough log-ratio may be from the lowest or highest rough one and still be computed exactly:
 * ten times ROUGH's worst error seen, so no corner that could be an end is screened out.
 */
const SCREEN_MARGIN = 0.1;

/**
 * The lowest and highest ln LR over the corners of the grid (each corner's L(a) once for all of the
 * bar's grid). A corner whose integral is two-dimensional costs ~1,500 passes over its groups, and a
 * range with both outcomes has up to 48 of them; with `screen`, those are first taken ROUGH, and only
 * the corners within SCREEN_MARGIN of the lowest or the highest are computed exactly. The ends are
 * therefore exact values at corners, as without screening (the tests check the two agree).
 */
export function cornerExtremes(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions, screen: boolean): { low: number; high: number } {
  const bars = barGrid(assumptions.bar);
  let low = Infinity;
  let high = -Infinity;
  const exact = (corner: Corner): void => {
    for (const ratio of logLikelihoodRatios(corner.groups, bars, corner.rho)) {
      low = Math.min(low, ratio);
      high = Math.max(high, ratio);
    }
  };
  const screened: { corner: Corner; low: number; high: number }[] = [];
  for (const corner of cornersOf(evidence, assumptions)) {
    const twoDimensional = corner.rho > 0 && corner.groups.reduce((sum, g) => sum + g.count, 0) > 1;
    if (!screen || !twoDimensional) {
      exact(corner);
      continue;
    }
    const rough = logLikelihoodRatios(corner.groups, bars, corner.rho, 'rough');
    screened.push({ corner, low: Math.min(...rough), high: Math.max(...rough) });
  }
  const roughLow = Math.min(low, ...screened.map((s) => s.low));
  const roughHigh = Math.max(high, ...screened.map((s) => s.high));
  // Written so that a value that is not a number (never seen) is computed exactly, not screened out.
  for (const s of screened) if (!(s.low > roughLow + SCREEN_MARGIN && s.high < roughHigh - SCREEN_MARGIN)) exact(s.corner);
  return { low, high };
}
