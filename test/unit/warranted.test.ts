import { describe, expect, it } from 'vitest';
import { KINDS, METHODS, NOISE_CATEGORIES, type Kind, type Method } from '../../src/core/domain.js';
import { figure } from '../../src/core/figures.js';
import {
  likelihoodRatio,
  normalQuantile,
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

/** The likelihood ratio straight from the definition: integrate over ability A, the other way round. */
function referenceLikelihoodRatio(r: number, ratePercent: number, outcome: Outcome): number {
  const p = ratePercent / 100;
  const bar = bisectQuantile(1 - p);
  const noise = Math.sqrt(1 - r * r);
  const rejectedGiven = (a: number): number => normalCdf((bar - r * a) / noise);
  const cell = (from: number, to: number, ifRejected: boolean): number =>
    simpson((a) => normalPdf(a) * (ifRejected ? rejectedGiven(a) : 1 - rejectedGiven(a)), from, to, 6000);
  const rejected = outcome === 'rejected';
  const ifGood = cell(bar, bar + 12, rejected) / p;
  const ifNot = cell(bar - 12, bar, rejected) / (1 - p);
  return ifGood / ifNot;
}

/** Sheppard's closed form at a 50% rate: P(both above the median) = 1/4 + asin(r)/2π. */
function sheppardRejectionRatio(r: number): number {
  const both = 0.25 + Math.asin(r) / (2 * Math.PI);
  return (0.5 - both) / both;
}

const prior = (percent: number, lr: number): number => {
  const odds = (percent / (100 - percent)) * lr;
  return (100 * odds) / (1 + odds);
};

function randomInput(random: () => number, outcome: Outcome): WarrantedInput {
  const kind: Kind = pick(random, KINDS);
  const categories = NOISE_CATEGORIES[kind];
  return {
    kind,
    method: pick(random, METHODS),
    before: random() < 0.1 ? pick(random, [0, 100, 50]) : Math.round(random() * 1000) / 10,
    after: Math.round(random() * 100),
    minutesSeen: random() < 0.3 ? null : Math.round(random() * 200),
    selectionRate: random() < 0.4 ? null : 0.1 + Math.round(random() * 999) / 10,
    confounders: categories.filter(() => random() < 0.4),
    outcome,
  };
}

const N_SMALL = 500;

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

describe('likelihoodRatio', () => {
  it('is exactly 1 when the verdict is unrelated to ability (r = 0)', () => {
    for (const rate of [0.1, 1, 5, 24.7, 50, 80, 99.9, 100]) {
      expect(likelihoodRatio(0, rate)).toBe(1);
      expect(likelihoodRatio(0, rate, 'accepted')).toBe(1);
    }
  });

  it('is exactly 1 when nobody is turned away (rate 100%)', () => {
    expect(likelihoodRatio(0.42, 100)).toBe(1);
  });

  it('matches the closed form at a 50% rate', () => {
    for (const r of [0.01, 0.1, 0.19, 0.29, 0.42, 0.6, 0.9, 0.99]) {
      expect(likelihoodRatio(r, 50)).toBeCloseTo(sheppardRejectionRatio(r), 12);
      expect(likelihoodRatio(r, 50, 'accepted')).toBeCloseTo(1 / sheppardRejectionRatio(r), 11);
    }
  });

  it('matches an independent integration over ability to 1e-4', () => {
    const random = prng(20240611);
    const cases: [number, number][] = [
      [0.1, 5],
      [0.42, 30],
      [0.58, 25],
      [0.6, 80],
      [0.95, 1],
      [0.33, 99],
    ];
    for (let i = 0; i < 40; i++) cases.push([random() * 0.95, 0.5 + random() * 99]);
    for (const [r, rate] of cases) {
      expect(Math.abs(likelihoodRatio(r, rate) - referenceLikelihoodRatio(r, rate, 'rejected'))).toBeLessThan(1e-4);
      const accepted = likelihoodRatio(r, rate, 'accepted');
      const reference = referenceLikelihoodRatio(r, rate, 'accepted');
      expect(Math.abs(accepted - reference) / reference).toBeLessThan(1e-4);
    }
  });

  it('agrees with a seeded Monte Carlo simulation of the selection process', () => {
    const random = prng(7);
    const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    for (const [r, rate] of [
      [0.42, 30],
      [0.19, 10],
      [0.6, 70],
    ] as const) {
      const p = rate / 100;
      const bar = normalQuantile(1 - p);
      const noise = Math.sqrt(1 - r * r);
      let good = 0;
      let rejectedGood = 0;
      let rejectedNot = 0;
      const n = 400_000;
      for (let i = 0; i < n; i++) {
        const ability = gaussian();
        const rejected = r * ability + noise * gaussian() <= bar;
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
      expect(Math.abs(Math.log(a / b) - Math.log(likelihoodRatio(r, rate)))).toBeLessThan(5 * sd);
    }
  });

  it('rejects inputs outside the model', () => {
    expect(() => likelihoodRatio(-0.1, 10)).toThrow(RangeError);
    expect(() => likelihoodRatio(1.1, 10)).toThrow(RangeError);
    expect(() => likelihoodRatio(Number.NaN, 10)).toThrow(RangeError);
    expect(() => likelihoodRatio(0.4, 0)).toThrow(RangeError);
    expect(() => likelihoodRatio(0.4, 101)).toThrow(RangeError);
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
    expect(warrantedUpdate(withoutOutcome).likelihoodRatio).toBe(likelihoodRatio(0.1, 5, 'rejected'));
  });

  it('higher validity moves the warranted belief further', () => {
    const random = prng(2);
    for (let i = 0; i < N; i++) {
      const low = random() * 0.94;
      const high = low + 0.002 + random() * (0.95 - low - 0.002);
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
      (a, b) => warrantedUpdate({ ...base, method: a }).validity - warrantedUpdate({ ...base, method: b }).validity,
    );
    for (let i = 0; i < 200; i++) {
      const input = { ...base, before: 1 + random() * 98, selectionRate: 1 + random() * 98 };
      const moves = byValidity.map((method: Method) => Math.abs(warrantedUpdate({ ...input, method }).warrantedShift));
      for (let j = 1; j < moves.length; j++) expect(moves[j]).toBeGreaterThanOrEqual(moves[j - 1]!);
    }
  });

  it('r = 0 means no move at all', () => {
    const random = prng(4);
    for (let i = 0; i < N; i++) {
      const before = random() * 100;
      const lr = likelihoodRatio(0, 0.1 + random() * 99.9, random() < 0.5 ? 'rejected' : 'accepted');
      expect(lr).toBe(1);
      expect(Math.log(lr)).toBe(0);
      expect(prior(before, lr)).toBeCloseTo(before, 12);
    }
  });

  it('for the same validity, a rejection from a more selective process is weaker evidence', () => {
    const random = prng(5);
    for (let i = 0; i < N; i++) {
      const r = 0.01 + random() * 0.94;
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
    // Even across the whole plausible range when the rate is unknown.
    const unknown = warrantedUpdate({ ...base, selectionRate: null });
    expect(60 - unknown.warrantedRange!.low).toBeLessThan(3);
  });

  it('months of job performance in the same role move it much more', () => {
    const job = warrantedUpdate({ ...base, kind: 'job-performance', method: 'job-performance', selectionRate: null });
    const cv = warrantedUpdate(base);
    expect(60 - job.warrantedBelief).toBeGreaterThan(20);
    expect(60 - job.warrantedBelief).toBeGreaterThan(10 * (60 - cv.warrantedBelief));
    // Even at the same 5% rate, where a rejection is weakest.
    const jobAt5 = warrantedUpdate({ ...base, kind: 'job-performance', method: 'job-performance' });
    expect(60 - jobAt5.warrantedBelief).toBeGreaterThan(5 * (60 - cv.warrantedBelief));
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
    expect(warrantedUpdate({ ...base, minutesSeen: 0.1 }).validity).toBe(0.1);
  });

  it('counts each confounder of the kind once, ignores others, and never drops below the floor', () => {
    const one = warrantedUpdate({ ...base, confounders: ['not-about-you', 'not-about-you', 'growth', 'made-up'] });
    expect(one.validityDiscount.confoundersCounted).toEqual(['not-about-you']);
    expect(one.validity).toBeCloseTo(0.1 / Math.sqrt(1.1), 12);

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
      expect(result.validity).toBeGreaterThanOrEqual(result.baseValidity * 0.5 - 1e-15);
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

  it('gives a range across plausible selection rates only when the rate is unknown', () => {
    expect(warrantedUpdate(base).warrantedRange).toBeNull();
    const unknown = warrantedUpdate({ ...base, selectionRate: null });
    expect(unknown.selectionRateKnown).toBe(false);
    expect(unknown.selectionRate).toBe(figure('rate.screening.default').value);
    const atLow = warrantedUpdate({ ...base, selectionRate: figure('rate.screening.low').value }).warrantedBelief;
    const atHigh = warrantedUpdate({ ...base, selectionRate: figure('rate.screening.high').value }).warrantedBelief;
    expect(unknown.warrantedRange).toEqual({ low: atHigh, high: atLow });
    expect(unknown.figuresUsed).toEqual(expect.arrayContaining(['rate.screening.default', 'rate.screening.low', 'rate.screening.high']));
  });

  it('lists every figure it used, and exactly the assumptions among them', () => {
    const random = prng(11);
    for (let i = 0; i < N_SMALL; i++) {
      const result = warrantedUpdate(randomInput(random, random() < 0.5 ? 'rejected' : 'accepted'));
      expect(new Set(result.figuresUsed).size).toBe(result.figuresUsed.length);
      for (const id of result.figuresUsed) expect(() => figure(id)).not.toThrow();
      expect(result.assumptions).toEqual(result.figuresUsed.filter((id) => figure(id).status === 'assumption'));
      expect(result.figuresUsed).toContain('model.good-enough-bar');
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
