import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';
import { displayWidth } from '../../src/ui/width.js';
import type { Entry } from '../../src/core/entry.js';

async function withEntries(titles: string[]) {
  const j = journal();
  for (const [i, title] of titles.entries()) {
    const day = String(10 + i).padStart(2, '0');
    const result = await j.cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(answers({ title, date: `2026-11-${day}` })) });
    expect(result.code).toBe(0);
  }
  return j;
}

describe('noisy list', () => {
  it('says there is nothing yet, and creates no journal', async () => {
    const { cli, db } = journal();
    const result = await cli(['list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No entries yet. Run `noisy reflect`');
    expect(existsSync(db)).toBe(false);
  });

  it('shows a table, newest first, within 80 columns', async () => {
    const { cli } = await withEntries(['First one', 'A much longer title that goes on and on about the interview and its aftermath', 'Third']);
    const result = await cli(['list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+date\s+kind\s+title\s+moved\s+warranted$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[3])).toEqual(['Third', expect.stringMatching(/^A much longer title.*…$/), 'First one']);
    expect(lines[1]).toMatch(/^[2-9a-z]{10}\s+2026-11-12\s+application\s+Third\s+60→20%\s+\d+%$/);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(result.stderr).toBe('');
  });

  it('--limit shows fewer and says how many there are', async () => {
    const { cli } = await withEntries(['one', 'two', 'three']);
    const result = await cli(['list', '--limit', '2']);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(result.stdout).toContain('three');
    expect(result.stdout).not.toContain('one');
    expect(result.stderr).toContain('Showing the 2 most recent of 3; use --limit to see more.');
  });

  it('--json prints the total and the entries', async () => {
    const { cli } = await withEntries(['one', 'two']);
    const result = await cli(['list', '--json', '-n', '1']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { total: number; entries: Entry[] };
    expect(doc.total).toBe(2);
    expect(doc.entries.map((e) => e.title)).toEqual(['two']);
    expect(result.stderr).toBe('');
  });

  it('--json on an empty journal is still one document', async () => {
    const { cli } = journal();
    const result = await cli(['list', '--json']);
    expect(JSON.parse(result.stdout)).toEqual({ total: 0, entries: [] });
  });

  it.each([['0'], ['-3'], ['two'], ['1.5']])('refuses --limit %s with exit 2', async (limit) => {
    const { cli } = journal();
    const result = await cli(['list', '--limit', limit]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('It must be a whole number of 1 or more.');
  });
});
