// Guards against a save that fails half-way (no permission, no such folder, a full disk) leaving a
// damaged journal, a half-made file or folder, or an unclear message.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { giveToTestUser, JOURNAL_KINDS, readJournal, runBin, snapshot, startJournal } from '../helpers/faults.js';

const input = (overrides: Record<string, unknown> = {}) => JSON.stringify(answers(overrides));

/** A folder the unprivileged test user owns, holding a journal with one entry. */
async function folderWithJournal(): Promise<{ dir: string; db: string }> {
  const dir = join(tempDir(), 'data');
  const db = join(dir, 'journal.db');
  const saved = await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: input({ title: 'the first entry' }) });
  expect(saved.code).toBe(0);
  giveToTestUser(join(dir, '..'), dir, db);
  return { dir, db };
}

describe('a read-only data folder', () => {
  it('refuses a new journal there with the folder named and the fix, creating nothing', async () => {
    const parent = tempDir();
    const dir = join(parent, 'data');
    mkdirSync(dir);
    giveToTestUser(parent, dir);
    chmodSync(dir, 0o500);
    const db = join(dir, 'journal.db');
    const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input: input(), unprivileged: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Could not create the journal at ${db}: permission denied (the folder ${dir}`);
    expect(result.stderr).toContain(`chmod 700 '${dir}'`);
    expect(snapshot(dir)).toEqual({});
  });

  it('refuses to save into an existing journal there, says why, and leaves the folder as it was', async () => {
    const { dir, db } = await folderWithJournal();
    chmodSync(dir, 0o500);
    const before = snapshot(dir);
    const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input: input(), unprivileged: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Can't save to the journal at ${db}: its folder ${dir} is read-only.`);
    expect(result.stderr).toContain(`chmod 700 '${dir}'`);
    expect(snapshot(dir)).toEqual(before);
    chmodSync(dir, 0o700);
    expect(readJournal(db).titles).toEqual(['the first entry']);
  });
});

describe('a read-only journal file', () => {
  it('refuses to save with the fix, and leaves no companion files behind', async () => {
    const { dir, db } = await folderWithJournal();
    chmodSync(db, 0o400);
    const before = snapshot(dir);
    const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input: input(), unprivileged: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Can't save to the journal at ${db}: the journal file is read-only.`);
    expect(result.stderr).toContain(`chmod 600 '${db}'`);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a data folder that is missing', () => {
  it('is created (0700) on the first save', async () => {
    const db = join(tempDir(), 'not', 'there', 'yet', 'journal.db');
    const result = await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: input() });
    expect(result.code).toBe(0);
    expect(readJournal(db).ids.size).toBe(1);
  });

  it('is not created by commands that only read', async () => {
    const parent = tempDir();
    const db = join(parent, 'data', 'journal.db');
    for (const argv of [['list'], ['list', '--json'], ['search', 'rejection'], ['doctor']]) {
      const result = await runCli(argv, { env: { NOISY_DB: db } });
      expect(result.code, argv.join(' ')).toBe(0);
    }
    expect(snapshot(parent)).toEqual({});
  });

  it('cannot be made where part of the path is a file: a clear error and nothing created', async () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'notes'), 'a file, not a folder');
    const db = join(parent, 'notes', 'noisy', 'journal.db');
    const result = await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: input() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Could not create the journal at ${db}: part of the path`);
    expect(Object.keys(snapshot(parent))).toEqual(['notes']);
  });
});

// A full disk, simulated with a file-size limit (ulimit -f, in 512-byte blocks for sh): writes past
// it fail with EFBIG, as they would with ENOSPC on a full disk.
describe('a full disk', () => {
  it.each(JOURNAL_KINDS)('fails a save with a clear error; the $kind journal keeps every earlier entry and passes integrity_check', async (k) => {
    const dir = join(tempDir(), 'data');
    const db = join(dir, 'journal.db');
    const env = await startJournal(db, k);
    giveToTestUser(join(dir, '..'), dir, db, ...(env.NOISY_PASSPHRASE_FILE ? [env.NOISY_PASSPHRASE_FILE] : []));
    const before = snapshot(dir);
    // A story near the limit (20 000 characters, 4 bytes each in UTF-8) needs more than the 48 kB allowed.
    const big = input({ title: 'too big for the disk', story: '\u{1F30A}'.repeat(9_999) });
    const result = await runBin(['reflect', '--answers', '-'], { env, input: big, shellPrefix: 'ulimit -f 96;', unprivileged: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Could not write to the journal at ${db}: the disk is full, or a file-size limit was reached`);
    expect(result.stderr).toContain('The journal was not changed');
    expect(snapshot(dir)).toEqual(before);
    const journal = readJournal(db, k.passphrase);
    expect(journal.integrity).toEqual(['ok']);
    expect(journal.titles).toEqual(['the first entry']);
  });

  it('leaves no half-made journal or folder behind when the very first save fails', async () => {
    const parent = tempDir();
    giveToTestUser(parent);
    for (const blocks of [1, 8, 16, 40]) {
      const db = join(parent, 'new', 'data', 'journal.db');
      const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input: input(), shellPrefix: `ulimit -f ${blocks};` });
      expect(result.code, `limit ${blocks}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toContain(db);
      expect(result.stderr).not.toMatch(/something went wrong/);
      expect(existsSync(join(parent, 'new')), `limit ${blocks}`).toBe(false);
    }
  });
});
