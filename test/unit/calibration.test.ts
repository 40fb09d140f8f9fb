import { describe, expect, it } from 'vitest';
import {
  brierScore,
  calibrate,
  calibrationBuckets,
  MIN_REBOUNDS,
  MIN_RESOLVED_PREDICTIONS,
  predictionCalibration,
  predictionOutcome,
  type ResolvedPrediction,
} from '../../src/core/calibration.js';
import type { Entry, FollowUp } from '../../src/core/entry.js';

function followUp(overrides: Partial<FollowUp> = {}): FollowUp {
  return { answeredAt: '2026-12-01T10:00:00.000Z', beliefNow: 50, tookNextStep: true, whatHappened: '', predictionCameTrue: null, ...overrides };
}

let counter = 0;
function entry(options: { before?: number; after?: number; probability?: number | null; followUps?: FollowUp[] } = {}): Entry {
  counter += 1;
  const probability = options.probability === undefined ? 30 : options.probability;
  return {
    id: `entry${counter}`,
    createdAt: '2026-11-01T10:00:00.000Z',
    kind: 'application',
    outcome: 'rejected',
    title: 'Test',
    date: '2026-11-01',
    story: '',
    belief: { statement: 'I can do this', before: options.before ?? 60, after: options.after ?? 20 },
    evaluation: { method: 'cv-screen', minutesSeen: 5, whatTheySaw: '', selectionRate: 5 },
    confounders: [],
    otherConfounders: '',
    aboutMe: 50,
    notAboutMeReasons: [],
    state: [],
    nextStep: '',
    prediction: probability === null ? null : { statement: 'I will get an interview', probability, checkOn: '2026-12-01' },
    followUpOn: null,
    tags: [],
    extras: {},
    followUps: options.followUps ?? [],
    revisions: [],
  };
}

const resolved = (probability: number, cameTrue: boolean): ResolvedPrediction => ({ entryId: 'x', probability, cameTrue });

describe('brierScore', () => {
  it('is null without resolved predictions', () => {
    expect(brierScore([])).toBeNull();
  });

  it('is 0 for certain predictions that were right, at both 0 and 100', () => {
    expect(brierScore([resolved(100, true), resolved(0, false)])).toBe(0);
  });

  it('is 1 for certain predictions that were wrong', () => {
    expect(brierScore([resolved(100, false), resolved(0, true)])).toBe(1);
  });

  it('is 0.25 for always saying 50%, whatever happens', () => {
    expect(brierScore([resolved(50, true), resolved(50, false), resolved(50, true)])).toBeCloseTo(0.25, 12);
  });

  it('averages the squared errors', () => {
    // (0.2 − 1)² = 0.64, (0.2 − 0)² = 0.04, (0.7 − 1)² = 0.09 → 0.77 / 3
    expect(brierScore([resolved(20, true), resolved(20, false), resolved(70, true)])).toBeCloseTo(0.77 / 3, 12);
  });
});

describe('calibrationBuckets', () => {
  it('puts 0 in the first band and 100 in the last, and leaves empty bands out', () => {
    const buckets = calibrationBuckets([resolved(0, false), resolved(100, true), resolved(100, true)]);
    expect(buckets).toEqual([
      { from: 0, to: 20, count: 1, meanProbability: 0, cameTrueRate: 0 },
      { from: 80, to: 100, count: 2, meanProbability: 100, cameTrueRate: 100 },
    ]);
  });

  it('reads "you gave yourself 20% on things that happened 60% of the time"', () => {
    const buckets = calibrationBuckets([resolved(20, true), resolved(25, true), resolved(30, true), resolved(20, false), resolved(25, false)]);
    expect(buckets).toHaveLength(1);
    expect(buckets[0]).toMatchObject({ from: 20, to: 40, count: 5, cameTrueRate: 60 });
    expect(buckets[0]?.meanProbability).toBeCloseTo(24, 12);
  });

  it('puts a band edge in the upper band (20 is in 20–40, not 0–20)', () => {
    expect(calibrationBuckets([resolved(20, true)])[0]).toMatchObject({ from: 20, to: 40 });
    expect(calibrationBuckets([resolved(19.9, true)])[0]).toMatchObject({ from: 0, to: 20 });
  });
});

describe('predictionOutcome', () => {
  it('is null without a prediction, or when every follow-up said "can\'t tell yet"', () => {
    expect(predictionOutcome(entry({ probability: null, followUps: [followUp({ predictionCameTrue: true })] }))).toBeNull();
    expect(predictionOutcome(entry({ followUps: [followUp(), followUp()] }))).toBeNull();
  });

  it('takes the last definite answer', () => {
    expect(predictionOutcome(entry({ followUps: [followUp({ predictionCameTrue: false }), followUp({ predictionCameTrue: true }), followUp()] }))).toBe(true);
  });
});

describe('calibrate', () => {
  it('says there is not enough with no predictions at all', () => {
    const result = calibrate([]);
    expect(result.predictions).toMatchObject({ resolved: 0, pending: 0, enough: false, brierScore: null, meanProbability: null, buckets: [] });
    expect(result.rebound).toMatchObject({ count: 0, enough: false, meanRebound: null, entries: [] });
  });

  it('gives no figure below the minimum, and counts the pending ones', () => {
    const entries = [
      ...Array.from({ length: MIN_RESOLVED_PREDICTIONS - 1 }, () => entry({ followUps: [followUp({ predictionCameTrue: true })] })),
      entry({ followUps: [followUp()] }),
      entry(),
      entry({ probability: null }),
    ];
    const { predictions } = calibrate(entries);
    expect(predictions).toMatchObject({ resolved: MIN_RESOLVED_PREDICTIONS - 1, pending: 2, minimum: MIN_RESOLVED_PREDICTIONS, enough: false, brierScore: null, underconfidence: null });
  });

  it('fills in every figure at the minimum', () => {
    const probabilities = [10, 20, 20, 30, 40];
    const outcomes = [true, true, false, true, true];
    const entries = probabilities.map((p, i) => entry({ probability: p, followUps: [followUp({ predictionCameTrue: outcomes[i] ?? null })] }));
    const { predictions } = calibrate(entries);
    expect(predictions.enough).toBe(true);
    expect(predictions.resolved).toBe(5);
    expect(predictions.meanProbability).toBeCloseTo(24, 12);
    expect(predictions.cameTrueRate).toBeCloseTo(80, 12);
    expect(predictions.underconfidence).toBeCloseTo(56, 12);
    expect(predictions.brierScore).toBeCloseTo((0.81 + 0.64 + 0.04 + 0.49 + 0.36) / 5, 12);
    expect(predictions.buckets.map((b) => [b.from, b.count])).toEqual([
      [0, 1],
      [20, 3],
      [40, 1],
    ]);
  });

  it('handles a journal where every prediction was certain', () => {
    const entries = [
      ...[0, 0, 0].map((p) => entry({ probability: p, followUps: [followUp({ predictionCameTrue: false })] })),
      ...[100, 100].map((p) => entry({ probability: p, followUps: [followUp({ predictionCameTrue: true })] })),
    ];
    const { predictions } = calibrate(entries);
    expect(predictions).toMatchObject({ enough: true, brierScore: 0, meanProbability: 40, cameTrueRate: 40, underconfidence: 0 });
    expect(predictions.buckets).toEqual([
      { from: 0, to: 20, count: 3, meanProbability: 0, cameTrueRate: 0 },
      { from: 80, to: 100, count: 2, meanProbability: 100, cameTrueRate: 100 },
    ]);
  });

  it('scores certain predictions that all went wrong as 1', () => {
    const entries = [0, 0, 100, 100, 0].map((p) => entry({ probability: p, followUps: [followUp({ predictionCameTrue: p === 0 })] }));
    expect(calibrate(entries).predictions.brierScore).toBe(1);
  });

  it('measures the rebound from the first follow-up, with no average below the minimum', () => {
    const few = calibrate([entry({ before: 60, after: 20, followUps: [followUp({ beliefNow: 50 })] })]);
    expect(few.rebound).toMatchObject({ count: 1, minimum: MIN_REBOUNDS, enough: false, meanRebound: null, shareRecovered: null });
    expect(few.rebound.entries).toEqual([{ entryId: expect.any(String), before: 60, after: 20, now: 50, rebound: 30 }]);

    const many = calibrate([
      entry({ before: 60, after: 20, followUps: [followUp({ beliefNow: 50 }), followUp({ beliefNow: 10 })] }),
      entry({ before: 80, after: 40, followUps: [followUp({ beliefNow: 60 })] }),
      entry({ before: 40, after: 30, followUps: [followUp({ beliefNow: 25 })] }),
      entry({ before: 90, after: 10 }),
    ]);
    expect(many.rebound.count).toBe(3);
    expect(many.rebound.enough).toBe(true);
    expect(many.rebound.meanBefore).toBeCloseTo(60, 12);
    expect(many.rebound.meanAfter).toBeCloseTo(30, 12);
    expect(many.rebound.meanNow).toBeCloseTo(45, 12);
    expect(many.rebound.meanRebound).toBeCloseTo(15, 12);
    expect(many.rebound.shareRecovered).toBeCloseTo(0.5, 12);
  });

  it('gives no recovered share when beliefs did not drop on average', () => {
    const { rebound } = calibrate([0, 1, 2].map(() => entry({ before: 50, after: 50, followUps: [followUp({ beliefNow: 70 })] })));
    expect(rebound.meanRebound).toBeCloseTo(20, 12);
    expect(rebound.shareRecovered).toBeNull();
  });

  it('predictionCalibration reports the minimum it used', () => {
    expect(predictionCalibration([resolved(50, true)], 3)).toMatchObject({ resolved: 1, pending: 3, minimum: MIN_RESOLVED_PREDICTIONS, enough: false });
  });
});
