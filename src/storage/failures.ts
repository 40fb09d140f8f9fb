// Turns what the file system and SQLite report into messages a person can act on: which file,
// what went wrong, what to do. The journal is never changed by a failed operation (SQLite rolls the
// transaction back), and the messages say so.
import { accessSync, constants, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { keyFor } from './cipher.js';
import { basename, dirname } from 'node:path';
import { RuntimeError } from '../errors.js';

/**
 * The SQLite error code of `error` (e.g. SQLITE_FULL, SQLITE_IOERR_WRITE), or null when it is not one.
 * Recognised by shape, so main.ts can use this without loading better-sqlite3 (`--help` stays fast).
 */
export function sqliteCode(error: unknown): string | null {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return null;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** An error's message for a sentence of ours: without its closing full stop. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, '');
}

/** A clear RuntimeError for an SQLite failure on the journal at `path`; null when `error` is not from SQLite. */
export function storageError(path: string, error: unknown): RuntimeError | null {
  const code = sqliteCode(error);
  if (code === null) return null;
  const reason = (error as Error).message.replace(/\.$/, '');
  const unchanged = 'The journal was not changed; nothing was saved by this command.';
  const options = { cause: error };
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR_WRITE') || code === 'SQLITE_IOERR_TRUNCATE' || code === 'SQLITE_IOERR_FSYNC') {
    return new RuntimeError(
      `Could not write to the journal at ${path}: the disk is full, or a file-size limit was reached (${reason}).`,
      [unchanged, 'Free some space (or raise the limit) and run the command again.'],
      options,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new RuntimeError(`The journal at ${path} can't be written here (${reason}).`, [
      ...writeAccessAdvice(path),
      unchanged,
    ], options);
  }
  if (code === 'SQLITE_NOTADB' && keyFor(path) !== null) {
    return new RuntimeError(`wrong passphrase, or not a noisy journal: ${path}`, [
      'The file was not changed. Check the passphrase (the whole first line of the file given).',
    ], options);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new RuntimeError(`The journal at ${path} is damaged (${reason}).`, [
      'noisy did not change it and will not write over it.',
      'Run `noisy doctor` to see what is wrong, and restore the file from a backup if you have one.',
    ], options);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new RuntimeError(`Another program kept the journal at ${path} locked for more than ${BUSY_TIMEOUT_MS / 1000} seconds.`, [
      unchanged,
      'Finish or close the other noisy (or whatever has the file open) and try again.',
    ], options);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new RuntimeError(`The disk reported an error while noisy used the journal at ${path} (${reason}).`, [
      unchanged,
      'Check the disk, then run `noisy doctor`.',
    ], options);
  }
  return new RuntimeError(`The journal at ${path} could not be used (${reason}).`, [unchanged, 'Run `noisy doctor` for details.'], options);
}

/** How long a command waits for another noisy that is writing (an assumption: saves take milliseconds). */
export const BUSY_TIMEOUT_MS = 10_000;

/** What to do when the journal or its folder can't be written, naming both. */
function writeAccessAdvice(path: string): string[] {
  const dir = dirname(path);
  return [
    `noisy needs to write ${basename(path)} and, beside it, ${basename(path)}-wal and ${basename(path)}-shm while it works.`,
    `If they are yours, fix the permissions with: chmod 700 '${dir}' && chmod 600 '${path}'`,
    'Or choose another place with --db PATH or $NOISY_DB.',
  ];
}

/**
 * Before a command that writes opens an existing journal: refuses early, with the fix, when the file
 * or its folder is not writable, so SQLite never gets to leave half-made companion files behind.
 */
export function checkWritable(path: string, purpose: 'save' | 'upgrade' = 'save'): void {
  for (const target of [path, dirname(path)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const what = target === path ? 'the journal file is read-only' : `its folder ${target} is read-only`;
      const reason = code === 'EROFS' ? 'the file system is read-only' : what;
      throw new RuntimeError(
        purpose === 'save'
          ? `Can't save to the journal at ${path}: ${reason}.`
          : `The journal at ${path} is in an older format that noisy must upgrade to read it, and it can't: ${reason}.`,
        [...writeAccessAdvice(path), purpose === 'save' ? 'Nothing was saved.' : 'The journal was not changed.'],
      );
    }
  }
}

/** Why creating the journal (or its folder) failed, in words, with the fix. */
export function creationError(path: string, error: unknown): RuntimeError {
  const code = (error as NodeJS.ErrnoException).code;
  const dir = dirname(path);
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? `permission denied (the folder ${dir} or one above it is not writable by you)`
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? `part of the path ${dir} is a file, not a folder`
        : code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG'
          ? 'the disk is full'
          : code === 'EROFS'
            ? 'the file system is read-only'
            : (error as Error).message;
  return new RuntimeError(`Could not create the journal at ${path}: ${reason}.`, [
    'Nothing was created. Choose a folder you can write to with --db PATH or $NOISY_DB,',
    `or fix this one (e.g. mkdir -p '${dir}' && chmod 700 '${dir}').`,
  ], { cause: error });
}

/** What createPrivateFile made, so a failed first open can take it away again. */
export interface CreatedJournal {
  path: string;
  /** Folders made for it, outermost first. */
  dirs: string[];
}

/** An SQLite page; a journal holding any entry is larger (every table and index takes a page). */
const ONE_PAGE = 4096;
/** A WAL file with only its header holds no transaction. */
const WAL_HEADER = 32;

/**
 * Removes a journal this process just created when its first open failed (a full disk, say), so a
 * failed command leaves no half-made file or folder. It removes nothing that could hold an entry:
 * only a file of at most one page with no transaction in its WAL, and only empty folders it made.
 */
export function removeUnusedJournal(created: CreatedJournal): void {
  const size = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  const { path } = created;
  if (size(path) > ONE_PAGE || size(`${path}-wal`) > WAL_HEADER) return;
  for (const file of [`${path}-wal`, `${path}-shm`, `${path}-journal`, path]) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone, or never made.
    }
  }
  for (const dir of [...created.dirs].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      return; // Not empty (someone else uses it) or not ours to remove: stop here.
    }
  }
}
