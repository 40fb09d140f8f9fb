// The journal's schema, one step per version. PRAGMA user_version records how far a file has come.
// Never edit a released step: add a new one, and a test that migrates a file of the previous version.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { FollowUp } from '../core/entry.js';
import { entryFromRow, sketchColumn } from './rows.js';

export interface Migration {
  version: number;
  sql: string;
  /**
   * Work SQL can't express (filling a new column from the entries' JSON), run after `sql` in the
   * same transaction: a failure leaves the file at the version before.
   */
  backfill?: (db: Database.Database) => void;
}

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
    // A compact, text-free copy of what `noisy history` needs of each entry (rows.ts sketchColumn),
    // and an index holding it in date order: history scans the index alone, never the entries' text.
    // Kept in step by every write in Store (insert, import, follow-up).
    version: 2,
    sql: `
      ALTER TABLE entries ADD COLUMN sketch TEXT;
      CREATE INDEX entries_sketch_by_date ON entries (date, created_at, id, kind, sketch);
    `,
    backfill: backfillSketches,
  },
];

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
      update.run(sketchColumn(entryFromRow(row.id, row.created_at, row.answers, followUps.all(row.id).map((data) => JSON.parse(data) as FollowUp))), row.rowid);
      after = row.rowid;
    }
  }
}

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
