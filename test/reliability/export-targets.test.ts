// Guards against an export replacing something that is not a regular file (a pipe, a device, a
// socket, a symbolic link), and against --split leaving part of its files behind on a full disk.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates.js';
import { entryFileName } from '../../src/exporters/markdown.js';
import { Store } from '../../src/storage/store.js';
import { journal, runCli, tempDir } from '../helpers/cli.js';
import { makeEntry } from '../helpers/entries.js';
import { giveToTestUser, isRoot, runBin, snapshot } from '../helpers/faults.js';
import { answers } from '../helpers/answers.js';

/** A journal with one entry, in a folder of its own. */
async function oneEntry(): Promise<ReturnType<typeof journal>> {
  const j = journal();
  const saved = await j.cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers({ title: 'The only entry' })) });
  expect(saved.code, saved.stderr).toBe(0);
  return j;
}

const kind = (path: string) => {
  const stats = lstatSync(path);
  return stats.isFIFO() ? 'fifo' : stats.isCharacterDevice() ? 'device' : stats.isSocket() ? 'socket' : stats.isSymbolicLink() ? 'link' : stats.isFile() ? 'file' : 'other';
};

describe('export -o onto something that is not a regular file', () => {
  it('refuses a named pipe, with or without --force, and leaves it a pipe', async () => {
    const j = await oneEntry();
    const fifo = join(j.dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const force of [[], ['--force']]) {
      const result = await j.cli(['export', '-o', 'pipe', ...force], { cwd: j.dir });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toBe(
        'noisy: pipe is a named pipe (FIFO), not a regular file.\n' +
          '  noisy writes exports only to regular files; --force replaces only those.\n' +
          '  Choose a file name, or leave out -o and pipe the output: noisy export | ...\n',
      );
      expect(kind(fifo)).toBe('fifo');
      expect(readdirSync(j.dir).sort()).toEqual(['data', 'pipe']);
    }
  });

  it('refuses a socket and leaves it in place', async () => {
    const j = await oneEntry();
    const socket = join(j.dir, 'listening.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const result = await j.cli(['export', '-o', 'listening.sock', '--force'], { cwd: j.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('noisy: listening.sock is a socket, not a regular file.');
      expect(kind(socket)).toBe('socket');
    } finally {
      server.close();
    }
  });

  it('refuses a symbolic link, naming the file it points to; the link and that file stay as they were', async () => {
    const j = await oneEntry();
    writeFileSync(join(j.dir, 'real.md'), 'an older export');
    symlinkSync(join(j.dir, 'real.md'), join(j.dir, 'link.md'));
    const result = await j.cli(['export', '-o', 'link.md', '--force'], { cwd: j.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('noisy: link.md is a symbolic link, not a regular file.');
    expect(result.stderr).toContain(`To replace the file it points to, name that file: ${join(j.dir, 'real.md')}`);
    expect(kind(join(j.dir, 'link.md'))).toBe('link');
    expect(readFileSync(join(j.dir, 'real.md'), 'utf8')).toBe('an older export');
  });

  // Run as an unprivileged user: an export that wrongly replaced /dev/null or /dev/stdout as root
  // would break the machine the tests run on.
  it('refuses devices (/dev/null) and /dev/stdout, saying how to write to standard output', async () => {
    const j = await oneEntry();
    giveToTestUser(j.dir, join(j.dir, 'data'), j.db);
    const devNull = await runBin(['export', '-o', '/dev/null', '--force'], { env: { NOISY_DB: j.db }, unprivileged: true });
    expect(devNull.code, devNull.stderr).toBe(2);
    expect(devNull.stderr).toContain('noisy: /dev/null is a device, not a regular file.');
    expect(kind('/dev/null')).toBe('device');

    const stdout = await runBin(['export', '-o', '/dev/stdout', '--force'], { env: { NOISY_DB: j.db }, unprivileged: true });
    expect(stdout.code, stdout.stderr).toBe(2);
    expect(stdout.stderr).toContain('noisy: /dev/stdout is a symbolic link, not a regular file.');
    expect(stdout.stderr).toContain('To write to standard output, leave out -o (or use -o -).');
    expect(stdout.stdout).toBe('');
  });

  it('refuses a device node even to root, who could otherwise replace it', async () => {
    const j = await oneEntry();
    // Only root can make a device node; anyone else gets the same check through /dev/zero.
    const device = isRoot ? join(j.dir, 'null') : '/dev/zero';
    if (isRoot) execFileSync('mknod', [device, 'c', '1', '3']);
    const result = await runBin(['export', '-o', device, '--force'], { env: { NOISY_DB: j.db } });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`noisy: ${device} is a device, not a regular file.`);
    expect(kind(device)).toBe('device');
  });

  it('--split refuses to replace a pipe that has an entry\'s file name, and writes nothing', async () => {
    const j = await oneEntry();
    const notes = join(j.dir, 'notes');
    mkdirSync(notes);
    const listed = JSON.parse((await j.cli(['list', '--json'])).stdout) as { entries: { id: string }[] };
    const store = Store.open(j.db, { create: false });
    const entry = store.getEntry(listed.entries[0]?.id ?? '');
    store.close();
    if (!entry) throw new Error('the entry was not saved');
    execFileSync('mkfifo', [join(notes, entryFileName(entry))]);
    const result = await j.cli(['export', '--split', 'notes', '--force'], { cwd: j.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`noisy: notes/${entryFileName(entry)} is a named pipe (FIFO), not a regular file.`);
    expect(readdirSync(notes)).toEqual([entryFileName(entry)]);
    expect(kind(join(notes, entryFileName(entry)))).toBe('fifo');
  });
});

/**
 * 100 entries a day apart; the 76th is far bigger than the others (a story of 9 999 emoji, 40 kB
 * in UTF-8), so under `ulimit -f 72` (36 kB per file) --split writes 75 files and then hits the limit.
 */
async function journalWithOneBigEntry(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'data', 'journal.db');
  const entries = Array.from({ length: 100 }, (_, i) =>
    makeEntry({ title: `Entry ${i + 1}`, date: addDays('2026-01-01', i), ...(i === 75 ? { story: '\u{1F30A}'.repeat(9_999) } : {}) }, { createdAt: `${addDays('2026-01-01', i)}T12:00:00.000Z` }),
  );
  mkdirSync(join(dir, 'data'));
  const store = Store.open(db, { create: true });
  try {
    store.importEntries(entries);
  } finally {
    store.close();
  }
  return { dir, db };
}

describe('a full disk part-way through --split', () => {
  const bigName = /2026-03-17-entry-76-[a-z0-9]+\.md/;

  it('into a new folder: removes the 75 files it had written and the folder, and says exactly that', async () => {
    const { dir, db } = await journalWithOneBigEntry();
    const before = snapshot(dir);
    const result = await runBin(['export', '--split', 'notes/noisy'], { env: { NOISY_DB: db }, cwd: dir, shellPrefix: 'ulimit -f 72;' });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^noisy: Could not write notes/noisy/${bigName.source}: a file-size limit was reached\\.\\n`));
    expect(result.stderr).toContain('  Nothing was written to notes/noisy: the 75 files already written were removed.\n');
    expect(result.stderr).not.toContain('Nothing was written there');
    for (const line of result.stderr.split('\n').slice(1)) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(snapshot(dir)).toEqual(before);
  });

  it('into an existing folder: leaves it exactly as it was, and says so', async () => {
    const { dir, db } = await journalWithOneBigEntry();
    const notes = join(dir, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'my own notes.md'), 'mine');
    const before = snapshot(notes);
    const result = await runBin(['export', '--split', 'notes'], { env: { NOISY_DB: db }, cwd: dir, shellPrefix: 'ulimit -f 72;' });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(bigName);
    expect(result.stderr).toContain('  Nothing was written to notes: the 75 files already written were removed.\n');
    expect(snapshot(notes)).toEqual(before);
  });

  it('with room to spare, writes all 100', async () => {
    const { dir, db } = await journalWithOneBigEntry();
    const result = await runCli(['export', '--split', 'notes'], { env: { NOISY_DB: db }, cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('Wrote 100 files to notes, one per entry.\n');
    expect(readdirSync(join(dir, 'notes'))).toHaveLength(100);
  });
});
