// Stored beliefs in the journal: the schema-6 migration (entries with one statement, spelled two
// ways, become one belief) and how an entry's answers pick their belief on saving.
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { statementKey } from '../../src/core/belief-picture.js';
import type { Entry } from '../../src/core/entry.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { expectedSchema } from '../../src/storage/schema.js';
import { Store } from '../../src/storage/store.js';
import { UsageError } from '../../src/errors.js';
import { fixtureEntry } from '../fixtures/journals.js';
import { tempDir } from '../helpers/cli.js';

const BELIEF_VERSION = MIGRATIONS.find((m) => m.sql.includes('CREATE TABLE beliefs'))!.version;

/** A journal file at `version` (made by the steps up to it) holding `entries` as that version stored them. */
function journalAt(version: number, entries: Entry[]): string {
  const path = join(tempDir(), 'journal.db');
  const db = new Database(path);
  for (const step of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(step.sql);
    step.backfill?.(db);
  }
  const insert = db.prepare('INSERT INTO entries (id, created_at, date, kind, title, follow_up_on, answers) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const history = db.prepare('INSERT INTO history (created_at, id, date, kind, method, before, after, minutes_seen, selection_rate, confounders, about_me, clouded, has_next_step, follow_up_on, follow_up_count, took_next_step, prediction_probability, prediction_came_true, first_belief_now) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, NULL, 0, NULL, NULL, NULL, NULL)');
  for (const e of entries) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- stored beside the answers
    const { id, createdAt, followUps, revisions, ...answers } = e;
    insert.run(id, createdAt, e.date, e.kind, e.title, e.followUpOn, JSON.stringify(answers));
    history.run(createdAt, id, e.date, e.kind, e.evaluation.method, e.belief.before, e.belief.after, e.evaluation.minutesSeen, e.evaluation.selectionRate, '[]', e.aboutMe);
  }
  db.pragma(`user_version = ${version}`);
  db.close();
  return path;
}

describe('migrating a journal of the version before stored beliefs', () => {
  const statement = 'I can do well as a research engineer';
  const entries = [
    fixtureEntry({ id: 'mig2222aa', date: '2026-03-01', createdAt: '2026-03-02T09:00:00.000Z', belief: { statement } }),
    // The same belief spelled another way: other case, doubled and outer spaces.
    fixtureEntry({ id: 'mig3333bb', date: '2026-01-10', createdAt: '2026-04-01T09:00:00.000Z', belief: { statement: '  i can do WELL as a   research  engineer ' } }),
    fixtureEntry({ id: 'mig4444cc', date: '2026-05-01', createdAt: '2026-01-05T09:00:00.000Z', belief: { statement: 'I will finish my PhD' } }),
  ];

  it('makes one belief per statement (ignoring case and spacing), named by the earliest entry', () => {
    const path = journalAt(BELIEF_VERSION - 1, entries);
    const store = Store.open(path, { create: false });
    try {
      expect(store.schemaVersion).toBe(SCHEMA_VERSION);
      const beliefs = store.listBeliefs();
      expect(beliefs).toHaveLength(2);
      const research = beliefs.find((b) => statementKey(b.statement) === statementKey(statement))!;
      // The earliest evaluation (2026-01-10) spelled it this way; the first entry written was in March.
      expect(research).toMatchObject({ statement: '  i can do WELL as a   research  engineer ', bar: null, sharedErrorCorrelation: null, createdAt: '2026-03-02T09:00:00.000Z' });
      expect(research.id).toMatch(/^b-[23456789abcdefghjkmnpqrstuvwxyz]{6}$/);
      const phd = beliefs.find((b) => b.statement === 'I will finish my PhD')!;
      expect(phd.id).not.toBe(research.id);
      // Each entry is about its belief, and keeps its own words.
      for (const e of entries) {
        const stored = store.getEntry(e.id)!;
        expect(stored).toEqual({ ...e, belief: { ...e.belief, id: e.id === 'mig4444cc' ? phd.id : research.id } });
      }
      expect([...store.iterateBeliefEntries(research.id)].map((e) => e.id)).toEqual(['mig3333bb', 'mig2222aa']);
      // Most recently evaluated first.
      expect(beliefs.map((b) => b.id)).toEqual([phd.id, research.id]);
    } finally {
      store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT id, belief_id FROM history ORDER BY id').all()).toHaveLength(3);
    expect(db.prepare('SELECT count(*) FROM history WHERE belief_id IS NULL').pluck().get()).toBe(0);
    db.close();
  });

  it('the journal it makes has the tables and indexes a new one has', () => {
    const path = journalAt(BELIEF_VERSION - 1, entries);
    Store.open(path, { create: false }).close();
    const db = new Database(path, { readonly: true });
    const names = (db.prepare("SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1").pluck().all() as string[]);
    db.close();
    expect(names).toEqual(expect.arrayContaining(['table beliefs', 'index history_by_belief']));
    expect(expectedSchema(BELIEF_VERSION).map((o) => `${o.type} ${o.name}`)).toEqual(expect.arrayContaining(['table beliefs', 'index history_by_belief']));
  });
});

describe('saving an entry picks its belief', () => {
  function open(): Store {
    return Store.open(join(tempDir(), 'journal.db'), { create: true });
  }

  it('by statement ignoring case and spacing, or a new belief', () => {
    const store = open();
    try {
      const first = store.insertEntry(fixtureEntry({ belief: { statement: 'I can teach' } }));
      const second = store.insertEntry(fixtureEntry({ belief: { statement: ' i  CAN teach' } }));
      const other = store.insertEntry(fixtureEntry({ belief: { statement: 'I can write' } }));
      expect(second.belief).toMatchObject({ id: first.belief.id, statement: ' i  CAN teach' });
      expect(other.belief.id).not.toBe(first.belief.id);
      expect(store.listBeliefs().map((b) => b.statement).sort()).toEqual(['I can teach', 'I can write']);
    } finally {
      store.close();
    }
  });

  it('by id, with the statement filled in, or refused when the id is unknown or the statement disagrees', () => {
    const store = open();
    try {
      const first = store.insertEntry(fixtureEntry({ belief: { statement: 'I can teach' } }));
      const id = first.belief.id!;
      const byId = store.insertEntry(fixtureEntry({ belief: { statement: '', id } }));
      expect(byId.belief).toMatchObject({ id, statement: 'I can teach' });
      expect(store.getEntry(byId.id)?.belief.statement).toBe('I can teach');
      const agreeing = store.insertEntry(fixtureEntry({ belief: { statement: 'I CAN  teach', id } }));
      expect(agreeing.belief.id).toBe(id);

      const count = store.countEntries();
      const unknown = fixtureEntry({ belief: { statement: '', id: 'b-zzzzzz' } });
      expect(() => store.insertEntry(unknown)).toThrow(UsageError);
      expect(() => store.insertEntry(unknown)).toThrow(/no belief b-zzzzzz/);
      const disagreeing = fixtureEntry({ belief: { statement: 'I can write', id } });
      expect(() => store.insertEntry(disagreeing)).toThrow(/"I can teach", but belief.statement says "I can write"/);
      expect(store.countEntries()).toBe(count);
      expect(store.listBeliefs()).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('two journals that meet one statement separately give it the same id (they merge cleanly)', () => {
    const [a, b] = [open(), open()];
    try {
      const one = a.insertEntry(fixtureEntry({ belief: { statement: 'I can teach' } }));
      b.insertEntry(fixtureEntry({ belief: { statement: 'I can write' } }));
      const two = b.insertEntry(fixtureEntry({ belief: { statement: ' I CAN teach ' } }));
      expect(two.belief.id).toBe(one.belief.id);
    } finally {
      a.close();
      b.close();
    }
  });

  it('an import keeps a belief id from another journal, or joins the belief its statement matches', () => {
    const store = open();
    try {
      const here = store.insertEntry(fixtureEntry({ belief: { statement: 'I can teach' } }));
      const result = store.importEntries([
        fixtureEntry({ belief: { statement: 'I can write', id: 'b-abcdef' } }),
        fixtureEntry({ belief: { statement: 'i can teach', id: 'b-ghjkmn' } }),
      ]);
      expect(result.added).toBe(2);
      const ids = store.listEntries().map((e) => e.belief.id).sort();
      expect(ids).toEqual([here.belief.id, here.belief.id, 'b-abcdef'].sort());
    } finally {
      store.close();
    }
  });
});

describe('listing beliefs', () => {
  it('puts the most recently evaluated first (by day, then by when written), then those with no entries, newest made first', () => {
    const store = Store.open(join(tempDir(), 'journal.db'), { create: true });
    try {
      const entry = (statement: string, date: string, createdAt: string) => store.insertEntry(fixtureEntry({ date, createdAt, belief: { statement } }));
      entry('I can teach', '2026-03-01', '2026-03-01T09:00:00.000Z');
      entry('I can teach', '2026-01-01', '2026-06-01T09:00:00.000Z');
      // The same latest day as "I can teach", written later on: it comes first.
      entry('I can write', '2026-03-01', '2026-03-02T09:00:00.000Z');
      entry('I can lead', '2026-02-01', '2026-07-01T09:00:00.000Z');
      store.insertAttempt({ id: 'a-22222222', title: 't', date: '2026-05-01', method: 'cv-screen', rate: 5, beliefId: null, expectReplyBy: null, outcome: 'pending', resolvedOn: null, entryId: null }, { statement: 'I can draw', createdAt: '2026-05-01T09:00:00.000Z' });
      store.insertAttempt({ id: 'a-33333333', title: 't', date: '2026-05-01', method: 'cv-screen', rate: 5, beliefId: null, expectReplyBy: null, outcome: 'pending', resolvedOn: null, entryId: null }, { statement: 'I can sing', createdAt: '2026-05-02T09:00:00.000Z' });
      expect(store.listBeliefs().map((b) => b.statement)).toEqual(['I can write', 'I can teach', 'I can lead', 'I can sing', 'I can draw']);
      // The same order worked out from the entries themselves.
      const latest = new Map<string, string>();
      for (const e of store.listEntries()) {
        const at = `${e.date} ${e.createdAt}`;
        if ((latest.get(e.belief.id!) ?? '') < at) latest.set(e.belief.id!, at);
      }
      const expected = [...store.listBeliefs()].sort(
        (a, b) => (latest.get(b.id) ?? '').localeCompare(latest.get(a.id) ?? '') || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
      );
      expect(store.listBeliefs()).toEqual(expected);
    } finally {
      store.close();
    }
  });
});
