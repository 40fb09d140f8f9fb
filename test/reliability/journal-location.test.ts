// Guards against the journal's place depending on the folder a command is run from: an empty or
// relative HOME or NOISY_DB is refused (naming the absolute path it would have meant), never
// silently resolved against the current folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { runBin, snapshot } from '../helpers/faults.js';

const input = JSON.stringify(answers());

describe('an empty or relative HOME', () => {
  it.each(['', 'home/sam', '.'])('HOME=%j is refused, naming the path it would mean; nothing is created', async (home) => {
    const cwd = tempDir();
    const result = await runBin(['reflect', '--answers', '-'], { env: { HOME: home }, input, cwd });
    expect(result.code).toBe(2);
    const said = result.stderr.replace(/\s+/g, ' ');
    expect(said).toContain(join(cwd, home, '.local/share/noisy/journal.db'));
    expect(said).toMatch(/HOME .*(empty|relative)/);
    expect(said).toContain('--db');
    expect(snapshot(cwd)).toEqual({});
  });

  it('does not matter when NOISY_DB or --db says where the journal is', async () => {
    const cwd = tempDir();
    const db = join(tempDir(), 'journal.db');
    expect((await runBin(['reflect', '--answers', '-'], { env: { HOME: '', NOISY_DB: db }, input, cwd })).code).toBe(0);
    expect((await runBin(['--db', db, 'list'], { env: { HOME: '' }, cwd })).code).toBe(0);
    expect(snapshot(cwd)).toEqual({});
  });

  it('does not stop commands that never open the journal', async () => {
    const result = await runCli(['evidence'], { env: { HOME: '' } });
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('a relative or empty NOISY_DB', () => {
  it('is refused, naming the absolute path it would have meant', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'sub'));
    for (const [value, meant] of [['journal.db', join(cwd, 'journal.db')], ['../j.db', join(cwd, '..', 'j.db')]] as const) {
      const result = await runCli(['reflect', '--answers', '-'], { env: { NOISY_DB: value }, stdin: input, cwd });
      expect(result.code, value).toBe(2);
      const said = result.stderr.replace(/\s+/g, ' ');
      expect(said).toContain(`NOISY_DB is a relative path (${value})`);
      expect(said).toContain(meant);
    }
    const empty = await runCli(['list'], { env: { NOISY_DB: '' }, cwd });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('NOISY_DB is set but empty');
    expect(snapshot(cwd)).toEqual({ sub: 'directory' });
  });
});

describe('--db', () => {
  it('is relative to the folder the command is typed in', async () => {
    const cwd = tempDir();
    const result = await runCli(['--db', 'mine.db', 'reflect', '--answers', '-'], { env: {}, stdin: input, cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(snapshot(cwd))).toEqual(['mine.db']);
  });

  it('may not be empty', async () => {
    const result = await runCli(['--db', '', 'list'], { env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--db needs a path');
  });
});

describe('a relative XDG_DATA_HOME', () => {
  it('is ignored, as the XDG spec asks: the journal goes under HOME', async () => {
    const cwd = tempDir();
    const home = tempDir();
    const result = await runCli(['reflect', '--answers', '-'], { env: { HOME: home, XDG_DATA_HOME: 'data' }, stdin: input, cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(snapshot(cwd)).toEqual({});
    expect(Object.keys(snapshot(join(home, '.local', 'share', 'noisy')))).toEqual(['journal.db']);
  });
});
