// Looks at a journal without changing anything, for `noisy doctor`. The only other module that
// opens SQLite besides store.ts, and it only ever reads.
import { accessSync, constants, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { SCHEMA_VERSION } from './migrations.js';
import { BUSY_TIMEOUT_MS } from './failures.js';
import { fileShape, type FileShape } from './header.js';
import { ownershipProblems, type OwnershipProblem } from './ownership.js';
import { NOISY_APPLICATION_ID, recognise, type Recognition } from './schema.js';
import { checkWal, withKeyedCopy } from './wal.js';
import { applyCipher, keyFor } from './cipher.js';
import { KINDS, METHODS_BY_KIND, type Kind, type Method, type Outcome } from '../core/domain.js';

/**
 * An entry saved before noisy checked a rule it breaks: readable and editable, left out by the model
 * until it is fixed with `noisy edit ID`.
 */
export interface EntryBeforeRules {
  id: string;
  kind: Kind;
  method: Method;
  outcome: Outcome;
  selectionRate: number | null;
  /** 'impossible-outcome': a rejection at a rate of 100, or an acceptance at 0; 'method-does-not-fit-kind'. */
  problems: ('impossible-outcome' | 'method-does-not-fit-kind')[];
}

export interface FileFacts {
  path: string;
  /** Permission bits, e.g. 0o600. */
  mode: number;
  size: number;
  ownedByMe: boolean;
}

export interface JournalInspection {
  path: string;
  knownSchemaVersion: number;
  folder: { path: string; exists: boolean; isFolder: boolean; mode: number | null; writable: boolean };
  /** Read with a key (SQLCipher 4): the file itself looks like random bytes. */
  encrypted: boolean;
  /** What is at the journal path. */
  type: 'missing' | 'file' | 'folder' | 'other';
  /** The journal and its companions (-wal, -shm) that exist. */
  files: FileFacts[];
  /** 'empty': a zero-byte file, which noisy sets up on the next save; 'cut-short': see fileShape. */
  header: FileShape['kind'] | 'unreadable' | null;
  /** Files and folder that are another user's, or that others can change (noisy refuses them). */
  ownership: OwnershipProblem[];
  /** The -wal beside the journal: null when there is none; else whether it belongs (see wal.ts). */
  wal: { belongs: true } | { belongs: false; reason: string } | null;
  /** Why the database could not be opened or queried, if it could not. */
  openError: string | null;
  /** PRAGMA application_id, and what the file is by its id and schema (see schema.ts recognise). */
  applicationId: number | null;
  noisyApplicationId: number;
  recognition: Recognition | null;
  schemaVersion: number | null;
  integrity: string[] | null;
  foreignKeyProblems: number | null;
  entries: number | null;
  drafts: { name: string; updatedAt: string }[] | null;
  dueFollowUps: number | null;
  /** Entries saved before rules they break, oldest first (null when the entries could not be read). */
  entriesBeforeRules: EntryBeforeRules[] | null;
}

/** Entries that break the rules of the belief model (see EntryBeforeRules), from the history table alone. */
function entriesBeforeRules(db: Database.Database): EntryBeforeRules[] {
  const quoted = (text: string) => `'${text}'`;
  const fits = KINDS.map((kind) => `(kind = ${quoted(kind)} AND method IN (${METHODS_BY_KIND[kind].map(quoted).join(', ')}))`).join(' OR ');
  const impossible = "(outcome = 'accepted' AND selection_rate <= 0) OR (outcome IS NOT 'accepted' AND selection_rate >= 100)";
  const rows = db
    .prepare(`SELECT id, kind, method, coalesce(outcome, 'rejected') AS outcome, selection_rate, ${impossible} AS impossible, NOT (${fits}) AS misfit FROM history WHERE (${impossible}) OR NOT (${fits}) ORDER BY date, created_at, id`)
    .all() as { id: string; kind: Kind; method: Method; outcome: Outcome; selection_rate: number | null; impossible: number; misfit: number }[];
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    method: row.method,
    outcome: row.outcome,
    selectionRate: row.selection_rate,
    problems: [...(row.impossible ? ['impossible-outcome' as const] : []), ...(row.misfit ? ['method-does-not-fit-kind' as const] : [])],
  }));
}

/** Everything `noisy doctor` reports about the journal at `path`; `today` is YYYY-MM-DD. Writes nothing. */
export function inspectJournal(path: string, today: string): JournalInspection {
  const folderPath = dirname(path);
  const folderStat = statOrNull(folderPath);
  const result: JournalInspection = {
    path,
    knownSchemaVersion: SCHEMA_VERSION,
    folder: {
      path: folderPath,
      exists: folderStat !== null,
      isFolder: folderStat?.isDirectory() ?? false,
      mode: folderStat ? folderStat.mode & 0o777 : null,
      writable: folderStat !== null && canAccess(folderPath, constants.W_OK),
    },
    encrypted: false,
    type: 'missing',
    files: [],
    header: null,
    ownership: ownershipProblems(path),
    wal: null,
    openError: null,
    applicationId: null,
    noisyApplicationId: NOISY_APPLICATION_ID,
    recognition: null,
    schemaVersion: null,
    integrity: null,
    foreignKeyProblems: null,
    entries: null,
    drafts: null,
    dueFollowUps: null,
    entriesBeforeRules: null,
  };
  const stat = statOrNull(path);
  if (!stat) return result;
  result.type = stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
  if (result.type !== 'file') return result;

  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    const s = statOrNull(file);
    if (s?.isFile()) result.files.push({ path: file, mode: s.mode & 0o777, size: s.size, ownedByMe: process.getuid === undefined || s.uid === process.getuid() });
  }
  result.header = readHeader(path);
  if (result.header === 'not-sqlite' && keyFor(path) !== null) {
    result.header = 'sqlite';
    result.encrypted = true;
  }
  if (result.header !== 'sqlite') return result;
  if (existsSync(`${path}-wal`)) {
    try {
      const shape = result.encrypted ? null : fileShape(path);
      const verdict = result.encrypted ? checkWal(path, null, keyFor(path)) : checkWal(path, shape?.kind === 'sqlite' ? shape.pageSize : 0);
      result.wal = verdict.belongs ? { belongs: true } : { belongs: false, reason: verdict.reason };
    } catch (error) {
      result.wal = { belongs: false, reason: `it can't be read (${(error as Error).message})` };
    }
  }

  let db: Database.Database;
  try {
    if (result.encrypted && result.wal?.belongs === false) {
      // Read without the -wal that is not its own: a copy of the file alone.
      const copy = withKeyedCopy(path, readFileSync(path), keyFor(path)!, (keyed) => inspectContents(keyed, result, today));
      if (copy === null) result.openError = 'it could not be read without the -wal beside it';
      return result;
    }
    db = result.encrypted ? openEncrypted(path) : openWithoutWriting(path, result.wal?.belongs === false);
  } catch (error) {
    result.openError = (error as Error).message;
    return result;
  }
  const hadWorkingFiles = existsSync(`${path}-wal`) || existsSync(`${path}-shm`);
  try {
    inspectContents(db, result, today);
  } catch (error) {
    result.openError = (error as Error).message;
  } finally {
    db.close();
    if (result.encrypted && !hadWorkingFiles) removeEmptyWorkingFiles(path);
  }
  return result;
}

/** What the journal holds: version, id, schema, integrity, references, counts. */
function inspectContents(db: Database.Database, result: JournalInspection, today: string): void {
  result.schemaVersion = db.pragma('user_version', { simple: true }) as number;
  result.applicationId = (db.pragma('application_id', { simple: true }) as number) >>> 0;
  result.recognition = recognise(db);
  result.integrity = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check);
  result.foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
  if (result.recognition.kind === 'noisy' && result.schemaVersion === SCHEMA_VERSION) {
    result.entries = db.prepare('SELECT count(*) FROM entries').pluck().get() as number;
    result.drafts = (db.prepare('SELECT name, updated_at FROM drafts ORDER BY updated_at').all() as { name: string; updated_at: string }[]).map(
      (row) => ({ name: row.name, updatedAt: row.updated_at }),
    );
    result.dueFollowUps = db
      .prepare('SELECT count(*) FROM entries WHERE follow_up_on IS NOT NULL AND follow_up_on <= ?')
      .pluck()
      .get(today) as number;
    result.entriesBeforeRules = entriesBeforeRules(db);
  }
}

/**
 * An encrypted journal can't be read from a copy in memory (the cipher works on files), so it is
 * opened read-only with its key; SQLite may make an empty -wal and -shm beside a WAL journal,
 * which removeEmptyWorkingFiles takes away again.
 */
function openEncrypted(path: string): Database.Database {
  const hadWorkingFiles = existsSync(`${path}-wal`) || existsSync(`${path}-shm`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    applyCipher(db, keyFor(path));
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('schema_version');
  } catch (error) {
    db.close();
    if (!hadWorkingFiles) removeEmptyWorkingFiles(path);
    throw error;
  }
  return db;
}

function removeEmptyWorkingFiles(path: string): void {
  try {
    if (statSync(`${path}-wal`).size !== 0) return;
  } catch {
    // No -wal: a -shm alone is SQLite's too.
  }
  for (const file of [`${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

/**
 * Opens the journal for reading without touching the disk. A journal closed cleanly (no -wal file)
 * is read into memory whole, because even a read-only SQLite connection creates -wal and -shm files
 * beside a WAL journal; so is one whose -wal does not belong to it (`withoutWal`), so that SQLite
 * never reads that -wal. With its own -wal present (noisy is running, or was stopped mid-save) its
 * entries live partly there, so the file is opened read-only where SQLite already keeps its companions.
 */
function openWithoutWriting(path: string, withoutWal: boolean): Database.Database {
  if (withoutWal || !existsSync(`${path}-wal`)) {
    const bytes = readFileSync(path);
    if (withoutWal || !existsSync(`${path}-wal`)) {
      // An in-memory copy can't be in WAL mode: mark the copy's header as a rollback journal
      // (bytes 18-19, the file format versions). Only the copy changes.
      if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes.writeUInt16BE(0x0101, 18);
      return new Database(bytes, { readonly: true });
    }
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}

function readHeader(path: string): JournalInspection['header'] {
  try {
    return fileShape(path).kind;
  } catch {
    return 'unreadable';
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
