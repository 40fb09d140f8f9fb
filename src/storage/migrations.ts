// The journal's schema, one step per version. PRAGMA user_version records how far a file has come.
// Never edit a released step: add a new one, and a test that migrates a file of the previous version.
import type Database from 'better-sqlite3-multiple-ciphers';
import { predictionOutcome } from '../core/calibration.js';
import { CLOUDING_STATES } from '../core/domain.js';
import type { Entry, FollowUp } from '../core/entry.js';
import { HISTORY_FIELDS, type HistoryFieldName, type HistoryFieldSpec } from '../core/history.js';
import { addHistoryColumns, columnOf, createHistoryTable, entryFromRow, forEachStoredEntry, historyRowWriter, storedValue } from './rows.js';

export interface Migration {
  version: number;
  sql: string;
  /**
   * Work SQL can't express (filling a new column from the entries' JSON), run after `sql` in the
   * same transaction: a failure leaves the file at the version before.
   */
  backfill?: (db: Database.Database) => void;
}

/** The history fields version 3 made columns of; later ones are added by addHistoryFields. */
const HISTORY_FIELDS_V3: readonly HistoryFieldName[] = [
  'id', 'date', 'kind', 'method', 'before', 'after', 'minutesSeen', 'selectionRate', 'confounders', 'aboutMe',
  'clouded', 'hasNextStep', 'followUpOn', 'followUpCount', 'tookNextStep', 'predictionProbability', 'predictionCameTrue',
  'firstBeliefNow',
];

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE entries (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        follow_up_on TEXT,
        answers TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entries_by_date ON entries (date, created_at);
      CREATE INDEX entries_by_follow_up ON entries (follow_up_on) WHERE follow_up_on IS NOT NULL;

      CREATE TABLE entry_tags (
        entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (entry_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX entry_tags_by_tag ON entry_tags (tag, entry_id);

      CREATE TABLE follow_ups (
        entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        answered_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (entry_id, seq)
      ) STRICT;

      CREATE TABLE drafts (
        name TEXT PRIMARY KEY,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    // A compact, text-free copy of what `noisy history` needs of each entry (sketchV2 below),
    // and an index holding it in date order: history scans the index alone, never the entries' text.
    // Kept in step by every write in Store (insert, import, follow-up).
    version: 2,
    sql: `
      ALTER TABLE entries ADD COLUMN sketch TEXT;
      CREATE INDEX entries_sketch_by_date ON entries (date, created_at, id, kind, sketch);
    `,
    backfill: backfillSketches,
  },
  {
    // What `noisy history` reads of each entry (HISTORY_FIELDS) as typed columns of a table of its
    // own, in history's order (rows.ts): history scans it alone. It replaces the v2 sketch, whose
    // index goes first (SQLite drops no column an index uses). Dropping the column rewrites the
    // entries table once: about 3 s for 100,000 entries.
    version: 3,
    sql: `
      ${createHistoryTable(fieldsNamed(HISTORY_FIELDS_V3))}
      DROP INDEX entries_sketch_by_date;
      ALTER TABLE entries DROP COLUMN sketch;
    `,
    backfill: (db) => forEachStoredEntry(db, historyRowWriter(db, fieldsNamed(HISTORY_FIELDS_V3))),
  },
];

/**
 * The step that adds fields declared in HISTORY_FIELDS after version 3: a column each, filled from
 * every entry. Adding a field to history is its line in HISTORY_FIELDS and, at the end of
 * MIGRATIONS, `addHistoryFields(<next version>, ['fieldName'])`.
 */
export function addHistoryFields(version: number, names: readonly HistoryFieldName[], fields: readonly HistoryFieldSpec[] = fieldsNamed(names)): Migration {
  return {
    version,
    sql: addHistoryColumns(fields),
    backfill: (db) => {
      const update = db.prepare(`UPDATE history SET ${fields.map((field) => `${columnOf(field)} = ?`).join(', ')} WHERE id = ?`);
      forEachStoredEntry(db, (entry) => {
        update.run(...fields.map((field) => storedValue(field, entry)), entry.id);
      });
    },
  };
}

function fieldsNamed(names: readonly string[]): HistoryFieldSpec[] {
  return names.map((name) => {
    const field = HISTORY_FIELDS.find((f) => f.name === name);
    if (!field) throw new Error(`no history field named ${name}`);
    return field;
  });
}

/** Pages of this many entries: the backfill holds one page at a time, however large the journal. */
const BACKFILL_PAGE = 500;

function backfillSketches(db: Database.Database): void {
  const page = db.prepare<[number, number], { rowid: number; id: string; created_at: string; answers: string }>(
    'SELECT rowid, id, created_at, answers FROM entries WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  const followUps = db.prepare<[string], string>('SELECT data FROM follow_ups WHERE entry_id = ? ORDER BY seq').pluck();
  const update = db.prepare<[string, number]>('UPDATE entries SET sketch = ? WHERE rowid = ?');
  let after = 0;
  for (;;) {
    const rows = page.all(after, BACKFILL_PAGE);
    if (rows.length === 0) return;
    for (const row of rows) {
      update.run(sketchV2(entryFromRow(row.id, row.created_at, row.answers, followUps.all(row.id).map((data) => JSON.parse(data) as FollowUp))), row.rowid);
      after = row.rowid;
    }
  }
}

/**
 * The version 2 sketch of an entry, as that version wrote it: its history fields as a JSON array, by
 * position. Kept only so that step 2 stays what it was; step 3 drops the column unread.
 */
function sketchV2(entry: Entry): string {
  const latest = entry.followUps.at(-1);
  return JSON.stringify([
    entry.id,
    entry.date,
    entry.kind,
    entry.evaluation.method,
    entry.belief.before,
    entry.belief.after,
    entry.evaluation.minutesSeen,
    entry.evaluation.selectionRate,
    entry.confounders,
    entry.aboutMe,
    entry.state.some((s) => CLOUDING_STATES.includes(s)),
    entry.nextStep.trim() !== '',
    entry.followUpOn,
    entry.followUps.length,
    latest ? latest.tookNextStep : null,
    entry.prediction ? entry.prediction.probability : null,
    entry.prediction ? predictionOutcome(entry) : null,
    entry.followUps[0]?.beliefNow ?? null,
  ]);
}

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
