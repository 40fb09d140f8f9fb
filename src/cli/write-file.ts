// Writing a file so that it is either all there or not there at all: a private temp file in the
// same directory, flushed to disk, then moved into place in one step. A crash, a full disk or an
// error halfway leaves the old file (or no file) and no half-written one.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RuntimeError, UsageError } from '../errors.js';
import { utf8Blocks } from './utf8-blocks.js';

export interface WriteOptions {
  /** Replace an existing file (--force). Without it, an existing file is an error and stays as it was. */
  overwrite: boolean;
  /** How to name the path in messages (defaults to the path itself). */
  shown?: string;
  /**
   * Flush the folder after the rename (default true). Writing many files into one folder, turn it
   * off and call syncFolder once at the end: one flush instead of one per file.
   */
  syncFolder?: boolean;
}

/**
 * Checks, before any work is done, that `path` can be written: its folder exists and, unless
 * overwriting, nothing is there yet. writeFileAtomically checks again at the end (no clobbering
 * even if a file appears meanwhile); this is for failing fast with a clear message.
 */
export function checkWritable(path: string, options: WriteOptions): void {
  const shown = options.shown ?? path;
  const existing = statOrNull(path);
  if (existing?.isDirectory()) throw new RuntimeError(`Could not write ${shown}: it is a folder.`, ['Give a file name, e.g. -o journal.md.']);
  if (existing && !options.overwrite) throw existsError(shown);
  const folder = statOrNull(dirname(path));
  if (!folder) throw new RuntimeError(`Could not write ${shown}: the folder ${dirname(path)} does not exist.`, ['Create it first, or choose another place.']);
  if (!folder.isDirectory()) throw new RuntimeError(`Could not write ${shown}: ${dirname(path)} is not a folder.`);
}

/** Writes `chunks` to `path` atomically, with mode 0600 (journal text is private). */
export function writeFileAtomically(path: string, chunks: Iterable<string>, options: WriteOptions): void {
  const shown = options.shown ?? path;
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (error) {
    throw writeError(shown, error);
  }
  let moved = false;
  try {
    try {
      for (const block of utf8Blocks(chunks)) writeAll(fd, block);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    place(temp, path, options.overwrite, shown);
    moved = true;
    if (options.syncFolder ?? true) syncFolder(dirname(path));
  } catch (error) {
    if (error instanceof UsageError || error instanceof RuntimeError) throw error;
    throw writeError(shown, error);
  } finally {
    if (!moved) removeQuietly(temp);
  }
}

/** Creates a folder (and its parents) for exported files, private to the person (0700). */
export function ensureFolder(path: string, shown = path): void {
  const existing = statOrNull(path);
  if (existing && !existing.isDirectory()) throw new RuntimeError(`Could not write into ${shown}: it is a file, not a folder.`);
  if (existing) return;
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw writeError(shown, error);
  }
}

function place(temp: string, path: string, overwrite: boolean, shown: string): void {
  if (overwrite) {
    renameSync(temp, path);
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
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  // File systems without hard links (FAT, some network shares): check, then rename.
  if (statOrNull(path)) throw existsError(shown);
  renameSync(temp, path);
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

function statOrNull(path: string) {
  try {
    return statSync(path);
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

function writeError(shown: string, error: unknown): RuntimeError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOENT'
        ? 'the folder does not exist'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : code === 'ENOTDIR'
              ? 'part of the path is not a folder'
              : error instanceof Error
                ? error.message
                : String(error);
  return new RuntimeError(`Could not write ${shown}: ${reason}.`, ['Nothing was written there. Choose a place you can write to, or check its permissions.'], {
    cause: error,
  });
}
