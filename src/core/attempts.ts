// The attempts ledger: what a person tried or applied for, and what those tries add up to for someone
// who *is* good enough. Pure and deterministic; the model is beliefs.ts's (bar b, shared error ρ,
// validities and rates), looked at forwards instead of backwards. docs/attempts.md explains it in
// plain language.
//
// For a person above the belief's bar (A > z_b, z_b = Φ⁻¹(1 − b)), not conditioned on past outcomes:
// - one attempt is accepted with P(S > t | A > z_b) = P(A > z_b, S > t) / b, the bivariate normal
//   orthant (S and A correlate at r; the shared error does not change one attempt's chance);
// - the expected number of acceptances is the sum of those chances (expectation is linear);
// - the chance of at least one is 1 − P(all turned down | A > z_b), and the shared error U makes the
//   turn-downs move together, so this is NOT 1 − ∏(1 − p_i): it is
//       1 − (1/b) ∫_{a>z_b} φ(a) ∫ φ(u) ∏_i Φ(−(α_i a + β u − γ_i)) du da,
//   exactly the "good" half-integral of beliefs.ts for the same attempts all turned down;
// - "how many more like these" repeats the pending attempts in their order (the first k of the cycle)
//   until that chance reaches TARGET_CHANCE, looking no further than TRY_HORIZON more tries.
//
// Why a horizon, and why strong shared error "caps" the chance: with ρ < 1 every try keeps a chance
// above 0 for every (a, u), so infinitely many tries would reach 1. But the approach is slow when ρ is
// large: a person whose shared error is low (their CV undersells them, everywhere) is turned down by
// nearly every try, and only more tries *of a different kind* change that. `chanceUpperBound` bounds
// the chance after k tries without computing it (a union bound split at u₀); the tests use it to show
// that no number of tries up to the horizon can reach 80% in those cases.

import { logHalves, MAX_VALIDITY, type BeliefAssumptions, type EvidenceGroup } from './beliefs.js';
import { isMethod, METHODS, type Kind, type Method } from './domain.js';
import { figure } from './figures.js';
import { bivariateUpperOrthant, gaussLegendre, normalCdf, normalQuantile } from './normal.js';
import { selectionRateFigureIds, validityFigureId } from './warranted.js';

// ── The record ──────────────────────────────────────────────────────────────────────────────────

export const ATTEMPT_OUTCOMES = ['pending', 'accepted', 'rejected', 'no-reply', 'withdrawn'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
/** The outcomes that close an attempt. */
export const RESOLUTIONS = ['accepted', 'rejected', 'no-reply', 'withdrawn'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export function isAttemptOutcome(value: unknown): value is AttemptOutcome {
  return typeof value === 'string' && (ATTEMPT_OUTCOMES as readonly string[]).includes(value);
}

export function isResolution(value: unknown): value is Resolution {
  return typeof value === 'string' && (RESOLUTIONS as readonly string[]).includes(value);
}

/**
 * Methods an attempt can bring. A verdict on yourself is not something you apply for; every other
 * method is an evaluation by someone else.
 */
export const ATTEMPT_METHODS: readonly Method[] = METHODS.filter((method) => method !== 'self-assessment');

/** The kind of evaluation an attempt's method is (the question packs' methods): for its entry and its evidence. */
export const ATTEMPT_KIND: Readonly<Record<Method, Kind>> = {
  'cv-screen': 'application',
  'written-application': 'application',
  'unstructured-interview': 'application',
  'structured-interview': 'application',
  'work-trial': 'application',
  'job-performance': 'job-performance',
  conversation: 'first-impression',
  'peer-review': 'peer-review',
  'self-assessment': 'self-assessment',
};

export function isAttemptMethod(value: unknown): value is Method {
  return isMethod(value) && ATTEMPT_METHODS.includes(value);
}

/** Something a person tried or applied for. Dates are YYYY-MM-DD. */
export interface Attempt {
  /** `a-` and 8 characters of the id alphabet (ids.ts). */
  id: string;
  title: string;
  /** The day it was sent or done. */
  date: string;
  method: Method;
  /** Percent accepted, strictly between 0 and 100; null when unknown (the method's default is used). */
  rate: number | null;
  beliefId: string | null;
  /** When the person expects to hear back; null when they don't know. */
  expectReplyBy: string | null;
  outcome: AttemptOutcome;
  /** The day it was resolved; null while pending. */
  resolvedOn: string | null;
  /** The reflect entry about its outcome, if any. */
  entryId: string | null;
}

/**
 * How an outcome counts as evidence about the belief (docs/attempts.md):
 * - accepted and rejected count as what they are;
 * - no-reply counts as a rejection: the person has stopped waiting, and silence past the time a
 *   process answers is how most of them say no; it is dated the day it was resolved;
 * - withdrawn is left out (the process never decided), and pending has not happened yet.
 */
export function evidenceOutcome(outcome: AttemptOutcome): 'accepted' | 'rejected' | null {
  if (outcome === 'accepted') return 'accepted';
  if (outcome === 'rejected' || outcome === 'no-reply') return 'rejected';
  return null;
}

// ── The model's inputs for an attempt ───────────────────────────────────────────────────────────

/** The validity and rate the model uses for an attempt: the method's published figure, the given rate or the method's default. */
export function attemptInputs(method: Method, rate: number | null): { validity: number; selectionRate: number; rateKnown: boolean } {
  if (!isAttemptMethod(method)) throw new RangeError(`not a method an attempt can bring: ${String(method)}`);
  const validity = Math.min(MAX_VALIDITY, figure(validityFigureId(method)).value);
  if (rate !== null) {
    checkRate(rate);
    return { validity, selectionRate: rate, rateKnown: true };
  }
  return { validity, selectionRate: figure(selectionRateFigureIds(method).default).value, rateKnown: false };
}

function checkRate(rate: number): void {
  if (!(Number.isFinite(rate) && rate > 0 && rate < 100)) throw new RangeError(`an attempt's rate must be strictly between 0 and 100, got ${rate}`);
}

// ── The outlook ─────────────────────────────────────────────────────────────────────────────────

/** One kind of try: its validity, its rate (percent) and how many of it. */
export interface Try {
  validity: number;
  selectionRate: number;
  count: number;
}

/** The chance the outlook aims for (issue 14: "how many more would bring it to 80%"). */
export const TARGET_CHANCE = figure('attempts.target-chance').value / 100;
/** The furthest the outlook looks for "how many more" (see the header). */
export const TRY_HORIZON = figure('attempts.try-horizon').value;

function checkTries(tries: readonly Try[], assumptions: BeliefAssumptions): void {
  const { bar, sharedErrorCorrelation: rho } = assumptions;
  if (!(Number.isFinite(bar) && bar > 0 && bar < 100)) throw new RangeError(`bar must be a percent strictly between 0 and 100, got ${bar}`);
  if (!(Number.isFinite(rho) && rho >= 0 && rho < 1)) throw new RangeError(`shared-error correlation must be in [0, 1), got ${rho}`);
  for (const t of tries) {
    // r > 0 keeps every try in beliefs.ts's integrals (it sets aside r = 0 evaluations, which say
    // nothing about ability but still turn people down).
    if (!(Number.isFinite(t.validity) && t.validity > 0 && t.validity <= MAX_VALIDITY)) {
      throw new RangeError(`validity must be in (0, ${MAX_VALIDITY}], got ${t.validity}`);
    }
    checkRate(t.selectionRate);
    if (!(Number.isInteger(t.count) && t.count >= 0)) throw new RangeError(`count must be a whole number ≥ 0, got ${t.count}`);
  }
}

const ACCEPT_CACHE = new Map<string, number>();

/** P(accepted | A > z_b) for one try: the bivariate orthant P(A > z_b, S > t) divided by b. */
export function chanceOfAcceptanceIfGoodEnough(validity: number, selectionRate: number, bar: number): number {
  checkTries([{ validity, selectionRate, count: 1 }], { bar, sharedErrorCorrelation: 0 });
  const key = `${validity}|${selectionRate}|${bar}`;
  const known = ACCEPT_CACHE.get(key);
  if (known !== undefined) return known;
  const b = bar / 100;
  const z = normalQuantile(1 - b);
  const t = normalQuantile(1 - selectionRate / 100);
  // The orthant formula is exact to ~1e-15 absolute; where the cell is that small relative to b the
  // model's log-space quadrature (beliefs.ts) gives the digits instead.
  let chance = bivariateUpperOrthant(z, t, validity) / b;
  if (!(chance > 1e-9)) {
    const halves = logHalves([{ validity, selectionRate, outcome: 'accepted', count: 1 }], b, 0, 'quadrature');
    chance = Math.exp(halves.good) / b;
  }
  chance = Math.min(1, Math.max(0, chance));
  if (ACCEPT_CACHE.size > 10_000) ACCEPT_CACHE.clear();
  ACCEPT_CACHE.set(key, chance);
  return chance;
}

/** The expected number of acceptances from these tries for someone above the bar. */
export function expectedAcceptances(tries: readonly Try[], bar: number): number {
  let sum = 0;
  for (const t of tries) if (t.count > 0) sum += t.count * chanceOfAcceptanceIfGoodEnough(t.validity, t.selectionRate, bar);
  return sum;
}

/**
 * P(all of these tries turned down | A > z_b), shared error included: beliefs.ts's "good" half for the
 * same tries as rejections, divided by b.
 */
export function chanceOfNoneIfGoodEnough(tries: readonly Try[], assumptions: BeliefAssumptions): number {
  checkTries(tries, assumptions);
  const groups: EvidenceGroup[] = tries.filter((t) => t.count > 0).map((t) => ({ validity: t.validity, selectionRate: t.selectionRate, outcome: 'rejected', count: t.count }));
  if (groups.length === 0) return 1;
  const b = assumptions.bar / 100;
  const { good } = logHalves(groups, b, assumptions.sharedErrorCorrelation, 'auto');
  return Math.min(1, Math.exp(good - Math.log(b)));
}

export function chanceOfAtLeastOneIfGoodEnough(tries: readonly Try[], assumptions: BeliefAssumptions): number {
  return Math.max(0, 1 - chanceOfNoneIfGoodEnough(tries, assumptions));
}

/** The tries after `k` more like `pattern`: the pattern repeated in its order, the first k of the cycle. */
export function triesAfter(current: readonly Try[], pattern: readonly Try[], k: number): Try[] {
  const size = pattern.reduce((sum, t) => sum + t.count, 0);
  const result = current.map((t) => ({ ...t }));
  if (size === 0 || k === 0) return result;
  const whole = Math.floor(k / size);
  let rest = k - whole * size;
  for (const t of pattern) {
    const extra = t.count * whole + Math.min(rest, t.count);
    rest -= Math.min(rest, t.count);
    if (extra > 0) result.push({ validity: t.validity, selectionRate: t.selectionRate, count: extra });
  }
  return merge(result);
}

function merge(tries: readonly Try[]): Try[] {
  const byKey = new Map<string, Try>();
  for (const t of tries) {
    const key = `${t.validity}|${t.selectionRate}`;
    const found = byKey.get(key);
    if (found) found.count += t.count;
    else byKey.set(key, { ...t });
  }
  return [...byKey.values()].filter((t) => t.count > 0);
}

/**
 * How many more tries like `pattern`, added to `current`, bring the chance of at least one acceptance
 * to TARGET_CHANCE: 0 when it is there already, null when even TRY_HORIZON more would not (or there
 * is nothing to repeat). The chance never falls as tries are added, so a bisection finds the least k.
 */
export function moreTriesFor(current: readonly Try[], pattern: readonly Try[], assumptions: BeliefAssumptions, target = TARGET_CHANCE, horizon = TRY_HORIZON): number | null {
  const reaches = (k: number): boolean => chanceOfAtLeastOneIfGoodEnough(triesAfter(current, pattern, k), assumptions) >= target;
  if (reaches(0)) return 0;
  if (pattern.reduce((sum, t) => sum + t.count, 0) === 0) return null;
  if (!reaches(horizon)) return null;
  let lo = 0; // does not reach
  let hi = horizon; // reaches
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * An upper bound on the chance of at least one acceptance, without the full integral: for any u₀,
 *   P(≥ 1 | A > z) ≤ P(U > u₀) + Σ_i n_i · P(S_i > t_i, U ≤ u₀ | A > z),
 * (either the shared error is above u₀, or it is not and some try still got through: a union bound),
 * minimised over a grid of u₀. Given U = u, (A, S_i) is bivariate normal with S_i's own part
 * r·A + s·√(1−ρ)·E, so each term is a one-dimensional integral over u of a bivariate orthant.
 */
export function chanceUpperBound(tries: readonly Try[], assumptions: BeliefAssumptions): number {
  checkTries(tries, assumptions);
  const b = assumptions.bar / 100;
  const z = normalQuantile(1 - b);
  const rho = assumptions.sharedErrorCorrelation;
  const rule = gaussLegendre(10);
  // u₀ runs over panel ends from FROM to TO; below FROM, φ(u) leaves less than 1e-32.
  const FROM = -12;
  const TO = 6;
  const WIDTH = 0.05;
  const panels = Math.round((TO - FROM) / WIDTH);
  // below[p] = Σ n_i · P(S_i > t_i, U ≤ FROM + (p+1)·WIDTH | A > z), accumulated panel by panel:
  // P(S > t, A > z, U ≤ u₀) = ∫_{−∞}^{u₀} φ(u) P(r·A + s√(1−ρ)·E > t − s√ρ·u, A > z) du.
  const below = new Float64Array(panels);
  for (const t of tries) {
    if (t.count === 0) continue;
    const s = Math.sqrt(1 - t.validity * t.validity);
    const own = Math.sqrt(t.validity * t.validity + s * s * (1 - rho));
    const threshold = normalQuantile(1 - t.selectionRate / 100);
    const corr = t.validity / own;
    let running = 0;
    for (let p = 0; p < panels; p++) {
      const mid = FROM + (p + 0.5) * WIDTH;
      let sum = 0;
      for (let i = 0; i < rule.nodes.length; i++) {
        const u = mid + (WIDTH / 2) * rule.nodes[i]!;
        const phi = Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
        sum += rule.weights[i]! * phi * bivariateUpperOrthant(z, (threshold - s * Math.sqrt(rho) * u) / own, corr);
      }
      running += ((WIDTH / 2) * sum) / b;
      below[p] = below[p]! + t.count * running;
    }
  }
  let best = 1;
  for (let p = 0; p < panels; p++) {
    const bound = normalCdf(-(FROM + (p + 1) * WIDTH)) + below[p]!;
    if (bound < best) best = bound;
  }
  return best;
}

// ── One belief's outlook ────────────────────────────────────────────────────────────────────────

export interface AttemptOutlook {
  beliefId: string | null;
  /** b, percent. */
  bar: number;
  sharedErrorCorrelation: number;
  /** Ids of the pending attempts. */
  pending: string[];
  expectedAcceptancesIfGoodEnough: number;
  /** 0–1. */
  chanceOfAtLeastOneIfGoodEnough: number;
  /** 0 when already at TARGET_CHANCE; null when TRY_HORIZON more like these would not reach it. */
  moreTriesForEightyPercent: number | null;
  resolved: {
    /** Attempts that were decided (accepted, rejected or no reply; withdrawn ones are left out). */
    tries: number;
    /** Rejections, no-replies included. */
    rejections: number;
    expectedRejectionsIfGoodEnough: number;
  };
}

/**
 * The outlook for one belief's attempts. "More like these" repeats the pending attempts; with none
 * pending, the decided ones (what the person has been sending).
 */
export function outlookFor(beliefId: string | null, attempts: readonly Attempt[], assumptions: BeliefAssumptions): AttemptOutlook {
  const pending: Try[] = [];
  const decided: Try[] = [];
  const pendingIds: string[] = [];
  let rejections = 0;
  for (const attempt of attempts) {
    const { validity, selectionRate } = attemptInputs(attempt.method, attempt.rate);
    if (attempt.outcome === 'pending') {
      pending.push({ validity, selectionRate, count: 1 });
      pendingIds.push(attempt.id);
      continue;
    }
    const counted = evidenceOutcome(attempt.outcome);
    if (counted === null) continue;
    decided.push({ validity, selectionRate, count: 1 });
    if (counted === 'rejected') rejections += 1;
  }
  const pendingTries = merge(pending);
  const decidedTries = merge(decided);
  const pattern = pending.length > 0 ? pending : decided;
  const expectedRejections = decidedTries.reduce((sum, t) => sum + t.count * (1 - chanceOfAcceptanceIfGoodEnough(t.validity, t.selectionRate, assumptions.bar)), 0);
  return {
    beliefId,
    bar: assumptions.bar,
    sharedErrorCorrelation: assumptions.sharedErrorCorrelation,
    pending: pendingIds,
    expectedAcceptancesIfGoodEnough: expectedAcceptances(pendingTries, assumptions.bar),
    chanceOfAtLeastOneIfGoodEnough: chanceOfAtLeastOneIfGoodEnough(pendingTries, assumptions),
    moreTriesForEightyPercent: moreTriesFor(pendingTries, compress(pattern), assumptions),
    resolved: { tries: decided.length, rejections, expectedRejectionsIfGoodEnough: expectedRejections },
  };
}

/** Consecutive equal tries as one, so a pattern of 10,000 attempts stays short while keeping its order. */
function compress(tries: readonly Try[]): Try[] {
  const out: Try[] = [];
  for (const t of tries) {
    const last = out[out.length - 1];
    if (last && last.validity === t.validity && last.selectionRate === t.selectionRate) last.count += t.count;
    else out.push({ ...t });
  }
  return out;
}

// ── Tries per month ─────────────────────────────────────────────────────────────────────────────

/** Attempts made in each calendar month from the first to `today`'s, oldest first (months with none included). */
export function triesPerMonth(dates: readonly string[], today: string, months?: number): { month: string; tries: number }[] {
  const counts = new Map<string, number>();
  let first = today.slice(0, 7);
  for (const date of dates) {
    const month = date.slice(0, 7);
    counts.set(month, (counts.get(month) ?? 0) + 1);
    if (month < first) first = month;
  }
  const last = today.slice(0, 7);
  const result: { month: string; tries: number }[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    result.push({ month: key, tries: counts.get(key) ?? 0 });
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months === undefined ? result : result.slice(-months);
}

// ── In exports and imports ──────────────────────────────────────────────────────────────────────

/** An attempt with its fields in one fixed order: the JSON export writes this, import reads it back. */
export function toAttemptRecord(a: Attempt): Attempt {
  return {
    id: a.id,
    title: a.title,
    date: a.date,
    method: a.method,
    rate: a.rate,
    beliefId: a.beliefId,
    expectReplyBy: a.expectReplyBy,
    outcome: a.outcome,
    resolvedOn: a.resolvedOn,
    entryId: a.entryId,
  };
}

const ATTEMPT_FIELDS = ['id', 'title', 'date', 'method', 'rate', 'beliefId', 'expectReplyBy', 'outcome', 'resolvedOn', 'entryId'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks one attempt of an export (`at(field, problem)` for each problem): the attempt when it is
 * sound, else null. The same rules as `noisy attempts add` and `resolve`, except that any past or
 * future day is accepted as stored.
 */
export function parseStoredAttempt(
  item: unknown,
  at: (field: string, problem: string) => void,
  rules: { isAttemptId: (id: string) => boolean; isBeliefId: (id: string) => boolean; isEntryId: (id: string) => boolean; titleProblems: (title: string) => string[]; isDay: (day: string) => boolean },
): Attempt | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    at('', 'must be an object (one attempt)');
    return null;
  }
  const raw = item as Record<string, unknown>;
  let ok = true;
  const fail = (field: string, problem: string) => {
    ok = false;
    at(field, problem);
  };
  const day = (field: string, nullable: boolean): string | null => {
    const v = raw[field];
    if (v === null && nullable) return null;
    if (typeof v !== 'string' || !DAY.test(v) || !rules.isDay(v)) {
      fail(field, `must be a day written YYYY-MM-DD${nullable ? ', or null' : ''}`);
      return null;
    }
    return v;
  };
  for (const key of Object.keys(raw)) if (!(ATTEMPT_FIELDS as readonly string[]).includes(key)) fail(key, 'is not a field of an attempt');
  const { id, title, method, rate, beliefId, outcome, entryId } = raw;
  if (typeof id !== 'string' || !rules.isAttemptId(id)) fail('id', 'must be an attempt id: a- and 8 lower-case letters and digits (no 0, 1, o, l or i)');
  if (typeof title !== 'string' || title.trim() === '') fail('title', 'must be text (what was tried)');
  else for (const problem of rules.titleProblems(title)) fail('title', problem);
  const date = day('date', false);
  if (!isAttemptMethod(method)) fail('method', `must be one of ${ATTEMPT_METHODS.join(', ')}`);
  if (rate !== null && !(typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && rate < 100)) fail('rate', 'must be a percent strictly between 0 and 100, or null when unknown');
  if (beliefId !== null && !(typeof beliefId === 'string' && rules.isBeliefId(beliefId))) fail('beliefId', 'must be a belief id (b- and 6 characters) or null');
  const expectReplyBy = day('expectReplyBy', true);
  if (!isAttemptOutcome(outcome)) fail('outcome', `must be one of ${ATTEMPT_OUTCOMES.join(', ')}`);
  const resolvedOn = day('resolvedOn', true);
  if (isAttemptOutcome(outcome) && (outcome === 'pending') !== (raw.resolvedOn === null)) {
    fail('resolvedOn', outcome === 'pending' ? 'must be null while the attempt is pending' : 'must be the day it was resolved');
  }
  if (entryId !== null && !(typeof entryId === 'string' && rules.isEntryId(entryId))) fail('entryId', 'must be an entry id or null');
  if (!ok) return null;
  return {
    id: id as string,
    title: (title as string).trim(),
    date: date!,
    method: method as Method,
    rate: rate as number | null,
    beliefId: beliefId as string | null,
    expectReplyBy,
    outcome: outcome as AttemptOutcome,
    resolvedOn,
    entryId: entryId as string | null,
  };
}

/**
 * Importing an attempt the journal already has (the same id): the same record is skipped; one still
 * pending here that the file has resolved takes the file's outcome (heard back on the other
 * computer); one resolved here and pending in the file stays; any other difference is a conflict,
 * left as it is here.
 */
export function mergeAttempt(ours: Attempt, theirs: Attempt): { take: 'ours' | 'theirs'; conflict: string | null } {
  const a = toAttemptRecord(ours);
  const b = toAttemptRecord(theirs);
  const fixed = (['title', 'date', 'method', 'rate', 'beliefId'] as const).filter((k) => a[k] !== b[k]);
  if (fixed.length > 0) return { take: 'ours', conflict: `different ${fixed.join(', ')}` };
  if (JSON.stringify(a) === JSON.stringify(b)) return { take: 'ours', conflict: null };
  if (ours.outcome === 'pending' && theirs.outcome !== 'pending') return { take: 'theirs', conflict: null };
  if (ours.outcome !== 'pending' && theirs.outcome === 'pending') return { take: 'ours', conflict: null };
  const differing = (['expectReplyBy', 'outcome', 'resolvedOn', 'entryId'] as const).filter((k) => a[k] !== b[k]);
  // Both pending with another expected day: the later one (asked again later on one side).
  if (ours.outcome === 'pending' && differing.length === 1 && differing[0] === 'expectReplyBy') {
    return { take: (theirs.expectReplyBy ?? '') > (ours.expectReplyBy ?? '') ? 'theirs' : 'ours', conflict: null };
  }
  // The same outcome, one side linked to an entry that reflects on it: keep the link.
  if (differing.length === 1 && differing[0] === 'entryId') return { take: ours.entryId === null ? 'theirs' : 'ours', conflict: ours.entryId !== null && theirs.entryId !== null ? 'linked to different entries' : null };
  return { take: 'ours', conflict: `different ${differing.join(', ')}` };
}
