// Recognising a noisy journal before anything is written to it. A journal carries noisy's
// application id (from the start) and, for its schema version, every table, column and index the
// migrations up to that version make. The expected schema is derived from MIGRATIONS itself, so a
// new migration is recognised without being declared twice.
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

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

export type Recognition =
  /** A noisy journal at `version`; `stamped` when it carries noisy's application id. */
  | { kind: 'noisy'; version: number; stamped: boolean }
  /** An SQLite database with nothing in it: a new journal that was never finished. */
  | { kind: 'blank' }
  /** noisy's id, at a schema version this noisy does not know. */
  | { kind: 'newer'; version: number }
  /** noisy's (by id, or by its entries table), but without some of what its version needs. */
  | { kind: 'incomplete'; version: number; missing: string[] }
  /** Not a noisy journal; `applicationId` is the other program's id, or 0. */
  | { kind: 'foreign'; applicationId: number; version: number };

/**
 * What an open database is, read from its header and schema; reads only. The reads share one
 * transaction, so they see one state of the file: read one by one, a journal another noisy is
 * creating at that moment could show its header from before and its tables from after.
 */
export function recognise(db: Database.Database): Recognition {
  return db.inTransaction ? recogniseNow(db) : db.transaction(recogniseNow)(db);
}

function recogniseNow(db: Database.Database): Recognition {
  const applicationId = (db.pragma('application_id', { simple: true }) as number) >>> 0;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (applicationId !== 0 && applicationId !== NOISY_APPLICATION_ID) return { kind: 'foreign', applicationId, version };
  const stamped = applicationId === NOISY_APPLICATION_ID;
  const actual = schemaObjects(db);
  if (version === 0 && actual.length === 0) return { kind: 'blank' };
  if (version > SCHEMA_VERSION || version < 0) return stamped ? { kind: 'newer', version } : { kind: 'foreign', applicationId, version };
  if (version === 0) {
    // `sqlite3 .recover` and `.dump` into a new file keep the tables but not user_version: such a
    // copy is the journal at the newest version whose tables and indexes it has.
    for (let v = SCHEMA_VERSION; v >= 1; v -= 1) {
      if (missingObjects(expectedSchema(v), actual).length === 0) return { kind: 'noisy', version: v, stamped };
    }
    return stamped ? { kind: 'incomplete', version, missing: missingObjects(expectedSchema(1), actual) } : { kind: 'foreign', applicationId, version };
  }
  const missing = missingObjects(expectedSchema(version), actual);
  if (missing.length === 0) return { kind: 'noisy', version, stamped };
  if (stamped) return { kind: 'incomplete', version, missing };
  // Without the id, only a file that has noisy's entries table as noisy made it is a damaged
  // journal rather than another program's database.
  const entries = missing.filter((m) => m === 'the table entries' || m.startsWith('the column entries.'));
  return entries.length === 0 ? { kind: 'incomplete', version, missing } : { kind: 'foreign', applicationId, version };
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

const expectedByVersion = new Map<number, SchemaObject[]>();

/** Every table and index a journal at `version` has: the migrations up to it, run on an empty database. */
export function expectedSchema(version: number): SchemaObject[] {
  let objects = expectedByVersion.get(version);
  if (!objects) {
    const db = new Database(':memory:');
    try {
      for (const step of MIGRATIONS.filter((m) => m.version <= version)) {
        db.exec(step.sql);
        step.backfill?.(db);
      }
      objects = schemaObjects(db);
    } finally {
      db.close();
    }
    expectedByVersion.set(version, objects);
  }
  return objects;
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
