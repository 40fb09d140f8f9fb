// How an entry is laid out in its rows, shared by the store and the migrations that rewrite rows: the
// entry itself (its answers as JSON, follow-ups beside it), and its row in the `history` table, where
// each field of HISTORY_FIELDS (core/history.ts) is a typed column of its own.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Answers, Entry, FollowUp, Revision } from '../core/entry.js';
import { HISTORY_FIELDS, type FieldType, type HistoryFieldSpec } from '../core/history.js';

/** An entry from its columns: the answers JSON, its follow-ups and its revisions (oldest first). */
export function entryFromRow(id: string, createdAt: string, answers: string, followUps: FollowUp[], revisions: Revision[] = []): Entry {
  return { id, createdAt, ...withOutcome(JSON.parse(answers) as Answers), followUps, revisions: revisions.map((r) => ({ ...r, previous: withOutcome(r.previous) })) };
}

/**
 * Answers as stored: those written before good news could be recorded (schema 5 and earlier) have
 * no outcome, and every one of them was a setback.
 */
function withOutcome(answers: Answers): Answers {
  return answers.outcome === undefined ? { ...answers, outcome: 'rejected' } : answers;
}

// ── The history table ───────────────────────────────────────────────────────────────────────────
//
// One row per entry, kept in step by every write in Store, with the history fields and the entry's
// creation time; its key (date, created_at, id) is the order history reads in, so `noisy history`
// scans this table alone, in key order, and never reads the entries' text.

/** The SQL type each type of field is stored as. Flags are 1 / 0; lists of ids are JSON arrays. */
const SQL_TYPES: Record<FieldType, string> = {
  id: 'TEXT',
  day: 'TEXT',
  choice: 'TEXT',
  number: 'REAL',
  flag: 'INTEGER',
  ids: 'TEXT',
};

/** A field's column name: `minutesSeen` is stored as `minutes_seen`. */
export function columnOf(field: Pick<HistoryFieldSpec, 'name'>): string {
  return field.name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The history table with these fields, as schema version 3 created it (later fields: addHistoryColumns). */
export function createHistoryTable(fields: readonly HistoryFieldSpec[]): string {
  const columns = fields.map((field) => `  ${columnOf(field)} ${SQL_TYPES[field.type]}${field.optional ? '' : ' NOT NULL'},`);
  return `CREATE TABLE history (
  created_at TEXT NOT NULL,
${columns.join('\n')}
  PRIMARY KEY (date, created_at, id),
  UNIQUE (id),
  FOREIGN KEY (id) REFERENCES entries (id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;`;
}

/**
 * Columns for fields added after the table was made. SQLite adds a column to existing rows only with
 * a default, so these allow null; the migration's backfill gives every row its value at once.
 */
export function addHistoryColumns(fields: readonly HistoryFieldSpec[]): string {
  return fields.map((field) => `ALTER TABLE history ADD COLUMN ${columnOf(field)} ${SQL_TYPES[field.type]};`).join('\n');
}

/** A field's value of `entry` as it is stored. */
export function storedValue(field: HistoryFieldSpec, entry: Entry): string | number | null {
  const value = field.from(entry);
  if (value === null) return null;
  if (field.type === 'flag') return value ? 1 : 0;
  if (field.type === 'ids') return JSON.stringify(value);
  return value as string | number;
}

/** Writes the history row of each entry given (one that has none yet), with these fields (by default all). */
export function historyRowWriter(db: Database.Database, fields: readonly HistoryFieldSpec[] = HISTORY_FIELDS): (entry: Entry) => void {
  const columns = fields.map(columnOf);
  const write = db.prepare(`INSERT INTO history (created_at, ${columns.join(', ')}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})`);
  return (entry) => void write.run(entry.createdAt, ...fields.map((field) => storedValue(field, entry)));
}

/**
 * The columns `noisy history` selects, in HISTORY_FIELDS order, and how to turn what SQLite gives
 * back into the fields' values (HistoryValues), in place: flags from 1 / 0, lists of ids from their
 * JSON, parsed once per distinct list (a journal has few) and shared by every row that has it.
 */
export function historyReader(): { columns: string[]; convert: (values: unknown[]) => void } {
  const lists = new Map<string, readonly string[]>();
  const flagAt = HISTORY_FIELDS.flatMap((field, f) => (field.type === 'flag' ? [f] : []));
  const listAt = HISTORY_FIELDS.flatMap((field, f) => (field.type === 'ids' ? [f] : []));
  return {
    columns: HISTORY_FIELDS.map(columnOf),
    convert(values) {
      for (const f of flagAt) if (values[f] !== null) values[f] = values[f] === 1;
      for (const f of listAt) {
        const text = values[f] as string;
        let list = lists.get(text);
        if (list === undefined) {
          list = Object.freeze(JSON.parse(text) as string[]);
          lists.set(text, list);
        }
        values[f] = list;
      }
    },
  };
}

/** Entries read at a time by forEachStoredEntry: it holds one page at a time, however large the journal. */
const FILL_PAGE = 500;

/** Calls `visit` with every entry of the journal, whole (follow-ups included), a page at a time. */
export function forEachStoredEntry(db: Database.Database, visit: (entry: Entry) => void): void {
  const page = db.prepare<[number, number], { rowid: number; id: string; created_at: string; answers: string; follow_ups: string }>(
    `SELECT rowid, id, created_at, answers,
       '[' || coalesce((SELECT group_concat(f.data, ',' ORDER BY f.seq) FROM follow_ups f WHERE f.entry_id = entries.id), '') || ']' AS follow_ups
     FROM entries WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  );
  let after = 0;
  for (;;) {
    const rows = page.all(after, FILL_PAGE);
    if (rows.length === 0) return;
    for (const row of rows) {
      visit(entryFromRow(row.id, row.created_at, row.answers, JSON.parse(row.follow_ups) as FollowUp[]));
      after = row.rowid;
    }
  }
}
