// Recognising a noisy journal before anything is written to it. A journal carries noisy's
// application id (from the start) and, for its schema version, every table, column and index the
// migrations up to that version make. For the current version that is a declared list
// (schema-objects.ts DECLARED_SCHEMA), held to MIGRATIONS by a test; for older ones it is worked out
// from MIGRATIONS itself.
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { DECLARED_SCHEMA, DECLARED_VERSION, missingObjects, NOISY_APPLICATION_ID, schemaObjects, type SchemaObject } from './schema-objects.js';

export { missingObjects, NOISY_APPLICATION_ID, schemaObjects, type SchemaObject } from './schema-objects.js';

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

/**
 * Every table and index a journal at `version` has. For the current version that is the declared
 * list: recognising a journal (every open, by every command) then needs no in-memory database with
 * the migrations run on it (~14 ms, most of what opening a journal cost).
 */
export function expectedSchema(version: number): readonly SchemaObject[] {
  return version === DECLARED_VERSION ? DECLARED_SCHEMA : schemaFromMigrations(version);
}

const fromMigrations = new Map<number, SchemaObject[]>();

/** Every table and index a journal at `version` has: the migrations up to it, run on an empty database. */
export function schemaFromMigrations(version: number): SchemaObject[] {
  let objects = fromMigrations.get(version);
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
    fromMigrations.set(version, objects);
  }
  return objects;
}
