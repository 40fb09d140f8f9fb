import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../src/core/attempts.js';
import { ATTEMPT_ID, ENTRY_ID, newAttemptId, newEntryId } from '../../src/core/ids.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { expectedSchema } from '../../src/storage/schema.js';
import { Store } from '../../src/storage/store.js';
import { fixtureEntry } from '../fixtures/journals.js';
import { tempDir } from '../helpers/cli.js';

/** The version that added the attempts table. */
const ATTEMPTS_VERSION = MIGRATIONS.find((m) => m.sql.includes('CREATE TABLE attempts'))!.version;

const attempt = (overrides: Partial<Attempt> = {}): Attempt => ({
  id: newAttemptId(),
  title: 'MATS winter fellowship',
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

describe('attempt ids', () => {
  it('are a- and 8 characters of the entry alphabet, and never look like an entry id', () => {
    for (let i = 0; i < 200; i++) {
      const id = newAttemptId();
      expect(id).toMatch(ATTEMPT_ID);
      expect(ENTRY_ID.test(id)).toBe(false);
      expect(ENTRY_ID.test(id.slice(0, 6))).toBe(false);
      expect(ATTEMPT_ID.test(newEntryId())).toBe(false);
    }
  });
});

describe('the attempts table', () => {
  it(`a journal of version ${ATTEMPTS_VERSION - 1} with entries migrates: they stay, and attempts can be stored`, () => {
    const path = join(tempDir(), 'journal.db');
    const setUp = Store.open(path, { create: true });
    const entry = fixtureEntry({ date: '2026-11-20' });
    setUp.insertEntry(entry);
    setUp.close();
    // Undo the attempts step by hand: the file is then what the version before made.
    const db = new Database(path);
    db.exec('DROP TABLE attempts');
    // And the steps after it (stored beliefs, schema 9), which a journal of that version lacks too.
    db.exec('DROP INDEX history_by_belief; ALTER TABLE history DROP COLUMN belief_id; DROP TABLE beliefs');
    db.pragma(`user_version = ${ATTEMPTS_VERSION - 1}`);
    db.close();
    const store = Store.open(path, { create: false });
    try {
      expect(store.schemaVersion).toBe(SCHEMA_VERSION);
      // The entry as it was, now about the belief its statement makes.
      expect(store.getEntry(entry.id)).toEqual({ ...entry, belief: { ...entry.belief, id: expect.stringMatching(/^b-/) } });
      expect(store.attempts.count()).toBe(0);
      const a = attempt({ entryId: entry.id });
      store.attempts.insert(a);
      expect(store.attempts.list()).toEqual([a]);
    } finally {
      store.close();
    }
    expect(expectedSchema(ATTEMPTS_VERSION).map((o) => o.name)).toEqual(expect.arrayContaining(['attempts', 'attempts_by_date', 'attempts_awaiting_reply']));
  });

  it('stores, finds by prefix, resolves, lists overdue replies and deletes', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      const a = attempt({ id: 'a-2345abcd', expectReplyBy: '2026-11-20' });
      const b = attempt({ id: 'a-2345abce', expectReplyBy: null, rate: null, method: 'cv-screen' });
      const c = attempt({ id: 'a-9999zzzz', expectReplyBy: '2026-12-20' });
      for (const x of [a, b, c]) store.attempts.insert(x);
      expect(store.attempts.findByIdPrefix('a-2345').map((x) => x.id)).toEqual([a.id, b.id]);
      expect(store.attempts.findByIdPrefix('a-99')).toEqual([c]);
      expect(store.attempts.overdue('2026-12-01').map((x) => x.id)).toEqual([a.id]);
      expect(store.attempts.countOverdue('2026-12-21')).toBe(2);
      expect(store.attempts.resolve(a.id, 'rejected', '2026-11-25')).toBe(true);
      expect(store.attempts.get(a.id)).toMatchObject({ outcome: 'rejected', resolvedOn: '2026-11-25' });
      expect(store.attempts.overdue('2026-12-01')).toEqual([]);
      expect(store.attempts.delete(b.id)).toBe(true);
      expect(store.attempts.delete(b.id)).toBe(false);
      expect(store.attempts.list().map((x) => x.id)).toEqual([a.id, c.id]);
    } finally {
      store.close();
    }
  });

  it('refuses a rate of 0 or 100 and an unknown outcome at the table itself', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      expect(() => store.attempts.insert(attempt({ rate: 100 }))).toThrow();
      expect(() => store.attempts.insert(attempt({ rate: 0 }))).toThrow();
      expect(() => store.attempts.insert(attempt({ outcome: 'maybe' as Attempt['outcome'] }))).toThrow();
      expect(store.attempts.count()).toBe(0);
    } finally {
      store.close();
    }
  });

  it('deleting an entry keeps the attempt it reflected on, without the link', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      const entry = fixtureEntry({ date: '2026-11-20' });
      store.insertEntry(entry);
      const a = attempt({ entryId: entry.id, outcome: 'rejected', resolvedOn: '2026-11-20' });
      store.attempts.insert(a);
      expect(store.deleteEntry(entry.id)).toBe(true);
      expect(store.attempts.get(a.id)).toEqual({ ...a, entryId: null });
    } finally {
      store.close();
    }
  });
});
