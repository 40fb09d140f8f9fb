// The journal's encryption: SQLCipher 4's format (through SQLite3 Multiple Ciphers, set on every
// open: the library's own default is another cipher), so `sqlcipher` 4 or later can open it too.
// Keys are given once per process, by journal path, before the store opens the file.
import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';

/** A passphrase (SQLCipher derives the key from it, ~0.1 s) or the 32-byte key it derives, as hex. */
export type JournalKey = { kind: 'passphrase'; passphrase: string } | { kind: 'raw'; hex: string };

const keys = new Map<string, JournalKey>();

/** The key to open the journal at `path` with, for the rest of this process (null: none). */
export function useKey(path: string, key: JournalKey | null): void {
  if (key === null) keys.delete(resolve(path));
  else keys.set(resolve(path), key);
}

/** Forgets every key given (a new run of the command line in the same process starts with none). */
export function forgetKeys(): void {
  keys.clear();
}

export function keyFor(path: string): JournalKey | null {
  return keys.get(resolve(path)) ?? null;
}

/** What PRAGMA key and ATTACH … KEY take, as an SQL string: the passphrase, or a raw key x'…'. */
export function keyLiteral(key: JournalKey | null): string {
  const text = key === null ? '' : key.kind === 'raw' ? `x'${key.hex}'` : key.passphrase;
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Keys the connection's main database with SQLCipher 4 (nothing for a plain journal). Runs before
 * anything reads the file: these pragmas read no page, so a wrong key fails at the first query.
 * SQLite3 Multiple Ciphers does not encrypt temporary files, and the driver is built to write them
 * to disk (a sort or temporary table that outgrows the cache, an index built in a conversion), so
 * an encrypted journal's connection keeps them in memory: no row of it reaches the disk in plain.
 */
export function applyCipher(db: Database.Database, key: JournalKey | null): void {
  if (key === null) return;
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = ${keyLiteral(key)}`);
  db.pragma('temp_store = MEMORY');
}

/**
 * Makes SQLCipher 4 this connection's cipher for databases attached with a key (ATTACH … KEY).
 * Reads the main database's schema, so it runs after applyCipher.
 */
export function attachWithSqlcipher(db: Database.Database): void {
  db.prepare("SELECT sqlite3mc_config('default:cipher', 'sqlcipher')").get();
  db.prepare("SELECT sqlite3mc_config('sqlcipher', 'default:legacy', 4)").get();
}

const MAGIC = 'SQLite format 3\0';

/** The first 16 bytes of the file: SQLite's magic for a plain journal, SQLCipher's salt for an encrypted one. */
export function fileStart(path: string): Buffer {
  const start = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, start, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return start;
}

/** True when the file starts as a plain SQLite database does. */
export function looksPlain(path: string): boolean {
  return fileStart(path).toString('latin1') === MAGIC;
}

/**
 * The raw key SQLCipher 4 derives from `passphrase` for the file at `path` (PBKDF2-HMAC-SHA512,
 * 256,000 iterations, the file's 16-byte salt): what the keyring keeps, so opening skips the KDF.
 */
export function deriveRawKey(path: string, passphrase: string): Extract<JournalKey, { kind: 'raw' }> {
  // node:crypto is loaded here, not with this module: every command loads this one, and only a
  // passphrase needs the KDF (loading crypto is a few ms of each start, a search's included).
  const { pbkdf2Sync } = process.getBuiltinModule('node:crypto');
  const hex = pbkdf2Sync(passphrase, fileStart(path), 256_000, 32, 'sha512').toString('hex');
  return { kind: 'raw', hex };
}
