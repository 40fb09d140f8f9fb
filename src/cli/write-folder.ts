// Writing many files into a folder all or nothing (`noisy export --split`).
//
// The files are written into a hidden staging folder and moved into place only once every one of
// them is on disk. Into a new folder, the staging folder is made beside it and simply renamed to
// it at the end. Into an existing folder, the staging folder is made inside it (same file system,
// and the parent may not be ours to write), and the files are then moved out one by one: a rename
// each, quick and needing no space. A full disk, an error or a stop signal (Ctrl+C, SIGTERM,
// SIGHUP) while writing removes the staging folder, and any folders made for it: nothing was
// written, and the error says so. Should a move into an existing folder still fail (a file
// appeared meanwhile), the error lists exactly the files that were moved. A staging folder left by
// SIGKILL is named like every temporary file of ours (temp-files.ts), so the next export finds it.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InterruptedError, RuntimeError, UsageError } from '../errors.js';
import { checkStop } from './stop-signals.js';
import { removeStagingFolder, tempName } from './temp-files.js';
import { place, syncFolder, writeChunks, writeFailure } from './write-file.js';

export interface FolderWriteOptions {
  /** The folder as the person gave it, for messages. */
  folder: string;
  /** A file in the folder, as messages name it. */
  shown: (name: string) => string;
  /** Replace existing regular files of the same names (--force). */
  overwrite: boolean;
  /** Aborted by a stop signal (catchingStopSignals). */
  stop?: AbortSignal;
}

export interface NamedText {
  name: string;
  text: string;
}

/** Writes `files` into the folder `dir` (made 0700 if needed; each file 0600); returns how many. */
export async function writeFolder(dir: string, files: Iterable<NamedText>, options: FolderWriteOptions): Promise<number> {
  return isFolder(dir) ? writeIntoFolder(dir, files, options) : writeNewFolder(dir, files, options);
}

/** Stages the files beside `dir`, then renames the staging folder to `dir`. */
async function writeNewFolder(dir: string, files: Iterable<NamedText>, options: FolderWriteOptions): Promise<number> {
  const parent = dirname(dir);
  let firstMade: string | undefined;
  try {
    firstMade = mkdirSync(parent, { recursive: true, mode: 0o700 });
  } catch (error) {
    const { reason, fix } = writeFailure(error);
    throw new RuntimeError(`Could not write into ${options.folder}: ${reason}.`, [`Nothing was written there. ${fix}`], { cause: error });
  }
  const staging = join(parent, tempName(basename(dir)));
  const progress: Progress = { written: [], current: null };
  try {
    mkdirSync(staging, { mode: 0o700 });
    await writeStaged(files, staging, options, progress);
    renameSync(staging, dir);
  } catch (error) {
    removeQuietly(staging);
    // The folders made on the way, innermost first, up to the first one that was missing.
    for (let made = parent; firstMade !== undefined; made = dirname(made)) {
      if (!rmdirQuietly(made) || made === firstMade || made === dirname(made)) break;
    }
    throw stagingError(error, options, progress);
  }
  syncFolder(parent);
  return progress.written.length;
}

/** Stages the files in a folder inside `dir`, then moves them out into `dir` one by one. */
async function writeIntoFolder(dir: string, files: Iterable<NamedText>, options: FolderWriteOptions): Promise<number> {
  const staging = join(dir, tempName('split'));
  const progress: Progress = { written: [], current: null };
  try {
    mkdirSync(staging, { mode: 0o700 });
    await writeStaged(files, staging, options, progress);
  } catch (error) {
    removeQuietly(staging);
    throw stagingError(error, options, progress);
  }
  // Renames only from here on. A stop signal now waits for them (catchingStopSignals reports it).
  const moved: string[] = [];
  try {
    for (const name of progress.written) {
      place(join(staging, name), join(dir, name), options.overwrite, options.shown(name));
      moved.push(name);
    }
  } catch (error) {
    removeQuietly(staging);
    throw partialMoveError(error, options, moved, progress.written.length);
  }
  rmdirQuietly(staging);
  syncFolder(dir);
  return moved.length;
}

interface Progress {
  /** Names of the files written to the staging folder so far, in order. */
  written: string[];
  /** The file being written, if any. */
  current: string | null;
}

/** Writes every file into `staging` and flushes them all to disk, checking for a stop signal as it goes. */
async function writeStaged(files: Iterable<NamedText>, staging: string, options: FolderWriteOptions, progress: Progress): Promise<void> {
  const untouched = () => `nothing was written to ${options.folder}.`;
  for (const file of files) {
    progress.current = file.name;
    const fd = openSync(join(staging, file.name), 'wx', 0o600);
    try {
      await writeChunks(fd, [file.text], options.stop, untouched);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    progress.written.push(file.name);
    progress.current = null;
  }
  syncFolder(staging);
  await checkStop(options.stop, untouched);
}

/** Writing the staged files failed (or was stopped); the staging folder is already gone. */
function stagingError(error: unknown, options: FolderWriteOptions, progress: Progress): Error {
  if (error instanceof InterruptedError || error instanceof UsageError || error instanceof RuntimeError) return error;
  const { reason, fix } = writeFailure(error);
  const where = progress.current !== null ? options.shown(progress.current) : options.folder;
  const done = progress.written.length;
  const nothing =
    done === 0
      ? `Nothing was written to ${options.folder}.`
      : `Nothing was written to ${options.folder}: the ${plural(done, 'file', 'files')} already written ${done === 1 ? 'was' : 'were'} removed.`;
  return new RuntimeError(`Could not write ${where}: ${reason}.`, [nothing, fix], { cause: error });
}

/** Moving the finished files into an existing folder stopped part-way: say exactly which are there. */
function partialMoveError(error: unknown, options: FolderWriteOptions, moved: readonly string[], total: number): Error {
  const known = error instanceof UsageError || error instanceof RuntimeError ? error : null;
  const message = known ? known.message : `Could not write into ${options.folder}: ${writeFailure(error).reason}.`;
  const lines =
    moved.length === 0
      ? [`Nothing was written to ${options.folder}.`]
      : [
          `${moved.length} of the ${total} files ${moved.length === 1 ? 'was' : 'were'} written to ${options.folder} before that:`,
          ...moved.map((name) => `  ${options.shown(name)}`),
          'The others were not written.',
        ];
  return new RuntimeError(message, [...lines, ...(known?.details ?? [])], { cause: error });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function removeQuietly(staging: string): void {
  try {
    removeStagingFolder(staging);
  } catch {
    // Never made, or already gone.
  }
}

function rmdirQuietly(path: string): boolean {
  try {
    rmdirSync(path);
    return true;
  } catch {
    return false;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
