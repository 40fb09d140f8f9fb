import { describe, expect, it } from 'vitest';
import { predictionCalibration, reboundSummary, type Calibration } from '../../src/core/calibration.js';
import { THRESHOLDS, type PatternResult } from '../../src/core/patterns.js';
import { renderCalibration } from '../../src/ui/calibration-text.js';
import { describePattern } from '../../src/ui/history-text.js';
import { styler } from '../../src/ui/style.js';

const plain = styler(false);
const text = (c: Calibration, pattern?: PatternResult) => renderCalibration(c, plain, pattern).join('\n').replace(/\s+/g, ' ');

/** The pessimistic-predictions pattern's result, as `history` passes it (24% said, 60% came true, 5 checked). */
const pessimistic = (status: 'found' | 'not-found'): PatternResult => ({
  id: 'pessimistic-predictions',
  status,
  entries: [],
  attempts: [],
  threshold: { ...THRESHOLDS['pessimistic-predictions'] },
  measured: { resolvedPredictions: 5, cameTrue: 3, statedMeanPercent: 24, cameTruePercent: 60, chanceIfStatedRight: 0.1 },
  needs: null,
});

describe('renderCalibration', () => {
  it('says "not enough" with no figures below the minimums', () => {
    const out = text({ predictions: predictionCalibration([{ entryId: 'a', probability: 20, cameTrue: true }], 2), rebound: reboundSummary([]) });
    // The same words as the pessimistic-predictions pattern uses for "too few to tell yet".
    expect(out).toContain('Not enough to go on yet: this needs at least 5 predictions checked in a follow-up (noisy followup), and there is 1 so far. 2 more are still waiting for an outcome.');
    expect(out).toContain('Not enough follow-ups yet: 0 of the 3 needed');
    expect(out).not.toMatch(/Brier|\d+% of them came true/);
  });

  it('puts the figures into words once there are enough', () => {
    const resolved = [20, 20, 25, 30, 25].map((probability, i) => ({ entryId: String(i), probability, cameTrue: i < 3 }));
    const rebound = reboundSummary([0, 1, 2].map((i) => ({ entryId: String(i), before: 60, after: 20, now: 40, rebound: 20 })));
    const out = text({ predictions: predictionCalibration(resolved), rebound }, pessimistic('found'));
    expect(out).toContain('On average you gave your predictions 24%; 60% of them came true (5 resolved).');
    expect(out).toContain('You gave 24% on average to 5 things that came true 60% of the time.');
    expect(out).toMatch(/Brier score 0\.\d\d \(0 is perfect; always saying 50% scores 0\.25\)/);
    expect(out).toContain('Your forecasts about yourself run low');
    expect(out).toContain('60% before the evaluation, 20% right after, 40% at the follow-up');
    expect(out).toContain('About 50% of the first drop had come back');
  });

  it('writes large counts with thousands separators', () => {
    const resolved = Array.from({ length: 1_200 }, (_, i) => ({ entryId: String(i), probability: 20, cameTrue: i % 5 === 0 }));
    const rebound = reboundSummary(Array.from({ length: 2_965 }, (_, i) => ({ entryId: String(i), before: 60, after: 20, now: 40, rebound: 20 })));
    const out = text({ predictions: predictionCalibration(resolved), rebound });
    expect(out).toContain('came true (1,200 resolved).');
    expect(out).toContain('to 1,200 things that came true');
    expect(out).toContain('Across 2,965 followed-up entries');
  });

  it('says "more came true" by the pattern\'s rule, in the pattern\'s words', () => {
    const resolved = [20, 20, 25, 30, 25].map((probability, i) => ({ entryId: String(i), probability, cameTrue: i < 3 }));
    const calibration = { predictions: predictionCalibration(resolved), rebound: reboundSummary([]) };
    const notFound = pessimistic('not-found');
    const out = text(calibration, notFound);
    expect(out).not.toContain('run low');
    const words = 'More of your predictions came true than you said (60% against 24% predicted), but 5 are too few to tell that from luck yet.';
    expect(out).toContain(words);
    expect(describePattern(notFound).explanation).toBe(words);
  });
});
