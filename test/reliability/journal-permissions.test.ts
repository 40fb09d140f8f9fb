// Guards against noisy adopting a journal file or folder that someone else made or can change:
// run as the unprivileged user `nobody` (root ignores permissions), as the rest of the fault suite.
import { chmodSync, chownSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { giveToTestUser, isRoot, readJournal, runBin, snapshot } from '../helpers/faults.js';

const input = JSON.stringify(answers({ title: 'private words' }));
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** A folder (0700) that the unprivileged test user owns, inside a parent it can enter. */
function ownFolder(): string {
  const parent = tempDir();
  const dir = join(parent, 'data');
  mkdirSync(dir, { mode: 0o700 });
  giveToTestUser(parent, dir);
  return dir;
}

describe('a zero-byte file made before noisy, by its own user', () => {
  it.each([0o644, 0o640, 0o604])('with mode %o becomes a private journal (0600) at the first save', async (loose) => {
    const dir = ownFolder();
    const db = join(dir, 'journal.db');
    writeFileSync(db, '');
    chmodSync(db, loose);
    giveToTestUser(db);
    const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input, unprivileged: true });
    expect(result.code, result.stderr).toBe(0);
    expect(mode(db)).toBe('600');
    expect(readJournal(db).titles).toEqual(['private words']);
  });

  it('that others can write to is refused with the chmod that fixes it, and left as it was', async () => {
    const dir = ownFolder();
    const db = join(dir, 'journal.db');
    writeFileSync(db, '');
    chmodSync(db, 0o666);
    giveToTestUser(db);
    const before = snapshot(dir);
    for (const argv of [['reflect', '--answers', '-'], ['list']]) {
      const result = await runBin(argv, { env: { NOISY_DB: db }, input, unprivileged: true });
      expect(result.code, argv.join(' ')).toBe(1);
      const said = result.stderr.replace(/\s+/g, ' ');
      expect(said).toContain(`${db} can be changed by other people on this computer (0666)`);
      expect(said).toContain(`chmod 600 '${db}'`);
      expect(snapshot(dir)).toEqual(before);
      expect(mode(db)).toBe('666');
    }
  });
});

describe('an existing journal others can read', () => {
  it('is made private (0600) before the next save writes to it', async () => {
    const dir = ownFolder();
    const db = join(dir, 'journal.db');
    expect((await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input, unprivileged: true })).code).toBe(0);
    chmodSync(db, 0o644);
    const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input, unprivileged: true });
    expect(result.code, result.stderr).toBe(0);
    expect(mode(db)).toBe('600');
    expect(readJournal(db).titles).toEqual(['private words', 'private words']);
  });

  it('is still read, unchanged, by commands that only read (doctor warns about it)', async () => {
    const dir = ownFolder();
    const db = join(dir, 'journal.db');
    expect((await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input, unprivileged: true })).code).toBe(0);
    chmodSync(db, 0o644);
    const before = snapshot(dir);
    const result = await runBin(['list'], { env: { NOISY_DB: db }, unprivileged: true });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('private words');
    expect(snapshot(dir)).toEqual(before);
    expect(mode(db)).toBe('644');
  });
});

describe('a journal folder others can write to', () => {
  it.each([0o777, 0o770, 0o1777])('(mode %o) is refused with the chmod that fixes it; nothing is created in it', async (loose) => {
    const dir = ownFolder();
    chmodSync(dir, loose);
    const db = join(dir, 'journal.db');
    for (const argv of [['reflect', '--answers', '-'], ['list']]) {
      const result = await runBin(argv, { env: { NOISY_DB: db }, input, unprivileged: true });
      expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(argv[0] === 'list' ? 0 : 1);
      if (argv[0] === 'reflect') {
        const said = result.stderr.replace(/\s+/g, ' ');
        expect(said).toContain(`the folder ${dir} can be changed by other people on this computer`);
        expect(said).toContain(`chmod 700 '${dir}'`);
      }
      expect(snapshot(dir)).toEqual({});
    }
  });

  it('holding a journal is refused by every command, the journal untouched', async () => {
    const dir = ownFolder();
    const db = join(dir, 'journal.db');
    expect((await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input, unprivileged: true })).code).toBe(0);
    chmodSync(dir, 0o777);
    const before = snapshot(dir);
    for (const argv of [['reflect', '--answers', '-'], ['list'], ['history']]) {
      const result = await runBin(argv, { env: { NOISY_DB: db }, input, unprivileged: true });
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stderr.replace(/\s+/g, ' ')).toContain(`chmod 700 '${dir}'`);
      expect(snapshot(dir)).toEqual(before);
    }
  });
});

// Another user's files need a second user: the suite makes them as root and runs noisy as nobody.
describe.runIf(isRoot)('a journal or folder that belongs to another user', () => {
  it('a journal file of another user is refused, with the chown that fixes it', async () => {
    const dir = ownFolder();
    const db = join(dir, 'journal.db');
    expect((await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input, unprivileged: true })).code).toBe(0);
    chownSync(db, 0, 0);
    chmodSync(db, 0o644);
    const before = snapshot(dir);
    for (const argv of [['list'], ['reflect', '--answers', '-']]) {
      const result = await runBin(argv, { env: { NOISY_DB: db }, input, unprivileged: true });
      expect(result.code, argv.join(' ')).toBe(1);
      const said = result.stderr.replace(/\s+/g, ' ');
      expect(said).toContain(`${db} belongs to another user (uid 0)`);
      expect(said).toMatch(new RegExp(`sudo chown \\S+ '${db}'`));
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('a zero-byte file another user made in a shared folder is not adopted', async () => {
    const dir = ownFolder();
    const db = join(dir, 'journal.db');
    writeFileSync(db, '');
    chmodSync(db, 0o666);
    const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input, unprivileged: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('belongs to another user');
    expect(statSync(db).size).toBe(0);
  });

  it("a folder of another user is refused, even one you may write to", async () => {
    const parent = tempDir();
    giveToTestUser(parent);
    const dir = join(parent, 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const db = join(dir, 'journal.db');
    expect((await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, stdin: input })).code).toBe(0);
    giveToTestUser(db);
    const before = snapshot(dir);
    const result = await runBin(['list'], { env: { NOISY_DB: db }, unprivileged: true });
    expect(result.code).toBe(1);
    const said = result.stderr.replace(/\s+/g, ' ');
    expect(said).toContain(`the folder ${dir} belongs to another user (uid 0)`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('doctor names each problem and its fix', async () => {
    const dir = ownFolder();
    const db = join(dir, 'journal.db');
    expect((await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input, unprivileged: true })).code).toBe(0);
    chownSync(db, 0, 0);
    chmodSync(dir, 0o777);
    const result = await runBin(['doctor'], { env: { NOISY_DB: db }, unprivileged: true });
    expect(result.code).toBe(1);
    const said = result.stdout.replace(/\s+/g, ' ');
    expect(said).toContain(`problem Folder ${dir} can be changed by other people on this computer (0777).`);
    expect(said).toContain(`fix: chmod 700 '${dir}'`);
    expect(said).toMatch(/problem Permissions journal\.db belongs to another user \(uid 0\)/);
  });
});
