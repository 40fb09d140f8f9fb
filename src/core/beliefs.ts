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
// - Everything is in log space: ln P(outcome | a, u) is ln Φ of a linear function of (a, u), computed
//   with Cody's erfcx so it stays exact however far in the tail (normal.ts).
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
//   gets a 10-point Gauss–Legendre rule, summed with log-sum-exp.

import { bivariateUpperOrthant, gaussHermite, gaussLegendre, inverseMillsRatio, logNormalCdf, normalQuantile } from './normal.js';
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

/** Merges evaluations with identical parameters (order kept by first appearance). */
export function groupEvidence(items: Iterable<Evidence>): EvidenceGroup[] {
  const groups: EvidenceGroup[] = [];
  const index = new Map<string, EvidenceGroup>();
  for (const item of items) {
    const key = `${item.outcome}|${item.validity}|${item.selectionRate}`;
    const found = index.get(key);
    const count = item.count ?? 1;
    if (found) found.count += count;
    else {
      const group = { validity: item.validity, selectionRate: item.selectionRate, outcome: item.outcome, count };
      index.set(key, group);
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
  checkAssumptions(assumptions);
  for (const group of groups) checkGroup(group);
  const b = assumptions.bar / 100;
  const { good, notGood } = logHalves(groups, b, assumptions.sharedErrorCorrelation, 'auto');
  return good - Math.log(b) - (notGood - Math.log1p(-b));
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
 * The two half-integrals. `method` is 'auto' in the model; the tests force 'quadrature' to check the
 * exact one-evaluation reduction against the general rule, and 'walk' to check the Gauss–Hermite rule
 * over u against the panel walk.
 */
export function logHalves(groups: readonly EvidenceGroup[], b: number, rho: number, method: 'auto' | 'quadrature' | 'walk'): Halves {
  const z = normalQuantile(1 - b);
  let informative = groups.filter((g) => !certain(g));
  // Without shared error, an evaluation unrelated to ability (r = 0) tells nothing; with one
  // evaluation in all there is no shared error to speak of.
  const total = informative.reduce((sum, g) => sum + g.count, 0);
  if (rho === 0 || total === 1) informative = informative.filter((g) => g.validity > 0);
  const remaining = informative.reduce((sum, g) => sum + g.count, 0);
  if (remaining === 0) return { good: Math.log(b), notGood: Math.log1p(-b) };
  if (method === 'auto' && remaining === 1) return oneEvaluation(informative[0]!, z, b);
  const terms = termsOf(informative, rho);
  if (rho === 0 || terms.beta === 0) return oneDimensional(terms, z);
  return twoDimensional(terms, z, method === 'walk' ? 'walk' : 'hermite');
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
  if (!trustworthy(good, b) || !trustworthy(notGood, 1 - b)) return oneDimensional(termsOf([group], 0), z);
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
  let sum = 0;
  for (let i = 0; i < t.size; i++) sum += t.count[i]! * logNormalCdf(t.sign[i]! * (t.alpha[i]! * a + t.beta * u - t.gamma[i]!));
  return sum;
}

/** First and second derivatives of logLikelihood along (da, du) directions, for Newton's method. */
function derivatives(t: Terms, a: number, u: number, out: Float64Array): void {
  // out: [∂a, ∂u, ∂aa, ∂au, ∂uu]
  let da = 0;
  let du = 0;
  let daa = 0;
  let dau = 0;
  let duu = 0;
  for (let i = 0; i < t.size; i++) {
    const y = t.sign[i]! * (t.alpha[i]! * a + t.beta * u - t.gamma[i]!);
    const lambda = inverseMillsRatio(y);
    const first = t.count[i]! * t.sign[i]! * lambda;
    const second = -t.count[i]! * lambda * (y + lambda);
    da += first * t.alpha[i]!;
    du += first * t.beta;
    daa += second * t.alpha[i]! * t.alpha[i]!;
    dau += second * t.alpha[i]! * t.beta;
    duu += second * t.beta * t.beta;
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

/**
 * The maximum of a concave function with g'' ≤ −1 everywhere: Newton's method kept inside a bracket
 * (g'' ≤ −1 puts the root of g' within |g'(x)| of any x). `slope(x, out)` fills out[0] = g'(x),
 * out[1] = g''(x).
 */
function concaveMode(slope: (x: number, out: Float64Array) => void, start: number): { mode: number; curvature: number } {
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

/** Both halves on the line of a, for a given log integrand over a with its mode and curvature. */
function halvesOnLine(f: (a: number) => number, z: number, mode: number, curvature: number): Halves {
  const width = 2 / Math.sqrt(-curvature);
  return {
    good: logIntegralConcave(f, z, Infinity, Math.max(z, mode), width),
    notGood: logIntegralConcave(f, -Infinity, z, Math.min(z, mode), width),
  };
}

/** ρ = 0: ∫ φ(a) ∏ P(outcome_i | a) da on each side of z. */
function oneDimensional(t: Terms, z: number): Halves {
  const d = new Float64Array(5);
  const f = (a: number): number => -0.5 * a * a - LOG_SQRT_2PI + logLikelihood(t, a, 0);
  const { mode, curvature } = concaveMode((a, out) => {
    derivatives(t, a, 0, d);
    out[0] = -a + d[0]!;
    out[1] = -1 + d[2]!;
  }, 0);
  return halvesOnLine(f, z, mode, curvature);
}

/** ρ > 0: for each a, ∫ φ(u) ∏ P(outcome_i | a, u) du, then over a on each side of z. */
function twoDimensional(t: Terms, z: number, method: InnerMethod = 'hermite'): Halves {
  const d = new Float64Array(5);
  // The inner mode over u for a given a, from a starting guess.
  const innerMode = (a: number, guess: number) =>
    concaveMode((u, out) => {
      derivatives(t, a, u, d);
      out[0] = -u + d[1]!;
      out[1] = -1 + d[4]!;
    }, guess);

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
    const inner = innerMode(a, centreU + slopeU * (a - profile.mode));
    return -0.5 * a * a - 2 * LOG_SQRT_2PI + (method === 'walk' ? walkedInner(t, a, inner) : adaptiveHermite(t, a, inner));
  };
  return halvesOnLine(outer, z, profile.mode, profile.curvature);
}

/**
 * How the integral over u is done for each a: adaptive Gauss–Hermite (centred on the inner mode, scaled
 * by the curvature there: the integrand is a Gaussian times a smooth log-concave factor), falling back
 * to the panel walk when a coarser rule disagrees; or the panel walk throughout (slower; the tests use
 * it as a second method).
 */
export type InnerMethod = 'hermite' | 'walk';

const HERMITE = gaussHermite(24);
const HERMITE_CHECK = gaussHermite(16);
/** The two Gauss–Hermite rules must agree this well (in log) for the 24-point result to be kept. */
const HERMITE_AGREEMENT = 1e-9;

function hermiteRule(t: Terms, a: number, mode: number, scale: number, rule: { nodes: Float64Array; logWeights: Float64Array }): number {
  const n = rule.nodes.length;
  const values = new Float64Array(n);
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const u = mode + scale * rule.nodes[k]!;
    values[k] = rule.logWeights[k]! - 0.5 * u * u + logLikelihood(t, a, u);
    if (values[k]! > max) max = values[k]!;
  }
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(values[k]! - max);
  return max + Math.log(sum * scale);
}

/**
 * The 24-point adaptive Gauss–Hermite rule, checked against the 16-point one; where they disagree
 * (a sharp, far-from-Gaussian integrand: strong shared error with few evaluations) the panel walk.
 */
function adaptiveHermite(t: Terms, a: number, inner: { mode: number; curvature: number }): number {
  const scale = Math.SQRT2 / Math.sqrt(-inner.curvature);
  const fine = hermiteRule(t, a, inner.mode, scale, HERMITE);
  const coarse = hermiteRule(t, a, inner.mode, scale, HERMITE_CHECK);
  if (Math.abs(fine - coarse) <= HERMITE_AGREEMENT) return fine;
  return walkedInner(t, a, inner);
}

function walkedInner(t: Terms, a: number, inner: { mode: number; curvature: number }): number {
  const g = (u: number): number => -0.5 * u * u + logLikelihood(t, a, u);
  return logIntegralConcave(g, -Infinity, Infinity, inner.mode, 2 / Math.sqrt(-inner.curvature));
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
 * (not monotone with mixed outcomes). The point estimate is always inside.
 */
export function combine(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions, before: number, margin: number): Combined {
  return fromRatios(cachedRatios(evidence, assumptions), before, margin);
}

/** combine without the cache: the tests check the two agree exactly. */
export function combineUncached(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions, before: number, margin: number): Combined {
  return fromRatios(ratiosOf(evidence, assumptions), before, margin);
}

/** The log-ratio at the point estimate and at every corner of the grid: all combine needs besides `before`. */
export interface Ratios {
  logLR: number;
  corners: Float64Array;
}

function ratiosOf(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions): Ratios {
  const only = evidence.length === 1 ? evidence[0]! : undefined;
  return only !== undefined && (only.count ?? 1) === 1 ? singleRatios(only, assumptions) : generalRatios(evidence, assumptions);
}

/** The ratios by the general path (grouping, keys, the generator of corners), for any evidence. */
export function generalRatios(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions): Ratios {
  const logLR = logLikelihoodRatio(
    groupEvidence(evidence.map((e) => ({ outcome: e.outcome, validity: e.validity.point, selectionRate: e.selectionRate.point, count: e.count ?? 1 }))),
    { bar: assumptions.bar.point, sharedErrorCorrelation: assumptions.sharedErrorCorrelation.point },
  );
  return { logLR, corners: Float64Array.from(cornerLogRatios(evidence, assumptions)) };
}

/**
 * The ratios of one evaluation: the same grid and the same arithmetic as generalRatios (validity and
 * rate at their ends in the same order, each distinct pair once, the bar's grid, ρ at its point),
 * without building groups and string keys for each of the ~20 corners. A test checks the two agree
 * exactly.
 */
export function singleRatios(e: UncertainEvidence, assumptions: UncertainAssumptions): Ratios {
  const rho = assumptions.sharedErrorCorrelation.point;
  const logLR = oneLogRatio(e.outcome, e.validity.point, e.selectionRate.point, assumptions.bar.point, rho);
  const bars = barGrid(assumptions.bar);
  const { validity: v, selectionRate: r } = e;
  // (validity, rate) at their ends, in cornerLogRatios' order: low-low, low-high, high-low, high-high.
  const pairs: [number, number][] = [
    [v.low, r.low],
    [v.low, r.high],
    [v.high, r.low],
    [v.high, r.high],
  ];
  const corners: number[] = [];
  pairs.forEach(([validity, rate], c) => {
    if (pairs.slice(0, c).some(([earlier, earlierRate]) => earlier === validity && earlierRate === rate)) return;
    for (const bar of bars) corners.push(oneLogRatio(e.outcome, validity, rate, bar, rho));
  });
  return { logLR, corners: Float64Array.from(corners) };
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
  const { logLR, corners } = ratios;
  const warrantedBelief = warrantedFrom(before, logLR, margin);
  let low = warrantedBelief;
  let high = warrantedBelief;
  for (let i = 0; i < corners.length; i++) {
    const belief = warrantedFrom(before, corners[i]!, margin);
    if (belief < low) low = belief;
    if (belief > high) high = belief;
  }
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

function* cornerLogRatios(evidence: readonly UncertainEvidence[], assumptions: UncertainAssumptions): Generator<number> {
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
  const seen = new Set<string>();
  for (const combo of combos) {
    const groups = groupEvidence(
      evidence.map((e) => ({
        outcome: e.outcome,
        validity: e.validity[combo[e.outcome].validity],
        selectionRate: e.selectionRate[combo[e.outcome].rate],
        count: e.count ?? 1,
      })),
    );
    const key = groups.map((g) => `${g.outcome}|${g.validity}|${g.selectionRate}|${g.count}`).join(';');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const bar of barGrid(assumptions.bar)) {
      for (const rho of rhos) yield logLikelihoodRatio(groups, { bar, sharedErrorCorrelation: rho });
    }
  }
}
