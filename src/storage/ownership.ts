// Who may touch the journal. noisy uses a journal only when the file, its working files (-wal,
// -shm) and its folder belong to the person running it and nobody else can change them: whoever
// can write to them can replace the journal, plant a -wal that SQLite would merge into it, or keep
// a handle open on it. Files of your own that others can merely read are made private (0600) before
// noisy writes to them; commands that only read leave modes alone (`noisy doctor` warns).
import { chmodSync, statSync, type Stats } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { RuntimeError } from '../errors.js';

/** One thing wrong with who owns or may change the journal, its working files or its folder. */
export interface OwnershipProblem {
  path: string;
  what: 'folder' | 'file';
  /** "belongs to another user (uid 0)" or "can be changed by other people on this computer (0666)". */
  problem: string;
  fix: string;
}

/** The journal and the working files SQLite keeps beside it, those that exist. */
export function journalFiles(path: string): { path: string; stat: Stats }[] {
  const files: { path: string; stat: Stats }[] = [];
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    const stat = statOrNull(file);
    if (stat?.isFile()) files.push({ path: file, stat });
  }
  return files;
}

/**
 * What is wrong with the ownership and write permissions of the journal at `path` (and its
 * working files and folder, those that exist); empty when all is well. Needs a uid (not on Windows).
 */
export function ownershipProblems(path: string): OwnershipProblem[] {
  const uid = process.getuid?.();
  if (uid === undefined) return [];
  const problems: OwnershipProblem[] = [];
  const folder = dirname(path);
  const folderStat = statOrNull(folder);
  if (folderStat?.isDirectory()) {
    const problem = judge(folderStat, uid);
    if (problem === 'owner') {
      problems.push({ path: folder, what: 'folder', problem: `belongs to another user (uid ${folderStat.uid})`, fix: `sudo chown ${me(uid)} '${quoted(folder)}'` });
    } else if (problem === 'writable') {
      problems.push({ path: folder, what: 'folder', problem: `can be changed by other people on this computer (${octal(folderStat.mode)})`, fix: `chmod 700 '${quoted(folder)}'` });
    }
  }
  for (const { path: file, stat } of journalFiles(path)) {
    const problem = judge(stat, uid);
    if (problem === 'owner') {
      problems.push({ path: file, what: 'file', problem: `belongs to another user (uid ${stat.uid})`, fix: `sudo chown ${me(uid)} '${quoted(file)}'` });
    } else if (problem === 'writable') {
      problems.push({ path: file, what: 'file', problem: `can be changed by other people on this computer (${octal(stat.mode)})`, fix: `chmod 600 '${quoted(file)}'` });
    }
  }
  return problems;
}

/** Refuses the journal at `path` when ownershipProblems finds anything, naming each with its fix. */
export function checkOwnership(path: string): void {
  const problems = ownershipProblems(path);
  if (problems.length === 0) return;
  const described = problems.map((p) => (p.what === 'folder' ? `the folder ${p.path} ${p.problem}` : `${p.path} ${p.problem}`));
  throw new RuntimeError(`noisy will not use the journal at ${path}: ${described.join('; ')}.`, [
    'Whoever can change them can read or replace your journal. Nothing was changed.',
    'If they are yours, fix them with:',
    ...problems.map((p) => `  ${p.fix}`),
    'Or keep the journal in a folder of your own: --db PATH or $NOISY_DB.',
  ]);
}

/**
 * Before a write: the journal and its working files, when others can read them, become 0600.
 * (checkOwnership has already refused files that are not yours or that others can change.)
 */
export function makePrivate(path: string): void {
  for (const { path: file, stat } of journalFiles(path)) {
    if ((stat.mode & 0o077) === 0) continue;
    try {
      chmodSync(file, 0o600);
    } catch (error) {
      throw new RuntimeError(`Could not make ${file} private (chmod 600): ${(error as Error).message}.`, [
        'Nothing was saved. Others can read it as it is: fix it with',
        `  chmod 600 '${quoted(file)}'`,
      ], { cause: error });
    }
  }
}

function judge(stat: Stats, uid: number): 'owner' | 'writable' | null {
  if (stat.uid !== uid) return 'owner';
  if ((stat.mode & 0o022) !== 0) return 'writable';
  return null;
}

function me(uid: number): string {
  try {
    return userInfo().username;
  } catch {
    return String(uid);
  }
}

/** `path` for inside single quotes in a shell command. */
function quoted(path: string): string {
  return path.replace(/'/g, `'\\''`);
}

function octal(mode: number): string {
  const bits = mode & 0o7777;
  return `0${bits.toString(8).padStart(3, '0')}`;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
