// Guards against a -wal file that is not the journal's own being merged into it (by a command that
// only reads, or by any other), and against commands that only read checkpointing the journal.
// Each case runs on a plain journal and on an encrypted one (its -wal holds encrypted pages).
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { seededRandom, sha256, snapshot } from '../helpers/faults.js';
import { Store } from '../../src/storage/store.js';
import { forgetKeys, useKey } from '../../src/storage/cipher.js';
import { fixtureEntry } from '../fixtures/journals.js';

const READS = [['list'], ['list', '--json'], ['history'], ['export', '--format', 'md'], ['followup', '--json'], ['show', 'abcd']];

/** The two kinds of journal each case runs on: plain, and encrypted (the passphrase in a file). */
const KINDS = [{ kind: 'plain', passphrase: null }, { kind: 'encrypted', passphrase: 'stray wal passphrase' }] as const;
type Kind = (typeof KINDS)[number];

/** The environment that opens a journal of this kind: NOISY_DB, and the passphrase file if encrypted. */
function envFor(db: string, k: Kind): Record<string, string> {
  if (k.passphrase === null) return { NOISY_DB: db };
  const file = join(tempDir(), 'passphrase');
  writeFileSync(file, `${k.passphrase}\n`);
  return { NOISY_DB: db, NOISY_PASSPHRASE_FILE: file };
}

/** A journal with these entries; an encrypted one is encrypted after the first. */
async function journalWith(db: string, titles: string[], k: Kind = KINDS[0]): Promise<Record<string, string>> {
  const env = envFor(db, k);
  for (const [i, title] of titles.entries()) {
    const saved = await runCli(['reflect', '--answers', '-'], { env, stdin: JSON.stringify(answers({ title, story: 'words '.repeat(300) })) });
    expect(saved.code, saved.stderr).toBe(0);
    if (i === 0 && k.passphrase !== null) expect((await runCli(['encrypt'], { env })).code).toBe(0);
  }
  return env;
}

/** A raw connection to `db` (read-only), with the passphrase of an encrypted journal. */
function rawOpen(db: string, k: Kind): Database.Database {
  const raw = new Database(db, { readonly: true });
  if (k.passphrase !== null) {
    raw.pragma("cipher = 'sqlcipher'");
    raw.pragma('legacy = 4');
    raw.pragma(`key = '${k.passphrase}'`);
  }
  return raw;
}

/**
 * Copies of a journal as it is while a noisy has it open with saves still in its -wal (as a
 * killed process leaves it): the journal, its -wal and, when `withShm`, its -shm.
 */
function openJournalCopy(source: string, target: string, titles: string[], withShm: boolean, k: Kind = KINDS[0]): void {
  if (k.passphrase !== null) useKey(source, { kind: 'passphrase', passphrase: k.passphrase });
  const store = Store.open(source, { create: true });
  try {
    for (const title of titles) store.insertEntry(fixtureEntry({ title }));
    copyFileSync(source, target);
    copyFileSync(`${source}-wal`, `${target}-wal`);
    if (withShm) copyFileSync(`${source}-shm`, `${target}-shm`);
  } finally {
    store.close();
    forgetKeys();
  }
}

/** integrity_check of the journal file alone (its -wal moved aside for the check, then put back). */
function integrityWithoutWal(db: string, k: Kind): string {
  const aside = join(tempDir(), 'check.db');
  copyFileSync(db, aside);
  const raw = rawOpen(aside, k);
  try {
    return raw.pragma('integrity_check', { simple: true }) as string;
  } finally {
    raw.close();
  }
}

describe.each(KINDS)('on a $kind journal', (k) => {
  describe("another journal's -wal placed beside a journal", () => {
    async function setUp() {
      const a = join(tempDir(), 'a', 'journal.db');
      await journalWith(a, ['a1'], k);
      const aCopy = join(tempDir(), 'a-copy.db');
      openJournalCopy(a, aCopy, ['a2 in the wal', 'a3 in the wal'], false, k);
      const dir = join(tempDir(), 'c');
      const c = join(dir, 'journal.db');
      const env = await journalWith(c, ['c1', 'c2', 'c3'], k);
      expect(integrityWithoutWal(c, k)).toBe('ok');
      copyFileSync(`${aCopy}-wal`, `${c}-wal`);
      return { c, dir, env };
    }

    it('is refused by every command, the journal and the -wal byte for byte as they were', async () => {
      const { c, dir, env } = await setUp();
      const journal = sha256(c);
      const wal = sha256(`${c}-wal`);
      for (const argv of [...READS, ['reflect', '--answers', '-'], ['delete', 'abcd', '--yes']]) {
        const result = await runCli(argv, { env, stdin: JSON.stringify(answers()) });
        expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(1);
        expect(result.stderr.replace(/\s+/g, ' '), argv.join(' ')).toContain(`${c}-wal does not belong to the journal`);
        expect(result.stderr).toContain('noisy doctor');
        expect(sha256(c), argv.join(' ')).toBe(journal);
        expect(existsSync(`${c}-wal`), argv.join(' ')).toBe(true);
        expect(sha256(`${c}-wal`), argv.join(' ')).toBe(wal);
      }
      expect(integrityWithoutWal(c, k)).toBe('ok');
      expect(Object.keys(snapshot(dir)).sort()).toEqual(['journal.db', 'journal.db-wal']);
    });

    it('is reported by doctor with what to do, and the journal read without it', async () => {
      const { c, dir, env } = await setUp();
      const before = snapshot(dir);
      const result = await runCli(['doctor'], { env });
      expect(result.code).toBe(1);
      const said = result.stdout.replace(/\s+/g, ' ');
      expect(said).toMatch(/problem Working file +journal\.db-wal does not belong to this journal/);
      expect(said).toContain(`mv '${c}-wal' '${c}-wal.stray'`);
      expect(said).toMatch(/info Contents 3 entries/);
      expect(snapshot(dir)).toEqual(before);
      // Doing what doctor says makes the journal usable again, as it was.
      renameSync(`${c}-wal`, `${c}-wal.stray`);
      const listed = await runCli(['list'], { env });
      expect(listed.code).toBe(0);
      for (const title of ['c1', 'c2', 'c3']) expect(listed.stdout).toContain(title);
    });
  });

  describe('a -wal that is not a WAL file at all', () => {
    it('is refused and left alone (SQLite would silently discard it)', async () => {
      const dir = join(tempDir(), 'data');
      const db = join(dir, 'journal.db');
      const env = await journalWith(db, ['one'], k);
      const random = seededRandom(3);
      writeFileSync(`${db}-wal`, Buffer.from(Array.from({ length: 9000 }, () => Math.floor(random() * 256))));
      const before = snapshot(dir);
      for (const argv of [['list'], ['reflect', '--answers', '-']]) {
        const result = await runCli(argv, { env, stdin: JSON.stringify(answers()) });
        expect(result.code, argv.join(' ')).toBe(1);
        expect(result.stderr.replace(/\s+/g, ' ')).toContain(`${db}-wal does not belong to the journal`);
        expect(snapshot(dir)).toEqual(before);
      }
    });
  });

  describe("a journal's own -wal, left by a noisy that was stopped", () => {
    it.each([true, false])('is read by commands that only read, never merged into the file (with its -shm: %s)', async (withShm) => {
      const source = join(tempDir(), 'source', 'journal.db');
      await journalWith(source, ['saved before'], k);
      const dir = join(tempDir(), 'copy');
      mkdirSync(dir);
      const db = join(dir, 'journal.db');
      openJournalCopy(source, db, ['still in the wal'], withShm, k);
      const env = envFor(db, k);
      const journal = sha256(db);
      const wal = sha256(`${db}-wal`);
      for (const argv of READS.slice(0, 4)) {
        const result = await runCli(argv, { env });
        expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
        expect(sha256(db), argv.join(' ')).toBe(journal);
        expect(sha256(`${db}-wal`), argv.join(' ')).toBe(wal);
      }
      const listed = await runCli(['list'], { env });
      expect(listed.stdout).toContain('saved before');
      expect(listed.stdout).toContain('still in the wal');
      // The next save takes the -wal in, as SQLite does.
      expect((await runCli(['reflect', '--answers', '-'], { env, stdin: JSON.stringify(answers({ title: 'after' })) })).code).toBe(0);
      const raw = rawOpen(db, k);
      expect(raw.prepare('SELECT title FROM entries ORDER BY created_at').pluck().all()).toEqual(expect.arrayContaining(['saved before', 'still in the wal', 'after']));
      raw.close();
    });
  });

  describe('commands that only read a cleanly closed journal', () => {
    it('leave its folder exactly as it was: no -wal or -shm, no new bytes', async () => {
      const dir = join(tempDir(), 'data');
      const db = join(dir, 'journal.db');
      const env = await journalWith(db, ['one', 'two'], k);
      const before = snapshot(dir);
      const header = readFileSync(db).subarray(0, 100);
      for (const argv of READS) {
        const result = await runCli(argv, { env });
        expect(result.code === 0 || argv[0] === 'show', `${argv.join(' ')}: ${result.stderr}`).toBe(true);
        expect(snapshot(dir), argv.join(' ')).toEqual(before);
      }
      expect(readFileSync(db).subarray(0, 100)).toEqual(header);
    });
  });
}, 120_000); // An encrypted journal's key is derived (~0.1 s of CPU) by every command run.
