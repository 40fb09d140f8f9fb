// Encryption at rest: what an encrypted journal's files give away (nothing of the stories), what a
// wrong or missing passphrase changes (nothing), and what a conversion killed part-way leaves.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pbkdf2Sync } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { journal, tempDir, type CliResult } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { makeEntry } from '../helpers/entries.js';
import { BIN, readJournal, runBin, sha256, snapshot } from '../helpers/faults.js';
import { Store } from '../../src/storage/store.js';
import { applyCipher } from '../../src/storage/cipher.js';

const STORY = 'Zanzibar-interview-story';

/** Every file of the journal (itself, -wal, -shm) that exists, as bytes. */
function journalFiles(db: string): Buffer[] {
  return [db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
}

function containsStory(db: string): boolean {
  return journalFiles(db).some((bytes) => bytes.includes(STORY) || bytes.includes(Buffer.from(STORY, 'utf16le')));
}

function passphraseFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, `${text}\n`);
  return file;
}

async function savedJournal() {
  const j = journal();
  const file = join(j.dir, 'answers.json');
  writeFileSync(file, JSON.stringify(answers({ title: STORY, nextStep: `${STORY} again` })));
  const saved = await j.cli(['reflect', '--answers', file]);
  expect(saved.code, saved.stderr).toBe(0);
  return { ...j, answersFile: file, pw: passphraseFile(j.dir, 'pw', 'correct horse battery'), other: passphraseFile(j.dir, 'other', 'staple') };
}

function expectOk(result: CliResult): void {
  expect(result.code, result.stderr).toBe(0);
}

describe("an encrypted journal's temporary files", () => {
  it('stay in memory: SQLite3 Multiple Ciphers would write them to disk unencrypted', () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'e.db'));
    try {
      // The driver's default is files (SQLITE_TEMP_STORE=1, temp_store 0).
      expect(db.pragma('temp_store', { simple: true })).toBe(0);
      applyCipher(db, { kind: 'raw', hex: 'ab'.repeat(32) });
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
      // A sort far larger than a one-page cache still works, in memory.
      db.pragma('cache_size = 1');
      db.exec("CREATE TABLE t(x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO t SELECT printf('%08d story', 20000 - i) FROM n");
      expect((db.prepare('SELECT x FROM t ORDER BY x LIMIT 1').get() as { x: string }).x).toBe('00000000 story');
    } finally {
      db.close();
    }
  });
});

// Every command here derives a SQLCipher key (256,000 PBKDF2 rounds) in a new process: seconds each on a
// loaded machine, so these tests get the conversion tests' time limit rather than the default 20 s.
describe('an encrypted journal', { timeout: 120_000 }, () => {
  it('holds no story text in the journal, its -wal or -shm, before and after each conversion', async () => {
    const { db, cli, answersFile, pw, other } = await savedJournal();
    expect(containsStory(db)).toBe(true); // The search finds the text in a plain journal.

    expectOk(await cli(['encrypt', '--passphrase-file', pw]));
    expect(containsStory(db)).toBe(false);
    expect(readFileSync(db).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(readJournal(db, 'correct horse battery').titles).toEqual([STORY]);

    // Saving (WAL mode: the -wal holds the new page until the checkpoint) writes no plain text.
    expectOk(await cli(['reflect', '--answers', answersFile], { env: { NOISY_PASSPHRASE_FILE: pw } }));
    expect(containsStory(db)).toBe(false);
    const listed = await cli(['list', '--passphrase-file', pw]);
    expectOk(listed);
    expect(listed.stdout.split(STORY)).toHaveLength(3);

    expectOk(await cli(['passphrase', '--passphrase-file', pw, '--new-passphrase-file', other]));
    expect(containsStory(db)).toBe(false);
    expect(readJournal(db, 'staple').titles).toEqual([STORY, STORY]);
    expect(() => readJournal(db, 'correct horse battery')).toThrow(/not a database/);

    expectOk(await cli(['decrypt', '--passphrase-file', other]));
    expect(readJournal(db).titles).toEqual([STORY, STORY]);
    expect(readJournal(db).integrity).toEqual(['ok']);
    const found = await cli(['search', 'Zanzibar']);
    expectOk(found);
    expect(found.stdout.split(STORY).length).toBeGreaterThan(2);
    expect(readdirSync(join(db, '..'))).toEqual(['journal.db']);
  });

  it('keeps no copy beside the journal after a conversion', async () => {
    const { db, cli, pw } = await savedJournal();
    const folder = join(db, '..');
    expectOk(await cli(['encrypt', '--passphrase-file', pw]));
    expect(readdirSync(folder)).toEqual(['journal.db']);
  });

  it('is told apart: no passphrase says "damaged, or encrypted", a wrong one "wrong passphrase"; neither changes a byte', async () => {
    const { db, cli, pw, other, answersFile } = await savedJournal();
    expectOk(await cli(['encrypt', '--passphrase-file', pw]));
    const folder = join(db, '..');
    const before = snapshot(folder);
    for (const argv of [['list'], ['reflect', '--answers', answersFile], ['export'], ['history'], ['decrypt'], ['show', 'abcd']]) {
      const none = await cli(argv);
      expect(none.code, argv.join(' ')).toBe(1);
      expect(none.stderr.replace(/\s+/g, ' ')).toMatch(/damaged, or encrypted: give the passphrase with --passphrase-file/);
      const wrong = await cli([...argv, '--passphrase-file', other]);
      expect(wrong.code, argv.join(' ')).toBe(1);
      expect(wrong.stderr).toMatch(/wrong passphrase, or not a noisy journal/);
      expect(wrong.stderr).not.toContain('staple');
      expect(snapshot(folder), argv.join(' ')).toEqual(before);
    }
    const passphrase = await cli(['passphrase', '--passphrase-file', other, '--new-passphrase-file', pw]);
    expect(passphrase.code).toBe(1);
    expect(snapshot(folder)).toEqual(before);
    const sha = sha256(db);
    const doctor = await cli(['doctor', '--json', '--passphrase-file', other]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('wrong passphrase, or not a noisy journal');
    expect(sha256(db)).toBe(sha);
  });

  it('asks on a terminal, three tries, and exits 1 after three wrong ones', async () => {
    const { db, cli, pw } = await savedJournal();
    expectOk(await cli(['encrypt', '--passphrase-file', pw]));
    const sha = sha256(db);
    const failed = await cli(['list'], { secrets: ['a', 'b', 'c'] });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/wrong passphrase/);
    expect(sha256(db)).toBe(sha);
    const second = await cli(['list'], { secrets: ['nope', 'correct horse battery'] });
    expectOk(second);
    expect(second.stdout).toContain(STORY);
  });

  it('is set with a passphrase typed twice on a terminal', async () => {
    const { db, cli } = await savedJournal();
    const result = await cli(['encrypt'], { secrets: ['first try', 'typo', 'my phrase', 'my phrase'] });
    expectOk(result);
    expect(result.stderr).toContain('did not match');
    expect(readJournal(db, 'my phrase').titles).toEqual([STORY]);
    // Without a terminal or a file, encrypt says how to give one.
    const j2 = await savedJournal();
    const refused = await j2.cli(['encrypt']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--passphrase-file');
  });

  it('works for every command, and doctor --json reports it', async () => {
    const { db, cli, pw, answersFile } = await savedJournal();
    expectOk(await cli(['encrypt', '--passphrase-file', pw, '--remember']));
    const env = { NOISY_PASSPHRASE_FILE: pw };
    const saved = await cli(['reflect', '--answers', answersFile, '--json'], { env });
    expectOk(saved);
    const id = (JSON.parse(saved.stdout) as { entry: { id: string } }).entry.id;
    expectOk(await cli(['show', id], { env }));
    const found = await cli(['search', 'Zanzibar', '--json'], { env });
    expectOk(found);
    expect(found.stdout).toContain(id);
    expectOk(await cli(['history'], { env }));
    const exported = await cli(['export', '--format', 'json'], { env });
    expectOk(exported);
    expect(exported.stderr).toContain('this export is not');
    const dir = tempDir();
    const backup = join(dir, 'backup.json');
    writeFileSync(backup, exported.stdout);
    const imported = await cli(['import', backup, '--json'], { env });
    expectOk(imported);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 0, skipped: 2 });
    expectOk(await cli(['delete', id, '--yes'], { env }));
    const doctor = await cli(['doctor', '--json'], { env });
    const report = JSON.parse(doctor.stdout) as { encrypted: boolean; keyring: string };
    expect(report.encrypted).toBe(true);
    expect(['unavailable', 'not-stored', 'stored']).toContain(report.keyring);
    expect(readJournal(db, 'correct horse battery').titles).toEqual([STORY]);
    const plain = journal();
    expectOk(await plain.cli(['reflect', '--answers', answersFile]));
    expect(JSON.parse((await plain.cli(['doctor', '--json'])).stdout)).toMatchObject({ encrypted: false });
  });

  it('opens with the key SQLCipher 4 derives (PBKDF2-HMAC-SHA512, 256,000 rounds, the file salt)', async () => {
    const { db, cli, pw } = await savedJournal();
    expectOk(await cli(['encrypt', '--passphrase-file', pw]));
    const salt = readFileSync(db).subarray(0, 16);
    const open = (hex: string) => {
      const raw = new Database(db, { readonly: true });
      try {
        raw.pragma("cipher = 'sqlcipher'");
        raw.pragma('legacy = 4');
        raw.pragma(`key = "x'${hex}'"`);
        return raw.prepare('SELECT title FROM entries').pluck().all();
      } finally {
        raw.close();
      }
    };
    expect(open(pbkdf2Sync('correct horse battery', salt, 256_000, 32, 'sha512').toString('hex'))).toEqual([STORY]);
    expect(() => open(pbkdf2Sync('correct horse battery', salt, 64_000, 32, 'sha512').toString('hex'))).toThrow(/not a database/);
  });
});

describe('a conversion killed part-way', () => {
  /** A plain journal big enough that converting it takes a while. */
  function bigJournal(): { dir: string; db: string } {
    const dir = tempDir();
    const db = join(dir, 'journal.db');
    const store = Store.open(db, { create: true });
    store.importEntries(Array.from({ length: 2000 }, (_, i) => makeEntry({ title: `${STORY} ${i}` })));
    store.close();
    return { dir, db };
  }

  /** Which of the passphrases (undefined: plain) opens the journal, with every entry there. */
  function opensWith(db: string, candidates: (string | undefined)[]): (string | undefined)[] {
    return candidates.filter((passphrase) => {
      try {
        const facts = readJournal(db, passphrase);
        return facts.integrity.join() === 'ok' && facts.ids.size === 2000;
      } catch {
        return false;
      }
    });
  }

  const steps: [string, (dir: string) => string[], (string | undefined)[]][] = [
    ['encrypt', (dir) => ['encrypt', '--passphrase-file', join(dir, 'new')], [undefined, 'new one']],
    ['passphrase', (dir) => ['passphrase', '--passphrase-file', join(dir, 'old'), '--new-passphrase-file', join(dir, 'new')], ['old one', 'new one']],
    ['decrypt', (dir) => ['decrypt', '--passphrase-file', join(dir, 'old')], ['old one', undefined]],
  ];

  /** Kill points: before any work, as soon as the new copy appears, once it has pages in it. */
  const killAt: [string, (temp: string) => boolean][] = [
    ['at start', () => true],
    ['when the copy appears', (temp) => existsSync(temp)],
    ['with the copy part-written', (temp) => existsSync(temp) && statSync(temp).size > 64 * 1024],
  ];

  it.each(steps)('%s leaves a journal that opens with the passphrase it had before', async (name, argv, [before, after]) => {
    for (const [when, ready] of killAt) {
      const { dir, db } = bigJournal();
      passphraseFile(dir, 'old', 'old one');
      passphraseFile(dir, 'new', 'new one');
      if (before !== undefined) {
        const setUp = await runBin(['encrypt', '--passphrase-file', join(dir, 'old')], { env: { NOISY_DB: db } });
        expect(setUp.code, setUp.stderr).toBe(0);
      }
      const temp = join(dir, '.journal.db.converting');
      const child = spawn(process.execPath, [BIN, ...argv(dir)], { env: { PATH: process.env.PATH, NOISY_DB: db, NO_COLOR: '1' }, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      const poll = setInterval(() => {
        if (ready(temp)) child.kill('SIGKILL');
      }, 1);
      const signal = await exited;
      clearInterval(poll);
      expect(signal, `${name} ${when}: killed before it finished`).toBe('SIGKILL');
      expect(opensWith(db, [before, after]), `${name} killed ${when}`).toEqual([before]);
      // The next conversion clears what the killed one left, and finishes.
      const again = await runBin(argv(dir), { env: { NOISY_DB: db } });
      expect(again.code, again.stderr).toBe(0);
      expect(opensWith(db, [before, after])).toEqual([after]);
      expect(readdirSync(dir).filter((f) => f.startsWith('journal.db') || f.startsWith('.journal'))).toEqual(['journal.db']);
    }
  }, 120_000);
});
