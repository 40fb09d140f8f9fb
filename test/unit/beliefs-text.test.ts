// The words of a belief's picture (ui/beliefs-text.ts), for what the command tests don't reach.
import { describe, expect, it } from 'vitest';
import type { BeliefEvaluation, BeliefPicture } from '../../src/core/belief-picture.js';
import { beliefParagraphs } from '../../src/ui/beliefs-text.js';

const evaluation = (i: number, outcome: 'rejected' | 'accepted'): BeliefEvaluation => ({
  entryId: `e${i}`,
  attemptId: null,
  date: '2026-03-01',
  method: 'cv-screen',
  outcome,
  validity: 0.1,
  selectionRate: 10,
  weight: 1,
});

const picture = (rejected: number, accepted: number): BeliefPicture => ({
  id: 'b-1',
  statement: 'I can do well in work like this',
  before: 60,
  now: 40,
  bar: 25,
  sharedErrorCorrelation: 0.3,
  evaluations: [...Array.from({ length: rejected }, (_, i) => evaluation(i, 'rejected')), ...Array.from({ length: accepted }, (_, i) => evaluation(rejected + i, 'accepted'))],
  combined: { likelihoodRatio: 0.5, warrantedBelief: 43, warrantedRange: { low: 30, high: 55 }, assumptions: [] },
  leftOut: [],
});

describe('beliefParagraphs', () => {
  it('writes large counts with thousands separators', () => {
    const [evidence] = beliefParagraphs(picture(19_861, 1_204), true);
    expect(evidence).toBe('Evidence: 21,065 evaluations (19,861 rejections and 1,204 acceptances), on 2026-03-01.');
  });

  it('keeps one of each in words', () => {
    expect(beliefParagraphs(picture(1, 0), true)[0]).toBe('Evidence: 1 evaluation (1 rejection), on 2026-03-01.');
  });
});
