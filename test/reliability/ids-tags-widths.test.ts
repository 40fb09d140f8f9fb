// Small promises that broke: an id message that named letters it then accepted, a tag refused for
// the way its accent was typed, and `noisy list` columns pushed out of line by wide characters.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { displayWidth } from '../../src/ui/width.js';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';
import { makeEntry } from '../helpers/entries.js';

async function save(cli: ReturnType<typeof journal>['cli'], overrides: Record<string, unknown>): Promise<Entry> {
  const result = await cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(answers(overrides)) });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { entry: Entry }).entry;
}

describe('entry ids', () => {
  it('an import refuses an id with 0, 1, o, l or i, as its message says', async () => {
    const { cli, dir } = journal();
    const file = join(dir, 'backup.json');
    const entries = ['hello234', 'abc1defg', 'zz0zzzzz', 'abcd2345'].map((id) => makeEntry({}, { id }));
    writeFileSync(file, JSON.stringify({ format: 'noisy-export', version: 1, entries }));
    const result = await cli(['import', file]);
    expect(result.code).toBe(2);
    for (const i of [0, 1, 2]) expect(result.stderr).toContain(`entries[${i}].id: must be an entry id: 4 to 32 lower-case letters and digits (no 0, 1, o, l or i)`);
    expect(result.stderr).not.toContain('entries[3].id');
  });

  it('show names the look-alike letters when an id holds one', async () => {
    const { cli } = journal();
    await save(cli, {});
    const result = await cli(['show', '7ko3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"7ko3" is not an entry id: ids never hold 0, 1, o, l or i.');
  });
});

describe('tags and text in decomposed form (NFD)', () => {
  it('a tag typed with a separate accent is one word, stored composed, and found either way', async () => {
    const { cli } = journal();
    await save(cli, { tags: ['cafe\u0301', 'नौकरी'], title: 'Cafe\u0301 interview' });
    const listed = await cli(['list', '--json']);
    const [entry] = (JSON.parse(listed.stdout) as { entries: Entry[] }).entries;
    expect(entry?.tags).toEqual(['caf\u00e9', 'नौकरी']);
    expect(entry?.title).toBe('Caf\u00e9 interview');
    for (const tag of ['caf\u00e9', 'cafe\u0301', '#Cafe\u0301']) {
      const found = await cli(['export', '--format', 'json', '--tag', tag]);
      expect(found.code, found.stderr).toBe(0);
      expect((JSON.parse(found.stdout) as { entries: Entry[] }).entries).toHaveLength(1);
    }
  });
});

describe('noisy list at 80 columns', () => {
  it('keeps every row within 80 columns and every figure in its column, whatever the title', async () => {
    const { cli } = journal();
    const titles = [
      '面接で不合格になった：研究職のフェローシップ、二回目の挑戦でした',
      'Rejected 👩‍👩‍👧 after the family-emoji 👍🏽 talk 🇯🇵 in Tokyo, a long one',
      'Cafe\u0301 re\u0301sume\u0301 e\u0301tude, with many combining marks on every e',
      '한국어 제목: 인터뷰 결과가 좋지 않았다',
      'Short',
    ];
    for (const [i, title] of titles.entries()) await save(cli, { title, date: `2026-11-${String(10 + i)}` });
    const result = await cli(['list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(titles.length + 1);
    const columnOf = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
    const moved = columnOf(lines[0] as string, 'moved');
    for (const line of lines) {
      expect(displayWidth(line), line).toBeLessThanOrEqual(80);
      if (line !== lines[0]) expect(columnOf(line, '60→20%'), line).toBe(moved);
    }
    expect(lines.some((line) => line.includes('面接で不合格') && line.includes('…'))).toBe(true);
    expect(lines.some((line) => line.includes('Short'))).toBe(true);
  });
});
