// encrypt, decrypt and a new passphrase: the journal is copied into a new file in the same folder,
// under the new key (or none), checked, synced, and renamed over the old one. Until the rename the
// old file is the journal, whole; after it, the new one is. A killed conversion leaves at most the
// new file's unfinished copy beside the journal, which the next conversion removes.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { RuntimeError } from '../errors.js';
import { applyCipher, attachWithSqlcipher, keyLiteral, type JournalKey } from './cipher.js';
import { storageError } from './failures.js';
import { identityOf, replacedError, sameIdentity } from './identity.js';

/** Where a conversion builds the new journal (a dot file beside it, the same for every run). */
export function conversionPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.converting`);
}

/** How long a conversion waits for another noisy to finish with the journal. */
const EXCLUSIVE_WAIT_MS = 3000;

export interface ConversionResult {
  entries: number;
}

/**
 * Rewrites the journal at `path` (now readable with `from`, null when plain) so that it opens with
 * `to` (null: plain). Holds the journal's write lock from start to rename, so no save is lost; and
 * refuses while another noisy has the journal open (its connection would keep the old file).
 */
export function convertJournal(path: string, from: JournalKey | null, to: JournalKey | null): ConversionResult {
  const temp = conversionPath(path);
  removeConversionLeftovers(path);
  const opened = identityOf(path);
  const source = new Database(path, { fileMustExist: true });
  try {
    applyCipher(source, from);
    source.pragma(`busy_timeout = ${EXCLUSIVE_WAIT_MS}`);
    // Leaving WAL mode folds the -wal into the journal and needs every other connection closed.
    const mode = source.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw busyError(path);
    source.exec('BEGIN IMMEDIATE');
    // Under the lock: still the journal (no other conversion renamed a file over it while this one
    // waited), and still in rollback mode (no noisy that opened it meanwhile switched it back to
    // WAL: that noisy would keep a connection to the old file).
    if (!sameIdentity(opened, identityOf(path))) throw replacedError(path);
    if (source.pragma('journal_mode', { simple: true }) !== 'delete') throw busyError(path);
    let entries: number;
    closeSync(openSync(temp, 'wx', 0o600));
    const target = new Database(temp, { fileMustExist: true });
    try {
      applyCipher(target, to);
      attachWithSqlcipher(target);
      target.pragma('synchronous = FULL');
      target.prepare(`ATTACH ? AS src KEY ${keyLiteral(from)}`).run(path);
      target.transaction(() => copyAll(target)).deferred(); // IMMEDIATE would lock src too
      entries = verify(target, path);
      target.exec('DETACH src');
      // In WAL mode, as noisy keeps every journal: the first command to open the new one then
      // changes nothing in it (closing folds the copy's -wal in and removes it).
      target.pragma('journal_mode = WAL');
    } finally {
      target.close();
    }
    syncFile(temp);
    renameSync(temp, path);
    for (const file of [`${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
    syncFile(dirname(path));
    source.exec('ROLLBACK');
    return { entries };
  } catch (error) {
    removeConversionLeftovers(path);
    if (error instanceof RuntimeError) throw error;
    if (isBusy(error)) throw busyError(path);
    throw storageError(path, error) ?? error;
  } finally {
    source.close();
  }
}

/** Removes an unfinished copy a killed conversion left (never the journal itself). */
export function removeConversionLeftovers(path: string): void {
  const temp = conversionPath(path);
  for (const file of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) rmSync(file, { force: true });
}

/**
 * True when `key` opens the journal at `path` (read-only; the empty -wal and -shm SQLite may make
 * beside it are removed again). For asking again on the terminal after a wrong passphrase.
 */
export function keyOpens(path: string, key: JournalKey): boolean {
  const hadWorkingFiles = existsSync(`${path}-wal`) || existsSync(`${path}-shm`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    applyCipher(db, key);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') return false;
    throw storageError(path, error) ?? error;
  } finally {
    db.close();
    if (!hadWorkingFiles) {
      for (const file of [`${path}-wal`, `${path}-shm`]) {
        if (existsSync(file) && statSync(file).size === 0) rmSync(file, { force: true });
      }
    }
  }
}

interface SchemaRow {
  type: string;
  name: string;
  sql: string;
}

/**
 * Copies every table, index, trigger and view of `src` into main, and its version stamps. A full-text
 * index (an FTS5 virtual table) is made anew and rebuilt from its content table rather than copied:
 * its own tables can't be written to directly.
 */
function copyAll(db: Database.Database): void {
  const rows = db.prepare("SELECT type, name, sql FROM src.sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all() as SchemaRow[];
  const virtual = rows.filter(isVirtual);
  for (const row of virtual) db.exec(row.sql);
  const made = new Set(db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  for (const row of rows.filter((r) => r.type === 'table' && !isVirtual(r) && !made.has(r.name))) {
    db.exec(row.sql);
    db.exec(`INSERT INTO main.${quoted(row.name)} SELECT * FROM src.${quoted(row.name)}`);
  }
  for (const row of virtual.filter((r) => /\bUSING\s+fts5\b/i.test(r.sql))) {
    db.exec(`INSERT INTO main.${quoted(row.name)} (${quoted(row.name)}) VALUES ('rebuild')`);
  }
  for (const row of rows.filter((r) => r.type !== 'table')) db.exec(row.sql);
  const hasSequence = db.prepare("SELECT 1 FROM src.sqlite_schema WHERE name = 'sqlite_sequence'").get() !== undefined;
  if (hasSequence) db.exec('DELETE FROM main.sqlite_sequence; INSERT INTO main.sqlite_sequence SELECT * FROM src.sqlite_sequence');
  for (const stamp of ['user_version', 'application_id']) {
    const value = db.pragma(`src.${stamp}`, { simple: true }) as number;
    db.pragma(`main.${stamp} = ${value | 0}`);
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const isVirtual = (row: SchemaRow) => /^CREATE\s+VIRTUAL\s+TABLE/i.test(row.sql);

/** The tables a virtual table made for itself (an FTS5 index's _data, _idx, …). */
function shadowTables(db: Database.Database): Set<string> {
  const virtual = (db.prepare("SELECT name, sql FROM src.sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'").all() as SchemaRow[]).map((r) => r.name);
  const tables = db.prepare("SELECT name FROM src.sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  return new Set(tables.filter((t) => virtual.some((v) => t.startsWith(`${v}_`))));
}

/** Checks the copy: SQLite's integrity check, every table's row count, and every entry read back. */
function verify(db: Database.Database, path: string): number {
  const problems = (db.pragma('main.integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const failed = (what: string) =>
    new RuntimeError(`The converted copy of ${path} did not check out (${what}).`, [
      'The journal was not changed; the copy was removed. Run `noisy doctor`.',
    ]);
  if (problems.join() !== 'ok') throw failed(problems.join('; '));
  const shadows = shadowTables(db);
  const tables = (db.prepare("SELECT name FROM src.sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).filter((t) => !shadows.has(t));
  for (const table of tables) {
    const q = quoted(table);
    const counts = db.prepare(`SELECT (SELECT count(*) FROM main.${q}), (SELECT count(*) FROM src.${q})`).raw().get() as [number, number];
    if (counts[0] !== counts[1]) throw failed(`${table}: ${counts[0]} rows, not ${counts[1]}`);
  }
  if (tables.includes('entries')) {
    const differ = db
      .prepare('SELECT count(*) FROM (SELECT * FROM main.entries EXCEPT SELECT * FROM src.entries)')
      .pluck()
      .get() as number;
    if (differ !== 0) throw failed(`${differ} entries read back differently`);
    return db.prepare('SELECT count(*) FROM main.entries').pluck().get() as number;
  }
  return 0;
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function busyError(path: string): RuntimeError {
  return new RuntimeError(`Another noisy is using the journal at ${path}.`, [
    'The journal was not changed. Close the other noisy and run this again.',
  ]);
}

