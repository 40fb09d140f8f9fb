// The journal's schema, one step per version. PRAGMA user_version records how far a file has come.
// Never edit a released step: add a new one, and a test that migrates a file of the previous version.
import type Database from 'better-sqlite3-multiple-ciphers';
import { predictionOutcome } from '../core/calibration.js';
import { CLOUDING_STATES } from '../core/domain.js';
import type { Entry, FollowUp } from '../core/entry.js';
import { HISTORY_FIELDS, type HistoryFieldName, type HistoryFieldSpec } from '../core/history.js';
import { addHistoryColumns, columnOf, createHistoryTable, entryFromRow, forEachStoredEntry, historyRowWriter, storedValue } from './rows.js';
import { registerSearchFunctions } from './search-index.js';
import { statementKey } from '../core/belief-picture.js';
import { beliefIdFor } from '../core/ids.js';

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
export const HISTORY_FIELDS_V3: readonly HistoryFieldName[] = [
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
  {
    // Full-text search (`noisy search`). entry_text holds what each entry says, as the index reads
    // it (noisy_searchable: search-index.ts), under a key that never changes (entries' own rowid can
    // be renumbered by VACUUM); entry_search is the FTS5 index over it. Triggers keep both in step,
    // so every write (reflect, import, follow-up, delete, a later edit) updates the index with no
    // code of its own. "notes": the rest of the free text (the belief, what the evaluator saw, other
    // confounders, the prediction, the pack's own questions).
    version: 4,
    sql: `
      CREATE TABLE entry_text (
        key INTEGER PRIMARY KEY,
        entry_id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        story TEXT NOT NULL,
        next_step TEXT NOT NULL,
        follow_ups TEXT NOT NULL,
        notes TEXT NOT NULL
      ) STRICT;

      CREATE VIEW entry_search_source AS
        SELECT
          e.id AS entry_id,
          noisy_searchable(e.title) AS title,
          noisy_searchable(json_extract(e.answers, '$.story')) AS story,
          noisy_searchable(json_extract(e.answers, '$.nextStep')) AS next_step,
          noisy_searchable((SELECT group_concat(json_extract(f.data, '$.whatHappened'), char(10) ORDER BY f.seq) FROM follow_ups f WHERE f.entry_id = e.id)) AS follow_ups,
          noisy_searchable(concat_ws(char(10),
            json_extract(e.answers, '$.belief.statement'),
            json_extract(e.answers, '$.evaluation.whatTheySaw'),
            json_extract(e.answers, '$.otherConfounders'),
            json_extract(e.answers, '$.prediction.statement'),
            (SELECT group_concat(x.value, char(10)) FROM json_each(e.answers, '$.extras') x WHERE x.type = 'text'))) AS notes
        FROM entries e;

      CREATE VIRTUAL TABLE entry_search USING fts5 (
        title, story, next_step, follow_ups, notes,
        content = 'entry_text', content_rowid = 'key', tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER entry_text_added AFTER INSERT ON entry_text BEGIN
        INSERT INTO entry_search (rowid, title, story, next_step, follow_ups, notes)
          VALUES (new.key, new.title, new.story, new.next_step, new.follow_ups, new.notes);
      END;
      CREATE TRIGGER entry_text_removed AFTER DELETE ON entry_text BEGIN
        INSERT INTO entry_search (entry_search, rowid, title, story, next_step, follow_ups, notes)
          VALUES ('delete', old.key, old.title, old.story, old.next_step, old.follow_ups, old.notes);
      END;
      CREATE TRIGGER entry_text_changed AFTER UPDATE ON entry_text BEGIN
        INSERT INTO entry_search (entry_search, rowid, title, story, next_step, follow_ups, notes)
          VALUES ('delete', old.key, old.title, old.story, old.next_step, old.follow_ups, old.notes);
        INSERT INTO entry_search (rowid, title, story, next_step, follow_ups, notes)
          VALUES (new.key, new.title, new.story, new.next_step, new.follow_ups, new.notes);
      END;

      CREATE TRIGGER entries_search_added AFTER INSERT ON entries BEGIN
        INSERT INTO entry_text (entry_id, title, story, next_step, follow_ups, notes)
          SELECT * FROM entry_search_source WHERE entry_id = new.id;
      END;
      CREATE TRIGGER entries_search_changed AFTER UPDATE OF title, answers ON entries BEGIN
        UPDATE entry_text SET (title, story, next_step, follow_ups, notes) =
          (SELECT title, story, next_step, follow_ups, notes FROM entry_search_source WHERE entry_id = new.id)
          WHERE entry_id = new.id;
      END;
      CREATE TRIGGER entries_search_removed AFTER DELETE ON entries BEGIN
        DELETE FROM entry_text WHERE entry_id = old.id;
      END;

      CREATE TRIGGER follow_ups_search_added AFTER INSERT ON follow_ups BEGIN
        UPDATE entry_text SET follow_ups = ifnull((SELECT s.follow_ups FROM entry_search_source s WHERE s.entry_id = entry_text.entry_id), '')
          WHERE entry_id = new.entry_id;
      END;
      CREATE TRIGGER follow_ups_search_changed AFTER UPDATE ON follow_ups BEGIN
        UPDATE entry_text SET follow_ups = ifnull((SELECT s.follow_ups FROM entry_search_source s WHERE s.entry_id = entry_text.entry_id), '')
          WHERE entry_id IN (old.entry_id, new.entry_id);
      END;
      CREATE TRIGGER follow_ups_search_removed AFTER DELETE ON follow_ups BEGIN
        UPDATE entry_text SET follow_ups = ifnull((SELECT s.follow_ups FROM entry_search_source s WHERE s.entry_id = entry_text.entry_id), '')
          WHERE entry_id = old.entry_id;
      END;
    `,
    backfill: (db) => {
      registerSearchFunctions(db);
      db.exec('INSERT INTO entry_text (entry_id, title, story, next_step, follow_ups, notes) SELECT * FROM entry_search_source');
    },
  },
  {
    // `noisy edit`: every edit keeps the answers as they were before it, one row per edit, in order.
    // `data` is the revision as JSON ({revisedAt, changed, previous}), like a follow-up's.
    version: 5,
    sql: `
      CREATE TABLE revisions (
        entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        revised_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (entry_id, seq)
      ) STRICT;
    `,
  },
  // Good news: an entry's outcome (rejected or accepted) in history; entries written before are all
  // rejections (rows.ts reads their answers so).
  addHistoryFields(6, ['outcome']),
  {
    // The store writes the search index itself (Store.indexText), from the entry it has in hand
    // (core/search.ts searchTexts), wherever it writes the entry's history row. The triggers of
    // version 4 rebuilt an entry's text from its stored JSON on every write and again for each
    // follow-up, and, firing inside other statements, made FTS5 write its pending words to disk
    // entry by entry: an import of 100,000 entries took over a minute. The view stays: step 4
    // fills the index of an older journal with it.
    version: 7,
    sql: `
      DROP TRIGGER entries_search_added;
      DROP TRIGGER entries_search_changed;
      DROP TRIGGER entries_search_removed;
      DROP TRIGGER follow_ups_search_added;
      DROP TRIGGER follow_ups_search_changed;
      DROP TRIGGER follow_ups_search_removed;
      DROP TRIGGER entry_text_added;
      DROP TRIGGER entry_text_removed;
      DROP TRIGGER entry_text_changed;
    `,
  },
  attemptsStep(8),
  beliefsStep(9),
];

/**
 * The attempts ledger (`noisy attempts`): what a person tried or applied for and how it ended
 * (core/attempts.ts). `rate` is null when unknown (the method's default is used); `entry_id` is the
 * reflect entry about it, cleared when that entry is deleted.
 */
function attemptsStep(version: number): Migration {
  return {
    version,
    sql: `
      CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        method TEXT NOT NULL,
        rate REAL CHECK (rate IS NULL OR (rate > 0 AND rate < 100)),
        belief_id TEXT,
        expect_reply_by TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'accepted', 'rejected', 'no-reply', 'withdrawn')),
        resolved_on TEXT,
        entry_id TEXT
      ) STRICT;
      CREATE INDEX attempts_by_date ON attempts (date, created_at);
      CREATE INDEX attempts_awaiting_reply ON attempts (expect_reply_by) WHERE outcome = 'pending' AND expect_reply_by IS NOT NULL;
      CREATE INDEX attempts_by_entry ON attempts (entry_id) WHERE entry_id IS NOT NULL;
    `,
  };
}


/**
 * Stored beliefs (`noisy beliefs`): a belief is a claim with its own bar and shared error, and every
 * entry is evidence about one. `statement_key` is the statement ignoring case and spacing (one belief
 * per key); `bar` and `shared_error` are null while the person has not chosen them (noisy's defaults,
 * tried over their ranges). Each entry's answers get `belief.id`, and history a column of it.
 * Existing entries whose statements share a key become one belief, named by the earliest entry's
 * spelling and made when the first of them was written.
 */
function beliefsStep(version: number): Migration {
  const field = fieldsNamed(['beliefId']);
  return {
    version,
    sql: `
      CREATE TABLE beliefs (
        id TEXT PRIMARY KEY,
        statement TEXT NOT NULL,
        statement_key TEXT NOT NULL UNIQUE,
        bar REAL CHECK (bar IS NULL OR (bar > 0 AND bar < 100)),
        shared_error REAL CHECK (shared_error IS NULL OR (shared_error >= 0 AND shared_error < 1)),
        created_at TEXT NOT NULL
      ) STRICT;
      ${addHistoryColumns(field)}
      CREATE INDEX history_by_belief ON history (belief_id, date, created_at, id);
    `,
    backfill: backfillBeliefs,
  };
}

function backfillBeliefs(db: Database.Database): void {
  const beliefs = new Map<string, { id: string; statement: string; createdAt: string }>();
  const ids = new Set<string>();
  const statements = db.prepare<[], { created_at: string; statement: unknown }>(
    "SELECT created_at, json_extract(answers, '$.belief.statement') AS statement FROM entries ORDER BY date, created_at, id",
  );
  for (const row of statements.iterate()) {
    const statement = typeof row.statement === 'string' ? row.statement : '';
    const key = statementKey(statement);
    const found = beliefs.get(key);
    if (found) {
      if (row.created_at < found.createdAt) found.createdAt = row.created_at;
      continue;
    }
    let id = beliefIdFor(key);
    for (let attempt = 1; ids.has(id); attempt++) id = beliefIdFor(key, attempt);
    ids.add(id);
    beliefs.set(key, { id, statement, createdAt: row.created_at });
  }
  const insert = db.prepare('INSERT INTO beliefs (id, statement, statement_key, bar, shared_error, created_at) VALUES (?, ?, ?, NULL, NULL, ?)');
  for (const [key, b] of beliefs) insert.run(b.id, b.statement, key, b.createdAt);

  const page = db.prepare<[number, number], { rowid: number; id: string; answers: string }>('SELECT rowid, id, answers FROM entries WHERE rowid > ? ORDER BY rowid LIMIT ?');
  const setAnswers = db.prepare('UPDATE entries SET answers = ? WHERE rowid = ?');
  const setHistory = db.prepare('UPDATE history SET belief_id = ? WHERE id = ?');
  let after = 0;
  for (;;) {
    const rows = page.all(after, BACKFILL_PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      const answers = JSON.parse(row.answers) as { belief?: { statement?: unknown; id?: string } };
      const statement = typeof answers.belief?.statement === 'string' ? answers.belief.statement : '';
      const id = beliefs.get(statementKey(statement))!.id;
      if (answers.belief) answers.belief.id = id;
      setAnswers.run(JSON.stringify(answers), row.rowid);
      setHistory.run(id, row.id);
      after = row.rowid;
    }
  }
}

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
