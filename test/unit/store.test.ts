import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../src/errors.js';
import { parseAnswers } from '../../src/core/answers.js';
import type { Entry } from '../../src/core/entry.js';
import { loadPacks } from '../../src/packs/load.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { Store, type EntryFilter } from '../../src/storage/store.js';
import { NOISY_APPLICATION_ID } from '../../src/storage/schema.js';
import { sketchOf, type EntrySketch } from '../../src/core/history.js';
import { answers } from '../helpers/answers.js';
import { fixtureEntry, followUp } from '../fixtures/journals.js';
import { tempDir } from '../helpers/cli.js';

const mode = (path: string) => statSync(path).mode & 0o777;

/** What scanSketches hands over, copied (it reuses one object for every entry). */
function scanned(store: Store, filter: EntryFilter = {}): EntrySketch[] {
  const sketches: EntrySketch[] = [];
  store.scanSketches(filter, (sketch) => sketches.push(structuredClone(sketch)));
  return sketches;
}

function entry(id: string, overrides: Record<string, unknown> = {}): Entry {
  const result = parseAnswers(answers(overrides), loadPacks(), '2026-12-01');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return { ...result.answers, id, createdAt: '2026-12-01T10:00:00.000Z', followUps: [] };
}

function refusal(open: () => unknown): RuntimeError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(RuntimeError);
    return error as RuntimeError;
  }
  throw new Error('expected the journal to be refused');
}

describe('Store: files and permissions', () => {
  it('creates the directory 0700 and the file 0600, at the current schema', () => {
    const path = join(tempDir(), 'new', 'deeper', 'journal.db');
    const store = Store.open(path, { create: true });
    try {
      expect(store.schemaVersion).toBe(SCHEMA_VERSION);
      expect(mode(join(path, '..'))).toBe(0o700);
      expect(mode(path)).toBe(0o600);
    } finally {
      store.close();
    }
  });

  it('keeps the WAL and shared-memory files private while open', () => {
    const path = join(tempDir(), 'journal.db');
    const store = Store.open(path, { create: true });
    try {
      store.insertEntry(entry('abcd2345ef'));
      expect(existsSync(`${path}-wal`)).toBe(true);
      expect(mode(`${path}-wal`)).toBe(0o600);
      expect(mode(`${path}-shm`)).toBe(0o600);
    } finally {
      store.close();
    }
  });

  it('without create, a missing journal reads as empty and leaves no file behind', () => {
    const path = join(tempDir(), 'missing', 'journal.db');
    const store = Store.open(path, { create: false });
    expect(store.countEntries()).toBe(0);
    expect(store.listEntries()).toEqual([]);
    store.close();
    expect(existsSync(join(path, '..'))).toBe(false);
  });
});

describe('Store: migrations', () => {
  it('a fresh file reaches the latest schema with every table', () => {
    const path = join(tempDir(), 'journal.db');
    Store.open(path, { create: true }).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]);
    expect(tables).toEqual(['drafts', 'entries', 'entry_tags', 'follow_ups']);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a file made by hand at user_version 0 that holds something else, and leaves it alone', () => {
    const path = join(tempDir(), 'journal.db');
    const db = new Database(path);
    db.exec('CREATE TABLE unrelated (x)');
    db.close();
    const before = readFileSync(path);
    for (const open of [() => Store.open(path, { create: true }), () => Store.openForReading(path)]) {
      expect(refusal(open).message).toContain('is not a noisy journal');
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('sets up an empty SQLite database (a new journal never finished) at the first write', () => {
    const path = join(tempDir(), 'journal.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.close();
    const reading = Store.openForReading(path);
    expect(reading.countEntries()).toBe(0);
    reading.close();
    const store = Store.open(path, { create: false });
    store.insertEntry(entry('abcd2345ef'));
    store.close();
    const reopened = Store.openForReading(path);
    expect(reopened.getEntry('abcd2345ef')?.title).toBe('Test rejection');
    expect(reopened.schemaVersion).toBe(SCHEMA_VERSION);
    reopened.close();
  });

  it.each(MIGRATIONS.map((m) => [m.version]))('step to version %i applies on top of the one before it', (version) => {
    const path = join(tempDir(), 'journal.db');
    const db = new Database(path);
    for (const step of MIGRATIONS.filter((m) => m.version < version)) {
      db.exec(step.sql);
      step.backfill?.(db);
    }
    db.pragma(`user_version = ${version - 1}`);
    db.close();
    const store = Store.open(path, { create: false });
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    store.close();
  });

  it('v1 → v2: fills the history sketch of every existing entry with exactly what sketchOf gives', () => {
    const entries: Entry[] = [
      fixtureEntry({ date: '2026-01-02' }),
      fixtureEntry({ date: '2026-01-03', state: ['tired', 'anxious'], nextStep: '  ', confounders: ['not-about-you'] }),
      fixtureEntry({ date: '2026-01-01', prediction: { statement: 'I get one offer', probability: 30, checkOn: '2026-03-01' }, followUps: [followUp({ beliefNow: 70, predictionCameTrue: null }), followUp({ beliefNow: 20, tookNextStep: false, predictionCameTrue: true })] }),
      fixtureEntry({ date: '2026-01-04', evaluation: { minutesSeen: null, selectionRate: null }, followUpOn: null, followUps: [followUp({ beliefNow: 55 })] }),
    ];
    const path = join(tempDir(), 'journal.db');
    const db = new Database(path);
    const v1 = MIGRATIONS.find((m) => m.version === 1)!;
    db.exec(v1.sql);
    db.pragma('user_version = 1');
    // Rows laid out exactly as version 1 stored them.
    const insert = db.prepare('INSERT INTO entries (id, created_at, date, kind, title, follow_up_on, answers) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertFollowUp = db.prepare('INSERT INTO follow_ups (entry_id, seq, answered_at, data) VALUES (?, ?, ?, ?)');
    for (const e of entries) {
      const { id, createdAt, followUps, ...rest } = e;
      insert.run(id, createdAt, rest.date, rest.kind, rest.title, rest.followUpOn, JSON.stringify(rest));
      followUps.forEach((f, seq) => insertFollowUp.run(id, seq, f.answeredAt, JSON.stringify(f)));
    }
    db.close();

    const store = Store.open(path, { create: false });
    try {
      expect(store.schemaVersion).toBe(2);
      const byDate = [...entries].sort((a, b) => a.date.localeCompare(b.date));
      expect([...store.iterateSketches()]).toEqual(byDate.map(sketchOf));
      expect([...store.iterateSketches({ kind: 'application', since: '2026-01-03' })]).toEqual(byDate.slice(2).map(sketchOf));
      expect(scanned(store)).toEqual(byDate.map(sketchOf));
      expect(scanned(store, { kind: 'application', since: '2026-01-03' })).toEqual(byDate.slice(2).map(sketchOf));
      // The entries themselves come back unchanged.
      expect(store.listEntries()).toEqual(byDate);
    } finally {
      store.close();
    }
  });

  it('keeps the history sketch in step through every kind of write', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      const prediction = { statement: 'I get the next one', probability: 40, checkOn: '2026-08-01' };
      store.insertEntry(fixtureEntry({ date: '2026-02-01', prediction }));
      store.importEntries([fixtureEntry({ date: '2026-02-02', followUps: [followUp({ beliefNow: 35 })] }), fixtureEntry({ date: '2026-02-03' })]);
      store.saveDraft('reflect', { title: 'draft' }, new Date('2026-02-04T10:00:00Z'));
      store.insertEntryFromDraft(fixtureEntry({ date: '2026-02-04', state: ['hungry'] }), 'reflect');
      const [first, second] = store.listEntries();
      store.addFollowUp(first!.id, followUp({ beliefNow: 80, tookNextStep: true, predictionCameTrue: null }), '2026-09-01');
      store.addFollowUp(first!.id, followUp({ beliefNow: 60, tookNextStep: false, predictionCameTrue: false }), null);
      store.addFollowUp(second!.id, followUp({ beliefNow: 45 }), null);
      const sketches = [...store.iterateSketches()];
      expect(sketches).toEqual(store.listEntries().map(sketchOf));
      expect(scanned(store)).toEqual(sketches);
      expect(sketches[0]).toMatchObject({ followUpCount: 2, firstBeliefNow: 80, tookNextStep: false, followUpOn: null, prediction: { probability: 40, cameTrue: false } });
    } finally {
      store.close();
    }
  });

  it('works a missing sketch out from the entry itself', () => {
    const path = join(tempDir(), 'journal.db');
    const store = Store.open(path, { create: true });
    try {
      store.insertEntry(fixtureEntry({ date: '2026-03-01' }));
      store.insertEntry(fixtureEntry({ date: '2026-03-02', followUps: [followUp({ beliefNow: 35 })] }));
      const other = new Database(path);
      other.prepare('UPDATE entries SET sketch = NULL WHERE date = ?').run('2026-03-02');
      other.close();
      const expected = store.listEntries().map(sketchOf);
      expect([...store.iterateSketches()]).toEqual(expected);
      expect(scanned(store)).toEqual(expected);
    } finally {
      store.close();
    }
  });

  it('refuses a journal from a newer noisy and leaves its bytes alone', () => {
    const path = join(tempDir(), 'journal.db');
    const db = new Database(path);
    db.exec('CREATE TABLE entries (id TEXT PRIMARY KEY, answers TEXT)');
    db.pragma(`application_id = ${NOISY_APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(path);
    const error = refusal(() => Store.open(path, { create: true }));
    expect(error.message).toContain(`schema ${SCHEMA_VERSION + 1}`);
    expect(error.message).toContain('newer version of noisy');
    expect(error.details.join(' ')).toContain('The file was not changed.');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a file that is not SQLite and leaves it alone', () => {
    const dir = tempDir();
    const path = join(dir, 'notes.txt');
    const text = 'my precious notes, not a database\n'.repeat(10);
    writeFileSync(path, text);
    for (const create of [true, false]) {
      const error = refusal(() => Store.open(path, { create }));
      expect(error.message).toContain('is not a noisy journal');
    }
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses a directory as the journal path', () => {
    const dir = join(tempDir(), 'a-dir');
    mkdirSync(dir);
    expect(refusal(() => Store.open(dir, { create: true })).message).toContain('is a folder, not a journal file');
  });
});

describe('Store: entries and drafts', () => {
  it('round-trips an entry, finds it by prefix, and lists newest first', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      const older = entry('abcd2345ef', { date: '2026-11-01' });
      const newer = entry('abce6789gh', { date: '2026-11-20' });
      store.insertEntry(older);
      store.insertEntry(newer);
      expect(store.getEntry('abcd2345ef')).toEqual(older);
      expect(store.findByIdPrefix('abc').map((e) => e.id)).toEqual(['abcd2345ef', 'abce6789gh']);
      expect(store.findByIdPrefix('abce').map((e) => e.id)).toEqual(['abce6789gh']);
      expect(store.listEntries({ newestFirst: true, limit: 1 }).map((e) => e.id)).toEqual(['abce6789gh']);
      expect(store.countEntries()).toBe(2);
    } finally {
      store.close();
    }
  });

  it('saves a draft, and drops it atomically when its entry is saved', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      store.saveDraft('reflect', { title: 'half done' }, new Date('2026-12-01T10:00:00Z'));
      expect(store.loadDraft('reflect')).toEqual({ updatedAt: '2026-12-01T10:00:00.000Z', data: { title: 'half done' } });
      store.insertEntryFromDraft(entry('abcd2345ef'), 'reflect');
      expect(store.loadDraft('reflect')).toBeNull();
      // a failed insert (same id) keeps the draft
      store.saveDraft('reflect', { title: 'again' }, new Date());
      expect(() => store.insertEntryFromDraft(entry('abcd2345ef'), 'reflect')).toThrow();
      expect(store.loadDraft('reflect')?.data).toEqual({ title: 'again' });
    } finally {
      store.close();
    }
  });
});
