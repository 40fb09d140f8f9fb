// Guards against noisy taking over an SQLite file that is not its journal (another program's
// database, or a journal missing part of its structure): every command refuses it before writing
// anything, down to the WAL flag in the file header (bytes 18-19).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { runBin, sha256, snapshot } from '../helpers/faults.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { NOISY_APPLICATION_ID } from '../../src/storage/schema.js';

/** Every command that opens the journal, the ones that write and the ones that only read. */
function everyCommand(scratch: string): string[][] {
  const answersFile = join(scratch, 'answers.json');
  writeFileSync(answersFile, JSON.stringify(answers()));
  return [
    ['list'],
    ['list', '--json'],
    ['show', 'abcd'],
    ['history'],
    ['export', '--format', 'json'],
    ['followup', '--json'],
    ['reflect', '--answers', answersFile],
    ['import', backupFile],
    ['delete', 'abcd', '--yes'],
  ];
}

/** A JSON backup with one entry, for `noisy import`. */
let backupFile: string;
const fixtures = mkdtempSync(join(tmpdir(), 'noisy-foreign-'));
afterAll(() => rmSync(fixtures, { recursive: true, force: true }));
beforeAll(async () => {
  const db = join(fixtures, 'journal.db');
  const saved = await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: JSON.stringify(answers()) });
  expect(saved.code).toBe(0);
  const exported = await runCli(['export', '--format', 'json'], { env: { NOISY_DB: db } });
  backupFile = join(fixtures, 'backup.json');
  writeFileSync(backupFile, exported.stdout);
});

/** Another program's database, made with SQLite directly. */
function otherAppDatabase(path: string, { userVersion = 0, wal = false, applicationId = 0 } = {}): void {
  const db = new Database(path);
  if (wal) db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada'), ('grace');");
  db.pragma(`user_version = ${userVersion}`);
  db.pragma(`application_id = ${applicationId}`);
  db.close();
}

async function expectRefusedUntouched(db: string, said: RegExp): Promise<void> {
  const dir = join(db, '..');
  const before = snapshot(dir);
  const header = readFileSync(db).subarray(18, 20);
  for (const argv of everyCommand(tempDir())) {
    const result = await runCli(argv, { env: { NOISY_DB: db } });
    expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(1);
    expect(result.stderr, argv.join(' ')).toContain(db);
    expect(result.stderr.replace(/\s+/g, ' '), argv.join(' ')).toMatch(said);
    expect(result.stderr).not.toMatch(/something went wrong|Saved as|Imported|No entries yet/);
    expect(snapshot(dir), argv.join(' ')).toEqual(before);
    expect(readFileSync(db).subarray(18, 20), 'the WAL flag in the header').toEqual(header);
  }
}

describe("another program's SQLite database at the journal path", () => {
  it.each([0, 1, 2, 7])('is refused by every command, byte for byte unchanged (user_version %i)', async (userVersion) => {
    const db = join(tempDir(), 'other.db');
    otherAppDatabase(db, { userVersion });
    await expectRefusedUntouched(db, /is not a noisy journal/);
  });

  it('is refused in WAL mode too, and no working files are left beside it', async () => {
    const db = join(tempDir(), 'other.db');
    otherAppDatabase(db, { userVersion: 2, wal: true });
    expect(Object.keys(snapshot(join(db, '..')))).toEqual(['other.db']);
    await expectRefusedUntouched(db, /is not a noisy journal/);
  });

  it('is refused when it carries another application id', async () => {
    const db = join(tempDir(), 'other.db');
    otherAppDatabase(db, { userVersion: 2, applicationId: 0x12345678 });
    await expectRefusedUntouched(db, /is not a noisy journal .*another program/);
  });

  it('is refused when it has tables named like noisy\'s but not all of them', async () => {
    const db = join(tempDir(), 'other.db');
    const raw = new Database(db);
    raw.exec('CREATE TABLE entries (id TEXT PRIMARY KEY, body TEXT); CREATE TABLE drafts (name TEXT)');
    raw.pragma('user_version = 1');
    raw.close();
    await expectRefusedUntouched(db, /is not a noisy journal/);
  });

  it('is refused by the built binary with the same message', async () => {
    const dir = tempDir();
    const db = join(dir, 'other.db');
    otherAppDatabase(db, { userVersion: 2 });
    const before = sha256(db);
    const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input: JSON.stringify(answers()) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${db} is not a noisy journal`);
    expect(sha256(db)).toBe(before);
    expect(Object.keys(snapshot(dir))).toEqual(['other.db']);
  });
});

describe('a noisy journal missing one of its tables', () => {
  it.each(['follow_ups', 'drafts', 'entry_tags'])('without %s is refused by every command, reads and writes alike', async (table) => {
    const dir = join(tempDir(), 'data');
    const db = join(dir, 'journal.db');
    const saved = await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: JSON.stringify(answers()) });
    expect(saved.code).toBe(0);
    const raw = new Database(db);
    raw.exec(`DROP TABLE ${table}`);
    raw.close();
    await expectRefusedUntouched(db, new RegExp(`is missing part of its structure \\(the table ${table}[,)]`));
  });

  it('without an index is refused too, naming it', async () => {
    const dir = join(tempDir(), 'data');
    const db = join(dir, 'journal.db');
    expect((await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: JSON.stringify(answers()) })).code).toBe(0);
    const raw = new Database(db);
    raw.exec('DROP INDEX entries_by_follow_up');
    raw.close();
    await expectRefusedUntouched(db, /is missing part of its structure \(the index entries_by_follow_up\)/);
  });

  it('is explained by doctor, with what to do', async () => {
    const dir = join(tempDir(), 'data');
    const db = join(dir, 'journal.db');
    expect((await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: JSON.stringify(answers()) })).code).toBe(0);
    const raw = new Database(db);
    raw.exec('DROP TABLE follow_ups');
    raw.close();
    const before = snapshot(dir);
    const result = await runCli(['doctor'], { env: { NOISY_DB: db } });
    expect(result.code).toBe(1);
    const said = result.stdout.replace(/\s+/g, ' ');
    expect(said).toMatch(/problem File format .*missing .*the table follow_ups/);
    expect(said).toContain('fix: Restore the journal from a backup');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('journals noisy made', () => {
  it('carry noisy\'s application id from the start', async () => {
    const db = join(tempDir(), 'journal.db');
    expect((await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: JSON.stringify(answers()) })).code).toBe(0);
    const raw = new Database(db, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(NOISY_APPLICATION_ID);
    raw.close();
  });

  it('made before the id existed are recognised by their schema: read as they are, stamped at the next save', async () => {
    const dir = tempDir();
    const db = join(dir, 'journal.db');
    const raw = new Database(db);
    for (const step of MIGRATIONS) {
      raw.exec(step.sql);
      step.backfill?.(raw);
    }
    raw.pragma(`user_version = ${SCHEMA_VERSION}`);
    raw.close();
    const before = sha256(db);
    const listed = await runCli(['list'], { env: { NOISY_DB: db } });
    expect(listed.code, listed.stderr).toBe(0);
    expect(sha256(db), 'a read changes nothing').toBe(before);
    expect(Object.keys(snapshot(dir))).toEqual(['journal.db']);
    expect((await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: JSON.stringify(answers()) })).code).toBe(0);
    const stamped = new Database(db, { readonly: true });
    expect(stamped.pragma('application_id', { simple: true })).toBe(NOISY_APPLICATION_ID);
    stamped.close();
  });

  it('at an older schema are upgraded by a command that only reads, in one step, and then read', async () => {
    const dir = tempDir();
    const db = join(dir, 'journal.db');
    const older = join(tempDir(), 'older.db');
    const raw = new Database(older);
    const first = MIGRATIONS[0]!;
    raw.exec(first.sql);
    raw.pragma(`user_version = ${first.version}`);
    raw.close();
    copyFileSync(older, db);
    const listed = await runCli(['list', '--json'], { env: { NOISY_DB: db } });
    expect(listed.code, listed.stderr).toBe(0);
    const upgraded = new Database(db, { readonly: true });
    expect(upgraded.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(upgraded.pragma('application_id', { simple: true })).toBe(NOISY_APPLICATION_ID);
    expect(upgraded.pragma('integrity_check', { simple: true })).toBe('ok');
    upgraded.close();
    expect(Object.keys(snapshot(dir))).toEqual(['journal.db']);
  });
});

describe('a journal rescued with `sqlite3 .recover` (tables kept, user_version and id lost)', () => {
  it('is recognised by its tables, read, and given its version and id back at the next save', async () => {
    const dir = join(tempDir(), 'data');
    const db = join(dir, 'journal.db');
    expect((await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: JSON.stringify(answers({ title: 'rescued' })) })).code).toBe(0);
    const raw = new Database(db);
    raw.pragma('user_version = 0');
    raw.pragma('application_id = 0');
    raw.close();
    const listed = await runCli(['list'], { env: { NOISY_DB: db } });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('rescued');
    expect((await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: JSON.stringify(answers()) })).code).toBe(0);
    const saved = new Database(db, { readonly: true });
    expect(saved.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(saved.pragma('application_id', { simple: true })).toBe(NOISY_APPLICATION_ID);
    saved.close();
  });
});

describe('an empty file at the journal path', () => {
  it('is not written by a command that only reads', async () => {
    const dir = tempDir();
    const db = join(dir, 'journal.db');
    writeFileSync(db, '', { mode: 0o600 });
    for (const argv of [['list'], ['history'], ['export', '--format', 'json']]) {
      const result = await runCli(argv, { env: { NOISY_DB: db } });
      expect(result.code, result.stderr).toBe(0);
      expect(snapshot(dir)).toEqual({ 'journal.db': sha256(db) });
      expect(readFileSync(db).length).toBe(0);
    }
  });

  it('becomes the journal at the first save', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    const db = join(dir, 'data', 'journal.db');
    writeFileSync(db, '', { mode: 0o600 });
    expect((await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: JSON.stringify(answers()) })).code).toBe(0);
    expect((await runCli(['list'], { env: { NOISY_DB: db } })).stdout).toContain('Test rejection');
  });
});
