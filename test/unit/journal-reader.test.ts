// `noisy search` reads a journal at the current schema directly (storage/journal-reader.ts), loading
// neither the store nor the migrations; every other journal goes through Store.openForReading. Both
// ways must give the same answers: the same entries in the same order, the same refusals, and the
// journal left as it was.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { safeQuery } from '../../src/core/search.js';
import { forgetKeys, useKey } from '../../src/storage/cipher.js';
import type { EntryFilter } from '../../src/storage/entry-filter.js';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { dueCounts, searchJournal } from '../../src/storage/journal-reader.js';
import { Store } from '../../src/storage/store.js';
import { fixtureEntry, fixtureId, followUp } from '../fixtures/journals.js';
import { tempDir } from '../helpers/cli.js';

afterEach(() => forgetKeys());

/** A journal with entries whose words rank differently: in titles, stories, follow-ups, notes. */
function makeJournal(path = join(tempDir(), 'journal.db')): string {
  const store = Store.open(path, { create: true });
  try {
    store.importEntries([
      fixtureEntry({ id: fixtureId(1), date: '2026-01-05', title: 'Interview at the lab', story: 'The interview went quickly.', tags: ['phd'] }),
      fixtureEntry({ id: fixtureId(2), date: '2026-02-10', title: 'Paper rejected', story: 'Reviewers asked about the interview study.', kind: 'peer-review', evaluation: { method: 'peer-review', minutesSeen: 30, whatTheySaw: 'the paper', selectionRate: 25 } }),
      fixtureEntry({ id: fixtureId(3), date: '2026-03-15', title: 'Fellowship', story: 'No interview at all.', followUps: [followUp({ whatHappened: 'An interviewer called back.' })] }),
      fixtureEntry({ id: fixtureId(4), date: '2026-04-20', title: 'Café talk', story: 'Nothing to do with it.', nextStep: 'Ask for feedback on the interviews.' }),
      fixtureEntry({ id: fixtureId(5), date: '2026-05-25', title: '面接 (interview)', story: '面接で緊張した。' }),
    ]);
  } finally {
    store.close();
  }
  return path;
}

/** The same search through Store.openForReading, as every other reading command reads. */
function throughStore(path: string, query: string, filter: EntryFilter, limit: number) {
  const store = Store.openForReading(path);
  try {
    return store.search(query, filter, limit);
  } finally {
    store.close();
  }
}

/** The error a call throws, as what a person sees of it. */
function refusal(call: () => unknown): { name: string; message: string; details: unknown } {
  try {
    call();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message, details: (error as { details?: unknown }).details };
  }
  throw new Error('expected a refusal');
}

async function refusalOf(call: () => Promise<unknown>): Promise<{ name: string; message: string; details: unknown }> {
  try {
    await call();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message, details: (error as { details?: unknown }).details };
  }
  throw new Error('expected a refusal');
}

/** Every file in the journal's folder with its bytes: what a search must leave as it found. */
function folderOf(path: string): Record<string, string> {
  const dir = dirname(path);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name)).toString('base64')]));
}

const QUERIES = ['interview', 'interview lab', 'feedback', '面接', 'cafe', 'nothing-matches-this'];
const FILTERS: EntryFilter[] = [{}, { since: '2026-02-01' }, { until: '2026-03-31', kind: 'peer-review' }, { tag: 'phd' }];

describe('searching a journal directly', () => {
  it('finds what the store finds, in the same order, for words, filters and limits, and leaves no file behind', async () => {
    const path = makeJournal();
    const before = folderOf(path);
    for (const words of QUERIES) {
      for (const filter of FILTERS) {
        for (const limit of [1, 2, 21]) {
          const query = safeQuery(words)!;
          const direct = await searchJournal(path, query, filter, limit);
          expect(direct.path).toBe('direct');
          expect(direct.hits, `${words} ${JSON.stringify(filter)} ${limit}`).toEqual(throughStore(path, query, filter, limit));
        }
      }
    }
    // At least one query finds several entries, so the order is tested too.
    expect((await searchJournal(path, safeQuery('interview')!, {}, 21)).hits.map((h) => h.entryId)).toEqual(throughStore(path, safeQuery('interview')!, {}, 21).map((h) => h.entryId));
    expect((await searchJournal(path, safeQuery('interview')!, {}, 21)).hits.length).toBeGreaterThan(2);
    expect(folderOf(path)).toEqual(before);
  });

  it('refuses a query FTS5 cannot read with the same usage error', async () => {
    const path = makeJournal();
    for (const bad of ['"unclosed', 'AND', 'title:', 'NEAR(a b', '*']) {
      const direct = await refusalOf(() => searchJournal(path, bad, {}, 5));
      expect(direct.name).toBe('UsageError');
      expect(direct).toEqual(refusal(() => throughStore(path, bad, {}, 5)));
    }
  });

  it('reads an unstamped journal at the current schema directly too, as recognition accepts it', async () => {
    const path = makeJournal();
    const db = new Database(path);
    db.pragma('application_id = 0');
    db.close();
    const query = safeQuery('interview')!;
    const direct = await searchJournal(path, query, {}, 5);
    expect(direct.path).toBe('direct');
    expect(direct.hits).toEqual(throughStore(path, query, {}, 5));
  });
});

describe('counting what is due, for the reminder after a command', () => {
  it('counts the follow-ups due and the replies overdue as the store does, and leaves no file behind', async () => {
    const path = join(tempDir(), 'journal.db');
    const store = Store.open(path, { create: true });
    try {
      store.importEntries([
        fixtureEntry({ id: fixtureId(11), date: '2026-10-01', followUpOn: '2026-11-01' }),
        fixtureEntry({ id: fixtureId(12), date: '2026-10-02', followUpOn: '2026-11-30' }),
        fixtureEntry({ id: fixtureId(13), date: '2026-10-03', followUpOn: '2026-12-15' }),
        fixtureEntry({ id: fixtureId(14), date: '2026-10-04', followUpOn: null }),
      ]);
      const attempt = { title: 'Lab A', date: '2026-10-01', createdAt: '2026-10-01T10:00:00.000Z', method: 'cv-screen', rate: null, beliefId: null, outcome: 'pending', resolvedOn: null, entryId: null } as const;
      store.attempts.insert({ ...attempt, id: 'a-2345abcd', expectReplyBy: '2026-11-15' });
      store.attempts.insert({ ...attempt, id: 'a-2345abce', expectReplyBy: '2026-12-20' });
      store.attempts.insert({ ...attempt, id: 'a-2345abcf', expectReplyBy: '2026-11-10', outcome: 'rejected', resolvedOn: '2026-11-12' });
    } finally {
      store.close();
    }
    const before = folderOf(path);
    for (const today of ['2026-10-15', '2026-11-01', '2026-11-30', '2026-12-01', '2027-01-01']) {
      const reader = Store.openForReading(path);
      const expected = { followUps: reader.countDueFollowUps(today), replies: reader.attempts.countOverdue(today) };
      reader.close();
      expect(await dueCounts(path, today), today).toEqual({ ...expected, path: 'direct' });
    }
    expect(await dueCounts(path, '2026-12-01')).toEqual({ followUps: 2, replies: 1, path: 'direct' });
    expect(folderOf(path)).toEqual(before);
    writeFileSync(`${path}-wal`, '', { mode: 0o600 });
    expect(await dueCounts(path, '2026-12-01')).toEqual({ followUps: 2, replies: 1, path: 'store' });
  });
});

describe('what goes through the store instead', () => {
  const query = safeQuery('interview')!;

  it('no journal yet, or an empty file: nothing found, nothing made', async () => {
    const missing = join(tempDir(), 'journal.db');
    expect(await searchJournal(missing, query, {}, 5)).toEqual({ hits: [], path: 'store' });
    expect(existsSync(missing)).toBe(false);
    const empty = join(tempDir(), 'journal.db');
    writeFileSync(empty, '', { mode: 0o600 });
    expect(await searchJournal(empty, query, {}, 5)).toEqual({ hits: [], path: 'store' });
    expect(readFileSync(empty).length).toBe(0);
  });

  it('a journal of an older schema: the store upgrades it, and the next search reads it directly', async () => {
    const path = makeJournal();
    const expected = throughStore(path, query, {}, 5);
    const db = new Database(path);
    db.exec('DROP INDEX history_by_belief; ALTER TABLE history DROP COLUMN belief_id; DROP TABLE beliefs');
    db.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    db.close();
    expect(await searchJournal(path, query, {}, 5)).toEqual({ hits: expected, path: 'store' });
    expect(await searchJournal(path, query, {}, 5)).toEqual({ hits: expected, path: 'direct' });
  });

  it('a -wal beside the journal: the store judges it', async () => {
    const path = makeJournal();
    const expected = throughStore(path, query, {}, 5);
    writeFileSync(`${path}-wal`, '', { mode: 0o600 });
    expect(await searchJournal(path, query, {}, 5)).toEqual({ hits: expected, path: 'store' });
  });

  it('an encrypted journal: with its key through the store, without it the same refusal', async () => {
    const path = join(tempDir(), 'journal.db');
    useKey(path, { kind: 'passphrase', passphrase: 'correct horse battery staple' });
    makeJournal(path);
    const expected = throughStore(path, query, {}, 5);
    expect(expected.length).toBeGreaterThan(0);
    expect(await searchJournal(path, query, {}, 5)).toEqual({ hits: expected, path: 'store' });
    forgetKeys();
    expect(await refusalOf(() => searchJournal(path, query, {}, 5))).toEqual(refusal(() => throughStore(path, query, {}, 5)));
  });

  it('files that are not a whole noisy journal: the same refusal as every reading command gives', async () => {
    const foreign = join(tempDir(), 'journal.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    const incomplete = makeJournal();
    const db = new Database(incomplete);
    db.exec('DROP TABLE drafts');
    db.close();
    const newer = makeJournal();
    const ahead = new Database(newer);
    ahead.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    ahead.close();
    const garbage = join(tempDir(), 'journal.db');
    writeFileSync(garbage, 'not a database at all, just some text that is long enough'.repeat(100), { mode: 0o600 });
    for (const path of [foreign, incomplete, newer, garbage]) {
      const direct = await refusalOf(() => searchJournal(path, query, {}, 5));
      expect(direct.name, path).toBe('RuntimeError');
      expect(direct).toEqual(refusal(() => throughStore(path, query, {}, 5)));
    }
  });
});
