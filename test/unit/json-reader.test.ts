// The streamed import path (readJsonStream feeding an ExportChecker) against the simple one
// (JSON.parse, then parseExportDocument), on the same bytes cut into chunks anywhere.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/cli/context.js';
import { readJsonStream } from '../../src/cli/json-reader.js';
import type { Attempt } from '../../src/core/attempts.js';
import type { StoredBelief } from '../../src/core/belief-picture.js';
import type { Entry } from '../../src/core/entry.js';
import { ExportChecker, parseExportDocument, toExportRecord, type ParsedExport } from '../../src/core/export-document.js';
import { UsageError } from '../../src/errors.js';
import { makeEntry, packs } from '../helpers/entries.js';

const NOW = new Date('2027-06-01T00:00:00Z');

function contextReading(chunks: Uint8Array[]): Context {
  return { stdin: Object.assign(Readable.from(chunks), { isTTY: false }), cwd: process.cwd() } as unknown as Context;
}

/** Cuts `bytes` at the given offsets (any byte, even inside a character). */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

async function streamed(chunks: Uint8Array[]): Promise<ParsedExport> {
  const checker = new ExportChecker(packs, NOW);
  const entries: Entry[] = [];
  const attempts: Attempt[] = [];
  const beliefs: StoredBelief[] = [];
  await readJsonStream(contextReading(chunks), '-', 'export', 'x', {
    paths: ['$.format', '$.version', '$.beliefs.*', '$.entries.*', '$.attempts.*'],
    onRoot: (type) => checker.root(type),
    onKey: (key, type) => checker.key(key, type),
    onValue: (value, key, depth, parent) => {
      if (depth === 1) checker.field(key as string, value);
      else if (parent === 'beliefs') {
        const belief = checker.belief(key as number, value);
        if (belief) beliefs.push(belief);
      } else if (parent === 'attempts') {
        const attempt = checker.attempt(key as number, value);
        if (attempt) attempts.push(attempt);
      } else {
        const entry = checker.entry(key as number, value);
        if (entry) entries.push(entry);
      }
    },
  });
  const problems = checker.finish();
  return problems.total > 0 ? { ok: false, errors: problems.listed } : { ok: true, beliefs, entries, attempts };
}

const good = [
  makeEntry({ title: 'Fellowship rejection 研究 🎓', story: 'Ünïcode, "quotes", \\ and\nlines' }),
  makeEntry({ title: 'Harsh reviews', kind: 'peer-review', evaluation: { method: 'peer-review', minutesSeen: null, selectionRate: 25 }, confounders: ['reviewer-disagreement'] }),
].map(toExportRecord);

const attempt = { id: 'a-2345abcd', title: 'A fellowship', date: '2026-11-02', method: 'written-application', rate: 5, beliefId: null, expectReplyBy: '2026-12-01', outcome: 'pending', resolvedOn: null, entryId: null };

const belief = { id: 'b-5eh7jc', statement: 'I can do well as a research engineer', bar: null, sharedErrorCorrelation: null, createdAt: '2026-01-10T18:02:11.000Z' };

const documents: Record<string, unknown> = {
  valid: { format: 'noisy-export', version: 1, exportedAt: '2027-01-01T00:00:00.000Z', entries: good },
  empty: { format: 'noisy-export', version: 1, entries: [] },
  'with attempts': { format: 'noisy-export', version: 1, entries: good, attempts: [attempt, { ...attempt, id: 'a-3456bcde', outcome: 'rejected', resolvedOn: '2026-11-30', rate: null }] },
  'bad attempts': {
    format: 'noisy-export',
    version: 1,
    entries: [],
    attempts: [attempt, attempt, { ...attempt, id: 'a-1', rate: 100, outcome: 'pending', resolvedOn: '2026-11-30' }, 'text', { ...attempt, id: 'a-4567cdef', extra: 1 }],
  },
  'with beliefs': {
    format: 'noisy-export',
    version: 1,
    beliefs: [belief, { ...belief, id: 'b-22222a', statement: 'I can write papers', bar: 10, sharedErrorCorrelation: 0.5 }],
    entries: good,
    attempts: [{ ...attempt, beliefId: belief.id }],
  },
  'bad beliefs': {
    format: 'noisy-export',
    version: 1,
    beliefs: [belief, belief, { ...belief, id: 'b-0000', bar: 100, sharedErrorCorrelation: 1 }, 'text', { ...belief, id: 'b-33333a', statement: '', extra: 1 }],
    entries: [],
    attempts: [{ ...attempt, beliefId: 'b-44444a' }],
  },
  'beliefs not a list': { format: 'noisy-export', version: 1, beliefs: { a: belief }, entries: [] },
  'attempts not a list': { format: 'noisy-export', version: 1, entries: [], attempts: { a: attempt } },
  'bad entries': {
    format: 'noisy-export',
    version: 1,
    entries: [good[0], 'text', { ...good[1], aboutMe: 'lots', createdAt: '2030-01-01T00:00:00.000Z' }, { ...good[0], state: ['x'] }],
  },
  'bad header': { version: 3, entries: { a: good[0] }, extra: [1, { format: 'x' }], format: 'other' },
  'answers file': { kind: 'application', title: 'x', belief: { before: 50, after: 20 } },
  'a list': [good[0]],
  text: 'noisy',
};

describe('readJsonStream with an ExportChecker', () => {
  it.each(Object.entries(documents))('finds what parseExportDocument finds: %s', async (_name, document) => {
    const bytes = Buffer.from(JSON.stringify(document, null, 2));
    const expected = parseExportDocument(JSON.parse(bytes.toString('utf8')), packs, NOW);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (offsets) => {
        expect(await streamed(cut(bytes, offsets))).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('says the file is empty, cut short, not JSON or not UTF-8, as a usage error', async () => {
    const checker = new ExportChecker(packs, NOW);
    expect(checker.finish().listed).toEqual([expect.stringMatching(/the file is empty/)]);
    const full = Buffer.from(JSON.stringify(documents.valid));
    const attempt = (bytes: Uint8Array) => streamed([bytes]).then(() => 'read', (error: unknown) => (error instanceof UsageError ? error.message : String(error)));
    expect(await attempt(full.subarray(0, full.length - 3))).toMatch(/not valid JSON: it ends before the document does/);
    expect(await attempt(Buffer.concat([full, Buffer.from(' {}')]))).toMatch(/not valid JSON: unexpected "{" at byte/);
    expect(await attempt(Buffer.from('{"format": nope}'))).toMatch(/not valid JSON: unexpected/);
    expect(await attempt(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))).toMatch(/not valid UTF-8 text/);
  });
});
