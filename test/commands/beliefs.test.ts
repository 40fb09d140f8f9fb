// `noisy beliefs`, and how reflect names the belief an entry is about. The combined likelihood ratio
// is recomputed here from what `--json` lists (validities, rates, outcomes, bar, ρ) by a brute-force
// two-dimensional Simpson rule with its own normal distribution: nothing of src/core is used for it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { answers } from '../helpers/answers.js';
import { DEFAULT, journal } from '../helpers/cli.js';
import { fixtureEntry } from '../fixtures/journals.js';

// ── an independent computation ─────────────────────────────────────────────────────────────────

/** Φ by Marsaglia's series Φ(x) = ½ + φ(x)·Σ x^(2n+1) / (1·3·…·(2n+1)): absolute error about 1e-15. */
function cdf(x: number): number {
  if (x < -9) return 0;
  if (x > 9) return 1;
  let term = x;
  let sum = x;
  for (let n = 1; n < 400 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= (x * x) / (2 * n + 1);
    sum += term;
  }
  return 0.5 + sum * Math.exp(-0.5 * x * x - 0.5 * Math.log(2 * Math.PI));
}

/** Φ⁻¹ by bisection on cdf. */
function quantile(p: number): number {
  let lo = -9;
  let hi = 9;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

interface Listed {
  outcome: string;
  validity: number;
  selectionRate: number;
}

/** Simpson weights for n (even) intervals. */
function simpson(n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2));
}

/**
 * LR = [∫_{a>z} φ(a) L(a) da / b] ÷ [∫_{a<z} φ(a) L(a) da / (1−b)], L(a) = ∫ φ(u) ∏ P(outcome_i | a, u) du,
 * where evaluation i accepts when r·a + s·(√ρ·u + √(1−ρ)·e) > Φ⁻¹(1 − q).
 */
function recomputedRatio(evaluations: readonly Listed[], barPercent: number, rho: number): number {
  const b = barPercent / 100;
  const z = quantile(1 - b);
  const terms = evaluations.map((e) => {
    const s = Math.sqrt(1 - e.validity * e.validity);
    return { r: e.validity, s, t: quantile(1 - e.selectionRate / 100), accepted: e.outcome === 'accepted' };
  });
  const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  const n = 240;
  const uLo = -8;
  const uHi = 8;
  const uStep = (uHi - uLo) / n;
  const uWeights = simpson(n);
  const L = (a: number): number => {
    let total = 0;
    for (let j = 0; j <= n; j++) {
      const u = uLo + j * uStep;
      let product = phi(u);
      for (const t of terms) {
        // P(e < (t − r·a − s·√ρ·u) / (s·√(1−ρ))): the chance of a score under the line.
        const below = cdf((t.t - t.r * a - t.s * Math.sqrt(rho) * u) / (t.s * Math.sqrt(1 - rho)));
        product *= t.accepted ? 1 - below : below;
      }
      total += uWeights[j]! * product;
    }
    return (total * uStep) / 3;
  };
  const half = (lo: number, hi: number): number => {
    const step = (hi - lo) / n;
    const weights = simpson(n);
    let total = 0;
    for (let i = 0; i <= n; i++) {
      const a = lo + i * step;
      total += weights[i]! * phi(a) * L(a);
    }
    return (total * step) / 3;
  };
  return half(z, 8) / b / (half(-8, z) / (1 - b));
}

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

type Journal = ReturnType<typeof journal>;

async function reflectWith(j: Journal, overrides: Record<string, unknown>, extra: string[] = [], now?: Date) {
  const file = join(j.dir, `answers-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(answers(overrides)));
  return j.cli(['reflect', '--answers', file, ...extra], now ? { now } : {});
}

interface BeliefJson {
  id: string;
  statement: string;
  before: number | null;
  now: number | null;
  bar: number;
  sharedErrorCorrelation: number;
  evaluations: { entryId: string; attemptId: string | null; date: string; method: string; outcome: string; validity: number; selectionRate: number; weight: number }[];
  combined: { likelihoodRatio: number; warrantedBelief: number; warrantedRange: { low: number; high: number }; assumptions: string[] };
  leftOut: { entryId: string; reason: string }[];
}

async function beliefsJson(j: Journal): Promise<BeliefJson[]> {
  const result = await j.cli(['beliefs', '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { beliefs: BeliefJson[] }).beliefs;
}

const STATEMENT = 'I can do well as a research engineer';

describe('noisy beliefs --json', () => {
  it('lists every evaluation with its inputs, and the combined ratio can be recomputed from them', async () => {
    const j = journal(new Date('2026-12-01T10:00:00'));
    const belief = (statement: string, before: number, after: number) => ({ statement, before, after });
    await reflectWith(j, { date: '2026-03-02', belief: belief(STATEMENT, 60, 40), evaluation: { method: 'cv-screen', minutesSeen: 2, selectionRate: 5 }, confounders: [] });
    // The same belief spelled another way; a rate left unknown; confounders that discount the validity.
    await reflectWith(j, {
      date: '2026-05-10',
      belief: belief(' i can do WELL as a research  engineer', 40, 30),
      evaluation: { method: 'written-application', minutesSeen: null, selectionRate: null },
      confounders: ['little-information', 'not-about-you'],
    });
    await reflectWith(j, { date: '2026-09-20', belief: belief(STATEMENT, 30, 20), evaluation: { method: 'structured-interview', minutesSeen: 45, selectionRate: 30 }, confounders: [] });
    // Good news counts too, by the same arithmetic.
    await reflectWith(j, { date: '2026-10-15', outcome: 'accepted', belief: belief(STATEMENT, 20, 35), evaluation: { method: 'work-trial', minutesSeen: 120, selectionRate: 50 }, confounders: [] });
    // Over a year old: it counts for less. Written last, so its "after" is the latest said.
    await reflectWith(j, { date: '2025-06-01', belief: belief(STATEMENT, 65, 60), evaluation: { method: 'unstructured-interview', minutesSeen: 30, selectionRate: 20 }, confounders: [] }, [], new Date('2026-12-01T11:00:00'));
    // Another belief.
    await reflectWith(j, { date: '2026-11-01', belief: belief('I will finish my thesis', 70, 50), kind: 'self-assessment', evaluation: { method: 'self-assessment' }, confounders: [] });

    const [thesis, research] = await beliefsJson(j);
    expect(thesis!.statement).toBe('I will finish my thesis');
    expect(research!.statement).toBe(STATEMENT);
    expect(Object.keys(research!)).toEqual(['id', 'statement', 'before', 'now', 'bar', 'sharedErrorCorrelation', 'evaluations', 'combined', 'leftOut']);
    expect(Object.keys(research!.combined)).toEqual(['likelihoodRatio', 'warrantedBelief', 'warrantedRange', 'assumptions']);
    expect(research!.id).toMatch(/^b-[a-z2-9]{6}$/);
    // Before the earliest evaluation (2025-06-01, written last); now: the latest stated.
    expect(research!).toMatchObject({ before: 65, now: 60, bar: 25, sharedErrorCorrelation: 0.3 });
    expect(research!.evaluations.map((e) => [e.date, e.method, e.outcome, e.attemptId, e.weight])).toEqual([
      ['2025-06-01', 'unstructured-interview', 'rejected', null, 0.9],
      ['2026-03-02', 'cv-screen', 'rejected', null, 1],
      ['2026-05-10', 'written-application', 'rejected', null, 1],
      ['2026-09-20', 'structured-interview', 'rejected', null, 1],
      ['2026-10-15', 'work-trial', 'accepted', null, 1],
    ]);
    const [aged, cv, written, structured, trial] = research!.evaluations;
    expect(trial!.validity).toBeCloseTo(0.33, 12);
    expect(cv!.validity).toBeCloseTo(0.18, 12);
    expect(structured!.validity).toBeCloseTo(0.42, 12);
    // .19 for 30 of 45 minutes (Spearman–Brown at reliability .5), then ×.9 for the year.
    expect(aged!.validity).toBeCloseTo(0.19 * Math.sqrt((30 / 45) / (1 + (30 / 45 - 1) * 0.5)) * 0.9, 12);
    // An unknown rate takes the method's default; two confounders lower the validity.
    expect(written!.selectionRate).toBe(15);
    expect(written!.validity).toBeCloseTo(0.19 / Math.sqrt(1.2), 12);

    const ratio = recomputedRatio(research!.evaluations, research!.bar, research!.sharedErrorCorrelation);
    expect(research!.combined.likelihoodRatio).toBeLessThan(1);
    expect(Math.abs(research!.combined.likelihoodRatio / ratio - 1)).toBeLessThan(1e-6);
    const odds = (65 / 35) * ratio;
    expect(Math.abs(research!.combined.warrantedBelief - (100 * odds) / (1 + odds))).toBeLessThan(1e-4);
    const { low, high } = research!.combined.warrantedRange;
    expect(low).toBeLessThanOrEqual(research!.combined.warrantedBelief);
    expect(high).toBeGreaterThanOrEqual(research!.combined.warrantedBelief);
    expect(research!.combined.assumptions).toEqual(expect.arrayContaining(['model.bar', 'model.shared-error', 'model.yearly-carryover']));

    // The verdict on oneself, alone under its belief: ρ plays no part, and the ratio is still recomputable.
    expect(thesis!.evaluations).toHaveLength(1);
    expect(Math.abs(thesis!.combined.likelihoodRatio / recomputedRatio(thesis!.evaluations, 25, 0) - 1)).toBeLessThan(1e-6);
    expect(thesis!.combined.assumptions).not.toContain('model.shared-error');
  });

  it('a belief with one evaluation gives exactly that entry\'s figures', async () => {
    const j = journal();
    const result = await reflectWith(j, { evaluation: { method: 'written-application', minutesSeen: null, selectionRate: null } }, ['--json']);
    const { entry, assessment } = JSON.parse(result.stdout) as { entry: Entry; assessment: { warranted: Record<string, unknown> } & Record<string, unknown> };
    const w = (assessment.warranted ?? assessment) as { likelihoodRatio: number; warrantedBelief: number; warrantedRange: { low: number; high: number }; validity: number; selectionRate: number };
    const [belief] = await beliefsJson(j);
    expect(entry.belief.id).toBe(belief!.id);
    expect(belief!.combined.likelihoodRatio).toBe(w.likelihoodRatio);
    expect(belief!.combined.warrantedBelief).toBe(w.warrantedBelief);
    expect(belief!.combined.warrantedRange).toEqual(w.warrantedRange);
    expect(belief!.evaluations[0]).toMatchObject({ entryId: entry.id, validity: w.validity, selectionRate: w.selectionRate, weight: 1 });
  });

  it('leaves out what the model cannot use, says so, and takes the latest follow-up as now', async () => {
    const j = journal();
    await reflectWith(j, { belief: { statement: STATEMENT, before: 60, after: 30 } }, [], new Date('2026-11-20T10:00:00'));
    // An old entry (written before the rule) with a rejection where everyone gets in, and a follow-up.
    const store = Store.open(j.db, { create: false });
    store.importEntries([
      fixtureEntry({
        id: 'oldrate100',
        date: '2026-10-01',
        createdAt: '2026-10-01T10:00:00.000Z',
        belief: { statement: STATEMENT, before: 70, after: 50 },
        evaluation: { selectionRate: 100 },
        followUps: [{ answeredAt: '2026-11-30T10:00:00.000Z', beliefNow: 44, tookNextStep: true, whatHappened: '', predictionCameTrue: null }],
      }),
    ]);
    store.close();
    const [belief] = await beliefsJson(j);
    expect(belief!.evaluations.map((e) => e.entryId)).not.toContain('oldrate100');
    expect(belief!.evaluations).toHaveLength(1);
    expect(belief!.leftOut).toEqual([{ entryId: 'oldrate100', attemptId: null, reason: 'impossible-outcome' }]);
    // The earliest evaluation is the old entry (its before), the latest thing said its follow-up.
    expect(belief).toMatchObject({ before: 70, now: 44 });
    const human = await j.cli(['beliefs']);
    expect(human.stdout.replace(/\s+/g, ' ')).toContain("Left out: one entry was saved before noisy's checks (a rate its outcome can't happen at, such as a rejection where everyone gets in");
    expect(human.stdout).toContain('oldrate100');
  });
});

describe('noisy beliefs', () => {
  it('says each belief in plain words, with a range and the band of the move, within 80 columns', async () => {
    const j = journal();
    for (const [date, method, rate] of [['2026-02-01', 'cv-screen', 5], ['2026-04-01', 'cv-screen', 5], ['2026-06-01', 'structured-interview', 30]] as const) {
      await reflectWith(j, { date, belief: { statement: `${STATEMENT}, even with a very long statement that needs a second line to fit`, before: 60, after: 10 }, evaluation: { method, minutesSeen: 45, selectionRate: rate }, confounders: [] });
    }
    const result = await j.cli(['beliefs']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Evidence: 3 evaluations (3 rejections), from 2026-02-01 to 2026-06-01.');
    expect(result.stdout).toContain('You were at 60% before the first; the latest you said is 10%.');
    const flat = result.stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(/would leave a calibrated person between \d+% and \d+% \(about \d+% at the central assumptions\)\./);
    expect(flat).toMatch(/Your move is (several times|tens of times|between [a-z ]+ and [a-z ]+) the size/);
    expect(result.stdout).not.toMatch(/\d+(\.\d+)? times/);
    for (const line of result.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('with no entries says how to start, and --json gives an empty list', async () => {
    const j = journal();
    const human = await j.cli(['beliefs']);
    expect(human.code).toBe(0);
    expect(human.stderr).toContain('No beliefs yet');
    expect(JSON.parse((await j.cli(['beliefs', '--json'])).stdout)).toEqual({ beliefs: [] });
  });
});

describe('reflect names its belief', () => {
  it('an answers file may give belief.id instead of the statement, or with one that agrees', async () => {
    const j = journal();
    await reflectWith(j, { belief: { statement: STATEMENT, before: 60, after: 30 } });
    const [belief] = await beliefsJson(j);
    const byId = await reflectWith(j, { belief: { id: belief!.id, before: 30, after: 25 } }, ['--json']);
    expect(byId.code, byId.stderr).toBe(0);
    expect((JSON.parse(byId.stdout) as { entry: Entry }).entry.belief).toEqual({ statement: STATEMENT, before: 30, after: 25, id: belief!.id });
    const both = await reflectWith(j, { belief: { id: belief!.id.toUpperCase(), statement: '  I CAN do well as a research engineer', before: 25, after: 25 } });
    expect(both.code, both.stderr).toBe(0);
    const [after] = await beliefsJson(j);
    expect(after!.evaluations).toHaveLength(3);
  });

  it('an unknown belief id, or an id and a statement that disagree, exit 2 and save nothing', async () => {
    const j = journal();
    await reflectWith(j, { belief: { statement: STATEMENT, before: 60, after: 30 } });
    const [belief] = await beliefsJson(j);
    const unknown = await reflectWith(j, { belief: { id: 'b-zzzzzz', before: 30, after: 25 } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('belief.id: there is no belief b-zzzzzz in this journal; nothing was saved.');
    const disagree = await reflectWith(j, { belief: { id: belief!.id, statement: 'I can write novels', before: 30, after: 25 } });
    expect(disagree.code).toBe(2);
    expect(disagree.stderr).toContain(`belief.id ${belief!.id} is "${STATEMENT}", but belief.statement says "I can write novels"`);
    const malformed = await reflectWith(j, { belief: { id: 'research', before: 30, after: 25 } });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('belief.id: must be a belief id like b-3fk2xa');
    const [still] = await beliefsJson(j);
    expect(still!.evaluations).toHaveLength(1);
    expect(await beliefsJson(j)).toHaveLength(1);
  });

  it('at a terminal offers the journal\'s beliefs, most recent first, or a new one; --quick too', async () => {
    const j = journal();
    await reflectWith(j, { date: '2026-01-05', belief: { statement: 'I can teach', before: 60, after: 30 } });
    await reflectWith(j, { date: '2026-02-05', belief: { statement: STATEMENT, before: 60, after: 30 } });
    const [research, teach] = await beliefsJson(j);
    expect([research!.statement, teach!.statement]).toEqual([STATEMENT, 'I can teach']);

    // --quick: kind, title, which belief (the older one), before, after, what they saw.
    const quick = await j.cli(['reflect', '--quick'], { answers: ['application', 'Turned down again', teach!.id, 30, 20, 'A CV'] });
    expect(quick.code, quick.stderr).toBe(0);
    // --quick with a new belief asks its statement.
    const fresh = await j.cli(['reflect', '--quick'], { answers: ['application', 'A new worry', 'new', 'I can lead a team', 50, 40, ''] });
    expect(fresh.code, fresh.stderr).toBe(0);
    const beliefs = await beliefsJson(j);
    expect(beliefs.map((b) => [b.statement, b.evaluations.length])).toEqual(
      expect.arrayContaining([['I can teach', 2], [STATEMENT, 1], ['I can lead a team', 1]]),
    );
    // The full flow: the belief question comes where the statement did; the default is the most recent.
    const store = Store.open(j.db, { create: false });
    const latestFirst = store.listBeliefs().map((b) => b.statement);
    store.close();
    const full = await j.cli(['reflect'], {
      answers: ['rejected', 'application', 'Another one', 'today', '', '', DEFAULT, 40, 35, 'cv-screen', 5, '', 5, [], '', 50, [], ['fine'], '', false, DEFAULT, '', 'save'],
    });
    expect(full.code, full.stderr).toBe(0);
    const counted = await beliefsJson(j);
    expect(counted.find((b) => b.statement === latestFirst[0])!.evaluations.length).toBe(2);
  });
});
