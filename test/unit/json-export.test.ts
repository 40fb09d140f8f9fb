import type { StoredBelief } from '../../src/core/belief-picture.js';
import type { Attempt } from '../../src/core/attempts.js';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, parseExportDocument, toExportRecord } from '../../src/core/export-document.js';
import { renderJson } from '../../src/exporters/json.js';
import { EXPORT_FORMATS, findExporter } from '../../src/exporters/registry.js';
import { makeEntry, packs } from '../helpers/entries.js';

/** The clock of these tests: every sample entry was saved before it. */
const NOW = new Date('2027-06-01T00:00:00Z');

const followUp = { answeredAt: '2027-01-05T09:30:00.000Z', beliefNow: 45, tookNextStep: true, whatHappened: 'Got an interview.\nAnd a second one.', predictionCameTrue: true };

function sample() {
  return [
    makeEntry({ title: 'Fellowship rejection', organisation: 'A fellowship', prediction: { statement: 'An interview by March', probability: 20, checkOn: '2027-03-01' } }, { followUps: [followUp] }),
    makeEntry({ title: 'Harsh reviews "R2"', kind: 'peer-review', evaluation: { method: 'peer-review', minutesSeen: null, selectionRate: 25 }, confounders: ['reviewer-disagreement'], followUpOn: null }),
  ];
}

/** An attempt of the ledger, as the store returns it. */
const ledgerAttempt = (id: string, overrides: Partial<Attempt> = {}): Attempt => ({
  id,
  title: 'A fellowship',
  date: '2026-11-02',
  method: 'written-application',
  rate: 5,
  beliefId: null,
  expectReplyBy: '2026-12-01',
  outcome: 'pending',
  resolvedOn: null,
  entryId: null,
  ...overrides,
});

/** A belief as the store returns it. */
const BELIEF: StoredBelief = { id: 'b-5eh7jc', statement: 'I can do well as a research engineer', bar: null, sharedErrorCorrelation: null, createdAt: '2026-01-10T18:02:11.000Z' };

describe('renderJson', () => {
  it('streams exactly JSON.stringify(document, null, 2)', () => {
    const entries = sample();
    const text = [...renderJson(entries)].join('');
    expect(text).toBe(`${JSON.stringify({ format: EXPORT_FORMAT, version: 2, beliefs: [], entries: entries.map(toExportRecord), attempts: [] }, null, 2)}\n`);
    expect([...renderJson([])].join('')).toBe(`${JSON.stringify({ format: EXPORT_FORMAT, version: 2, beliefs: [], entries: [], attempts: [] }, null, 2)}\n`);
    const attempts = [ledgerAttempt('a-2345abcd'), ledgerAttempt('a-3456bcde', { outcome: 'no-reply', resolvedOn: '2026-11-30', rate: null })];
    const other = { ...BELIEF, id: 'b-22222a', statement: 'Ünïcode 研究 "quoted"', bar: 10, sharedErrorCorrelation: 0.5 };
    // Beliefs by id, whatever order they come in.
    expect([...renderJson(entries, { beliefs: [BELIEF, other], attempts })].join('')).toBe(
      `${JSON.stringify({ format: EXPORT_FORMAT, version: 2, beliefs: [other, BELIEF], entries: entries.map(toExportRecord), attempts }, null, 2)}\n`,
    );
  });

  it('keeps every stored field, follow-ups and extras included', () => {
    const [entry] = sample();
    const document = JSON.parse([...renderJson([entry!])].join('')) as { entries: unknown[] };
    expect(document.entries[0]).toEqual(entry);
  });

  it('is registered beside Markdown', () => {
    expect(EXPORT_FORMATS).toEqual(['md', 'json']);
    expect(findExporter('json')?.extension).toBe('json');
    expect(findExporter('toString')).toBeUndefined();
  });
});

describe('parseExportDocument', () => {
  it('reads back what renderJson wrote, entry for entry', () => {
    const entries = sample();
    const parsed = parseExportDocument(JSON.parse([...renderJson(entries)].join('')), packs, NOW);
    expect(parsed).toEqual({ ok: true, beliefs: [], entries: entries.map(toExportRecord), attempts: [] });
    const attempts = [ledgerAttempt('a-2345abcd', { title: 'Ünïcode 研究 "quoted"', beliefId: BELIEF.id })];
    expect(parseExportDocument(JSON.parse([...renderJson(entries, { beliefs: [BELIEF], attempts })].join('')), packs, NOW)).toEqual({ ok: true, beliefs: [BELIEF], entries: entries.map(toExportRecord), attempts });
  });

  it('accepts old dates and follow-up days long past', () => {
    const old = makeEntry({ date: '2019-03-04', followUpOn: '2019-04-01', prediction: { statement: 'x', probability: 5, checkOn: '2019-05-01' } });
    const parsed = parseExportDocument({ format: EXPORT_FORMAT, version: 1, entries: [toExportRecord(old)] }, packs, NOW);
    expect(parsed.ok).toBe(true);
  });

  it('holds follow-up text to the same rules as a follow-up answered in noisy', () => {
    const [good] = sample().map(toExportRecord) as unknown as [Record<string, unknown>];
    const document = {
      format: EXPORT_FORMAT,
      version: 1,
      entries: [{ ...good, followUps: [{ ...followUp, whatHappened: 'a bell\u0007 and half a pair \ud83d' }] }],
    };
    const parsed = parseExportDocument(JSON.parse(JSON.stringify(document)), packs, NOW);
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      'entries[0].followUps[0].whatHappened: contains a control character (<U+0007>); remove it',
      'entries[0].followUps[0].whatHappened: contains a broken character (half of a UTF-16 surrogate pair)',
    ]);
  });

  it('lists every problem by its path', () => {
    const [good, other] = sample().map(toExportRecord) as unknown as [Record<string, unknown>, Record<string, unknown>];
    const document = {
      format: EXPORT_FORMAT,
      version: 1,
      entries: [
        good,
        { ...other, id: 'NOT AN ID', createdAt: 'yesterday', belief: { statement: 'x', before: 50, after: 140 } },
        'just text',
        { ...good, followUps: [{ ...followUp, beliefNow: -1, extra: 1 }] },
        { ...other, followUpOn: undefined, kind: 'party' },
      ],
    };
    const parsed = parseExportDocument(JSON.parse(JSON.stringify(document)), packs, NOW);
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^entries\[1\]\.id: must be an entry id/),
        expect.stringMatching(/^entries\[1\]\.createdAt: must be an ISO timestamp/),
        'entries[1].belief.after: must be 0 to 100 percent (got 140)',
        'entries[2]: must be an object (one journal entry)',
        expect.stringMatching(/^entries\[3\]\.followUps\[0\]\.beliefNow: must be a number from 0 to 100/),
        'entries[3].followUps[0].extra: is not a field of a follow-up',
        expect.stringMatching(/^entries\[3\]\.id: ".*" is already used by entries\[0\]$/),
        expect.stringMatching(/^entries\[4\]\.followUpOn: is required/),
        expect.stringMatching(/^entries\[4\]\.kind: must be one of application/),
      ]),
    );
  });

  it('refuses documents that are not noisy exports, or come from a newer noisy', () => {
    expect(parseExportDocument([], packs, NOW)).toEqual({ ok: false, errors: [expect.stringMatching(/^\(top level\): must be a JSON object/)] });
    const answersFile = parseExportDocument({ kind: 'application', title: 'x', belief: { before: 50, after: 20 } }, packs, NOW);
    expect(answersFile.ok ? [] : answersFile.errors).toEqual([expect.stringMatching(/answers file for `noisy reflect --answers`/)]);
    const wrong = parseExportDocument({ format: 'other', version: 1, entries: 'x' }, packs, NOW);
    expect(wrong.ok ? [] : wrong.errors).toEqual([expect.stringMatching(/^format:/), 'entries: must be a list of entries']);
    const newer = parseExportDocument({ format: EXPORT_FORMAT, version: 3, entries: [] }, packs, NOW);
    expect(newer.ok ? [] : newer.errors).toEqual([expect.stringMatching(/^version: 3 was written by a newer noisy \(this one reads version 2\)/)]);
    for (const bad of [0, 1.5, '2', null]) {
      const odd = parseExportDocument({ format: EXPORT_FORMAT, version: bad, entries: [] }, packs, NOW);
      expect(odd.ok ? [] : odd.errors).toEqual(['version: must be a whole number from 1 to 2']);
    }
    // Version 1 (before outcomes, beliefs and attempts) is still read.
    expect(parseExportDocument({ format: EXPORT_FORMAT, version: 1, entries: [] }, packs, NOW).ok).toBe(true);
  });
});
