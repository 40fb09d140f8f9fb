import { describe, expect, it } from 'vitest';
import { predictionCalibration, reboundSummary, type Calibration } from '../../src/core/calibration.js';
import { renderCalibration } from '../../src/ui/calibration-text.js';
import { styler } from '../../src/ui/style.js';

const plain = styler(false);
const text = (c: Calibration) => renderCalibration(c, plain).join('\n').replace(/\s+/g, ' ');

describe('renderCalibration', () => {
  it('says "not enough" with no figures below the minimums', () => {
    const out = text({ predictions: predictionCalibration([{ entryId: 'a', probability: 20, cameTrue: true }], 2), rebound: reboundSummary([]) });
    expect(out).toContain('Not enough resolved predictions yet: 1 of the 5 needed (2 still waiting for an outcome)');
    expect(out).toContain('Not enough follow-ups yet: 0 of the 3 needed');
    expect(out).not.toMatch(/Brier|\d+% of them came true/);
  });

  it('puts the figures into words once there are enough', () => {
    const resolved = [20, 20, 25, 30, 25].map((probability, i) => ({ entryId: String(i), probability, cameTrue: i < 3 }));
    const rebound = reboundSummary([0, 1, 2].map((i) => ({ entryId: String(i), before: 60, after: 20, now: 40, rebound: 20 })));
    const out = text({ predictions: predictionCalibration(resolved), rebound });
    expect(out).toContain('On average you gave your predictions 24%; 60% of them came true (5 resolved).');
    expect(out).toContain('You gave 24% on average to 5 things that came true 60% of the time.');
    expect(out).toMatch(/Brier score 0\.\d\d \(0 is perfect; always saying 50% scores 0\.25\)/);
    expect(out).toContain('Your forecasts about yourself run low');
    expect(out).toContain('60% before the evaluation, 20% right after, 40% at the follow-up');
    expect(out).toContain('About 50% of the first drop had come back');
  });
});
