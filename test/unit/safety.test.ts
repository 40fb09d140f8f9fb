import { describe, expect, it } from 'vitest';
import { needsSupportNote, SUPPORT_NOTE } from '../../src/core/safety.js';
import type { State } from '../../src/core/domain.js';

const answers = (state: State[], after: number, prediction: { statement: string; probability: number } | null = null) => ({
  state,
  belief: { statement: 'I can do research', before: 60, after },
  prediction: prediction && { ...prediction, checkOn: '2027-03-01' },
});

describe('needsSupportNote', () => {
  it('a low or anxious mood with a belief near 0', () => {
    expect(needsSupportNote(answers(['low-mood', 'tired'], 0))).toBe(true);
    expect(needsSupportNote(answers(['anxious'], SUPPORT_NOTE.beliefNearZero))).toBe(true);
    expect(needsSupportNote(answers(['anxious'], SUPPORT_NOTE.beliefNearZero + 1))).toBe(false);
    expect(needsSupportNote(answers(['tired', 'hungry'], 0))).toBe(false);
    expect(needsSupportNote(answers(['fine'], 0))).toBe(false);
  });

  it('a very confident prediction of never succeeding', () => {
    expect(needsSupportNote(answers(['fine'], 40, { statement: 'I will never get into any safety program', probability: 95 }))).toBe(true);
    expect(needsSupportNote(answers([], 40, { statement: 'Nobody will hire me this year', probability: SUPPORT_NOTE.confidentPrediction }))).toBe(true);
    expect(needsSupportNote(answers([], 40, { statement: 'I will never get into any safety program', probability: 60 }))).toBe(false);
    expect(needsSupportNote(answers([], 40, { statement: 'I will get at least one interview by March', probability: 95 }))).toBe(false);
  });

  it('nothing for an ordinary hard day', () => {
    expect(needsSupportNote(answers(['tired', 'low-mood'], 30, { statement: 'I get one offer by spring', probability: 20 }))).toBe(false);
  });
});
