// Guards against a crash (or a killed terminal) in the middle of a save corrupting the journal or
// losing an entry noisy had already reported as saved.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { JOURNAL_KINDS, readJournal, reportedIds, runBin, SAVE_LOOP, seededRandom, startJournal } from '../helpers/faults.js';

const ROUNDS = 12;

/**
 * Starts a writer that saves forever and SIGKILLs it `delayMs` after its first reported save
 * (or, with `fromStart`, `delayMs` after it was started: while it may still be creating the journal).
 */
function killWhileSaving(db: string, label: string, delayMs: number, storyLength: number, fromStart = false, env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, [SAVE_LOOP, db, label, 'forever', String(storyLength)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined = fromStart ? setTimeout(() => child.kill('SIGKILL'), delayMs) : undefined;
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    if (timer === undefined && stdout.includes('\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the writer stopped by itself (${signal}): ${stdout.slice(-500)}${stderr}`));
      else resolve(stdout);
    });
  });
}

describe.each(JOURNAL_KINDS)('a writer killed with SIGKILL in the middle of saving ($kind journal)', (k) => {
  it('leaves a journal that opens, passes integrity_check and holds every entry reported as saved', async () => {
    const db = join(tempDir(), 'data', 'journal.db');
    // An encrypted journal is encrypted before the first round (a plain one starts missing).
    const env = k.passphrase === undefined ? {} : await startJournal(db, k);
    const random = seededRandom(7);
    const reported: string[] = [];
    // Each save of an encrypted journal first derives its key (~0.1 s): fewer rounds.
    for (let round = 0; round < (k.passphrase === undefined ? ROUNDS : ROUNDS / 2); round++) {
      // Random moments, and entries of varied size so some saves span many pages.
      const stdout = await killWhileSaving(db, `round${round}`, Math.floor(random() * 120), Math.floor(random() * 20_000), false, env);
      const ids = reportedIds(stdout);
      expect(ids.length).toBeGreaterThan(0);
      expect(stdout).not.toMatch(/^failed/m);
      reported.push(...ids);

      const journal = readJournal(db, k.passphrase);
      expect(journal.integrity).toEqual(['ok']);
      const missing = reported.filter((id) => !journal.ids.has(id));
      expect(missing, `round ${round}: reported as saved but missing`).toEqual([]);
    }

    // noisy itself still opens the journal and sees at least everything it reported.
    const listed = await runBin(['list', '--json', '--limit', '100000'], { env: { NOISY_DB: db, ...env } });
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { total: number }).total).toBeGreaterThanOrEqual(reported.length);
  }, 120_000);
});

describe('a writer killed while it creates a new journal', () => {
  it('leaves nothing that stops the next save', async () => {
    const random = seededRandom(11);
    for (let attempt = 0; attempt < 6; attempt++) {
      const db = join(tempDir(), 'data', 'journal.db');
      // Node starts in about 50-150 ms on this machine; spread the kills across start-up and the first saves.
      const stdout = await killWhileSaving(db, 'early', 40 + Math.floor(random() * 200), 0, true);
      const saved = await runBin(['reflect', '--answers', '-', '--json'], { env: { NOISY_DB: db }, input: JSON.stringify(answers()) });
      expect(saved.stderr).toBe('');
      expect(saved.code).toBe(0);
      const journal = readJournal(db);
      expect(journal.integrity).toEqual(['ok']);
      for (const id of reportedIds(stdout)) expect(journal.ids.has(id)).toBe(true);
    }
  }, 60_000);
});
