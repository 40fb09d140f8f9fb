import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attemptInputs,
  chanceOfAcceptanceIfGoodEnough,
  chanceOfAtLeastOneIfGoodEnough,
  chanceUpperBound,
  evidenceOutcome,
  expectedAcceptances,
  moreTriesFor,
  outlookFor,
  TARGET_CHANCE,
  triesAfter,
  triesPerMonth,
  TRY_HORIZON,
  type Attempt,
  type Try,
} from '../../src/core/attempts.js';
import { normalCdf, normalQuantile } from '../../src/core/normal.js';

interface ReferenceCase {
  tries: Try[];
  bar: number;
  rho: number;
  simulation: { atLeastOne: number; atLeastOneSE: number; expected: number; expectedSE: number };
  quadrature: { atLeastOne: number; expected: number };
}

const reference = JSON.parse(readFileSync(new URL('../fixtures/attempts-outlook/reference.json', import.meta.url), 'utf8')) as { cases: ReferenceCase[] };

const cv = (count: number): Try => ({ validity: 0.18, selectionRate: 5, count });
const at = (bar: number, rho: number) => ({ bar, sharedErrorCorrelation: rho });
const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** ∫_z^{z+12} φ(a) g(a) da / b by Simpson's rule on a fine grid: no shared error, so the tries are independent given a. */
function simpsonGivenAbility(bar: number, g: (a: number) => number): number {
  const b = bar / 100;
  const z = normalQuantile(1 - b);
  const n = 20_000;
  const step = 12 / n;
  const f = (a: number): number => phi(a) * g(a);
  let sum = f(z) + f(z + 12);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(z + i * step);
  return (sum * step) / 3 / b;
}

/** P(accepted | a) for one try with no shared error: Φ((r·a − t)/s). */
const acceptGiven = (t: Try, a: number): number => normalCdf((t.validity * a - normalQuantile(1 - t.selectionRate / 100)) / Math.sqrt(1 - t.validity ** 2));

describe('the outlook against an independent computation', () => {
  it.each(reference.cases.map((c, i) => [i, c] as const))('case %i agrees with scipy quadrature and a seeded simulation', (_i, c) => {
    const chance = chanceOfAtLeastOneIfGoodEnough(c.tries, at(c.bar, c.rho));
    const expected = expectedAcceptances(c.tries, c.bar);
    expect(Math.abs(chance - c.quadrature.atLeastOne)).toBeLessThan(1e-6);
    expect(Math.abs(expected - c.quadrature.expected)).toBeLessThan(1e-9);
    // 400,000 simulated people: within 4.5 standard errors.
    expect(Math.abs(chance - c.simulation.atLeastOne)).toBeLessThan(4.5 * c.simulation.atLeastOneSE);
    expect(Math.abs(expected - c.simulation.expected)).toBeLessThan(4.5 * c.simulation.expectedSE);
  });

  it('without shared error, equals independent tries given ability (Simpson over a)', () => {
    for (const [tries, bar] of [
      [[cv(12)], 25],
      [[{ validity: 0.42, selectionRate: 30, count: 3 }, { validity: 0.19, selectionRate: 15, count: 5 }], 10],
      [[{ validity: 0.33, selectionRate: 50, count: 1 }], 50],
    ] as [Try[], number][]) {
      // The model's integrals read their integrands through polynomials within 1e-7 in log (beliefs.ts).
      const none = simpsonGivenAbility(bar, (a) => tries.reduce((p, t) => p * (1 - acceptGiven(t, a)) ** t.count, 1));
      expect(chanceOfAtLeastOneIfGoodEnough(tries, at(bar, 0))).toBeCloseTo(1 - none, 7);
      const one = simpsonGivenAbility(bar, (a) => acceptGiven(tries[0]!, a));
      expect(chanceOfAcceptanceIfGoodEnough(tries[0]!.validity, tries[0]!.selectionRate, bar)).toBeCloseTo(one, 7);
    }
  });

  it('with a method that sees nothing of ability (r → 0), a try is accepted at its rate, and n independent ones as 1 − (1 − q)^n', () => {
    for (const q of [2, 5, 30, 80]) {
      expect(chanceOfAcceptanceIfGoodEnough(1e-9, q, 25)).toBeCloseTo(q / 100, 8);
      expect(chanceOfAtLeastOneIfGoodEnough([{ validity: 1e-9, selectionRate: q, count: 7 }], at(25, 0))).toBeCloseTo(1 - (1 - q / 100) ** 7, 8);
    }
  });

  it('with shared error is not 1 − ∏(1 − p): shared error lowers the chance of at least one', () => {
    const p = chanceOfAcceptanceIfGoodEnough(0.18, 5, 25);
    const naive = 1 - (1 - p) ** 12;
    const none = chanceOfAtLeastOneIfGoodEnough([cv(12)], at(25, 0));
    const some = chanceOfAtLeastOneIfGoodEnough([cv(12)], at(25, 0.3));
    const much = chanceOfAtLeastOneIfGoodEnough([cv(12)], at(25, 0.6));
    expect(naive).toBeGreaterThan(none); // ability is shared even without shared error
    expect(none).toBeGreaterThan(some + 0.1);
    expect(some).toBeGreaterThan(much + 0.1);
    // One try: the shared error changes nothing.
    expect(chanceOfAtLeastOneIfGoodEnough([cv(1)], at(25, 0.6))).toBeCloseTo(p, 9);
  });
});

describe('properties', () => {
  const validity = fc.double({ min: 0.02, max: 0.9, noNaN: true });
  const rate = fc.double({ min: 0.5, max: 99, noNaN: true });
  const bar = fc.double({ min: 5, max: 60, noNaN: true });
  const rho = fc.double({ min: 0, max: 0.85, noNaN: true });

  it('more tries never lower the chance of at least one', () => {
    fc.assert(
      fc.property(validity, rate, bar, rho, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10 }), (r, q, b, p, n, extra) => {
        const fewer = chanceOfAtLeastOneIfGoodEnough([{ validity: r, selectionRate: q, count: n }], at(b, p));
        const more = chanceOfAtLeastOneIfGoodEnough([{ validity: r, selectionRate: q, count: n + extra }], at(b, p));
        expect(more).toBeGreaterThanOrEqual(fewer - 1e-9);
        expect(fewer).toBeGreaterThanOrEqual(0);
        expect(more).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 },
    );
  });

  it('a higher rate never lowers the chance', () => {
    fc.assert(
      fc.property(validity, rate, rate, bar, rho, fc.integer({ min: 1, max: 20 }), (r, q1, q2, b, p, n) => {
        const [low, high] = q1 < q2 ? [q1, q2] : [q2, q1];
        const a = chanceOfAtLeastOneIfGoodEnough([{ validity: r, selectionRate: low, count: n }], at(b, p));
        const c = chanceOfAtLeastOneIfGoodEnough([{ validity: r, selectionRate: high, count: n }], at(b, p));
        expect(c).toBeGreaterThanOrEqual(a - 1e-9);
        expect(chanceOfAcceptanceIfGoodEnough(r, high, b)).toBeGreaterThanOrEqual(chanceOfAcceptanceIfGoodEnough(r, low, b) - 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('the expected number of acceptances is the sum of each try’s chance, and at least the chance of one', () => {
    fc.assert(
      fc.property(validity, rate, bar, rho, fc.integer({ min: 1, max: 20 }), (r, q, b, p, n) => {
        const tries = [{ validity: r, selectionRate: q, count: n }];
        expect(expectedAcceptances(tries, b)).toBeCloseTo(n * chanceOfAcceptanceIfGoodEnough(r, q, b), 12);
        expect(expectedAcceptances(tries, b)).toBeGreaterThanOrEqual(chanceOfAtLeastOneIfGoodEnough(tries, at(b, p)) - 1e-9);
      }),
      { numRuns: 40 },
    );
  });

  it('the union bound is never below the chance it bounds', () => {
    fc.assert(
      // The bound's bivariate orthant needs r / √(r² + s²(1 − ρ)) below .925: validity up to .6 keeps it there.
      fc.property(fc.double({ min: 0.02, max: 0.6, noNaN: true }), rate, bar, rho, fc.integer({ min: 1, max: 40 }), (r, q, b, p, n) => {
        const tries = [{ validity: r, selectionRate: q, count: n }];
        expect(chanceUpperBound(tries, at(b, p))).toBeGreaterThanOrEqual(chanceOfAtLeastOneIfGoodEnough(tries, at(b, p)) - 1e-9);
      }),
      { numRuns: 25 },
    );
  });
});

describe('how many more tries bring it to 80%', () => {
  it('is the least number that does, repeating the pattern in its order', () => {
    const assumptions = at(25, 0.3);
    const k = moreTriesFor([cv(12)], [cv(1)], assumptions);
    expect(k).not.toBeNull();
    expect(chanceOfAtLeastOneIfGoodEnough([cv(12 + k!)], assumptions)).toBeGreaterThanOrEqual(TARGET_CHANCE);
    expect(chanceOfAtLeastOneIfGoodEnough([cv(12 + k! - 1)], assumptions)).toBeLessThan(TARGET_CHANCE);
    // Without shared error far fewer are needed.
    expect(moreTriesFor([cv(12)], [cv(1)], at(25, 0))!).toBeLessThan(k! / 3);
  });

  it('is 0 when the chance is already 80%', () => {
    const job = { validity: 0.44, selectionRate: 80, count: 1 };
    expect(chanceOfAtLeastOneIfGoodEnough([job], at(25, 0.3))).toBeGreaterThan(0.8);
    expect(moreTriesFor([job], [job], at(25, 0.3))).toBe(0);
  });

  it('is null when strongly shared error caps the chance below 80% within the horizon, and the union bound proves the cap', () => {
    for (const rho of [0.6, 0.9]) {
      expect(moreTriesFor([cv(12)], [cv(1)], at(25, rho))).toBeNull();
      // Not just the bisection's say-so: an independent upper bound after all TRY_HORIZON more tries.
      expect(chanceUpperBound([cv(12 + TRY_HORIZON)], at(25, rho))).toBeLessThan(TARGET_CHANCE);
    }
    // ρ = .9: even twenty times the horizon stays below a half.
    expect(chanceUpperBound([cv(2000)], at(25, 0.9))).toBeLessThan(0.5);
  });

  it('cycles through a mixed pattern, first k of it', () => {
    const a = { validity: 0.18, selectionRate: 5, count: 2 };
    const b = { validity: 0.42, selectionRate: 30, count: 1 };
    expect(triesAfter([], [a, b], 2)).toEqual([{ validity: 0.18, selectionRate: 5, count: 2 }]);
    expect(triesAfter([], [a, b], 4)).toEqual([
      { validity: 0.18, selectionRate: 5, count: 3 },
      { validity: 0.42, selectionRate: 30, count: 1 },
    ]);
    expect(triesAfter([b], [a, b], 3)).toEqual([
      { validity: 0.42, selectionRate: 30, count: 2 },
      { validity: 0.18, selectionRate: 5, count: 2 },
    ]);
  });
});

describe('one belief’s outlook', () => {
  const attempt = (id: string, outcome: Attempt['outcome'], rate: number | null = 5, method: Attempt['method'] = 'cv-screen'): Attempt => ({
    id,
    title: id,
    date: '2026-11-01',
    method,
    rate,
    beliefId: 'b-23456a',
    expectReplyBy: null,
    outcome,
    resolvedOn: outcome === 'pending' ? null : '2026-11-20',
    entryId: null,
  });

  it('counts 11 rejections from 12 tries at 5% against what a good-enough candidate expects', () => {
    const attempts = [...Array.from({ length: 10 }, (_, i) => attempt(`a-r${i}`, 'rejected')), attempt('a-n', 'no-reply'), attempt('a-y', 'accepted'), attempt('a-w', 'withdrawn'), attempt('a-p', 'pending')];
    const outlook = outlookFor('b-23456a', attempts, at(25, 0.3));
    expect(outlook.resolved.tries).toBe(12);
    expect(outlook.resolved.rejections).toBe(11);
    const p = chanceOfAcceptanceIfGoodEnough(0.18, 5, 25);
    expect(outlook.resolved.expectedRejectionsIfGoodEnough).toBeCloseTo(12 * (1 - p), 12);
    expect(Math.round(outlook.resolved.expectedRejectionsIfGoodEnough)).toBe(11);
    expect(outlook.pending).toEqual(['a-p']);
    expect(outlook.expectedAcceptancesIfGoodEnough).toBeCloseTo(p, 12);
    expect(outlook.chanceOfAtLeastOneIfGoodEnough).toBeCloseTo(p, 12);
  });

  it('uses the method’s default rate when the rate is unknown, and repeats what was decided when nothing is pending', () => {
    expect(attemptInputs('written-application', null)).toEqual({ validity: 0.19, selectionRate: 15, rateKnown: false });
    const outlook = outlookFor(null, [attempt('a-1', 'rejected', null, 'written-application')], at(25, 0.3));
    expect(outlook.pending).toEqual([]);
    expect(outlook.chanceOfAtLeastOneIfGoodEnough).toBe(0);
    expect(outlook.moreTriesForEightyPercent).toBe(moreTriesFor([], [{ validity: 0.19, selectionRate: 15, count: 1 }], at(25, 0.3)));
    expect(outlook.moreTriesForEightyPercent).toBeGreaterThan(0);
  });

  it('counts no-reply as a rejection and leaves withdrawn out', () => {
    expect(evidenceOutcome('no-reply')).toBe('rejected');
    expect(evidenceOutcome('withdrawn')).toBeNull();
    expect(evidenceOutcome('pending')).toBeNull();
    expect(evidenceOutcome('accepted')).toBe('accepted');
  });

  it('refuses a rate of 0 or 100 and a verdict on yourself', () => {
    expect(() => attemptInputs('cv-screen', 0)).toThrow(RangeError);
    expect(() => attemptInputs('cv-screen', 100)).toThrow(RangeError);
    expect(() => attemptInputs('self-assessment', 10)).toThrow(RangeError);
  });
});

describe('tries per month', () => {
  it('counts every month from the first to today, empty ones included', () => {
    expect(triesPerMonth(['2026-09-03', '2026-11-01', '2026-11-30', '2026-09-30'], '2026-12-03')).toEqual([
      { month: '2026-09', tries: 2 },
      { month: '2026-10', tries: 0 },
      { month: '2026-11', tries: 2 },
      { month: '2026-12', tries: 0 },
    ]);
    expect(triesPerMonth(['2025-12-03'], '2026-01-10', 1)).toEqual([{ month: '2026-01', tries: 0 }]);
    expect(triesPerMonth([], '2026-01-10')).toEqual([{ month: '2026-01', tries: 0 }]);
  });
});
