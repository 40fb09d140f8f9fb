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
import { HISTORY_FIELDS, historyValuesOf, type HistoryValues } from '../../src/core/history.js';
import { addHistoryFields, HISTORY_FIELDS_V3 } from '../../src/storage/migrations.js';
import { answers } from '../helpers/answers.js';
import { addDays } from '../../src/core/dates.js';
import { fixtureEntry, followUp } from '../fixtures/journals.js';
import { tempDir } from '../helpers/cli.js';

const mode = (path: string) => statSync(path).mode & 0o777;

/** What scanHistory hands over, copied (its values are only valid during the call). */
function scanned(store: Store, filter: EntryFilter = {}): HistoryValues[] {
  const rows: HistoryValues[] = [];
  store.scanHistory(filter, (values) => rows.push(structuredClone(values)));
  return rows;
}

/** The columns of a table, by name. */
function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
}

/** A journal file at `version`, made by the steps up to it, with these entries in it as that version stored them. */
function journalAtVersion(version: number, entries: Entry[]): string {
  const path = join(tempDir(), 'journal.db');
  const db = new Database(path);
  db.exec(MIGRATIONS.find((m) => m.version === 1)!.sql);
  // Rows laid out exactly as version 1 stored them; later steps fill what they add.
  const insert = db.prepare('INSERT INTO entries (id, created_at, date, kind, title, follow_up_on, answers) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertFollowUp = db.prepare('INSERT INTO follow_ups (entry_id, seq, answered_at, data) VALUES (?, ?, ?, ?)');
  for (const e of entries) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- revisions came with v5
    const { id, createdAt, followUps, revisions, ...rest } = e;
    insert.run(id, createdAt, rest.date, rest.kind, rest.title, rest.followUpOn, JSON.stringify(rest));
    followUps.forEach((f, seq) => insertFollowUp.run(id, seq, f.answeredAt, JSON.stringify(f)));
  }
  for (const step of MIGRATIONS.filter((m) => m.version > 1 && m.version <= version)) {
    db.exec(step.sql);
    step.backfill?.(db);
  }
  db.pragma(`user_version = ${version}`);
  db.close();
  return path;
}

/**
 * `entries` with the belief id the store gave each (schema 6 gives every entry one); checks that every
 * entry has one and that entries with one statement share it.
 */
function withBeliefIds(store: Store, entries: Entry[]): Entry[] {
  const byStatement = new Map<string, string>();
  return entries.map((e) => {
    const id = store.getEntry(e.id)?.belief.id ?? '';
    expect(id).toMatch(/^b-[a-z2-9]{6}$/);
    const shared = byStatement.get(e.belief.statement.toLowerCase()) ?? id;
    byStatement.set(e.belief.statement.toLowerCase(), shared);
    expect(id).toBe(shared);
    return { ...e, belief: { ...e.belief, id } };
  });
}

/** Entries of every shape history reads, on four days (not in date order). */
function entriesOfEveryShape(): Entry[] {
  return [
    fixtureEntry({ date: '2026-01-02' }),
    fixtureEntry({ date: '2026-01-03', state: ['tired', 'anxious'], nextStep: '  ', confounders: ['not-about-you'] }),
    fixtureEntry({ date: '2026-01-01', prediction: { statement: 'I get one offer', probability: 30, checkOn: '2026-03-01' }, followUps: [followUp({ beliefNow: 70, predictionCameTrue: null }), followUp({ beliefNow: 20, tookNextStep: false, predictionCameTrue: true })] }),
    fixtureEntry({ date: '2026-01-04', belief: { before: 12.5, after: 0 }, evaluation: { minutesSeen: null, selectionRate: null }, followUpOn: null, followUps: [followUp({ beliefNow: 55 })] }),
  ];
}

function entry(id: string, overrides: Record<string, unknown> = {}): Entry {
  const result = parseAnswers(answers(overrides), loadPacks(), '2026-12-01');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return { ...result.answers, id, createdAt: '2026-12-01T10:00:00.000Z', followUps: [], revisions: [] };
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
    // entry_search and its shadow tables: the full-text index (migration 4).
    expect(tables).toEqual([
      'attempts',
      'beliefs',
      'drafts',
      'entries',
      'entry_search',
      'entry_search_config',
      'entry_search_data',
      'entry_search_docsize',
      'entry_search_idx',
      'entry_tags',
      'entry_text',
      'follow_ups',
      'history',
      'revisions',
    ]);
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

  it.each([1, 2])('v%i → latest: history reads exactly the fields of every existing entry, and the v2 sketch is gone', (version) => {
    const entries = entriesOfEveryShape();
    const path = journalAtVersion(version, entries);
    if (version === 2) {
      const before = new Database(path, { readonly: true });
      expect(before.prepare('SELECT count(*) FROM entries WHERE sketch IS NOT NULL').pluck().get()).toBe(entries.length);
      before.close();
    }
    const store = Store.open(path, { create: false });
    try {
      expect(store.schemaVersion).toBe(SCHEMA_VERSION);
      const byDate = withBeliefIds(store, [...entries].sort((a, b) => a.date.localeCompare(b.date)));
      expect(scanned(store)).toEqual(byDate.map(historyValuesOf));
      expect(scanned(store, { kind: 'application', since: '2026-01-03' })).toEqual(byDate.slice(2).map(historyValuesOf));
      // The entries themselves come back unchanged, but for the belief each is now about.
      expect(store.listEntries()).toEqual(byDate);
    } finally {
      store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(columnsOf(db, 'entries')).not.toContain('sketch');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'entries_sketch_by_date'").all()).toEqual([]);
    db.close();
  });

  it('v4 → v5: a journal from before edits gets the revisions table; its entries can be edited', () => {
    const entries = entriesOfEveryShape();
    const path = journalAtVersion(4, entries);
    const store = Store.open(path, { create: false });
    try {
      expect(store.schemaVersion).toBe(SCHEMA_VERSION);
      const byDate = withBeliefIds(store, [...entries].sort((a, b) => a.date.localeCompare(b.date)));
      expect(store.listEntries()).toEqual(byDate);
      const old = byDate[0]!;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the answers alone
      const { id, createdAt, followUps, revisions, ...answers } = old;
      const next = { ...answers, title: 'Renamed', date: '2026-01-09', tags: ['mats'] };
      store.reviseEntry(id, next, { revisedAt: '2026-02-01T10:00:00.000Z', changed: ['title', 'date', 'tags'], previous: answers });
      expect(store.getEntry(id)).toEqual({ ...old, ...next, revisions: [{ revisedAt: '2026-02-01T10:00:00.000Z', changed: ['title', 'date', 'tags'], previous: answers }] });
      expect(store.listEntries({ tag: 'mats' }).map((e) => e.id)).toEqual([id]);
      // History follows the new answers, in the new date order.
      expect(scanned(store)).toEqual(store.listEntries().map(historyValuesOf));
      expect(scanned(store).at(-1)?.[0]).toBe(id);
    } finally {
      store.close();
    }
  });

  it('v5 → v6: entries written before good news could be recorded are rejections, in history and when read', () => {
    // As version 5 stored them: no outcome in the answers, and a revision whose answers have none either.
    const entries = entriesOfEveryShape().map((e) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the answers as v5 wrote them
      const { outcome, ...old } = e;
      return old as Entry;
    });
    const path = journalAtVersion(5, entries);
    const raw = new Database(path);
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the answers alone
    const { id: revisedId, createdAt, followUps, revisions, ...previous } = entries[0]!;
    raw.prepare('INSERT INTO revisions (entry_id, seq, revised_at, data) VALUES (?, 0, ?, ?)').run(revisedId, '2026-02-01T10:00:00.000Z', JSON.stringify({ revisedAt: '2026-02-01T10:00:00.000Z', changed: ['title'], previous }));
    raw.close();
    const store = Store.open(path, { create: false });
    try {
      expect(store.schemaVersion).toBe(SCHEMA_VERSION);
      const listed = store.listEntries();
      expect(listed.map((e) => e.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      expect(store.getEntry(revisedId)?.revisions[0]?.previous.outcome).toBe('rejected');
      expect(scanned(store)).toEqual(listed.map(historyValuesOf));
      // Good news saved after the upgrade is stored and read as such.
      store.insertEntry(fixtureEntry({ date: '2026-01-05', outcome: 'accepted' }));
      expect(store.listEntries().at(-1)?.outcome).toBe('accepted');
    } finally {
      store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT outcome, count(*) FROM history GROUP BY outcome ORDER BY outcome').raw().all()).toEqual([
      ['accepted', 1],
      ['rejected', 4],
    ]);
    db.close();
  });

  it('reading every entry gives each one whole: follow-ups and edits in order, none when there are none', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      const many = Array.from({ length: 12 }, (_, i) => followUp({ beliefNow: i, answeredAt: `2026-03-${String(i + 1).padStart(2, '0')}T09:00:00.000Z` }));
      const entries = [
        fixtureEntry({ date: '2026-02-03', followUps: many }),
        fixtureEntry({ date: '2026-02-01', followUps: [] }),
        fixtureEntry({ date: '2026-02-02', followUps: [followUp({ beliefNow: 7 })] }),
      ];
      for (const entry of entries) store.insertEntry(entry);
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the answers alone
      const { id, createdAt, followUps, revisions, ...answers } = entries[1]!;
      for (const day of ['2026-02-04', '2026-02-05']) {
        store.reviseEntry(id, { ...answers, title: day }, { revisedAt: `${day}T10:00:00.000Z`, changed: ['title'], previous: store.getEntry(id)! });
      }
      const read = [...store.iterateEntries()];
      expect(read.map((e) => e.date)).toEqual(['2026-02-01', '2026-02-02', '2026-02-03']);
      expect(read.find((e) => e.followUps.length === 12)?.followUps).toEqual(many);
      expect(read[0]?.revisions.map((r) => r.revisedAt)).toEqual(['2026-02-04T10:00:00.000Z', '2026-02-05T10:00:00.000Z']);
      for (const entry of read) expect(entry).toEqual(store.getEntry(entry.id));
    } finally {
      store.close();
    }
  });

  it('reading every entry of a journal larger than what is read ahead: each once, in order, with its own follow-ups', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      // 700 entries: pages of rows read ahead end mid-journal, twice.
      const entries = Array.from({ length: 700 }, (_, i) => {
        const day = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
        return fixtureEntry({ date: day, createdAt: `${day}T12:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`, followUps: i % 3 === 0 ? [followUp({ beliefNow: i % 100 })] : [] });
      });
      store.importEntries(entries);
      const read = [...store.iterateEntries()];
      const order = (e: Entry) => `${e.date} ${e.createdAt} ${e.id}`;
      expect(read.map(order)).toEqual(entries.map(order).sort());
      const byId = new Map(entries.map((e) => [e.id, e]));
      for (const entry of read) expect(entry.followUps).toEqual(byId.get(entry.id)?.followUps);
    } finally {
      store.close();
    }
  });

  it('a reader that stops after the first entry leaves the journal free for the next query', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      // More entries than are read ahead, so the statement is still running when the reader stops.
      const days = Array.from({ length: 300 }, (_, i) => addDays('2026-02-01', i));
      store.importEntries(days.map((date) => fixtureEntry({ date })));
      let first: Entry | undefined;
      for (const entry of store.iterateEntries()) {
        first = entry;
        break;
      }
      expect(first?.date).toBe('2026-02-01');
      // An unfinished statement would keep the connection busy: this write would then fail.
      store.deleteEntry(first!.id);
      expect(store.listEntries().map((e) => e.date)).toEqual(days.slice(1));
    } finally {
      store.close();
    }
  });

  it('an edit keeps every earlier version in order; follow-ups stay and the follow-up day follows', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      const entry = fixtureEntry({ date: '2026-02-01', evaluation: { selectionRate: null }, followUps: [followUp({ beliefNow: 35 })] });
      store.insertEntry(entry);
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the answers alone
      const { id, createdAt, followUps, revisions, ...first } = entry;
      const second = { ...first, evaluation: { ...first.evaluation, selectionRate: 2 } };
      const third = { ...second, followUpOn: '2026-04-01' };
      store.reviseEntry(id, second, { revisedAt: '2026-02-02T10:00:00.000Z', changed: ['evaluation.selectionRate'], previous: first });
      store.reviseEntry(id, third, { revisedAt: '2026-02-03T10:00:00.000Z', changed: ['followUpOn'], previous: second });
      const stored = store.getEntry(id)!;
      expect(stored.revisions.map((r) => r.previous)).toEqual([first, second]);
      expect(stored).toMatchObject({ evaluation: { selectionRate: 2 }, followUpOn: '2026-04-01', followUps });
      expect(scanned(store)).toEqual([historyValuesOf(stored)]);
      expect(store.dueFollowUps('2026-04-01').map((e) => e.id)).toEqual([id]);
      expect(() => store.reviseEntry('nosuchid2', second, stored.revisions[0]!)).toThrow(/No entry with id nosuchid2/);
      expect(store.deleteEntry(id)).toBe(true);
    } finally {
      store.close();
    }
  });

  it('the history table has one typed column per declared field, keyed in history order', () => {
    const path = join(tempDir(), 'journal.db');
    Store.open(path, { create: true }).close();
    const db = new Database(path, { readonly: true });
    const columns = db.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)').all('history') as { name: string; type: string; notnull: number; pk: number }[];
    db.close();
    const sqlName = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    expect(columns.map((c) => c.name)).toEqual(['created_at', ...HISTORY_FIELDS.map((f) => sqlName(f.name))]);
    const types = { id: 'TEXT', day: 'TEXT', choice: 'TEXT', number: 'REAL', flag: 'INTEGER', ids: 'TEXT' };
    for (const field of HISTORY_FIELDS) {
      const column = columns.find((c) => c.name === sqlName(field.name))!;
      // Columns added after version 3 allow null (SQLite adds a NOT NULL column only with a default); their backfill fills every row.
      const notNull = !('optional' in field) && HISTORY_FIELDS_V3.includes(field.name);
      expect([column.type, column.notnull === 1], field.name).toEqual([types[field.type], notNull]);
    }
    expect(columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name)).toEqual(['date', 'created_at', 'id']);
  });

  it('history and the beliefs\' evidence read its table in key order, with no sorting and without the entries, whatever the filter', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      const filters: EntryFilter[] = [{}, { since: '2026-01-01' }, { until: '2026-02-01' }, { kind: 'application' }, { tag: 'phd' }, { belief: 'b-abcdef' }, { since: '2026-01-01', until: '2026-02-01', kind: 'peer-review', tag: 'job' }];
      // Both hand each row to a function as SQLite reaches it: only with no sorting do the rows come in order.
      for (const of of ['history', 'evidence'] as const) {
        for (const filter of filters) {
          const plan = store.historyQueryPlan(filter, of).join('\n');
          expect(plan, `${of} ${JSON.stringify(filter)}`).toMatch(/(SCAN|SEARCH) history/);
          expect(plan, `${of} ${JSON.stringify(filter)}`).not.toMatch(/TEMP B-TREE|SCAN entries|SEARCH entries/);
        }
      }
    } finally {
      store.close();
    }
  });

  it('keeps the history rows in step through every kind of write', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      const prediction = { statement: 'I get the next one', probability: 40, checkOn: '2026-08-01' };
      store.insertEntry(fixtureEntry({ date: '2026-02-01', prediction }));
      store.importEntries([fixtureEntry({ date: '2026-02-02', followUps: [followUp({ beliefNow: 35 })] }), fixtureEntry({ date: '2026-02-03' })]);
      store.saveDraft('reflect', { title: 'draft' }, new Date('2026-02-04T10:00:00Z'));
      store.insertEntryFromDraft(fixtureEntry({ date: '2026-02-04', state: ['hungry'] }), 'reflect');
      const [first, second, third] = store.listEntries();
      store.addFollowUp(first!.id, followUp({ beliefNow: 80, tookNextStep: true, predictionCameTrue: null }), '2026-09-01');
      store.addFollowUp(first!.id, followUp({ beliefNow: 60, tookNextStep: false, predictionCameTrue: false }), null);
      store.addFollowUp(second!.id, followUp({ beliefNow: 45 }), null);
      store.deleteEntry(third!.id);
      const rows = scanned(store);
      expect(rows).toEqual(store.listEntries().map(historyValuesOf));
      expect(rows).toHaveLength(3);
      const at = (name: string) => HISTORY_FIELDS.findIndex((field) => field.name === name);
      expect([rows[0]![at('followUpCount')], rows[0]![at('firstBeliefNow')], rows[0]![at('tookNextStep')], rows[0]![at('followUpOn')], rows[0]![at('predictionCameTrue')]]).toEqual([2, 80, false, null, false]);
    } finally {
      store.close();
    }
  });

  it('reads the entries themselves should the history rows ever be out of step', () => {
    const path = join(tempDir(), 'journal.db');
    const store = Store.open(path, { create: true });
    try {
      store.insertEntry(fixtureEntry({ date: '2026-03-01' }));
      store.insertEntry(fixtureEntry({ date: '2026-03-02', followUps: [followUp({ beliefNow: 35 })] }));
      const other = new Database(path);
      other.prepare("DELETE FROM history WHERE date = '2026-03-02'").run();
      other.close();
      expect(scanned(store)).toEqual(store.listEntries().map(historyValuesOf));
      expect(scanned(store, { since: '2026-03-02' })).toEqual(store.listEntries({ since: '2026-03-02' }).map(historyValuesOf));
    } finally {
      store.close();
    }
  });

  it('addHistoryFields: a field added later gets a column, filled from every existing entry', () => {
    const entries = entriesOfEveryShape();
    const path = journalAtVersion(SCHEMA_VERSION, entries);
    const titleLength = { name: 'titleLength', type: 'number', from: (e: Entry) => e.title.length } as const;
    const step = addHistoryFields(SCHEMA_VERSION + 1, [], [titleLength]);
    const db = new Database(path);
    db.exec(step.sql);
    step.backfill!(db);
    const stored = db.prepare('SELECT id, title_length FROM history ORDER BY id').raw().all();
    db.close();
    expect(stored).toEqual([...entries].sort((a, b) => a.id.localeCompare(b.id)).map((e) => [e.id, e.title.length]));
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
      expect(error.message).toContain('is damaged, or encrypted');
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
      const stored = store.insertEntry(older);
      store.insertEntry(newer);
      // Saved with the belief its statement makes (both entries share it).
      expect(stored).toEqual({ ...older, belief: { ...older.belief, id: expect.stringMatching(/^b-[a-z2-9]{6}$/) } });
      expect(store.getEntry('abcd2345ef')).toEqual(stored);
      expect(store.getEntry('abce6789gh')?.belief.id).toBe(stored.belief.id);
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
