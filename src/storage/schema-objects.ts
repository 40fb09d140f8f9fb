// What recognising a journal compares, without the migrations: noisy's application id, the tables
// and indexes of a database, and what one lacks of another (schema.ts recognise works out the
// schema a version should have from the migrations). Also what a journal at the current version
// has, declared, so that a search (storage/journal-reader.ts) recognises one without loading the
// migrations and the model they bring (schema.ts uses it too); test/unit/declared-schema.test.ts
// holds it to the migrations.
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * PRAGMA application_id of every journal noisy makes (bytes 68-71 of the file): "nois" in ASCII.
 * `file journal.db` shows it; journals made before the id existed have 0 and are recognised by
 * their schema alone.
 */
export const NOISY_APPLICATION_ID = 0x6e6f6973;

/** A table or index as recognition compares it: by name, table and column names. */
export interface SchemaObject {
  type: 'table' | 'index';
  name: string;
  table: string;
  columns: string[];
}

/**
 * The schema version of the journals DECLARED_SCHEMA describes: the current one (SCHEMA_VERSION in
 * migrations.ts). A new migration updates both; the test prints the list to put here.
 */
export const DECLARED_VERSION = 9;

/** Every table and index a journal at DECLARED_VERSION has, with their columns. */
export const DECLARED_SCHEMA: readonly SchemaObject[] = [
  table('attempts', 'id created_at title date method rate belief_id expect_reply_by outcome resolved_on entry_id'),
  table('beliefs', 'id statement statement_key bar shared_error created_at'),
  table('drafts', 'name updated_at data'),
  table('entries', 'id created_at date kind title follow_up_on answers'),
  table('entry_search', 'title story next_step follow_ups notes'),
  table('entry_search_config', 'k v'),
  table('entry_search_data', 'id block'),
  table('entry_search_docsize', 'id sz'),
  table('entry_search_idx', 'segid term pgno'),
  table('entry_tags', 'entry_id tag'),
  table('entry_text', 'key entry_id title story next_step follow_ups notes'),
  table('follow_ups', 'entry_id seq answered_at data'),
  table(
    'history',
    'created_at id date kind method before after minutes_seen selection_rate confounders about_me clouded has_next_step follow_up_on ' +
      'follow_up_count took_next_step prediction_probability prediction_came_true first_belief_now outcome belief_id',
  ),
  table('revisions', 'entry_id seq revised_at data'),
  index('attempts_awaiting_reply', 'attempts', 'expect_reply_by'),
  index('attempts_by_date', 'attempts', 'date created_at'),
  index('attempts_by_entry', 'attempts', 'entry_id'),
  index('entries_by_date', 'entries', 'date created_at'),
  index('entries_by_follow_up', 'entries', 'follow_up_on'),
  index('entry_tags_by_tag', 'entry_tags', 'tag entry_id'),
  index('history_by_belief', 'history', 'belief_id date created_at id'),
];

function table(name: string, columns: string): SchemaObject {
  return { type: 'table', name, table: name, columns: columns.split(' ') };
}

function index(name: string, table: string, columns: string): SchemaObject {
  return { type: 'index', name, table, columns: columns.split(' ') };
}

/**
 * True when schema.ts recognise() would find `db` a noisy journal at DECLARED_VERSION: noisy's
 * application id (or none), that version, and every table, column and index it has. Read in one
 * transaction, as recognise() reads.
 */
export function isCurrentJournal(db: Database.Database): boolean {
  const read = () => {
    const applicationId = (db.pragma('application_id', { simple: true }) as number) >>> 0;
    if (applicationId !== 0 && applicationId !== NOISY_APPLICATION_ID) return false;
    if (db.pragma('user_version', { simple: true }) !== DECLARED_VERSION) return false;
    return missingObjects(DECLARED_SCHEMA, schemaObjects(db)).length === 0;
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/** What `expected` has that `actual` lacks, in words ("the table follow_ups"). */
export function missingObjects(expected: readonly SchemaObject[], actual: readonly SchemaObject[]): string[] {
  const byName = new Map(actual.map((o) => [`${o.type}:${o.name}`, o]));
  const missing: string[] = [];
  for (const object of expected) {
    const found = byName.get(`${object.type}:${object.name}`);
    if (!found) {
      missing.push(`the ${object.type} ${object.name}`);
    } else if (object.type === 'table') {
      for (const column of object.columns) if (!found.columns.includes(column)) missing.push(`the column ${object.name}.${column}`);
    } else if (found.table !== object.table || found.columns.join() !== object.columns.join()) {
      missing.push(`the index ${object.name} (it is not the one noisy made)`);
    }
  }
  return missing;
}

/** The tables and indexes of `db` (SQLite's own internal ones left out). */
export function schemaObjects(db: Database.Database): SchemaObject[] {
  const rows = db
    .prepare("SELECT type, name, tbl_name AS tbl FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type DESC, name")
    .all() as { type: 'table' | 'index'; name: string; tbl: string }[];
  return rows.map((row) => ({
    type: row.type,
    name: row.name,
    table: row.tbl,
    columns: (db.pragma(`${row.type === 'table' ? 'table_info' : 'index_info'}(${quote(row.name)})`) as { name: string | null }[]).map((c) => c.name ?? ''),
  }));
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
