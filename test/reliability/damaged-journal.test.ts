// Guards against noisy misreading a damaged or foreign file at the journal path and writing over it.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { runBin, seededRandom, snapshot } from '../helpers/faults.js';

/** Commands that open the journal, writing and reading; doctor reports on stdout, the others on stderr. */
function commandsOn(dir: string): string[][] {
  const file = join(dir, '..', 'answers.json');
  writeFileSync(file, JSON.stringify(answers()));
  return [['reflect', '--answers', file], ['list'], ['search', 'story'], ['show', 'abcd'], ['doctor']];
}

/** A real journal of several pages (entries with long stories), closed cleanly. */
let healthyJournal: string;
const fixtures = mkdtempSync(join(tmpdir(), 'noisy-damage-'));
afterAll(() => rmSync(fixtures, { recursive: true, force: true }));
beforeAll(async () => {
  healthyJournal = join(fixtures, 'healthy.db');
  for (let i = 0; i < 12; i++) {
    const result = await runCli(['reflect', '--answers', '-'], {
      env: { NOISY_DB: healthyJournal },
      stdin: JSON.stringify(answers({ title: `entry ${i}`, story: 'a long story '.repeat(800) })),
    });
    expect(result.code).toBe(0);
  }
  expect(statSync(healthyJournal).size).toBeGreaterThan(20 * 4096);
});

interface Damage {
  name: string;
  /** Writes the damaged thing at `path`. */
  make: (path: string) => void;
}

const random = seededRandom(42);
const randomBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const DAMAGES: Damage[] = [
  { name: 'random bytes', make: (p) => writeFileSync(p, randomBytes(64 * 1024)) },
  { name: 'random bytes behind a valid SQLite header', make: (p) => writeFileSync(p, Buffer.concat([SQLITE_HEADER, randomBytes(32 * 1024)])) },
  { name: 'a text file (someone\'s notes)', make: (p) => writeFileSync(p, '# My notes\n\nNot a database, but precious all the same.\n'.repeat(20)) },
  { name: 'a short text file', make: (p) => writeFileSync(p, 'hello\n') },
  { name: 'a journal cut to its first 100 bytes', make: (p) => truncatedCopy(p, 100) },
  { name: 'a journal cut to its first page', make: (p) => truncatedCopy(p, 4096) },
  { name: 'a journal cut in half', make: (p) => truncatedCopy(p, Math.floor(statSync(healthyJournal).size / 2)) },
  { name: 'a journal missing its last 1000 bytes', make: (p) => truncatedCopy(p, statSync(healthyJournal).size - 1000) },
  { name: 'a journal missing its last page', make: (p) => truncatedCopy(p, statSync(healthyJournal).size - 4096) },
  {
    name: 'a journal whose entries table page is overwritten by garbage',
    make: (p) => {
      const bytes = readFileSync(healthyJournal);
      // Page 2 is the root of the entries table (the first table the schema creates).
      randomBytes(4096).copy(bytes, 4096 * 1);
      writeFileSync(p, bytes);
    },
  },
];

function truncatedCopy(path: string, size: number): void {
  copyFileSync(healthyJournal, path);
  truncateSync(path, size);
}

describe.each(DAMAGES)('a journal path holding $name', ({ make }) => {
  it('is refused with an error naming the file, exit 1, and left byte for byte as it was', async () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    const db = join(dir, 'journal.db');
    make(db);
    const before = snapshot(dir);
    for (const argv of commandsOn(dir)) {
      const result = await runCli(argv, { env: { NOISY_DB: db } });
      expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toContain(db);
      expect(result.stderr).not.toMatch(/something went wrong/);
      if (argv[0] === 'doctor') expect(result.stdout).toMatch(/problem +(Journal file|Damage) /);
      expect(snapshot(dir), argv.join(' ')).toEqual(before);
    }
  });
});

describe('an empty folder where the journal file should be', () => {
  it('is refused, exit 1, and stays an empty folder', async () => {
    const dir = join(tempDir(), 'data');
    const db = join(dir, 'journal.db');
    mkdirSync(db, { recursive: true });
    for (const argv of commandsOn(dir)) {
      const result = await runCli(argv, { env: { NOISY_DB: db } });
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stderr + result.stdout).toContain(`${db} is a folder`);
      expect(snapshot(dir)).toEqual({ 'journal.db': 'directory' });
      expect(snapshot(db)).toEqual({});
    }
  });
});

describe('a journal written by a newer noisy', () => {
  it('is refused with a message saying so, and not changed', async () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    const db = join(dir, 'journal.db');
    copyFileSync(healthyJournal, db);
    const raw = new Database(db);
    raw.pragma('user_version = 99');
    raw.close();
    const before = snapshot(dir);
    for (const argv of commandsOn(dir)) {
      const result = await runCli(argv, { env: { NOISY_DB: db } });
      expect(result.code, argv.join(' ')).toBe(1);
      const said = (result.stderr + result.stdout).replace(/\s+/g, ' ');
      expect(said).toContain(`written by a newer version of noisy (schema 99; this one knows up to ${SCHEMA_VERSION})`);
      expect(result.stderr).toContain(db);
      expect(snapshot(dir), argv.join(' ')).toEqual(before);
    }
  });
});

describe('the built binary on a damaged journal', () => {
  it('prints the same clear refusal and exits 1', async () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    const db = join(dir, 'journal.db');
    writeFileSync(db, randomBytes(8192));
    const before = snapshot(dir);
    const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input: JSON.stringify(answers()) });
    expect(result.code).toBe(1);
    // Random bytes are what an encrypted journal looks like without its key.
    expect(result.stderr).toContain(`${db} is damaged, or encrypted: give the passphrase`);
    expect(snapshot(dir)).toEqual(before);
  });
});
