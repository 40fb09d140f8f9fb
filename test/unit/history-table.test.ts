// The columns `noisy history` keeps give exactly what the whole entries give, computed the simple way.
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { HISTORY_FIELDS, HistoryTable, TextColumn, historyRowOf, historyValuesOf, median, summariseHistory, type HistoryRecord } from '../../src/core/history.js';
import { calibrate, calibrateFacts } from '../../src/core/calibration.js';
import { detectPatterns } from '../../src/core/patterns.js';
import { warrantedUpdate } from '../../src/core/warranted.js';
import { calibratedJournal, fixtureEntry, journalShowingEveryPattern, randomCalibratedJournal, variedJournal } from '../fixtures/journals.js';
import { seededRandom } from '../helpers/random.js';

const TODAY = '2026-12-01';

const journals: [string, Entry[]][] = [
  ['the journal showing every pattern', journalShowingEveryPattern()],
  ['the calibrated journal', calibratedJournal()],
  ['a generated calibrated journal', randomCalibratedJournal(300, 4)],
  ['a generated varied journal', variedJournal(2000, 5)],
  ['a generated varied journal with good news in it', variedJournal(500, 6).map((e, i): Entry => (i % 3 === 0 ? { ...e, outcome: 'accepted' } : e))],
];

/** An entry's record the long way: its fields, and the full warranted update (not the lean one the table uses). */
function recordTheLongWay(entry: Entry): HistoryRecord {
  const row = historyRowOf(entry);
  const w = warrantedUpdate(row);
  return { ...row, warrantedBelief: w.warrantedBelief, actualShift: w.actualShift, warrantedShift: w.warrantedShift, overupdateFactor: w.overupdateFactor, gap: w.warrantedBelief - row.after };
}

describe('HISTORY_FIELDS', () => {
  it('reads each field from the entry as history means it', () => {
    const entry = fixtureEntry({
      kind: 'peer-review',
      outcome: 'accepted',
      evaluation: { method: 'peer-review', minutesSeen: null, selectionRate: 12.5 },
      confounders: ['reviewer-disagreement'],
      belief: { id: 'b-3fk2xa' },
      state: ['fine', 'hungry'],
      nextStep: '  ',
      followUpOn: '2026-08-01',
      prediction: { statement: 'accepted next time', probability: 35, checkOn: '2026-09-01' },
      followUps: [
        { answeredAt: '2026-07-01T10:00:00Z', beliefNow: 44, tookNextStep: true, whatHappened: '', predictionCameTrue: true },
        { answeredAt: '2026-07-20T10:00:00Z', beliefNow: 48, tookNextStep: false, whatHappened: '', predictionCameTrue: null },
      ],
    });
    expect(historyRowOf(entry)).toEqual({
      id: entry.id, date: '2026-06-01', kind: 'peer-review', method: 'peer-review', before: 60, after: 50, minutesSeen: null,
      selectionRate: 12.5, confounders: ['reviewer-disagreement'], aboutMe: 40, clouded: true, hasNextStep: false,
      followUpOn: '2026-08-01', followUpCount: 2, tookNextStep: false, predictionProbability: 35, predictionCameTrue: true,
      firstBeliefNow: 44, outcome: 'accepted', beliefId: 'b-3fk2xa',
    });
    expect(historyValuesOf(entry)).toEqual(HISTORY_FIELDS.map((field) => historyRowOf(entry)[field.name]));
  });
});

describe('HistoryTable', () => {
  it.each(journals)('%s: every row reads back as the record worked out the long way', (_, entries) => {
    const table = HistoryTable.fromEntries(entries);
    expect(table.length).toBe(entries.length);
    [...table.records()].forEach((record, i) => {
      const expected = recordTheLongWay(entries[i]!);
      expect(record).toEqual(expected);
      expect(Object.is(record.overupdateFactor, expected.overupdateFactor)).toBe(true);
    });
  });

  it.each(journals)('%s: the same overview, patterns and calibration from the table as from records and whole entries', (_, entries) => {
    const table = HistoryTable.fromEntries(entries);
    const records = entries.map(recordTheLongWay);
    // Both through the public functions: records are turned into a table, the table is used as is.
    expect(JSON.stringify(summariseHistory(table))).toBe(JSON.stringify(summariseHistory(records)));
    expect(JSON.stringify(detectPatterns(table, TODAY))).toBe(JSON.stringify(detectPatterns(records, TODAY)));
    expect(JSON.stringify(calibrateFacts(table.calibrationFacts()))).toBe(JSON.stringify(calibrate(entries)));
  });

  it('works out each row with its belief\'s own bar, as an entry\'s own figures do', () => {
    const entries = variedJournal(300, 7).map((e, i): Entry => ({ ...e, belief: { ...e.belief, id: i % 2 === 0 ? 'b-22222a' : 'b-33333a' } }));
    const bars = new Map([['b-22222a', 10]]);
    const table = new HistoryTable(0, bars);
    for (const entry of entries) table.add(historyValuesOf(entry));
    [...table.records()].forEach((record, i) => {
      const row = historyRowOf(entries[i]!);
      const w = warrantedUpdate({ ...row, ...(i % 2 === 0 ? { bar: 10 } : {}) });
      expect(record.warrantedBelief).toBe(w.warrantedBelief);
      expect(record.warrantedShift).toBe(w.warrantedShift);
    });
    // And the bar made a difference: rows at noisy's default differ from them.
    const atDefault = HistoryTable.fromEntries(entries);
    expect(entries.filter((_, i) => i % 2 === 0 && table.at(i).warrantedBelief !== atDefault.at(i).warrantedBelief).length).toBeGreaterThan(10);
  });

  it('grows past its first capacity without losing rows', () => {
    const entries = variedJournal(3000, 6);
    const table = HistoryTable.fromEntries(entries);
    expect(table.at(2999).id).toBe(entries[2999]!.id);
    expect(table.at(0)).toEqual(recordTheLongWay(entries[0]!));
    expect(() => table.at(3000)).toThrow(RangeError);
  });

  it('refuses a kind or method it does not know', () => {
    const values = historyValuesOf(fixtureEntry());
    const at = (name: string) => HISTORY_FIELDS.findIndex((field) => field.name === name);
    expect(() => new HistoryTable().add(Object.assign([...values], { [at('kind')]: 'audition' }))).toThrow(RangeError);
    expect(() => new HistoryTable().add(Object.assign([...values], { [at('method')]: 'telepathy' }))).toThrow(RangeError);
  });
});

describe('TextColumn', () => {
  it('gives back every string it was given, however long and whatever the characters', () => {
    const texts = ['', 'a', 'xh752np9kc', 'ïd-ünicode-😀', 'x'.repeat(10_000), ...Array.from({ length: 5000 }, (_, i) => `id${i}`)];
    const column = new TextColumn();
    for (const text of texts) column.push(text);
    expect(column.length).toBe(texts.length);
    texts.forEach((text, i) => expect(column.at(i)).toBe(text));
    expect(() => column.at(texts.length)).toThrow(RangeError);
  });
});

describe('median', () => {
  /** The median by a plain array sort with a comparator, in the middle or between the middle two. */
  const bySort = (values: number[]): number | null => {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };

  it('is the middle value of the sorted list, or the mean of the middle two', () => {
    const random = seededRandom(12);
    for (const size of [1, 2, 3, 10, 999, 1000, 1001, 5000]) {
      const values = Array.from({ length: size }, () => Math.round((random() * 200 - 100) * 100) / 100);
      for (const input of [values, new Float64Array(values)]) expect(median(input)).toBe(bySort(values));
    }
    expect(median([5, -1, Infinity, 2])).toBe(3.5);
  });

  it('leaves its input as it was', () => {
    const values = new Float64Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 3001));
    const before = values.slice();
    median(values);
    expect(values).toEqual(before);
  });
});
