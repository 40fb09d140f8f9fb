import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  ageWeight,
  combine,
  combineUncached,
  cornerExtremes,
  generalRatios,
  groupEvidence,
  impossibleOutcome,
  logHalves,
  logLikelihoodRatio,
  logLikelihoodRatios,
  singleRatios,
  warrantedFrom,
  type EvidenceGroup,
  type Outcome,
  type UncertainEvidence,
} from '../../src/core/beliefs.js';
import { bivariateUpperOrthant, inverseMillsRatio, inverseMillsRatioTabled, logNormalCdf, logNormalCdfTabled, normalCdf, normalQuantile } from '../../src/core/normal.js';
import { seededRandom } from '../helpers/random.js';

const FIXTURE_DIR = new URL('../fixtures/belief-model/', import.meta.url);

interface ReferenceCase {
  groups: EvidenceGroup[];
  bar: number;
  rho: number;
  logLR: number;
  integral?: number;
  method: string;
}

const reference = JSON.parse(readFileSync(new URL('reference.json', FIXTURE_DIR), 'utf8')) as { cases: ReferenceCase[] };

const g = (validity: number, selectionRate: number, outcome: Outcome, count = 1): EvidenceGroup => ({ validity, selectionRate, outcome, count });
const lr = (groups: EvidenceGroup[], bar = 25, rho = 0.3): number => logLikelihoodRatio(groups, { bar, sharedErrorCorrelation: rho });
const belief = (before: number, logLR: number): number => warrantedFrom(before, logLR, 0.5);

// ── The normal distribution ─────────────────────────────────────────────────────────────────────

describe('normal.ts', () => {
  it('gives Φ and ln Φ as scipy does, far into the left tail', () => {
    // scipy.special.ndtr / log_ndtr
    const known: [number, number, number][] = [
      [-1, 0.15865525393145707, -1.8410216450092634],
      [-5, 2.866515718791933e-7, -15.064998393988727],
      [-10, 7.61985302416047e-24, -53.23128515051248],
      [0.5, 0.6914624612740131, -0.36894641528865635],
    ];
    for (const [x, cdf, log] of known) {
      expect(normalCdf(x) / cdf - 1).toBeLessThan(1e-14);
      expect(Math.abs(logNormalCdf(x) - log)).toBeLessThan(1e-13 * Math.abs(log) + 1e-16);
    }
    expect(logNormalCdf(-40)).toBeCloseTo(-804.6084420137539, 10);
    expect(logNormalCdf(-300)).toBeCloseTo(-45006.62273211866, 8);
    expect(logNormalCdf(8)).toBeCloseTo(-6.220960574271742e-16, 28);
  });

  it('reads ln Φ from its table to within 1e-12, and the slope of the table is the inverse Mills ratio', () => {
    const anywhere = fc.oneof(fc.double({ min: -60, max: 60, noNaN: true }), fc.double({ min: -41, max: -39, noNaN: true }), fc.double({ min: 9, max: 11, noNaN: true }), fc.constantFrom(-40, 10, 0, -39.99999999, 9.99999999, 10 - 2 ** -49));
    fc.assert(
      fc.property(anywhere, (x) => {
        expect(Math.abs(logNormalCdfTabled(x) - logNormalCdf(x)), `x = ${x}`).toBeLessThan(1e-12);
        const exact = inverseMillsRatio(x);
        expect(Math.abs(inverseMillsRatioTabled(x) - exact), `x = ${x}`).toBeLessThan(1e-9 * Math.max(1, exact));
      }),
      { numRuns: 20_000 },
    );
  });

  it('has the derivative of ln Φ as its inverse Mills ratio', () => {
    for (const x of [-200, -30, -5, -1, 0, 0.3, 2, 6]) {
      const h = 1e-5 * (1 + Math.abs(x));
      const numeric = (logNormalCdf(x + h) - logNormalCdf(x - h)) / (2 * h);
      expect(Math.abs(inverseMillsRatio(x) / numeric - 1)).toBeLessThan(1e-6);
    }
  });

  it('gives the bivariate orthant of Sheppard at the medians, and of an independent integration elsewhere', () => {
    for (const r of [0, 0.1, 0.42, 0.9]) expect(bivariateUpperOrthant(0, 0, r)).toBeCloseTo(0.25 + Math.asin(r) / (2 * Math.PI), 14);
    // ∫_h^∞ φ(a) Φ((r a − k)/√(1−r²)) da by Simpson's rule on a fine grid.
    const simpson = (h: number, k: number, r: number): number => {
      const n = 20_000;
      const to = h + 12;
      const step = (to - h) / n;
      const f = (a: number): number => (Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI)) * normalCdf((r * a - k) / Math.sqrt(1 - r * r));
      let sum = f(h) + f(to);
      for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(h + i * step);
      return (sum * step) / 3;
    };
    for (const [h, k, r] of [
      [0.67, 1.64, 0.18],
      [-1, 2, 0.6],
      [2.3, -0.5, 0.9],
      [0.1, 3.1, 0.33],
    ] as const) {
      expect(Math.abs(bivariateUpperOrthant(h, k, r) - simpson(h, k, r))).toBeLessThan(1e-12);
    }
  });
});

// ── The combined ratio against values computed another way ──────────────────────────────────────

describe('logLikelihoodRatio against the scipy reference (test/fixtures/belief-model)', () => {
  it.each(reference.cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const ours = lr(c.groups, c.bar, c.rho);
    expect(Math.abs(ours - c.logLR), JSON.stringify(c)).toBeLessThan(1e-6);
    // What matters to a person: the warranted belief, to 1e-4 percentage points, from several priors.
    for (const before of [5, 30, 60, 95]) expect(Math.abs(belief(before, ours) - belief(before, c.logLR))).toBeLessThan(1e-4);
    if (c.integral !== undefined) expect(Math.abs(ours - c.integral)).toBeLessThan(1e-6);
  });

  it('the fixture is what the script prints (when python3 with scipy is here)', () => {
    let hasScipy = true;
    try {
      execFileSync('python3', ['-c', 'import scipy'], { stdio: 'ignore' });
    } catch {
      hasScipy = false;
    }
    if (!hasScipy || process.env.NOISY_RERUN_REFERENCE !== '1') {
      // Re-running takes a few minutes: set NOISY_RERUN_REFERENCE=1 to do it. Check the fixture's shape instead.
      expect(reference.cases.length).toBeGreaterThanOrEqual(20);
      return;
    }
    const fresh = JSON.parse(execFileSync('python3', [new URL('reference.py', FIXTURE_DIR).pathname], { encoding: 'utf8' })) as typeof reference;
    expect(fresh.cases.map((c) => c.logLR)).toEqual(reference.cases.map((c) => c.logLR));
  });
});

describe('closed forms and exact reductions', () => {
  it('one evaluation: the general quadrature gives the bivariate orthant', () => {
    const random = seededRandom(13);
    for (let i = 0; i < 200; i++) {
      const group = g(random() * 0.9, 0.1 + random() * 99.8, random() < 0.5 ? 'rejected' : 'accepted');
      const b = (1 + random() * 98) / 100;
      const exact = logHalves([group], b, 0.3, 'auto');
      // The quadrature reads its integrand through a polynomial within 1e-7 of it (beliefs.ts).
      const quadrature = logHalves([group], b, 0, 'quadrature');
      expect(Math.abs(exact.good - quadrature.good), JSON.stringify(group)).toBeLessThan(1e-6);
      expect(Math.abs(exact.notGood - quadrature.notGood), JSON.stringify(group)).toBeLessThan(1e-6);
      const walked = logHalves([group], b, 0, 'walk');
      expect(Math.abs(exact.good - walked.good), JSON.stringify(group)).toBeLessThan(1e-8);
      expect(Math.abs(exact.notGood - walked.notGood), JSON.stringify(group)).toBeLessThan(1e-8);
    }
  });

  it('a verdict unrelated to ability (r = 0) moves nothing', () => {
    for (const rate of [0.5, 5, 50, 99]) {
      expect(lr([g(0, rate, 'rejected')])).toBeCloseTo(0, 14);
      expect(lr([g(0, rate, 'accepted', 3), g(0, rate / 2, 'rejected', 7)], 25, 0)).toBeCloseTo(0, 10);
      expect(lr([g(0, rate, 'accepted', 3), g(0, rate / 2, 'rejected', 7)], 40, 0.6)).toBeCloseTo(0, 10);
    }
  });

  it('ρ plays no part with one evaluation', () => {
    for (const rho of [0, 0.3, 0.9]) expect(lr([g(0.42, 30, 'rejected')], 25, rho)).toBe(lr([g(0.42, 30, 'rejected')], 25, 0));
  });

  it('the integrals taken through interpolants agree with the panel walk on the integrands themselves', () => {
    const random = seededRandom(21);
    for (let i = 0; i < 40; i++) {
      const groups = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        g(random() * 0.9, 1 + random() * 98, random() < 0.6 ? 'rejected' : 'accepted', 1 + Math.floor(random() * 6)),
      );
      const b = (5 + random() * 60) / 100;
      const rho = 0.05 + random() * 0.85;
      const interpolated = logHalves(groups, b, rho, 'auto');
      const walk = logHalves(groups, b, rho, 'walk');
      // Each log integrand is followed to within 1e-7 (beliefs.ts): a half moves by less than that.
      expect(Math.abs(interpolated.good - walk.good), JSON.stringify({ groups, b, rho })).toBeLessThan(3e-7);
      expect(Math.abs(interpolated.notGood - walk.notGood)).toBeLessThan(3e-7);
    }
  });

  it('agrees with a seeded simulation of people, shared error and evaluations', () => {
    const random = seededRandom(99);
    const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const rho = 0.5;
    const bar = 30;
    const z = normalQuantile(1 - bar / 100);
    const evaluations = [g(0.4, 40, 'rejected'), g(0.4, 40, 'rejected'), g(0.25, 60, 'accepted')];
    const thresholds = evaluations.map((e) => normalQuantile(1 - e.selectionRate / 100));
    let good = 0;
    let goodMatch = 0;
    let notMatch = 0;
    const n = 400_000;
    for (let i = 0; i < n; i++) {
      const a = gaussian();
      const u = gaussian();
      let match = true;
      for (let j = 0; j < evaluations.length && match; j++) {
        const e = evaluations[j]!;
        const s = Math.sqrt(1 - e.validity ** 2);
        const score = e.validity * a + s * (Math.sqrt(rho) * u + Math.sqrt(1 - rho) * gaussian());
        match = (score > thresholds[j]!) === (e.outcome === 'accepted');
      }
      if (a > z) {
        good++;
        if (match) goodMatch++;
      } else if (match) notMatch++;
    }
    const pGood = goodMatch / good;
    const pNot = notMatch / (n - good);
    const sd = Math.sqrt((1 - pGood) / (pGood * good) + (1 - pNot) / (pNot * (n - good)));
    const grouped = groupEvidence(evaluations);
    expect(grouped).toHaveLength(2);
    expect(Math.abs(Math.log(pGood / pNot) - lr(grouped, bar, rho))).toBeLessThan(4 * sd);
  });
});

// ── Grouping and very long runs of evidence ─────────────────────────────────────────────────────

describe('many evaluations in many groups (a journal of years)', () => {
  // Like the benchmark's journal: validities that vary with the minutes seen, rates as typed, every
  // count from 1 to a few hundred. The fast path reads each integrand through a polynomial; the walk
  // reads the integrands themselves at every point (slow, so only a few cases).
  const spread = fc.array(
    fc.record({
      validity: fc.double({ min: 0.02, max: 0.6, noNaN: true }),
      selectionRate: fc.integer({ min: 1, max: 60 }),
      outcome: fc.constantFrom<Outcome>('rejected', 'rejected', 'rejected', 'accepted'),
      count: fc.integer({ min: 1, max: 300 }),
    }),
    { minLength: 40, maxLength: 80 },
  );

  it('the fast path gives the walk on the integrands to 1e-6 in ln LR and 1e-4 points of belief', () => {
    fc.assert(
      fc.property(spread, fc.constantFrom(0.3, 0.6), fc.constantFrom(10, 25, 50), (groups, rho, bar) => {
        const b = bar / 100;
        const fast = logHalves(groups, b, rho, 'auto');
        const walk = logHalves(groups, b, rho, 'walk');
        const ratio = (h: { good: number; notGood: number }) => h.good - Math.log(b) - (h.notGood - Math.log1p(-b));
        expect(Math.abs(ratio(fast) - ratio(walk))).toBeLessThan(1e-6);
        for (const before of [5, 60, 95]) expect(Math.abs(belief(before, ratio(fast)) - belief(before, ratio(walk)))).toBeLessThan(1e-4);
        // The rough integrals that screen a range's corners: well inside their margin (5e-2).
        const rough = logHalves(groups, b, rho, 'rough');
        expect(Math.abs(ratio(rough) - ratio(walk))).toBeLessThan(1e-2);
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('several bars at once give exactly what each bar gives alone', () => {
    fc.assert(
      fc.property(spread, fc.constantFrom(0, 0.3, 0.6), (groups, rho) => {
        const bars = [10, 17, 25, 36, 50];
        const together = logLikelihoodRatios(groups, bars, rho);
        expect(together).toEqual(bars.map((bar) => lr(groups, bar, rho)));
      }),
      { numRuns: 4 },
    );
  }, 60_000);
});

describe('grouping', () => {
  it('merges identical evaluations and counts them', () => {
    const items = [g(0.2, 10, 'rejected'), g(0.2, 10, 'rejected'), g(0.2, 10, 'accepted'), { ...g(0.2, 10, 'rejected'), count: 5 }];
    expect(groupEvidence(items)).toEqual([g(0.2, 10, 'rejected', 7), g(0.2, 10, 'accepted', 1)]);
  });

  it('gives the same ratio for a list and its groups', () => {
    const list = [g(0.3, 20, 'rejected'), g(0.1, 5, 'rejected'), g(0.3, 20, 'rejected'), g(0.3, 20, 'accepted')];
    expect(lr(groupEvidence(list))).toBeCloseTo(lr([g(0.3, 20, 'rejected', 2), g(0.1, 5, 'rejected'), g(0.3, 20, 'accepted')]), 10);
  });

  it('handles 20,000 evaluations in a few groups without underflow', () => {
    const groups = [g(0.18, 5, 'rejected', 12_000), g(0.19, 30, 'rejected', 6_000), g(0.33, 50, 'accepted', 2_000)];
    for (const rho of [0, 0.3, 0.6]) {
      const value = lr(groups, 25, rho);
      expect(Number.isFinite(value)).toBe(true);
      const belief60 = belief(60, value);
      expect(belief60).toBeGreaterThanOrEqual(0);
      expect(belief60).toBeLessThanOrEqual(100);
    }
    // With shared error the same few kinds of evaluation can only say so much: still finite, smaller.
    expect(Math.abs(lr([g(0.18, 5, 'rejected', 20_000)], 25, 0.3))).toBeLessThan(Math.abs(lr([g(0.18, 5, 'rejected', 20_000)], 25, 0)));
  });
});

// ── Properties ──────────────────────────────────────────────────────────────────────────────────

const validity = fc.double({ min: 0, max: 0.9, noNaN: true });
const rate = fc.double({ min: 0.5, max: 99.5, noNaN: true });
const bar = fc.double({ min: 2, max: 98, noNaN: true });
const rho = fc.double({ min: 0, max: 0.9, noNaN: true });
const groupsOf = (outcome: Outcome, maxCount = 6) =>
  fc.array(fc.record({ validity, selectionRate: rate, outcome: fc.constant(outcome), count: fc.integer({ min: 1, max: maxCount }) }), { minLength: 1, maxLength: 3 });

describe('properties (fast-check)', () => {
  const runs = { numRuns: 120 };

  it('rejections never raise the belief; acceptances never lower it', () => {
    fc.assert(fc.property(groupsOf('rejected'), bar, rho, (groups, b, r) => lr(groups, b, r) <= 1e-9), runs);
    fc.assert(fc.property(groupsOf('accepted'), bar, rho, (groups, b, r) => lr(groups, b, r) >= -1e-9), runs);
  });

  it('for one outcome, more validity moves more', () => {
    fc.assert(
      fc.property(validity, validity, rate, bar, fc.constantFrom<Outcome>('rejected', 'accepted'), (v1, v2, q, b, outcome) => {
        fc.pre(Math.abs(v1 - v2) > 1e-6);
        const [low, high] = v1 < v2 ? [v1, v2] : [v2, v1];
        return Math.abs(lr([g(high, q, outcome)], b)) >= Math.abs(lr([g(low, q, outcome)], b)) - 1e-12;
      }),
      { numRuns: 400 },
    );
  });

  it('when all outcomes go the same way, shared error moves less than independent outcomes', () => {
    fc.assert(
      fc.property(fc.constantFrom<Outcome>('rejected', 'accepted'), fc.integer({ min: 2, max: 8 }), validity, rate, bar, fc.double({ min: 0.05, max: 0.9, noNaN: true }), (outcome, count, v, q, b, r) => {
        const groups = [g(v, q, outcome, count)];
        return Math.abs(lr(groups, b, r)) <= Math.abs(lr(groups, b, 0)) + 1e-9;
      }),
      runs,
    );
  });

  it('the range contains the point estimate, and lies between 0 and 100', () => {
    const span = (low: number, high: number) =>
      fc.tuple(fc.double({ min: low, max: high, noNaN: true }), fc.double({ min: low, max: high, noNaN: true }), fc.double({ min: low, max: high, noNaN: true })).map((xs) => {
        const [lo, mid, hi] = [...xs].sort((x, y) => x - y) as [number, number, number];
        return { low: lo, point: mid, high: hi };
      });
    const evidence = fc.record({ outcome: fc.constantFrom<Outcome>('rejected', 'accepted'), validity: span(0, 0.9), selectionRate: span(1, 99), count: fc.integer({ min: 1, max: 2 }) });
    fc.assert(
      fc.property(fc.array(evidence, { minLength: 1, maxLength: 2 }), span(5, 60), span(0, 0.6), fc.double({ min: 0, max: 100, noNaN: true }), (items, b, r, before) => {
        const result = combine(items as UncertainEvidence[], { bar: b, sharedErrorCorrelation: r }, before, 0.5);
        const { low, high } = result.warrantedRange;
        return low <= result.warrantedBelief && result.warrantedBelief <= high && low >= 0 && high <= 100;
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});

describe('the ends of a range', () => {
  // Screening takes the two-dimensional corners roughly first and computes exactly only those near
  // the lowest or the highest; without it every corner is computed exactly.
  const span = (low: number, high: number) =>
    fc.tuple(fc.double({ min: low, max: high, noNaN: true }), fc.double({ min: low, max: high, noNaN: true }), fc.double({ min: low, max: high, noNaN: true })).map((xs) => {
      const [lo, mid, hi] = [...xs].sort((x, y) => x - y) as [number, number, number];
      return { low: lo, point: mid, high: hi };
    });
  const evidence = fc.record({
    outcome: fc.constantFrom<Outcome>('rejected', 'rejected', 'accepted'),
    validity: span(0.02, 0.6),
    selectionRate: span(1, 90),
    count: fc.integer({ min: 1, max: 40 }),
  });

  it('are the same exact corner values with screening as without', () => {
    fc.assert(
      fc.property(fc.array(evidence, { minLength: 1, maxLength: 6 }), span(5, 60), span(0, 0.7), (items, b, r) => {
        const assumptions = { bar: b, sharedErrorCorrelation: r };
        expect(cornerExtremes(items, assumptions, true)).toEqual(cornerExtremes(items, assumptions, false));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('are screened with rough ratios within half the margin (0.1) of the exact ones, up to the model\'s limits', () => {
    const wide = fc.record({
      outcome: fc.constantFrom<Outcome>('rejected', 'rejected', 'accepted'),
      validity: fc.double({ min: 0.02, max: 0.9, noNaN: true }),
      selectionRate: fc.double({ min: 1, max: 99, noNaN: true }),
      count: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20_000 })),
    });
    const check = (groups: EvidenceGroup[], bars: number[], rho: number) => {
      const rough = logLikelihoodRatios(groups, bars, rho, 'rough');
      logLikelihoodRatios(groups, bars, rho).forEach((exact, i) => expect(Math.abs(rough[i]! - exact), JSON.stringify({ groups, rho, bar: bars[i] })).toBeLessThan(0.05));
    };
    // 25,000 rejections at high validity and shared error: a looser rough rule was 0.045 off here.
    check([g(0.3, 99, 'rejected', 5_000), g(0.85, 50, 'rejected', 20_000)], [5], 0.85);
    fc.assert(
      fc.property(fc.array(wide, { minLength: 2, maxLength: 6 }), fc.double({ min: 0.05, max: 0.9, noNaN: true }), fc.double({ min: 0.5, max: 99.5, noNaN: true }), (items, rho, bar) => {
        check(groupEvidence(items), [bar, 25], rho);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('the ratios of one evaluation', () => {
  it('are exactly those of the general path, edge cases included', () => {
    const span = (values: fc.Arbitrary<number>) =>
      fc.tuple(values, values, values).map((xs) => {
        const [low, point, high] = [...xs].sort((x, y) => x - y) as [number, number, number];
        return { low, point, high };
      });
    const validity = fc.oneof(fc.constantFrom(0, 0.05, 0.3, 0.9), fc.double({ min: 0, max: 0.9, noNaN: true }));
    const rate = fc.oneof(fc.constantFrom(0.01, 1, 50, 99.9, 100), fc.double({ min: 0.01, max: 100, noNaN: true }));
    const bar = fc.oneof(fc.constantFrom(0.5, 10, 25, 99.5), fc.double({ min: 0.5, max: 99.5, noNaN: true }));
    fc.assert(
      fc.property(fc.constantFrom<Outcome>('rejected', 'accepted'), span(validity), span(rate), span(bar), fc.double({ min: 0, max: 0.9, noNaN: true }), (outcome, v, r, b, rho) => {
        const evidence: UncertainEvidence = { outcome, validity: v, selectionRate: r };
        const assumptions = { bar: b, sharedErrorCorrelation: { low: rho, point: rho, high: rho } };
        let general: unknown;
        try {
          general = generalRatios([evidence], assumptions);
        } catch (error) {
          // An impossible outcome (a rejection at 100%): the fast path refuses it the same way.
          expect(() => singleRatios(evidence, assumptions)).toThrow((error as Error).message);
          return;
        }
        expect(singleRatios(evidence, assumptions)).toEqual(general);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('the cache of single evaluations', () => {
  it('gives exactly what combine computes without it, whatever came before', () => {
    // Few distinct values, so inputs repeat and the cache is hit, with near misses between them.
    const pick = <T>(...values: T[]) => fc.constantFrom(...values);
    const span = (values: number[]) =>
      fc.tuple(pick(...values), pick(...values), pick(...values)).map((xs) => {
        const [low, point, high] = [...xs].sort((x, y) => x - y) as [number, number, number];
        return { low, point, high };
      });
    const evidence = fc.record({
      outcome: pick<Outcome>('rejected', 'accepted'),
      validity: span([0, 0.12, 0.2, 0.2000000001, 0.38, 0.51]),
      selectionRate: span([2, 10, 10.5, 30, 60]),
    });
    const bar = span([10, 25, 40]);
    const rho = span([0, 0.3, 0.5]);
    fc.assert(
      // One evaluation: the cached case (an entry). Larger sets are computed each time.
      fc.property(fc.array(fc.tuple(evidence, bar, rho, fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 30 }), (calls) => {
        for (const [item, b, r, before] of calls) {
          const assumptions = { bar: b, sharedErrorCorrelation: r };
          expect(combine([item], assumptions, before, 0.5)).toEqual(combineUncached([item], assumptions, before, 0.5));
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

// ── Impossible outcomes, ageing, Bayes' rule ────────────────────────────────────────────────────

describe('impossible outcomes', () => {
  it('a rejection at 100% or an acceptance at 0% cannot happen, and the model refuses it', () => {
    expect(impossibleOutcome('rejected', 100)).toBe(true);
    expect(impossibleOutcome('accepted', 0)).toBe(true);
    expect(impossibleOutcome('rejected', 99.9)).toBe(false);
    expect(impossibleOutcome('accepted', 100)).toBe(false);
    expect(() => lr([g(0.3, 100, 'rejected')])).toThrow(/cannot happen/);
    expect(() => lr([g(0.3, 0, 'accepted')])).toThrow(/cannot happen/);
    // An acceptance where everyone gets in is certain, so it tells nothing.
    expect(lr([g(0.3, 100, 'accepted'), g(0.3, 20, 'rejected')], 25, 0.4)).toBeCloseTo(lr([g(0.3, 20, 'rejected')], 25, 0.4), 12);
  });

  it('refuses inputs outside the model', () => {
    expect(() => lr([g(0.95, 10, 'rejected')])).toThrow(RangeError);
    expect(() => lr([g(0.3, 10, 'rejected')], 0)).toThrow(RangeError);
    expect(() => lr([g(0.3, 10, 'rejected')], 100)).toThrow(RangeError);
    expect(() => lr([g(0.3, 10, 'rejected')], 25, 0.95)).toThrow(RangeError);
    expect(() => lr([g(0.3, 10, 'rejected', 0)])).toThrow(RangeError);
  });
});

describe('ageing', () => {
  it('counts whole years from today, in steps', () => {
    expect(ageInYears('2026-12-01', '2026-12-01')).toBe(0);
    expect(ageInYears('2026-12-05', '2026-12-01')).toBe(0);
    expect(ageInYears('2025-12-02', '2026-12-01')).toBe(0);
    expect(ageInYears('2025-11-30', '2026-12-01')).toBe(1);
    expect(ageInYears('2021-06-01', '2026-12-01')).toBe(5);
    expect(ageWeight(0, 0.9)).toBe(1);
    expect(ageWeight(2, 0.9)).toBeCloseTo(0.81, 15);
  });
});

describe('warrantedFrom', () => {
  it("is Bayes' rule in log-odds, and a belief of 0 or 100 never crosses against the evidence", () => {
    expect(warrantedFrom(60, Math.log(0.5), 0.5)).toBeCloseTo((100 * 0.75) / 1.75, 12);
    expect(warrantedFrom(0, -1, 0.5)).toBe(0);
    expect(warrantedFrom(100, 1, 0.5)).toBe(100);
    expect(warrantedFrom(100, -1, 0.5)).toBeCloseTo((100 * 199 * Math.exp(-1)) / (1 + 199 * Math.exp(-1)), 12);
    expect(warrantedFrom(50, -800, 0.5)).toBeGreaterThanOrEqual(0);
    expect(warrantedFrom(50, 800, 0.5)).toBe(100);
  });
});
