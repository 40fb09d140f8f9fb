// Guards against an export stopped part-way (Ctrl+C, SIGTERM, a closed terminal, SIGKILL) leaving
// a hidden copy of the journal's text behind, and against one export removing another's files.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/storage/store.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { makeEntry } from '../helpers/entries.js';
import { BIN, giveToTestUser, isRoot, runBin, snapshot, type ProcessResult } from '../helpers/faults.js';

/** Our temporary names: `.<target>.noisy-<pid>-<12 hex>.tmp`. */
const TEMP = /^\..*\.noisy-\d+-[0-9a-f]{12}\.tmp$/;

/**
 * A journal whose Markdown export is about 20 MB (1 000 entries with 20 000-character stories),
 * so an export takes long enough (a second or more) for a signal to land while it writes. The
 * entries' dates run from 2021 to 2025, then 10 in December 2026 (for a quick `--since 2026-12-01`).
 */
function bigJournal(dir: string): string {
  const db = join(dir, 'journal.db');
  const story = 'The panel asked about the second project and I froze for a moment, then recovered. '.repeat(240).slice(0, 20_000);
  const entries = Array.from({ length: 1_000 }, (_, i) => {
    const date = i >= 990 ? `2026-12-${String(i - 989).padStart(2, '0')}` : `${2021 + Math.floor(i / 200)}-${String(1 + (Math.floor(i / 17) % 12)).padStart(2, '0')}-10`;
    return makeEntry({ title: `Entry number ${i}`, date, story }, { createdAt: `${date}T12:00:00.000Z` });
  });
  const store = Store.open(db, { create: true });
  try {
    store.importEntries(entries);
  } finally {
    store.close();
  }
  return db;
}

interface Running {
  child: ChildProcess;
  done: Promise<ProcessResult>;
}

/** Starts the built noisy; the caller decides when (and whether) to stop it. */
function start(args: string[], db: string, cwd: string): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', NO_COLOR: '1', NOISY_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr?.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Waits until `found()` returns a value (checked every 5 ms), or fails after `ms`. */
async function waitFor<T>(found: () => T | undefined, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A hidden temporary file in `dir` that already holds some text: the export is mid-write. */
function tempFileBeingWritten(dir: string): string | undefined {
  for (const name of readdirSync(dir)) {
    if (!/^\..+\.tmp$/.test(name)) continue;
    try {
      if (statSync(join(dir, name)).size > 0) return name;
    } catch {
      // Moved into place just now.
    }
  }
  return undefined;
}

/** Whether a --split export has written its first file somewhere under `dir` (other than `except`). */
function splitUnderWay(dir: string, except = ''): true | undefined {
  const walk = (folder: string): boolean =>
    (existsSync(folder) ? readdirSync(folder, { withFileTypes: true }) : []).some((item) =>
      item.isDirectory() ? walk(join(folder, item.name)) : item.name !== except && item.name.endsWith('.md'),
    );
  return walk(dir) || undefined;
}

/** The hidden staging folder (ours by name) in `dir`. */
function stagingFolder(dir: string): string | undefined {
  return readdirSync(dir).find((name) => TEMP.test(name));
}

// One journal for the whole file (tempDir's folders last one test only); exports only read it.
let db: string;
let journalDir: string;
beforeAll(() => {
  journalDir = mkdtempSync(join(tmpdir(), 'noisy-big-'));
  db = bigJournal(journalDir);
}, 60_000);
afterAll(() => rmSync(journalDir, { recursive: true, force: true }));

describe.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('an export -o stopped by %s while it writes', (signal) => {
  it('removes its temporary file, writes nothing, says so and ends by that signal', async () => {
    const dir = tempDir();
    const running = start(['export', '-o', 'journal.md'], db, dir);
    await waitFor(() => tempFileBeingWritten(dir), 20_000, 'the export to start writing');
    running.child.kill(signal);
    const result = await running.done;
    // It cleans up, says so, then ends by the same signal (re-raised): a shell shows 128 + its number.
    expect(result.signal, result.stderr).toBe(signal);
    const lead = signal === 'SIGINT' ? 'Interrupted' : `Stopped by ${signal}`;
    expect(result.stderr).toBe(`${lead}: nothing was written to journal.md.\n`);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('leaves a file it was asked to replace (--force) exactly as it was', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'journal.md'), 'an older export');
    const running = start(['export', '-o', 'journal.md', '--force'], db, dir);
    await waitFor(() => tempFileBeingWritten(dir), 20_000, 'the export to start writing');
    running.child.kill(signal);
    const result = await running.done;
    expect(result.signal, result.stderr).toBe(signal);
    expect(result.stderr).toContain('nothing was written; journal.md is as it was.');
    expect(readdirSync(dir)).toEqual(['journal.md']);
    expect(readFileSync(join(dir, 'journal.md'), 'utf8')).toBe('an older export');
  }, 30_000);
});

describe.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('an export --split stopped by %s while it writes', (signal) => {
  it('into a new folder: removes the staging folder and every folder it made', async () => {
    const dir = tempDir();
    const running = start(['export', '--split', 'notes/noisy'], db, dir);
    await waitFor(() => splitUnderWay(dir), 20_000, 'the first files');
    running.child.kill(signal);
    const result = await running.done;
    expect(result.signal, result.stderr).toBe(signal);
    expect(result.stderr).toMatch(/^(Interrupted|Stopped by SIGTERM|Stopped by SIGHUP): nothing was written to notes\/noisy\.\n$/);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('into an existing folder: leaves it exactly as it was', async () => {
    const dir = tempDir();
    const notes = join(dir, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'my own notes.md'), 'mine');
    const before = snapshot(notes);
    const running = start(['export', '--split', 'notes'], db, dir);
    await waitFor(() => splitUnderWay(notes, 'my own notes.md'), 20_000, 'the first files');
    running.child.kill(signal);
    const result = await running.done;
    expect(result.signal, result.stderr).toBe(signal);
    expect(result.stderr).toContain('nothing was written to notes.');
    expect(snapshot(notes)).toEqual(before);
  }, 30_000);
});

describe('an export whose terminal is closed while it writes', () => {
  it('removes its temporary file and ends by SIGHUP (not by Node aborting on the vanished terminal)', async () => {
    const dir = tempDir();
    const terminal = pty.spawn(process.execPath, [BIN, 'export', '-o', 'journal.md'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', NOISY_DB: db },
    });
    const ended = new Promise<{ exitCode: number; signal?: number }>((resolve) => terminal.onExit(resolve));
    await waitFor(() => tempFileBeingWritten(dir), 20_000, 'the export to start writing');
    // Closes the terminal's master side, then sends SIGHUP: what closing a terminal window does.
    // (A method of node-pty's Unix terminal that its typings leave out.)
    (terminal as unknown as { destroy: () => void }).destroy();
    const { signal } = await ended;
    expect(signal).toBe(constants.signals.SIGHUP);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);
});

describe('an export killed with SIGKILL (which cannot be caught)', () => {
  it('leaves a temporary file that doctor reports and the next export into that folder removes', async () => {
    const dir = tempDir();
    const running = start(['export', '-o', 'journal.md'], db, dir);
    const leftover = await waitFor(() => tempFileBeingWritten(dir), 20_000, 'the export to start writing');
    running.child.kill('SIGKILL');
    expect((await running.done).signal).toBe('SIGKILL');
    expect(readdirSync(dir)).toEqual([leftover]);
    expect(leftover).toMatch(new RegExp(`^\\.journal\\.md\\.noisy-${running.child.pid}-[0-9a-f]{12}\\.tmp$`));

    // doctor looks beside the journal and in the current folder.
    const doctor = await runCli(['doctor', '--json'], { env: { NOISY_DB: db }, cwd: dir });
    const report = JSON.parse(doctor.stdout) as { checks: { id: string; status: string; message: string; fix?: string }[] };
    const check = report.checks.find((c) => c.id === 'leftovers');
    expect(check?.status).toBe('warn');
    expect(check?.message).toContain(leftover);
    expect(check?.fix).toBe(`rm '${leftover}'`);
    expect(doctor.code).toBe(1);
    expect(readdirSync(dir)).toEqual([leftover]);

    const next = await runBin(['export', '--since', '2026-12-01', '-o', 'recent.md'], { env: { NOISY_DB: db }, cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(new RegExp(`^Removed a temporary file left by an export that was stopped part-way:\\n  ${leftover.replace(/\./g, '\\.')} \\([0-9.]+ (bytes|kB|MB)\\)\\nExported 10 entries to recent\\.md\\.\\n$`));
    expect(readdirSync(dir)).toEqual(['recent.md']);
  }, 60_000);

  it('leaves a --split staging folder that the next export into that folder removes', async () => {
    const dir = tempDir();
    const running = start(['export', '--split', 'notes'], db, dir);
    await waitFor(() => splitUnderWay(dir), 20_000, 'the first files');
    running.child.kill('SIGKILL');
    await running.done;
    const staging = stagingFolder(dir);
    expect(readdirSync(dir)).toEqual([staging]);
    const next = await runBin(['export', '--since', '2026-12-01', '--split', 'notes'], { env: { NOISY_DB: db }, cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`Removed a temporary file left by an export that was stopped part-way:\n  ${staging}/ (`);
    expect(readdirSync(dir)).toEqual(['notes']);
    expect(readdirSync(join(dir, 'notes'))).toHaveLength(10);
  }, 60_000);
});

describe('two exports into one folder at the same time', () => {
  it('never touch each other: the second leaves the first one\'s temporary file, and both finish', async () => {
    const dir = tempDir();
    const first = start(['export', '-o', 'everything.md'], db, dir);
    await waitFor(() => tempFileBeingWritten(dir), 20_000, 'the first export to start writing');
    const second = await runBin(['export', '--since', '2026-12-01', '-o', 'recent.md'], { env: { NOISY_DB: db }, cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe('Exported 10 entries to recent.md.\n');
    const result = await first.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('Exported 1000 entries to everything.md.\n');
    expect(readdirSync(dir).sort()).toEqual(['everything.md', 'recent.md']);
  }, 60_000);

  it('removes only what is ours by name, owner and a process that is gone', async () => {
    const dir = tempDir();
    // A process that has ended: its pid is free (and, in the moment this test takes, not reused).
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('close', resolve));
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      const files = {
        dead: `.journal.md.noisy-${gone.pid}-0123456789ab.tmp`,
        running: `.journal.md.noisy-${alive.pid}-0123456789ab.tmp`,
        self: `.journal.md.noisy-${process.pid}-0123456789ab.tmp`,
        oldShape: '.journal.md.0123456789ab.tmp',
        notHidden: `journal.md.noisy-${gone.pid}-0123456789ab.tmp`,
        upperHex: `.journal.md.noisy-${gone.pid}-0123456789AB.tmp`,
      };
      for (const name of Object.values(files)) writeFileSync(join(dir, name), 'text');
      const link = `.link.md.noisy-${gone.pid}-0123456789ab.tmp`;
      symlinkSync(join(dir, files.running), join(dir, link));
      const strangers = `.strangers.md.noisy-${gone.pid}-0123456789ab.tmp`;
      writeFileSync(join(dir, strangers), 'text');
      if (isRoot) giveToTestUser(join(dir, strangers));
      const folderWithMore = `.notes.noisy-${gone.pid}-0123456789ab.tmp`;
      mkdirSync(join(dir, folderWithMore, 'a folder'), { recursive: true });

      const result = await runBin(['export', '--since', '2026-12-01', '-o', 'recent.md'], { env: { NOISY_DB: db }, cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`Removed a temporary file left by an export that was stopped part-way:\n  ${files.dead} (4 bytes)\n`);
      const kept = [...Object.values(files).filter((name) => name !== files.dead), link, folderWithMore, 'recent.md'];
      // Run as root, the file owned by someone else is kept; run as that user, it is theirs to remove.
      if (isRoot) kept.push(strangers);
      expect(readdirSync(dir).sort()).toEqual(kept.sort());
    } finally {
      alive.kill('SIGKILL');
    }
  }, 30_000);
});
