// Runs the built binary with a loader hook that records every module it loads.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { Store } from '../../src/storage/store.js';
import { fixtureEntry } from '../fixtures/journals.js';

describe('startup stays light', () => {
  const bin = fileURLToPath(new URL('../../bin/noisy.js', import.meta.url));
  const hook = fileURLToPath(new URL('../fixtures/record-loads.mjs', import.meta.url));
  const HEAVY = ['better-sqlite3-multiple-ciphers', '@inquirer/prompts', '@inquirer/core', 'chrono-node'];

  /** Runs the built binary and returns the URLs of the modules it loaded. */
  function loadedBy(args: string[]): string[] {
    const record = join(tempDir(), 'loads.txt');
    const env = { ...process.env, NOISY_RECORD_LOADS: record, NOISY_DB: join(tempDir(), 'j.db'), NO_COLOR: '1' };
    execFileSync(process.execPath, ['--import', hook, bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(record, 'utf8').split('\n').filter(Boolean);
  }
  const heavyIn = (urls: string[]) => HEAVY.filter((name) => urls.some((url) => url.includes(`/node_modules/${name}/`)));

  it('--help and --version load none of SQLite, inquirer or chrono-node', () => {
    for (const args of [['--help'], ['reflect', '--help']]) {
      const urls = loadedBy(args);
      expect(urls.some((url) => url.includes('/dist/cli/main.js'))).toBe(true);
      expect(heavyIn(urls), args.join(' ')).toEqual([]);
    }
  });

  it('--version answers from the bin file alone, with the package version', () => {
    for (const flag of ['--version', '-V']) {
      expect(loadedBy([flag]).filter((url) => url.includes('/dist/') || url.includes('/node_modules/'))).toEqual([]);
      const out = execFileSync(process.execPath, [bin, flag], { encoding: 'utf8' });
      expect(out).toBe(`${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}\n`);
    }
  });

  it('the recorder does see heavy modules when a command needs them', () => {
    expect(heavyIn(loadedBy(['list']))).toEqual(['better-sqlite3-multiple-ciphers']);
  });

  it('a search loads neither the store nor the migrations and the model they bring', () => {
    const journal = join(tempDir(), 'journal.db');
    const store = Store.open(journal, { create: true });
    store.insertEntry(fixtureEntry({ title: 'Interview at the lab' }));
    store.close();
    const urls = loadedBy(['--db', journal, 'search', 'interview']);
    expect(urls.some((url) => url.includes('/dist/storage/journal-reader.js'))).toBe(true);
    const heavy = ['/dist/storage/store.js', '/dist/storage/migrations.js', '/dist/core/history.js', '/dist/core/warranted.js'];
    expect(urls.filter((url) => heavy.some((name) => url.includes(name)))).toEqual([]);
    // The driver, required directly (storage/read-only.ts), is still seen; the KDF's crypto is not loaded.
    expect(heavyIn(urls)).toEqual(['better-sqlite3-multiple-ciphers']);
    expect(urls).not.toContain('node:crypto');
  });

  it('a save from an answers file loads none of the questions, drafts, review screen, date phrases or date-fns', () => {
    const answers = fileURLToPath(new URL('../../examples/answers.json', import.meta.url));
    const urls = loadedBy(['reflect', '--answers', answers]);
    expect(urls.some((url) => url.includes('/dist/commands/reflect.js')) && urls.some((url) => url.includes('/dist/storage/store.js'))).toBe(true);
    const interactive = ['/dist/commands/questions.js', '/dist/commands/drafts.js', '/dist/ui/review-text.js', '/dist/ui/dates.js', '/dist/core/quick.js', '/node_modules/date-fns/'];
    expect(urls.filter((url) => interactive.some((name) => url.includes(name)))).toEqual([]);
  });

  it('a JSON export loads neither the Markdown exporter nor the Unicode width tables; a Markdown one does', () => {
    const json = loadedBy(['export', '--format', 'json']);
    expect(json.some((url) => url.includes('/dist/exporters/json.js'))).toBe(true);
    expect(json.filter((url) => url.includes('/dist/exporters/markdown.js') || url.includes('/node_modules/string-width/'))).toEqual([]);
    const markdown = loadedBy(['export']);
    expect(markdown.some((url) => url.includes('/dist/exporters/markdown.js'))).toBe(true);
  });
});
