// The read-only connection commands that only read use (Store.openForReading, and a search:
// storage/journal-reader.ts), and the tidying after it. Apart from store.ts so that a search can open
// the journal without loading the whole store.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { RuntimeError } from '../errors.js';
import { applyCipher, keyFor } from './cipher.js';
import { BUSY_TIMEOUT_MS, describeError, storageError } from './failures.js';

const require = createRequire(import.meta.url);

/**
 * The driver, loaded with require: it is CommonJS, and imported from ES modules Node first reads its
 * source for the names it exports (~10 ms of a search's start). The same module as store.ts imports.
 */
const Driver = require('better-sqlite3-multiple-ciphers') as typeof Database;

/**
 * The driver's compiled part where npm puts it (prebuilt, or built by node-gyp), given to the
 * driver: its own search (the `bindings` package) fails to require it from two other places
 * first, which took ~4 ms of a search. Where it is not there (a debug build), the driver searches.
 */
function nativeBinding(): { nativeBinding?: string } {
  if (binding === undefined) {
    try {
      binding = { nativeBinding: require.resolve('better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node') };
    } catch {
      binding = {};
    }
  }
  return binding;
}
let binding: { nativeBinding?: string } | undefined;

/** A read-only connection: it can't write the journal, checkpoint it or merge a -wal into it. */
export function openReadOnly(path: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Driver(path, { readonly: true, fileMustExist: true, ...nativeBinding() });
  } catch (error) {
    throw storageError(path, error) ?? new RuntimeError(`Could not open the journal at ${path}: ${describeError(error)}.`, [], { cause: error });
  }
  try {
    applyCipher(db, keyFor(path));
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    db.close();
    throw storageError(path, error) ?? error;
  }
  return db;
}

/**
 * A read-only connection to a WAL journal leaves SQLite's working files (an empty -wal and a
 * -shm) behind when it closes, because it may not checkpoint. When there was no -wal before and
 * the one left is still empty, they are removed the way SQLite removes them: a read-write
 * connection that reads the header and closes. SQLite deletes them only when no other connection
 * has the journal open, and with an empty -wal there is nothing to copy into the file.
 */
export function tidyWorkingFiles(path: string, hadWal: boolean): void {
  if (hadWal) return;
  try {
    if (statSync(`${path}-wal`).size !== 0) return;
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
  } catch {
    return;
  }
  try {
    const db = new Driver(path, { fileMustExist: true, ...nativeBinding() });
    try {
      applyCipher(db, keyFor(path));
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('schema_version');
    } finally {
      db.close();
    }
  } catch {
    // Left as they are: harmless, and SQLite uses them next time.
  }
}
