// noisy's temporary files and folders, and the ones a killed export leaves behind.
//
// An export writes a hidden temporary file beside its target, `.<name>.noisy-<pid>-<12 hex>.tmp`
// (`--split` a hidden folder of that shape), and moves it into place at the end. Ctrl+C, SIGTERM
// and SIGHUP remove it (stop-signals.ts); SIGKILL or a power cut can't be caught, so it stays, and
// it holds the exported text. The next export into that folder removes such a leftover, and
// `noisy doctor` reports those it can see, when all of these hold:
//   - the name has exactly this shape (nothing else is ever touched);
//   - it is a regular file, or a folder holding only regular files, and it belongs to you;
//   - no process with the pid in its name is running on this computer.
// The pid is what keeps two exports at once apart: a running export's files are never touched.
// (A reused pid only makes noisy keep a leftover longer. On a folder shared between computers a
// running export elsewhere can lose its temporary file; that export then fails and says so, and
// nothing half-written is left in place.)
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, rmdirSync, unlinkSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';
import type { Context } from './context.js';

const TEMP_NAME = /^\..*\.noisy-([1-9][0-9]{0,9})-[0-9a-f]{12}\.tmp$/s;

/** Most bytes of the target's name kept in a temporary name, so the whole stays under 255 bytes. */
const NAME_BYTES = 200;

/** A fresh temporary name for `target` (a file or folder name) in the same folder. */
export function tempName(target: string, pid = process.pid): string {
  return `.${truncateUtf8(target, NAME_BYTES)}.noisy-${pid}-${randomBytes(6).toString('hex')}.tmp`;
}

export interface Leftover {
  path: string;
  /** A --split staging folder rather than a single file. */
  folder: boolean;
  /** Bytes of text it holds. */
  bytes: number;
  /** The noisy process that made it (no longer running). */
  pid: number;
}

/**
 * Removes, from the folders an export is about to write into, the temporary files that an earlier
 * export killed part-way left there, and says what went.
 */
export function removeLeftoversIn(ctx: Pick<Context, 'stderr' | 'cwd'>, folders: readonly string[]): void {
  const found: Leftover[] = [...new Set(folders)].flatMap((folder) => findLeftovers(folder));
  const removed = removeLeftovers(found);
  if (removed.length === 0) return;
  const what = removed.length === 1 ? 'a temporary file' : `${removed.length} temporary files`;
  ctx.stderr.write(`Removed ${what} left by an export that was stopped part-way:\n`);
  for (const leftover of removed) ctx.stderr.write(`  ${leftoverLabel(leftover, ctx.cwd)}\n`);
}

/** Temporary files and folders in `folder` that a stopped export left behind (see the rules above). */
export function findLeftovers(folder: string): Leftover[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: Leftover[] = [];
  for (const name of names.sort()) {
    const pid = Number(TEMP_NAME.exec(name)?.[1] ?? 0);
    if (pid === 0 || isRunning(pid)) continue;
    const path = join(folder, name);
    const stats = lstatOrNull(path);
    if (!stats || !isMine(stats)) continue;
    if (stats.isFile()) {
      found.push({ path, folder: false, bytes: stats.size, pid });
    } else if (stats.isDirectory()) {
      const files = filesOfStagingFolder(path);
      if (files) found.push({ path, folder: true, bytes: files.reduce((sum, f) => sum + f.size, 0), pid });
    }
  }
  return found;
}

/** A leftover as messages name it: its path from `cwd`, and how much text it holds. */
export function leftoverLabel(leftover: Leftover, cwd: string): string {
  const path = relative(cwd, leftover.path) || leftover.path;
  return `${path}${leftover.folder ? '/' : ''} (${size(leftover.bytes)})`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Removes leftovers found by findLeftovers; returns those that are gone (others stay, and doctor reports them). */
export function removeLeftovers(leftovers: readonly Leftover[]): Leftover[] {
  const removed: Leftover[] = [];
  for (const leftover of leftovers) {
    try {
      if (leftover.folder) removeStagingFolder(leftover.path);
      else unlinkSync(leftover.path);
      removed.push(leftover);
    } catch {
      // Changed since it was found, or not ours to remove after all: leave it.
    }
  }
  return removed;
}

/**
 * Removes a staging folder of ours and the files in it; anything else inside (a folder, another
 * person's file) stays, and so does the folder.
 */
export function removeStagingFolder(path: string): void {
  for (const file of filesOfStagingFolder(path) ?? []) unlinkSync(join(path, file.name));
  rmdirSync(path);
}

/** The files in a staging folder, or null when it holds anything that is not a regular file of yours. */
function filesOfStagingFolder(path: string): { name: string; size: number }[] | null {
  let names: string[];
  try {
    names = readdirSync(path);
  } catch {
    return null;
  }
  const files: { name: string; size: number }[] = [];
  for (const name of names) {
    const stats = lstatOrNull(join(path, name));
    if (!stats || !stats.isFile() || !isMine(stats)) return null;
    files.push({ name, size: stats.size });
  }
  return files;
}

/** Whether a process with this id exists on this computer (EPERM: it does, but is someone else's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isMine(stats: Stats): boolean {
  const uid = process.getuid?.();
  return uid === undefined || stats.uid === uid;
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}
