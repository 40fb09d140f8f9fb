import { describe, expect, it } from 'vitest';
import { calendarReminders, openPredictionDay, remindersOf } from '../../src/core/calendar.js';
import type { FollowUp } from '../../src/core/entry.js';
import { makeEntry } from '../helpers/entries.js';

const PREDICTION = { statement: 'I will get an interview by March', probability: 20, checkOn: '2027-03-01' };

function followUp(predictionCameTrue: boolean | null, answeredAt = '2026-12-20T09:00:00.000Z'): FollowUp {
  return { answeredAt, beliefNow: 40, tookNextStep: true, whatHappened: '', predictionCameTrue };
}

describe('remindersOf', () => {
  it('gives an entry its follow-up and its prediction check, each on its own day with its own UID', () => {
    const entry = makeEntry({ followUpOn: '2026-12-20', prediction: PREDICTION }, { id: 'abcd2345' });
    const reminders = remindersOf(entry);
    expect(reminders.map((r) => [r.kind, r.day, r.uid])).toEqual([
      ['followup', '2026-12-20', 'abcd2345.followup@noisy.invalid'],
      ['prediction', '2027-03-01', 'abcd2345.prediction@noisy.invalid'],
    ]);
    expect(reminders[0]?.summary).toBe('Look back: Test rejection');
    expect(reminders[1]?.summary).toBe('Check your prediction: I will get an interview by March');
    expect(reminders[1]?.description).toContain('you gave this 20%');
    for (const r of reminders) expect(r.description).toContain('Run: noisy followup abcd2345');
  });

  it('gives nothing for an entry without a follow-up or a prediction', () => {
    expect(remindersOf(makeEntry({ followUpOn: null }))).toEqual([]);
  });

  it('drops a prediction a follow-up already settled, either way', () => {
    for (const cameTrue of [true, false]) {
      const entry = makeEntry({ followUpOn: null, prediction: PREDICTION }, { followUps: [followUp(cameTrue)] });
      expect(openPredictionDay(entry)).toBeNull();
      expect(remindersOf(entry)).toEqual([]);
    }
  });

  it('moves a prediction that could not be told yet to the follow-up it was rescheduled to', () => {
    const entry = makeEntry({ followUpOn: '2027-05-02', prediction: PREDICTION }, { followUps: [followUp(null)] });
    expect(remindersOf(entry).map((r) => [r.kind, r.day])).toEqual([
      ['followup', '2027-05-02'],
      ['prediction', '2027-05-02'],
    ]);
  });

  it('stamps each event with when the entry last changed, and counts its changes in SEQUENCE', () => {
    const fresh = makeEntry({ followUpOn: '2026-12-20' }, { createdAt: '2026-11-20T14:03:00.000Z' });
    expect(remindersOf(fresh)[0]).toMatchObject({ sequence: 0, changedAt: '2026-11-20T14:03:00.000Z' });
    const answered = { ...fresh, followUps: [followUp(null, '2026-12-20T09:00:00.000Z'), followUp(null, '2026-12-01T09:00:00.000Z')] };
    expect(remindersOf(answered)[0]).toMatchObject({ sequence: 2, changedAt: '2026-12-20T09:00:00.000Z' });
    const edited = { ...answered, revisions: [{ revisedAt: '2027-01-05T10:00:00.000Z', changed: ['title'], previous: fresh }] };
    expect(remindersOf(edited)[0]).toMatchObject({ sequence: 3, changedAt: '2027-01-05T10:00:00.000Z' });
  });
});

describe('calendarReminders', () => {
  it('orders reminders by day, then UID, whatever order the entries come in', () => {
    const a = makeEntry({ followUpOn: '2027-01-10', prediction: { ...PREDICTION, checkOn: '2026-12-24' } }, { id: 'bbbb2345' });
    const b = makeEntry({ followUpOn: '2027-01-10' }, { id: 'aaaa2345' });
    const expected = ['bbbb2345.prediction@noisy.invalid', 'aaaa2345.followup@noisy.invalid', 'bbbb2345.followup@noisy.invalid'];
    expect(calendarReminders([a, b]).map((r) => r.uid)).toEqual(expected);
    expect(calendarReminders([b, a]).map((r) => r.uid)).toEqual(expected);
  });
});
