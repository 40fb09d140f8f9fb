import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { DEFAULT_RECHECK_DAYS, followUpReflection, parseFollowUpAnswers, recheckDefault, toFollowUp } from '../../src/core/followup.js';

const TODAY = '2026-12-01';

function entry(prediction: Entry['prediction'] = { statement: 'I will get an interview by March', probability: 20, checkOn: '2027-03-01' }): Entry {
  return {
    id: 'abcd234567',
    createdAt: '2026-10-01T10:00:00.000Z',
    kind: 'application',
    outcome: 'rejected',
    title: 'Fellowship rejection',
    date: '2026-10-01',
    story: '',
    belief: { statement: 'I can do well as a research engineer', before: 60, after: 15 },
    evaluation: { method: 'cv-screen', minutesSeen: 10, whatTheySaw: '', selectionRate: 5 },
    confounders: [],
    otherConfounders: '',
    aboutMe: 80,
    notAboutMeReasons: [],
    state: [],
    nextStep: 'apply to two more programs',
    prediction,
    followUpOn: '2026-10-31',
    tags: [],
    extras: {},
    followUps: [],
    revisions: [],
  };
}

describe('parseFollowUpAnswers', () => {
  it('accepts the DESIGN.md example and keeps no next date for a resolved prediction', () => {
    const result = parseFollowUpAnswers({ beliefNow: 45, tookNextStep: true, whatHappened: 'free text', predictionCameTrue: true }, entry(), TODAY);
    expect(result).toEqual({ ok: true, answers: { beliefNow: 45, tookNextStep: true, whatHappened: 'free text', predictionCameTrue: true, checkAgainOn: null } });
  });

  it("reschedules \"can't tell yet\" to the planned check day when it is still ahead", () => {
    const result = parseFollowUpAnswers({ beliefNow: 45, tookNextStep: false, predictionCameTrue: null }, entry(), TODAY);
    expect(result.ok && result.answers.checkAgainOn).toBe('2027-03-01');
  });

  it(`reschedules to ${DEFAULT_RECHECK_DAYS} days ahead when the planned day has passed, or to checkAgainOn`, () => {
    const late = entry({ statement: 'x', probability: 50, checkOn: '2026-11-01' });
    expect(recheckDefault(late, TODAY)).toBe('2026-12-31');
    const given = parseFollowUpAnswers({ beliefNow: 45, tookNextStep: false, predictionCameTrue: null, checkAgainOn: '2027-01-15' }, late, TODAY);
    expect(given.ok && given.answers.checkAgainOn).toBe('2027-01-15');
  });

  it('lists every bad field by path', () => {
    const result = parseFollowUpAnswers({ beliefNow: '45', tookNextStep: 1, whatHappened: 7, predictionCameTrue: 'yes', checkAgainOn: '2026-13-01', mood: 'ok' }, entry(), TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.split(':')[0])).toEqual(['beliefNow', 'tookNextStep', 'whatHappened', 'predictionCameTrue', 'checkAgainOn', 'mood']);
  });

  it('requires beliefNow, tookNextStep, and the outcome of a prediction', () => {
    const result = parseFollowUpAnswers({}, entry(), TODAY);
    expect(result.ok ? [] : result.errors.map((e) => e.split(':')[0])).toEqual(['beliefNow', 'tookNextStep', 'predictionCameTrue']);
  });

  it('refuses an outcome or a new date for an entry without a prediction', () => {
    const result = parseFollowUpAnswers({ beliefNow: 45, tookNextStep: true, predictionCameTrue: false, checkAgainOn: '2027-01-01' }, entry(null), TODAY);
    expect(result.ok ? [] : result.errors).toEqual([
      'predictionCameTrue: must be left out (or null): this entry has no prediction',
      "checkAgainOn: is only used when a prediction can't be told yet (predictionCameTrue: null)",
    ]);
    expect(parseFollowUpAnswers({ beliefNow: 45, tookNextStep: true, predictionCameTrue: null }, entry(null), TODAY)).toMatchObject({ ok: true, answers: { checkAgainOn: null } });
  });

  it('refuses a new date of today or earlier, and out-of-range beliefs', () => {
    const result = parseFollowUpAnswers({ beliefNow: 101, tookNextStep: true, predictionCameTrue: null, checkAgainOn: TODAY }, entry(), TODAY);
    expect(result.ok ? [] : result.errors).toEqual(['beliefNow: must be 0 to 100 percent (got 101)', `checkAgainOn: must be after today (${TODAY})`]);
  });

  it('refuses something that is not an object', () => {
    expect(parseFollowUpAnswers([1], entry(), TODAY).ok).toBe(false);
  });
});

describe('followUpReflection', () => {
  it('measures the rebound against the belief right after, and compares with the warranted belief', () => {
    const e = entry();
    const { followUp, nextDue } = toFollowUp({ beliefNow: 45, tookNextStep: true, whatHappened: '', predictionCameTrue: true, checkAgainOn: null }, new Date('2026-12-01T10:00:00Z'));
    expect(followUp).toEqual({ answeredAt: '2026-12-01T10:00:00.000Z', beliefNow: 45, tookNextStep: true, whatHappened: '', predictionCameTrue: true });
    const r = followUpReflection(e, followUp, 59, nextDue);
    expect(r).toMatchObject({ before: 60, after: 15, now: 45, rebound: 30, sinceBefore: -15, warrantedBelief: 59, nearerWarrantedNow: true, nextFollowUpOn: null });
    expect(r.prediction).toEqual({ statement: 'I will get an interview by March', probability: 20, cameTrue: true });
  });

  it('notices when the belief fell further', () => {
    const r = followUpReflection(entry(null), { answeredAt: '', beliefNow: 5, tookNextStep: false, whatHappened: '', predictionCameTrue: null }, 59, null);
    expect(r).toMatchObject({ rebound: -10, nearerWarrantedNow: false, prediction: null });
  });
});
