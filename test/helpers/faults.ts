// Shared tools for the fault suite (test/reliability/): run the built binary as a separate process,
// fingerprint files, and a seeded random source so a failing case can be replayed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
export { seededRandom } from './random.js';

export const BIN = fileURLToPath(new URL('../../bin/noisy.js', import.meta.url));
export const SAVE_LOOP = fileURLToPath(new URL('../reliability/fixtures/save-loop.mjs', import.meta.url));
export const NO_NETWORK = fileURLToPath(new URL('../reliability/fixtures/no-network.mjs', import.meta.url));
export const EXAMPLE_ANSWERS = fileURLToPath(new URL('../../examples/answers.json', import.meta.url));

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  input?: string | Buffer;
  /** Run as an unprivileged user (root ignores file permissions, so permission faults need this). */
  unprivileged?: boolean;
  /** Node options placed before the script, e.g. ['--import', preload]. */
  nodeArgs?: string[];
  /** A shell prefix such as 'ulimit -f 16;' — the command then runs through `sh -c`. */
  shellPrefix?: string;
  /** The working directory (default: the test's). */
  cwd?: string;
}

/** The uid/gid of `nobody`, used when the suite runs as root (as it does in containers). */
export const UNPRIVILEGED = { uid: 65534, gid: 65534 };
export const isRoot = process.getuid?.() === 0;

/** Lets the unprivileged user own `path` when the suite runs as root; a no-op otherwise. */
export function giveToTestUser(...paths: string[]): void {
  if (!isRoot) return;
  for (const path of paths) chownSync(path, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
}

/** Runs a node script (by default the built `noisy`) as its own process and collects its output. */
export function runNode(args: string[], options: SpawnOptions = {}): Promise<ProcessResult> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', NO_COLOR: '1', ...options.env };
  const argv = [...(options.nodeArgs ?? []), ...args];
  const [command, commandArgs] = options.shellPrefix
    ? ['sh', ['-c', `${options.shellPrefix} exec "$0" "$@"`, process.execPath, ...argv]]
    : [process.execPath, argv];
  const child = spawn(command, commandArgs as string[], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.unprivileged && isRoot ? UNPRIVILEGED : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the built `noisy` binary with `args`. */
export function runBin(args: string[], options: SpawnOptions = {}): Promise<ProcessResult> {
  return runNode([BIN, ...args], options);
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every file in `dir` with its hash: compare two snapshots to prove nothing was written. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    files[entry.name] = entry.isFile() ? sha256(join(dir, entry.name)) : entry.isDirectory() ? 'directory' : 'other';
  }
  return files;
}

/**
 * The journals the fault suite runs its cases on: a plain one, and one encrypted with a passphrase
 * given in a file (NOISY_PASSPHRASE_FILE), as a script would give it.
 */
export const JOURNAL_KINDS = [
  { kind: 'plain', passphrase: undefined },
  { kind: 'encrypted', passphrase: 'fault suite: correct horse' },
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/**
 * Makes `db` a journal of this kind holding one entry (`title`), through the real binary, and
 * returns the environment that opens it: NOISY_DB, and for an encrypted one NOISY_PASSPHRASE_FILE
 * (a file beside the journal's folder).
 */
export async function startJournal(db: string, k: JournalKind, title = 'the first entry'): Promise<Record<string, string>> {
  const env: Record<string, string> = { NOISY_DB: db };
  const saved = await runBin(['reflect', '--answers', '-'], { env, input: JSON.stringify(firstAnswers(title)) });
  if (saved.code !== 0) throw new Error(`could not start the journal: ${saved.stderr}`);
  if (k.passphrase === undefined) return env;
  const file = join(dirname(dirname(db)), `passphrase-${basename(dirname(db))}`);
  writeFileSync(file, `${k.passphrase}\n`);
  env.NOISY_PASSPHRASE_FILE = file;
  const encrypted = await runBin(['encrypt'], { env });
  if (encrypted.code !== 0) throw new Error(`could not encrypt the journal: ${encrypted.stderr}`);
  return env;
}

function firstAnswers(title: string) {
  return {
    kind: 'application',
    title,
    date: '2026-11-20',
    belief: { statement: 'I can do this work', before: 60, after: 20 },
    evaluation: { method: 'cv-screen', minutesSeen: 5, selectionRate: 5 },
    aboutMe: 70,
  };
}

export interface JournalFacts {
  integrity: string[];
  ids: Set<string>;
  titles: string[];
  drafts: { name: string; data: string }[];
  followUps: number;
}

/**
 * Opens a journal read-only, independently of noisy, and reports what it holds. With a passphrase,
 * as SQLCipher 4 (the settings `sqlcipher` 4 uses by default).
 */
export function readJournal(path: string, passphrase?: string): JournalFacts {
  // A read-only connection to a WAL journal leaves an empty -wal and a -shm behind: taken away
  // again below when they were not there before, so looking leaves no trace.
  const hadWorkingFiles = existsSync(`${path}-wal`) || existsSync(`${path}-shm`);
  try {
    return readFacts(path, passphrase);
  } finally {
    if (!hadWorkingFiles && existsSync(`${path}-wal`) && statSync(`${path}-wal`).size === 0) {
      for (const file of [`${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    }
  }
}

function readFacts(path: string, passphrase?: string): JournalFacts {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    if (passphrase !== undefined) {
      db.pragma("cipher = 'sqlcipher'");
      db.pragma('legacy = 4');
      db.pragma(`key = '${passphrase.replace(/'/g, "''")}'`);
    }
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const rows = db.prepare('SELECT id, title FROM entries ORDER BY created_at, id').all() as { id: string; title: string }[];
    const drafts = db.prepare('SELECT name, data FROM drafts').all() as { name: string; data: string }[];
    const followUps = db.prepare('SELECT count(*) FROM follow_ups').pluck().get() as number;
    return { integrity, ids: new Set(rows.map((r) => r.id)), titles: rows.map((r) => r.title), drafts, followUps };
  } finally {
    db.close();
  }
}

/** Ids from the "saved <id>" lines a save-loop printed (only whole lines: a cut line was not reported). */
export function reportedIds(stdout: string): string[] {
  return stdout
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('saved '))
    .map((line) => line.slice('saved '.length));
}
