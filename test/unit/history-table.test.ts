// The columnar path `noisy history` takes on large journals gives exactly what the record path gives.
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { HistoryTable, TextColumn, median, sketchOf, summariseHistory, toRecord, type EntrySketch } from '../../src/core/history.js';
import { calibrateFacts } from '../../src/core/calibration.js';
import { detectPatterns } from '../../src/core/patterns.js';
import { decodeSketchInto, emptySketch, sketchColumn, sketchFromColumn } from '../../src/storage/rows.js';
import { calibratedJournal, fixtureEntry, journalShowingEveryPattern, randomCalibratedJournal, variedJournal } from '../fixtures/journals.js';
import { seededRandom } from '../helpers/random.js';

const TODAY = '2026-12-01';

const journals: [string, Entry[]][] = [
  ['the journal showing every pattern', journalShowingEveryPattern()],
  ['the calibrated journal', calibratedJournal()],
  ['a generated calibrated journal', randomCalibratedJournal(300, 4)],
  ['a generated varied journal', variedJournal(2000, 5)],
];

describe('HistoryTable', () => {
  it.each(journals)('%s: every row reads back as the record toRecord gives', (_, entries) => {
    const sketches = entries.map(sketchOf);
    const table = HistoryTable.fromSketches(sketches);
    expect(table.length).toBe(entries.length);
    const records = [...table.records()];
    records.forEach((record, i) => {
      const expected = toRecord(sketches[i]!);
      expect(record).toEqual(expected);
      expect(Object.is(record.overupdateFactor, expected.overupdateFactor)).toBe(true);
    });
  });

  it.each(journals)('%s: the same overview, patterns and calibration as before, to the byte', (_, entries) => {
    const sketches = entries.map(sketchOf);
    const records = sketches.map(toRecord);
    const table = HistoryTable.fromSketches(sketches);
    // Both through the public functions: records are turned into a table, the table is used as is.
    expect(JSON.stringify(summariseHistory(table))).toBe(JSON.stringify(summariseHistory(records)));
    expect(JSON.stringify(detectPatterns(table, TODAY))).toBe(JSON.stringify(detectPatterns(records, TODAY)));
    expect(JSON.stringify(calibrateFacts(table.calibrationFacts()))).toBe(JSON.stringify(calibrateFacts(sketches)));
  });

  it('grows past its first capacity without losing rows', () => {
    const entries = variedJournal(3000, 6);
    const table = HistoryTable.fromSketches(entries.map(sketchOf));
    expect(table.at(2999).id).toBe(entries[2999]!.id);
    expect(table.at(0)).toEqual(toRecord(sketchOf(entries[0]!)));
    expect(() => table.at(3000)).toThrow(RangeError);
  });

  it('refuses a kind or method it does not know', () => {
    const sketch = sketchOf(fixtureEntry());
    expect(() => new HistoryTable().add({ ...sketch, kind: 'audition' } as unknown as EntrySketch)).toThrow(RangeError);
    expect(() => new HistoryTable().add({ ...sketch, method: 'telepathy' } as unknown as EntrySketch)).toThrow(RangeError);
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

describe('decodeSketchInto', () => {
  it('reads every stored sketch exactly as JSON.parse does, reusing one object', () => {
    const into = emptySketch();
    for (const entry of variedJournal(2000, 7)) {
      const column = sketchColumn(entry);
      decodeSketchInto(column, into);
      expect(into).toEqual(sketchFromColumn(column));
    }
  });

  it('hands anything outside the plain form to JSON.parse: escapes, signs, exponents, odd spacing', () => {
    const base = JSON.parse(sketchColumn(fixtureEntry({ confounders: ['little-information'] }))) as unknown[];
    const variants: unknown[][] = [
      Object.assign([...base], { 0: 'id\\"with\\\\escapes' }),
      Object.assign([...base], { 0: 'ïd-ünicode' }),
      Object.assign([...base], { 4: 12.25, 5: 0.001, 6: 1e-7, 7: 3.5e21 }),
      Object.assign([...base], { 9: -0.5, 13: 1234567890123456 }),
      Object.assign([...base], { 8: [], 15: 0, 16: true, 17: 100 }),
    ];
    const into = emptySketch();
    for (const variant of variants) {
      const text = JSON.stringify(variant);
      decodeSketchInto(text, into);
      expect(into).toEqual(sketchFromColumn(text));
    }
    const spaced = JSON.stringify(base, null, 1);
    decodeSketchInto(spaced, into);
    expect(into).toEqual(sketchFromColumn(spaced));
  });

  it('throws as JSON.parse does on text that is not JSON', () => {
    const good = sketchColumn(fixtureEntry());
    for (const bad of [good.slice(0, -1), good.replace(',60,', ',060,'), good.replace(',60,', ',1.,'), `${good}x`]) {
      expect(() => sketchFromColumn(bad)).toThrow(SyntaxError);
      expect(() => decodeSketchInto(bad, emptySketch())).toThrow(SyntaxError);
    }
  });
});

describe('median on long lists', () => {
  /** The median as a full numeric sort gives it: the reference the selection must match exactly. */
  const bySort = (values: number[]): number | null => {
    if (values.length === 0) return null;
    const sorted = new Float64Array(values).sort();
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };

  it('is exactly the sorted median, signed zeros, ties, infinities and NaN included', () => {
    const random = seededRandom(12);
    const pools: (() => number)[] = [
      () => random() * 200 - 100,
      () => Math.round(random() * 6) - 3,
      () => [0, -0, 0, -0, 1, -1][Math.floor(random() * 6)]!,
      () => [-0, -0, 0][Math.floor(random() * 3)]!,
      () => [Infinity, -Infinity, 5, -0][Math.floor(random() * 4)]!,
      () => (random() < 0.01 ? Number.NaN : random()),
    ];
    for (const draw of pools) {
      for (const size of [1000, 1001, 1002, 4999, 5000]) {
        const values = Array.from({ length: size }, draw);
        const expected = bySort(values);
        for (const input of [values, new Float64Array(values)]) {
          const got = median(input);
          expect(Object.is(got, expected), `${got} vs ${expected} (size ${size})`).toBe(true);
        }
      }
    }
  });

  it('leaves its input as it was', () => {
    const values = new Float64Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 3001));
    const before = values.slice();
    median(values);
    expect(values).toEqual(before);
  });
});
