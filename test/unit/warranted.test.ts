import { describe, expect, it } from 'vitest';
import { KINDS, METHODS, METHODS_BY_KIND, NOISE_CATEGORIES, type Kind, type Method } from '../../src/core/domain.js';
import { figure } from '../../src/core/figures.js';
import { logLikelihoodRatio } from '../../src/core/beliefs.js';
import { normalQuantile } from '../../src/core/normal.js';
import {
  moveComparisonOf,
  selectionRateFigureIds,
  validityFigureIds,
  warrantedMoves,
  warrantedUpdate,
  type Outcome,
  type WarrantedInput,
} from '../../src/core/warranted.js';
import { seededRandom as prng } from '../helpers/random.js';

// ── Test helpers: a seeded PRNG and an independent implementation of the model ──────────────────

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** erfc with fractional error < 1.2e-7 (Numerical Recipes' Chebyshev fit): independent of the module. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
const normalCdf = (x: number): number => 0.5 * erfc(-x / Math.SQRT2);
const normalPdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

function bisectQuantile(p: number): number {
  let low = -12;
  let high = 12;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (normalCdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

function simpson(f: (x: number) => number, from: number, to: number, intervals: number): number {
  const h = (to - from) / intervals;
  let sum = f(from) + f(to);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * f(from + i * h);
  return (sum * h) / 3;
}

/** The likelihood ratio straight from the definition: integrate over ability A with Simpson's rule. */
function referenceLikelihoodRatio(r: number, ratePercent: number, outcome: Outcome, barPercent = 25): number {
  const b = barPercent / 100;
  const bar = bisectQuantile(1 - b);
  const threshold = bisectQuantile(1 - ratePercent / 100);
  const noise = Math.sqrt(1 - r * r);
  const rejectedGiven = (a: number): number => normalCdf((threshold - r * a) / noise);
  const cell = (from: number, to: number, ifRejected: boolean): number =>
    simpson((a) => normalPdf(a) * (ifRejected ? rejectedGiven(a) : 1 - rejectedGiven(a)), from, to, 6000);
  const rejected = outcome === 'rejected';
  const ifGood = cell(bar, bar + 12, rejected) / b;
  const ifNot = cell(bar - 12, bar, rejected) / (1 - b);
  return ifGood / ifNot;
}

/** Sheppard's closed form when the bar and the rate are both 50%: P(both above the median) = 1/4 + asin(r)/2π. */
function sheppardRejectionRatio(r: number): number {
  const both = 0.25 + Math.asin(r) / (2 * Math.PI);
  return (0.5 - both) / both;
}

/** The model's ratio for one evaluation (a belief holding only it). */
const likelihoodRatio = (r: number, rate: number, outcome: Outcome = 'rejected', bar = 25): number =>
  Math.exp(logLikelihoodRatio([{ validity: r, selectionRate: rate, outcome, count: 1 }], { bar, sharedErrorCorrelation: 0.3 }));

const prior = (percent: number, lr: number): number => {
  const odds = (percent / (100 - percent)) * lr;
  return (100 * odds) / (1 + odds);
};

function randomInput(random: () => number, outcome: Outcome): WarrantedInput {
  const kind: Kind = pick(random, KINDS);
  const categories = NOISE_CATEGORIES[kind];
  return {
    kind,
    method: pick(random, METHODS_BY_KIND[kind]),
    before: random() < 0.1 ? pick(random, [0, 100, 50]) : Math.round(random() * 1000) / 10,
    after: Math.round(random() * 100),
    minutesSeen: random() < 0.3 ? null : Math.round(random() * 200),
    selectionRate: random() < 0.4 ? null : 0.1 + Math.round(random() * 999) / 10,
    confounders: categories.filter(() => random() < 0.4),
    outcome,
  };
}

const N_SMALL = 500;

/** A kind the method fits (the model leaves out a method that does not fit its kind). */
const kindOf = (method: Method): Kind => KINDS.find((kind) => METHODS_BY_KIND[kind].includes(method))!;

const base: WarrantedInput = {
  kind: 'application',
  method: 'cv-screen',
  before: 60,
  after: 15,
  minutesSeen: null,
  selectionRate: 5,
  confounders: [],
};

// ── The likelihood ratio ────────────────────────────────────────────────────────────────────────

describe('normalQuantile', () => {
  it('matches known quantiles', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 13);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalQuantile(1e-9)).toBeCloseTo(-5.997807015007686, 10);
  });
});

describe('one evaluation: the ratio', () => {
  it('is exactly 1 when the verdict is unrelated to ability (r = 0)', () => {
    for (const rate of [0.1, 1, 5, 24.7, 50, 80, 99.9]) {
      expect(likelihoodRatio(0, rate)).toBe(1);
      expect(likelihoodRatio(0, rate, 'accepted')).toBe(1);
    }
  });

  it('is exactly 1 for an acceptance where nobody is turned away (rate 100%)', () => {
    expect(likelihoodRatio(0.42, 100, 'accepted')).toBe(1);
  });

  it('matches the closed form when the bar and the rate are both 50%', () => {
    for (const r of [0.01, 0.1, 0.19, 0.29, 0.42, 0.6, 0.9]) {
      expect(likelihoodRatio(r, 50, 'rejected', 50)).toBeCloseTo(sheppardRejectionRatio(r), 12);
      expect(likelihoodRatio(r, 50, 'accepted', 50)).toBeCloseTo(1 / sheppardRejectionRatio(r), 11);
    }
  });

  it('matches an independent integration over ability to 1e-6', () => {
    const random = prng(20240611);
    const cases: [number, number, number][] = [
      [0.18, 5, 25],
      [0.42, 30, 25],
      [0.058, 25, 25],
      [0.44, 80, 25],
      [0.9, 1, 10],
      [0.33, 99, 50],
    ];
    for (let i = 0; i < 40; i++) cases.push([random() * 0.9, 0.5 + random() * 99, 2 + random() * 96]);
    for (const [r, rate, bar] of cases) {
      for (const outcome of ['rejected', 'accepted'] as const) {
        const ours = likelihoodRatio(r, rate, outcome, bar);
        const reference = referenceLikelihoodRatio(r, rate, outcome, bar);
        expect(Math.abs(ours - reference) / reference, JSON.stringify({ r, rate, bar, outcome })).toBeLessThan(1e-6);
      }
    }
  });

  it('agrees with a seeded Monte Carlo simulation of the selection process', () => {
    const random = prng(7);
    const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    for (const [r, rate, barPercent] of [
      [0.42, 30, 25],
      [0.19, 10, 40],
      [0.6, 70, 20],
    ] as const) {
      const bar = normalQuantile(1 - barPercent / 100);
      const threshold = normalQuantile(1 - rate / 100);
      const noise = Math.sqrt(1 - r * r);
      let good = 0;
      let rejectedGood = 0;
      let rejectedNot = 0;
      const n = 400_000;
      for (let i = 0; i < n; i++) {
        const ability = gaussian();
        const rejected = r * ability + noise * gaussian() <= threshold;
        if (ability > bar) {
          good++;
          if (rejected) rejectedGood++;
        } else if (rejected) {
          rejectedNot++;
        }
      }
      const a = rejectedGood / good;
      const b = rejectedNot / (n - good);
      const sd = Math.sqrt((1 - a) / (a * good) + (1 - b) / (b * (n - good)));
      expect(Math.abs(Math.log(a / b) - Math.log(likelihoodRatio(r, rate, 'rejected', barPercent)))).toBeLessThan(5 * sd);
    }
  });
});

// ── Properties, over many generated cases ───────────────────────────────────────────────────────

describe('properties', () => {
  const N = 2000;

  it('a rejection never raises the warranted belief; an acceptance never lowers it', () => {
    const random = prng(1);
    for (let i = 0; i < N; i++) {
      const outcome: Outcome = random() < 0.5 ? 'rejected' : 'accepted';
      const input = randomInput(random, outcome);
      const result = warrantedUpdate(input);
      const range = result.warrantedRange ?? { low: result.warrantedBelief, high: result.warrantedBelief };
      if (outcome === 'rejected') {
        expect(result.likelihoodRatio).toBeLessThanOrEqual(1);
        expect(result.warrantedBelief).toBeLessThanOrEqual(input.before);
        expect(range.high).toBeLessThanOrEqual(input.before);
      } else {
        expect(result.likelihoodRatio).toBeGreaterThanOrEqual(1);
        expect(result.warrantedBelief).toBeGreaterThanOrEqual(input.before);
        expect(range.low).toBeGreaterThanOrEqual(input.before);
      }
      expect(range.low).toBeLessThanOrEqual(result.warrantedBelief);
      expect(range.high).toBeGreaterThanOrEqual(result.warrantedBelief);
      expect(result.warrantedBelief).toBeGreaterThanOrEqual(0);
      expect(result.warrantedBelief).toBeLessThanOrEqual(100);
    }
  });

  it('the rejection is the outcome when none is given', () => {
    const { outcome, ...withoutOutcome } = { ...base, outcome: 'accepted' as const };
    expect(outcome).toBe('accepted');
    expect(warrantedUpdate(withoutOutcome).outcome).toBe('rejected');
    expect(warrantedUpdate(withoutOutcome).likelihoodRatio).toBe(likelihoodRatio(0.18, 5, 'rejected'));
  });

  it('higher validity moves the warranted belief further', () => {
    const random = prng(2);
    for (let i = 0; i < N; i++) {
      const low = random() * 0.88;
      const high = low + 0.002 + random() * (0.9 - low - 0.002);
      const rate = 0.5 + random() * 99;
      const outcome: Outcome = random() < 0.5 ? 'rejected' : 'accepted';
      const weaker = Math.abs(Math.log(likelihoodRatio(low, rate, outcome)));
      const stronger = Math.abs(Math.log(likelihoodRatio(high, rate, outcome)));
      expect(stronger).toBeGreaterThan(weaker);
    }
  });

  it('methods with a higher validity move the same person further', () => {
    const random = prng(3);
    const byValidity = [...METHODS].sort(
      (a, b) => warrantedUpdate({ ...base, kind: kindOf(a), method: a }).validity - warrantedUpdate({ ...base, kind: kindOf(b), method: b }).validity,
    );
    for (let i = 0; i < 200; i++) {
      const input = { ...base, before: 1 + random() * 98, selectionRate: 1 + random() * 98 };
      const moves = byValidity.map((method: Method) => Math.abs(warrantedUpdate({ ...input, kind: kindOf(method), method }).warrantedShift));
      for (let j = 1; j < moves.length; j++) expect(moves[j]).toBeGreaterThanOrEqual(moves[j - 1]!);
    }
  });

  it('r = 0 means no move at all', () => {
    const random = prng(4);
    for (let i = 0; i < N; i++) {
      const before = random() * 100;
      const lr = likelihoodRatio(0, 0.1 + random() * 99.8, random() < 0.5 ? 'rejected' : 'accepted');
      expect(lr).toBe(1);
      expect(prior(before, lr)).toBeCloseTo(before, 12);
    }
  });

  it('for the same validity, a rejection from a more selective process is weaker evidence', () => {
    const random = prng(5);
    for (let i = 0; i < N; i++) {
      const r = 0.01 + random() * 0.89;
      const selective = 0.1 + random() * 98;
      const lenient = selective + 0.1 + random() * (99.9 - selective - 0.1);
      expect(likelihoodRatio(r, selective)).toBeGreaterThan(likelihoodRatio(r, lenient));
    }
    const random2 = prng(6);
    for (let i = 0; i < 200; i++) {
      const input = { ...randomInput(random2, 'rejected'), before: 50 };
      const selective = warrantedUpdate({ ...input, selectionRate: 5 });
      const lenient = warrantedUpdate({ ...input, selectionRate: 40 });
      expect(selective.warrantedBelief).toBeGreaterThan(lenient.warrantedBelief);
    }
  });

  it('a CV screen at 5% moves a 60% prior by at most a few points, whatever else was ticked', () => {
    const random = prng(8);
    for (let i = 0; i < 500; i++) {
      const input = {
        ...base,
        minutesSeen: random() < 0.5 ? null : random() * 30,
        confounders: NOISE_CATEGORIES.application.filter(() => random() < 0.5),
      };
      const drop = 60 - warrantedUpdate(input).warrantedBelief;
      expect(drop).toBeGreaterThan(0);
      expect(drop).toBeLessThan(3);
    }
    // With the rate unknown the point estimate still moves little; the range says how much the inputs matter.
    const unknown = warrantedUpdate({ ...base, selectionRate: null });
    expect(60 - unknown.warrantedBelief).toBeLessThan(5);
    expect(unknown.warrantedRange.low).toBeLessThan(unknown.warrantedBelief);
  });

  it('months of job performance in the same role move it much more', () => {
    const job = warrantedUpdate({ ...base, kind: 'job-performance', method: 'job-performance', selectionRate: null });
    const cv = warrantedUpdate(base);
    expect(60 - job.warrantedBelief).toBeGreaterThan(20);
    expect(60 - job.warrantedBelief).toBeGreaterThan(10 * (60 - cv.warrantedBelief));
    // Even at the same 5% rate, where a rejection is weakest.
    const jobAt5 = warrantedUpdate({ ...base, kind: 'job-performance', method: 'job-performance' });
    expect(60 - jobAt5.warrantedBelief).toBeGreaterThan(2.5 * (60 - cv.warrantedBelief));
    expect(job.evidenceStrength).toBe('strong');
    expect(cv.evidenceStrength).toBe('weak');
  });

  it('is deterministic', () => {
    const random = prng(9);
    for (let i = 0; i < 100; i++) {
      const input = randomInput(random, 'rejected');
      expect(warrantedUpdate(input)).toEqual(warrantedUpdate(input));
    }
  });
});

// ── How the other answers enter ─────────────────────────────────────────────────────────────────

describe('validity discounts', () => {
  const interview: WarrantedInput = { ...base, method: 'structured-interview', selectionRate: 30 };

  it('uses the published figure when the evaluator saw a full-length evaluation and nothing was ticked', () => {
    for (const minutesSeen of [null, 45, 300]) {
      const result = warrantedUpdate({ ...interview, minutesSeen });
      expect(result.baseValidity).toBe(0.42);
      expect(result.validity).toBe(0.42);
      expect(result.figuresUsed).toContain('validity.structured-interview');
      expect(result.figuresUsed).not.toContain('discount.per-confounder');
    }
  });

  it('discounts a short look by the test-length formula, down to the floor', () => {
    const tenMinutes = warrantedUpdate({ ...interview, minutesSeen: 15 });
    const k = 15 / 45;
    expect(tenMinutes.validityDiscount.minutesFactor).toBeCloseTo(Math.sqrt(k / (1 + (k - 1) * 0.5)), 12);
    expect(tenMinutes.validity).toBeCloseTo(0.42 * Math.sqrt(k / (1 + (k - 1) * 0.5)), 12);
    expect(tenMinutes.figuresUsed).toEqual(expect.arrayContaining(['discount.full-length.interview', 'discount.reference-reliability']));

    const noTime = warrantedUpdate({ ...interview, minutesSeen: 0 });
    expect(noTime.validity).toBeCloseTo(0.42 * figure('discount.floor').value, 12);
    expect(noTime.validityDiscount.floorApplied).toBe(true);
    expect(noTime.assumptions).toContain('discount.floor');
  });

  it('does not discount documents for reading time', () => {
    expect(warrantedUpdate({ ...base, minutesSeen: 0.1 }).validity).toBe(0.18);
  });

  it('counts each confounder of the kind once, ignores others, and never drops below the floor', () => {
    const one = warrantedUpdate({ ...base, confounders: ['not-about-you', 'not-about-you', 'growth', 'made-up'] });
    expect(one.validityDiscount.confoundersCounted).toEqual(['not-about-you']);
    expect(one.validity).toBeCloseTo(0.18 / Math.sqrt(1.1), 12);

    const all = warrantedUpdate({ ...interview, minutesSeen: 1, confounders: NOISE_CATEGORIES.application });
    expect(all.validity).toBeGreaterThanOrEqual(0.42 * 0.5 - 1e-15);
  });

  it("does not count 'little-information' twice when minutes seen already discounted it", () => {
    const result = warrantedUpdate({ ...interview, minutesSeen: 20, confounders: ['little-information', 'interview-variance'] });
    expect(result.validityDiscount.confoundersCounted).toEqual(['interview-variance']);
    const cv = warrantedUpdate({ ...base, minutesSeen: 1, confounders: ['little-information'] });
    expect(cv.validityDiscount.confoundersCounted).toEqual(['little-information']);
  });

  it('discounts only ever lower the validity, monotonically', () => {
    const random = prng(10);
    for (let i = 0; i < N_SMALL; i++) {
      const input = randomInput(random, 'rejected');
      const result = warrantedUpdate(input);
      expect(result.validity).toBeLessThanOrEqual(result.baseValidity);
      const self = input.method === 'self-assessment';
      const ceiling = self ? Math.min(result.baseValidity, figure('model.self-verdict-cap').value) : result.baseValidity;
      const state = self && input.clouded ? figure('discount.self-state').value : 1;
      expect(result.validity).toBeGreaterThanOrEqual(ceiling * 0.5 * state - 1e-15);
      const oneMore = NOISE_CATEGORIES[input.kind].find((id) => !input.confounders.includes(id) && id !== 'little-information');
      if (oneMore !== undefined) {
        expect(warrantedUpdate({ ...input, confounders: [...input.confounders, oneMore] }).validity).toBeLessThanOrEqual(result.validity);
      }
    }
  });
});

// ── Shifts, the over-update factor, ranges and bookkeeping ──────────────────────────────────────

describe('warrantedUpdate', () => {
  it('computes the shifts in natural log-odds and their ratio', () => {
    const result = warrantedUpdate(base);
    expect(result.actualShift).toBeCloseTo(Math.log(15 / 85) - Math.log(60 / 40), 12);
    expect(result.warrantedShift).toBeCloseTo(Math.log(result.likelihoodRatio), 14);
    expect(result.warrantedBelief).toBeCloseTo(prior(60, result.likelihoodRatio), 12);
    expect(result.overupdateFactor).toBeCloseTo(result.actualShift / result.warrantedShift, 12);
    expect(result.overupdateFactor).toBeGreaterThan(50);
    expect(result.overupdateNote).toBeNull();
  });

  it('reads 0 and 100 as 0.5 and 99.5 for log-odds, and never moves against the evidence', () => {
    const fromCertain = warrantedUpdate({ ...base, before: 100, after: 0 });
    expect(fromCertain.actualShift).toBeCloseTo(Math.log(0.5 / 99.5) - Math.log(99.5 / 0.5), 12);
    expect(Number.isFinite(fromCertain.overupdateFactor)).toBe(true);
    expect(fromCertain.warrantedBelief).toBeCloseTo(prior(99.5, fromCertain.likelihoodRatio), 12);
    expect(fromCertain.figuresUsed).toContain('model.belief-clamp');

    expect(warrantedUpdate({ ...base, before: 0, after: 0 }).warrantedBelief).toBe(0);
    const acceptedFromZero = warrantedUpdate({ ...base, before: 0, after: 0, outcome: 'accepted' });
    expect(acceptedFromZero.warrantedBelief).toBeCloseTo(prior(0.5, acceptedFromZero.likelihoodRatio), 12);
  });

  it('gives no factor, with a reason, when the warranted shift is negligible', () => {
    const result = warrantedUpdate({ ...base, selectionRate: 0.5, confounders: NOISE_CATEGORIES.application });
    expect(Math.abs(result.warrantedShift)).toBeLessThan(figure('model.negligible-shift').value);
    expect(result.overupdateFactor).toBeNull();
    expect(result.overupdateNote).toBe('warranted-shift-negligible');
    expect(result.figuresUsed).toContain('model.negligible-shift');
  });

  it('flags a move in the opposite direction to the evidence', () => {
    const result = warrantedUpdate({ ...base, method: 'structured-interview', after: 70 });
    expect(result.overupdateFactor).toBeLessThan(0);
    expect(result.overupdateNote).toBe('moved-opposite-way');
    expect(warrantedUpdate({ ...base, method: 'structured-interview', after: 60 }).overupdateFactor).toBe(0);
  });

  it('always gives a range, wider when the rate is unknown, and always around the point', () => {
    const known = warrantedUpdate(base);
    expect(known.warrantedRange.low).toBeLessThanOrEqual(known.warrantedBelief);
    expect(known.warrantedRange.high).toBeGreaterThanOrEqual(known.warrantedBelief);
    const unknown = warrantedUpdate({ ...base, selectionRate: null });
    expect(unknown.selectionRateKnown).toBe(false);
    expect(unknown.selectionRate).toBe(figure('rate.screening.default').value);
    expect(unknown.warrantedRange.high - unknown.warrantedRange.low).toBeGreaterThan(known.warrantedRange.high - known.warrantedRange.low);
    expect(unknown.figuresUsed).toEqual(expect.arrayContaining(['rate.screening.default', 'rate.screening.low', 'rate.screening.high']));
    // The ends come from the published validities of the method and the plausible bars.
    const ids = validityFigureIds('cv-screen');
    expect(figure(ids.low).value).toBeLessThan(figure(ids.point).value);
    expect(known.validityRange).toEqual({ low: figure(ids.low).value, high: figure(ids.high).value });
  });

  it('lists every figure it used, and exactly the assumptions among them', () => {
    const random = prng(11);
    for (let i = 0; i < N_SMALL; i++) {
      const result = warrantedUpdate(randomInput(random, random() < 0.5 ? 'rejected' : 'accepted'));
      expect(new Set(result.figuresUsed).size).toBe(result.figuresUsed.length);
      for (const id of result.figuresUsed) expect(() => figure(id)).not.toThrow();
      expect(result.assumptions).toEqual(result.figuresUsed.filter((id) => figure(id).status === 'assumption'));
      expect(result.figuresUsed).toContain('model.bar');
    }
    expect(warrantedUpdate({ ...base, method: 'structured-interview' }).assumptions).not.toContain('validity.structured-interview');
  });

  it('rejects answers outside their ranges', () => {
    expect(() => warrantedUpdate({ ...base, before: 101 })).toThrow(RangeError);
    expect(() => warrantedUpdate({ ...base, after: -1 })).toThrow(RangeError);
    expect(() => warrantedUpdate({ ...base, before: Number.NaN })).toThrow(RangeError);
    expect(() => warrantedUpdate({ ...base, selectionRate: 0 })).toThrow(RangeError);
    expect(() => warrantedUpdate({ ...base, minutesSeen: -5 })).toThrow(RangeError);
    expect(() => warrantedUpdate({ ...base, method: 'tarot' as Method })).toThrow(RangeError);
  });
});

describe('warrantedMoves: the lean path for history', () => {
  /** Inputs across every method and kind, edge beliefs, unknown and known figures, repeated and foreign confounders. */
  function generatedInput(random: () => number): WarrantedInput {
    const kind = pick(random, KINDS);
    const foreign = NOISE_CATEGORIES[pick(random, KINDS)];
    const pool = [...NOISE_CATEGORIES[kind], ...foreign];
    const belief = () => (random() < 0.15 ? pick(random, [0, 100, 0.5, 99.5]) : random() < 0.5 ? Math.round(random() * 100) : random() * 100);
    const input: WarrantedInput = {
      kind,
      method: pick(random, METHODS),
      before: belief(),
      after: belief(),
      minutesSeen: random() < 0.25 ? null : pick(random, [0, 5, 45, 120, 600, Math.round(random() * 300), random() * 200]),
      selectionRate: random() < 0.3 ? null : pick(random, [100, 50, 0.1, Math.round(random() * 99) + 1, random() * 100 || 1]),
      confounders: Array.from({ length: Math.floor(random() * 5) }, () => pick(random, pool)),
      clouded: random() < 0.3,
    };
    if (random() < 0.2) input.outcome = pick(random, ['rejected', 'accepted'] as const);
    return input;
  }

  it('gives exactly the numbers warrantedUpdate gives, over 20,000 generated inputs', () => {
    const random = prng(8);
    for (let i = 0; i < 20_000; i++) {
      const input = generatedInput(random);
      const full = warrantedUpdate(input);
      const lean = warrantedMoves(input);
      expect(lean, JSON.stringify(input)).toEqual({
        likelihoodRatio: full.likelihoodRatio,
        warrantedBelief: full.warrantedBelief,
        actualShift: full.actualShift,
        warrantedShift: full.warrantedShift,
        overupdateFactor: full.overupdateFactor,
      });
      // toEqual treats 0 and -0 alike; the JSON output would not.
      expect(Object.is(lean.overupdateFactor, full.overupdateFactor)).toBe(true);
    }
  });

  it('refuses the same bad input, with the same message', () => {
    const good: WarrantedInput = { kind: 'application', method: 'cv-screen', before: 50, after: 20, minutesSeen: 5, selectionRate: 10, confounders: [] };
    for (const bad of [
      { method: 'telepathy' as Method },
      { before: -1 },
      { after: 101 },
      { minutesSeen: -3 },
      { minutesSeen: Number.NaN },
      { selectionRate: 0 },
      { selectionRate: 120 },
    ]) {
      const input = { ...good, ...bad };
      let fullMessage = '';
      try {
        warrantedUpdate(input);
      } catch (error) {
        fullMessage = (error as Error).message;
      }
      expect(fullMessage).not.toBe('');
      expect(() => warrantedMoves(input)).toThrow(new RangeError(fullMessage));
    }
  });
});

// ── One formula; what the figures say against each other ────────────────────────────────────────

describe('an entry and a belief holding only that entry', () => {
  it('give exactly the same figures', async () => {
    const { combine } = await import('../../src/core/beliefs.js');
    const random = prng(31);
    for (let i = 0; i < 300; i++) {
      const input = randomInput(random, random() < 0.5 ? 'rejected' : 'accepted');
      const entry = warrantedUpdate(input);
      if (entry.overupdateNote === 'impossible-outcome') continue;
      const rate = input.selectionRate ?? entry.selectionRate;
      const sharedError = figure('model.shared-error').value;
      const belief = combine(
        [{ outcome: entry.outcome, validity: { point: entry.validity, ...entry.validityRange }, selectionRate: input.selectionRate === null ? { point: rate, low: figure(selectionRateFigureIds(input.method).low).value, high: figure(selectionRateFigureIds(input.method).high).value } : { point: rate, low: rate, high: rate } }],
        { bar: { point: 25, low: 10, high: 50 }, sharedErrorCorrelation: { point: sharedError, low: 0, high: 0.6 } },
        input.before,
        0.5,
      );
      expect(belief.warrantedBelief).toBe(entry.warrantedBelief);
      expect(belief.likelihoodRatio).toBe(entry.likelihoodRatio);
      expect(belief.warrantedRange).toEqual(entry.warrantedRange);
    }
  });
});

describe('move comparison', () => {
  it('puts the ratio of moves in the bands of the interface', () => {
    expect(moveComparisonOf(3.5, null)).toBe('much-larger');
    expect(moveComparisonOf(2, null)).toBe('larger');
    expect(moveComparisonOf(1, null)).toBe('in-line');
    expect(moveComparisonOf(0.5, null)).toBe('smaller');
    expect(moveComparisonOf(0.17, null)).toBe('much-smaller');
    expect(moveComparisonOf(0, null)).toBe('much-smaller');
    expect(moveComparisonOf(-1, 'moved-opposite-way')).toBe('opposite-direction');
    expect(moveComparisonOf(null, 'warranted-shift-negligible')).toBe('no-move-warranted');
  });

  it('says a person who moved far less than months in a job warrant moved much less (not "in line")', () => {
    const job = warrantedUpdate({ ...base, kind: 'job-performance', method: 'job-performance', before: 70, after: 65, selectionRate: null });
    expect(job.warrantedBelief).toBeLessThan(55);
    expect(job.moveComparison).toBe('much-smaller');
    expect(job.evidenceStrength).toBe('strong');
  });

  it('gives the over-update factor as a range that contains the point', () => {
    const result = warrantedUpdate(base);
    expect(result.overupdateRange!.low).toBeLessThanOrEqual(result.overupdateFactor!);
    expect(result.overupdateRange!.high).toBeGreaterThanOrEqual(result.overupdateFactor!);
    expect(result.moveComparison).toBe('much-larger');
  });
});

describe('verdicts on yourself and peer review', () => {
  const interview45: WarrantedInput = { ...base, method: 'unstructured-interview', minutesSeen: 45, selectionRate: null };
  const self: WarrantedInput = { ...base, kind: 'self-assessment', method: 'self-assessment', selectionRate: null, confounders: [] };

  it('a verdict on yourself never moves you more than a 45-minute interview, at its default or at the same rate', () => {
    const outside = Math.abs(warrantedUpdate(interview45).warrantedShift);
    for (const clouded of [false, true]) {
      expect(Math.abs(warrantedUpdate({ ...self, clouded }).warrantedShift)).toBeLessThan(outside);
      for (const rate of [5, 25, 50, 75, 95]) {
        expect(Math.abs(warrantedUpdate({ ...self, clouded, selectionRate: rate }).warrantedShift)).toBeLessThan(
          Math.abs(warrantedUpdate({ ...interview45, selectionRate: rate }).warrantedShift),
        );
      }
    }
  });

  it('a tired or low verdict on yourself counts for less than a calm one', () => {
    const calm = warrantedUpdate(self);
    const tired = warrantedUpdate({ ...self, clouded: true });
    expect(tired.validity).toBeCloseTo(calm.validity * figure('discount.self-state').value, 12);
    expect(Math.abs(tired.warrantedShift)).toBeLessThan(Math.abs(calm.warrantedShift));
    expect(calm.validity).toBeLessThanOrEqual(figure('model.self-verdict-cap').value);
    expect(tired.figuresUsed).toContain('discount.self-state');
    // 'state-clouding' ticked as well is not counted twice.
    expect(warrantedUpdate({ ...self, clouded: true, confounders: ['state-clouding'] }).validity).toBe(tired.validity);
  });

  it('the cap sits below every outside evaluation of a person', () => {
    for (const method of METHODS.filter((m) => m !== 'self-assessment' && m !== 'peer-review')) {
      expect(figure(validityFigureIds(method).point).value).toBeGreaterThan(figure('model.self-verdict-cap').value);
    }
  });

  it('a peer-review rejection moves less than a CV-screen rejection, at the same rate and at the defaults', () => {
    const peer: WarrantedInput = { ...base, kind: 'peer-review', method: 'peer-review', selectionRate: null };
    const cv: WarrantedInput = { ...base, selectionRate: null };
    expect(Math.abs(warrantedUpdate(peer).warrantedShift)).toBeLessThan(Math.abs(warrantedUpdate(cv).warrantedShift));
    for (const rate of [5, 15, 25, 40, 70]) {
      expect(Math.abs(warrantedUpdate({ ...peer, selectionRate: rate }).warrantedShift)).toBeLessThan(
        Math.abs(warrantedUpdate({ ...cv, selectionRate: rate }).warrantedShift),
      );
    }
    // The README's fellowship example (a CV screen that takes 5%) against a workshop rejection at its default rate.
    const fellowship = warrantedUpdate({ ...base, before: 70, minutesSeen: 10, confounders: ['not-about-you'] });
    const workshop = warrantedUpdate({ ...peer, before: 70 });
    expect(70 - workshop.warrantedBelief).toBeLessThan(1.5);
    expect(Math.abs(workshop.warrantedBelief - fellowship.warrantedBelief)).toBeLessThan(0.5);
  });
});

describe('old entries the model cannot use', () => {
  it('a rejection at a rate of 100% moves nothing and says why, without failing', () => {
    const result = warrantedUpdate({ ...base, selectionRate: 100 });
    expect(result.overupdateNote).toBe('impossible-outcome');
    expect(result.likelihoodRatio).toBe(1);
    expect(result.warrantedBelief).toBe(60);
    expect(result.warrantedRange).toEqual({ low: 60, high: 60 });
    expect(result.moveComparison).toBe('no-move-warranted');
    expect(warrantedMoves({ ...base, selectionRate: 100 })).toMatchObject({ likelihoodRatio: 1, warrantedBelief: 60, overupdateFactor: null });
  });

  it('a method that does not fit the kind (months in a job for a paper) moves nothing and says why, in both paths', () => {
    const misfit = { ...base, kind: 'peer-review' as const, method: 'job-performance' as const, confounders: [] };
    const result = warrantedUpdate(misfit);
    expect(result).toMatchObject({ overupdateNote: 'method-does-not-fit-kind', likelihoodRatio: 1, warrantedBelief: 60, moveComparison: 'no-move-warranted' });
    expect(result.warrantedRange).toEqual({ low: 60, high: 60 });
    expect(warrantedMoves(misfit)).toMatchObject({ likelihoodRatio: 1, warrantedBelief: 60, overupdateFactor: null });
    // The same method for the kind it fits is strong evidence.
    expect(warrantedUpdate({ ...misfit, kind: 'job-performance', selectionRate: 80 }).likelihoodRatio).toBeLessThan(0.5);
  });
});
