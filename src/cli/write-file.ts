// Writing a file so that it is either all there or not there at all: a private temp file in the
// same directory, flushed to disk, then moved into place in one step. A crash, a full disk or an
// error halfway leaves the old file (or no file) and no half-written one; Ctrl+C, SIGTERM and
// SIGHUP remove the temp file too (stop-signals.ts), and one left by SIGKILL is found later by its
// name (temp-files.ts). Only regular files are ever replaced: a pipe, a device, a socket or a
// symbolic link at the target is refused, --force or not.
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InterruptedError, RuntimeError, UsageError } from '../errors.js';
import { checkStop } from './stop-signals.js';
import { tempName } from './temp-files.js';
import { utf8Blocks } from './utf8-blocks.js';

export interface WriteOptions {
  /** Replace an existing file (--force). Without it, an existing file is an error and stays as it was. */
  overwrite: boolean;
  /** How to name the path in messages (defaults to the path itself). */
  shown?: string;
  /**
   * Aborted by Ctrl+C, SIGTERM or SIGHUP (catchingStopSignals): the writing stops at the next block,
   * the temp file is removed and an InterruptedError says so.
   */
  stop?: AbortSignal;
}

/**
 * Checks, before any work is done, that `path` can be written: its folder exists and, unless
 * overwriting, nothing is there yet; whatever is there is a regular file. writeFileAtomically checks
 * again at the end (no clobbering even if a file appears meanwhile); this is for failing fast with
 * a clear message.
 */
export function checkWritable(path: string, options: WriteOptions): void {
  const shown = options.shown ?? path;
  const existing = lstatOrNull(path);
  if (existing?.isDirectory()) throw new RuntimeError(`Could not write ${shown}: it is a folder.`, ['Give a file name, e.g. -o journal.md.']);
  if (existing && !existing.isFile()) throw notRegularError(path, shown, existing);
  if (existing && !options.overwrite) throw existsError(shown);
  const folder = statOrNull(dirname(path));
  if (!folder) throw new RuntimeError(`Could not write ${shown}: the folder ${dirname(path)} does not exist.`, ['Create it first, or choose another place.']);
  if (!folder.isDirectory()) throw new RuntimeError(`Could not write ${shown}: ${dirname(path)} is not a folder.`);
}

/** Writes `chunks` to `path` atomically, with mode 0600 (journal text is private). */
export async function writeFileAtomically(path: string, chunks: Iterable<string>, options: WriteOptions): Promise<void> {
  const shown = options.shown ?? path;
  const existed = lstatOrNull(path) !== null;
  const temp = join(dirname(path), tempName(basename(path)));
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (error) {
    throw writeError(shown, error);
  }
  const untouched = () => (existed ? `nothing was written; ${shown} is as it was.` : `nothing was written to ${shown}.`);
  let moved = false;
  try {
    try {
      await writeChunks(fd, chunks, options.stop, untouched);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await checkStop(options.stop, untouched);
    place(temp, path, options.overwrite, shown);
    moved = true;
    syncFolder(dirname(path));
  } catch (error) {
    if (error instanceof UsageError || error instanceof RuntimeError || error instanceof InterruptedError) throw error;
    throw writeError(shown, error);
  } finally {
    if (!moved) removeQuietly(temp);
  }
}

/**
 * Writes `chunks` to the open file `fd` as UTF-8. With `stop`, the event loop gets a turn after
 * every block, so a stop signal is noticed within one block (InterruptedError with `outcome`).
 */
export async function writeChunks(fd: number, chunks: Iterable<string>, stop: AbortSignal | undefined, outcome: () => string): Promise<void> {
  for (const block of utf8Blocks(chunks)) {
    writeAll(fd, block);
    await checkStop(stop, outcome);
  }
}

/**
 * Moves the finished file `temp` to `path`. Without `overwrite`, never over an existing name; with
 * it, only over a regular file (checked again here, in case something else appeared meanwhile).
 */
export function place(temp: string, path: string, overwrite: boolean, shown: string): void {
  if (overwrite) {
    const existing = lstatOrNull(path);
    if (existing?.isDirectory()) throw new RuntimeError(`Could not write ${shown}: it is a folder.`);
    if (existing && !existing.isFile()) throw notRegularError(path, shown, existing);
    renameOrExplain(temp, path, shown);
    return;
  }
  // A hard link fails if the name is taken, so an existing file can never be replaced by accident.
  try {
    linkSync(temp, path);
    unlinkSync(temp);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw existsError(shown);
    if (code === 'ENOENT') throw vanishedError(temp, shown, error);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  // File systems without hard links (FAT, some network shares): check, then rename.
  if (lstatOrNull(path)) throw existsError(shown);
  renameOrExplain(temp, path, shown);
}

function renameOrExplain(temp: string, path: string, shown: string): void {
  try {
    renameSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw vanishedError(temp, shown, error);
    throw error;
  }
}

/** The temp file is gone before it could be moved into place: someone (or something) removed it. */
function vanishedError(temp: string, shown: string, error: unknown): RuntimeError {
  if (lstatOrNull(dirname(temp))?.isDirectory() && !lstatOrNull(temp)) {
    return new RuntimeError(`Could not write ${shown}: its temporary file was removed while noisy was writing it.`, ['Nothing was written there. Run the export again.'], { cause: error });
  }
  return writeError(shown, error);
}

function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
}

/** Makes the renames into `folder` durable (best effort: not every platform can open a folder). */
export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort only.
  }
}

/**
 * `-o` naming the journal itself (or its working files) would replace it with an export, even with
 * --force: refused. `example` is a file name to suggest instead.
 */
export function refuseJournalAsOutput(dbPath: string, path: string, example: string): void {
  for (const journalFile of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    if (sameFile(path, journalFile)) {
      throw new UsageError(`-o ${path} is your journal itself; writing there would replace it.`, [`Choose another file name, e.g. -o ${example}.`]);
    }
  }
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/** The file's stat, or null when there is none (or it can't be read). */
export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The link's own stat (not what it points to), or null when there is none. */
export function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created.
  }
}

function existsError(shown: string): UsageError {
  return new UsageError(`${shown} already exists, and noisy does not overwrite files unless asked.`, [
    'Add --force to replace it, or choose another name.',
  ]);
}

/** Names that mean "standard output" to the system; `-o -` is noisy's way of saying it. */
const STDOUT_ALIASES = ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1'];

/** `path` exists and is not a regular file (nor a folder): refused, with or without --force. */
export function notRegularError(path: string, shown: string, stats: Stats): UsageError {
  const message = `${shown} is ${describeSpecial(stats)}, not a regular file.`;
  const rule = 'noisy writes exports only to regular files; --force replaces only those.';
  if (STDOUT_ALIASES.includes(path)) return new UsageError(message, [rule, 'To write to standard output, leave out -o (or use -o -).']);
  if (stats.isSymbolicLink()) {
    const real = realpathOrNull(path);
    if (real !== null && statOrNull(real)?.isFile()) return new UsageError(message, [rule, `To replace the file it points to, name that file: ${real}`]);
  }
  return new UsageError(message, [rule, 'Choose a file name, or leave out -o and pipe the output: noisy export | ...']);
}

function describeSpecial(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** Why writing failed, in words, and what to do about it. */
export function writeFailure(error: unknown): { reason: string; fix: string } {
  const code = (error as NodeJS.ErrnoException).code;
  const permissions = 'Choose a place you can write to, or check its permissions.';
  const space = 'Free some space, or choose another place.';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission denied', fix: permissions };
    case 'ENOENT':
      return { reason: 'the folder does not exist', fix: permissions };
    case 'EROFS':
      return { reason: 'the file system is read-only', fix: permissions };
    case 'ENOSPC':
      return { reason: 'the disk is full', fix: space };
    case 'EDQUOT':
      return { reason: 'your disk quota is used up', fix: space };
    case 'EFBIG':
      return { reason: 'a file-size limit was reached', fix: 'Choose another place, or raise the limit (ulimit -f).' };
    case 'ENOTDIR':
      return { reason: 'part of the path is not a folder', fix: permissions };
    default:
      return { reason: error instanceof Error ? error.message : String(error), fix: permissions };
  }
}

function writeError(shown: string, error: unknown): RuntimeError {
  const { reason, fix } = writeFailure(error);
  return new RuntimeError(`Could not write ${shown}: ${reason}.`, [`Nothing was written there. ${fix}`], { cause: error });
}
