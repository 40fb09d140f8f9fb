// A noisy that starts while `noisy encrypt` (decrypt, passphrase) is converting the journal: it opens
// the old file, waits for the write lock the conversion holds, and gets it only after the new file
// was renamed over the journal. It must not save into the old file (nobody would ever read that
// save) nor make -wal or -shm files by the journal's name for it: it refuses, and a second try works.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readlinkSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';
import { BIN, readJournal, sha256 } from '../helpers/faults.js';

/** True when process `pid` has `path` open. */
function hasOpen(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/**
 * Resolves once `pid` has kept `path` open for `ms` without a break: past the quick read-only look
 * noisy takes first, it is the connection that now waits for the lock.
 */
async function waitingOn(pid: number, path: string, ms: number): Promise<void> {
  let since: number | null = null;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (hasOpen(pid, path)) since ??= Date.now();
    else since = null;
    if (since !== null && Date.now() - since >= ms) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`process ${pid} never held ${path} open for ${ms} ms`);
}

describe.skipIf(process.platform !== 'linux')('a save that waited for a conversion', () => {
  it('is refused with a retry message; nothing goes into the old file or beside the new one', async () => {
    const j = journal();
    const file = join(j.dir, 'answers.json');
    writeFileSync(file, JSON.stringify(answers({ title: 'first' })));
    expect((await j.cli(['reflect', '--answers', file])).code).toBe(0);
    writeFileSync(file, JSON.stringify(answers({ title: 'second' })));

    // What convert.ts does before it copies: the journal in rollback mode, its write lock held.
    const conversion = new Database(j.db);
    expect(conversion.pragma('journal_mode = DELETE', { simple: true })).toBe('delete');
    conversion.exec('BEGIN IMMEDIATE');
    const child = spawn(process.execPath, [BIN, 'reflect', '--answers', file], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', NOISY_DB: j.db, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitingOn(child.pid ?? 0, j.db, 1000);

    // The conversion's end: the new file (here a copy with the same entries) renamed over the
    // journal, then the lock released.
    const converted = join(j.dir, 'data', '.journal.db.converting');
    copyFileSync(j.db, converted);
    renameSync(converted, j.db);
    const after = sha256(j.db);
    conversion.exec('ROLLBACK');
    conversion.close();

    expect(await exited).toBe(1);
    expect(stderr).toContain(`The journal at ${j.db} was replaced while this command waited for it.`);
    expect(stderr).toContain('Nothing was saved. Run the command again');
    expect(sha256(j.db)).toBe(after);
    expect(readdirSync(join(j.dir, 'data'))).toEqual(['journal.db']);

    const again = await j.cli(['reflect', '--answers', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(readJournal(j.db).titles.sort()).toEqual(['first', 'second']);
    expect(existsSync(`${j.db}-journal`)).toBe(false);
  }, 60_000);
});
