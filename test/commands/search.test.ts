import { existsSync, statSync } from 'node:fs';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';

async function withEntries(list: Record<string, unknown>[]) {
  const j = journal();
  const ids: string[] = [];
  for (const overrides of list) {
    const result = await j.cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(answers(overrides)) });
    expect(result.code, result.stderr).toBe(0);
    ids.push((JSON.parse(result.stdout) as { entry: { id: string } }).entry.id);
  }
  return { ...j, ids };
}

const STORIES = [
  { title: 'Fellowship rejection', date: '2026-11-10', story: 'I froze in the second interview and never recovered.', tags: ['fellowship'] },
  { title: 'Interview at a lab', date: '2026-11-12', kind: 'first-impression', evaluation: { method: 'conversation', minutesSeen: 20 }, story: 'Short chat.' },
  { title: 'Paper reviews', date: '2026-11-14', kind: 'peer-review', evaluation: { method: 'peer-review', minutesSeen: 60 }, story: 'Reviewer 2 wanted more baselines.', nextStep: 'run the interview study again' },
];

describe('noisy search', () => {
  it('--json: results best first, ranked from 1, with the matches marked in the excerpt', async () => {
    const { cli, ids } = await withEntries(STORIES);
    const result = await cli(['search', 'interview', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const { results } = JSON.parse(result.stdout) as { results: { entryId: string; date: string; title: string; excerpt: string; rank: number }[] };
    expect(results.map((r) => r.rank)).toEqual([1, 2, 3]);
    // The title match counts most.
    expect(results[0]).toEqual({ entryId: ids[1], date: '2026-11-12', title: 'Interview at a lab', excerpt: '«Interview» at a lab', rank: 1 });
    expect(results.map((r) => r.entryId).sort()).toEqual([...ids].sort());
    expect(results.find((r) => r.entryId === ids[0])?.excerpt).toBe('I froze in the second «interview» and never recovered.');
    expect(results.find((r) => r.entryId === ids[2])?.excerpt).toBe('run the «interview» study again');
  });

  it('needs every word, each also as the start of a longer word', async () => {
    const { cli, ids } = await withEntries(STORIES);
    const json = async (...argv: string[]) => (JSON.parse((await cli(['search', ...argv, '--json'])).stdout) as { results: { entryId: string }[] }).results.map((r) => r.entryId);
    expect(await json('froze', 'interview')).toEqual([ids[0]]);
    expect(await json('froze interview')).toEqual([ids[0]]);
    expect(await json('baseline')).toEqual([ids[2]]);
    expect(await json('froze', 'baselines')).toEqual([]);
  });

  it('takes the filters of history', async () => {
    const { cli, ids } = await withEntries(STORIES);
    const found = async (...argv: string[]) => {
      const result = await cli(['search', 'interview', '--json', ...argv]);
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { results: { entryId: string }[] }).results.map((r) => r.entryId).sort();
    };
    expect(await found('--tag', 'fellowship')).toEqual([ids[0]]);
    expect(await found('--kind', 'peer-review')).toEqual([ids[2]]);
    expect(await found('--since', '2026-11-11', '--until', '2026-11-13')).toEqual([ids[1]]);
    const bad = await cli(['search', 'interview', '--kind', 'party']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--kind "party" is not a kind of evaluation.');
  });

  it('prints each entry with its excerpt, matches marked «like this» without colour, within 80 columns', async () => {
    const long = 'interview '.repeat(3) + '面接で緊張した。'.repeat(12) + ' and a very long tail of words after it';
    const { cli, ids } = await withEntries([...STORIES, { title: `A title that goes on and on ${'and on '.repeat(12)}`, story: long }]);
    const result = await cli(['search', 'interview']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${ids[0]}  2026-11-10  Fellowship rejection\n    I froze in the second «interview» and never recovered.\n`);
    for (const line of result.stdout.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    const cjk = await cli(['search', '緊張']);
    expect(cjk.stdout).toContain('«緊張»');
    for (const line of cjk.stdout.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
  });

  it('marks matches in colour, and not with «», when colour is on', async () => {
    const { cli } = await withEntries(STORIES);
    const result = await cli(['search', 'froze'], { tty: true, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(result.stdout).toContain('\x1b[1m\x1b[33mfroze\x1b[39m\x1b[22m');
    expect(result.stdout).not.toContain('«');
  });

  it('no match: an empty list and exit 0', async () => {
    const { cli } = await withEntries(STORIES);
    const json = await cli(['search', 'zeppelin', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ results: [] });
    const text = await cli(['search', 'zeppelin']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('Nothing in your journal matches "zeppelin"');
  });

  it('--limit shows the best few and says there are more', async () => {
    const { cli } = await withEntries(STORIES);
    const result = await cli(['search', 'interview', '--limit', '2']);
    expect(result.stdout.match(/^[2-9a-z]{10} {2}/gm)).toHaveLength(2);
    expect(result.stderr).toContain('Showing the best 2; use --limit to see more.');
  });

  it('FTS5 syntax in the words is read as plain words; with --fts it is syntax, and a bad query is exit 2', async () => {
    const { cli, ids } = await withEntries(STORIES);
    for (const words of [['NEAR(froze'], ['"froze'], ['froze', 'OR'], ['title:froze'], ['--', '-froze'], ['froze*']]) {
      const result = await cli(['search', ...words, '--json']);
      expect(result.code, `${words.join(' ')}: ${result.stderr}`).toBe(0);
    }
    const or = await cli(['search', '--fts', 'froze OR baselines', '--json']);
    expect(or.code).toBe(0);
    expect((JSON.parse(or.stdout) as { results: { entryId: string }[] }).results.map((r) => r.entryId).sort()).toEqual([ids[0], ids[2]].sort());
    const bad = await cli(['search', '--fts', 'NEAR(froze']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^noisy: This --fts query can't be read: it ends too soon\.\n {2}After AND, OR or NOT comes a word/);
    expect(bad.stderr).not.toMatch(/\bat .*\.js/);
  });

  it('words with no letters or digits are a usage error', async () => {
    const { cli } = await withEntries(STORIES);
    const result = await cli(['search', '*', '--', '-']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('noisy: "* -" has no letters or digits to search for.');
    expect(result.stderr).toContain('no * needed');
    for (const words of [[''], ['  '], ['"']]) {
      const refused = await cli(['search', ...words]);
      expect(refused.code, words.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(/^noisy: .*(nothing to search for|no letters or digits).*\n {2}Give a word or two, e\.g\. noisy search interview\./);
    }
  });

  it('a query --fts cannot read is named in plain words with its fix, never in SQLite\'s', async () => {
    const { cli } = await withEntries(STORIES);
    const cases: [string, RegExp][] = [
      ['froze AND', /it ends too soon\./],
      ['AND froze', /"AND" is out of place\./],
      ['"froze', /a quote \("\) is not closed\./],
      ['where: froze', /no part of an entry is "where"\.\n {2}Its parts: title, story/],
      [`${'('.repeat(2000)}froze`, /too many brackets inside each other\./],
    ];
    for (const [query, problem] of cases) {
      const result = await cli(['search', '--fts', query]);
      expect(result.code, query).toBe(2);
      expect(result.stderr).toMatch(/^noisy: This --fts query can't be read: /);
      expect(result.stderr).toMatch(problem);
      expect(result.stderr).toContain('leave out --fts');
      expect(result.stderr).not.toMatch(/SQLite|fts5|syntax error|no such column|unterminated|stack overflow/i);
    }
  });

  it('reads only: an empty journal is not created, and the file is not written', async () => {
    const empty = journal();
    const none = await empty.cli(['search', 'anything']);
    expect(none.code).toBe(0);
    expect(existsSync(empty.db)).toBe(false);

    const { cli, db } = await withEntries(STORIES);
    await cli(['list']); // settle the journal (checkpoints) before measuring it
    const before = statSync(db).mtimeMs;
    const result = await cli(['search', 'interview', '--json']);
    expect(result.code).toBe(0);
    expect(statSync(db).mtimeMs).toBe(before);
  });
});

describe('noisy list with filters', () => {
  it('lists only the entries the filters let through, and counts those', async () => {
    const { cli, ids } = await withEntries(STORIES);
    const listed = async (...argv: string[]) => {
      const result = await cli(['list', '--json', ...argv]);
      expect(result.code, result.stderr).toBe(0);
      const body = JSON.parse(result.stdout) as { total: number; entries: { id: string }[] };
      return { total: body.total, ids: body.entries.map((e) => e.id) };
    };
    expect(await listed('--kind', 'peer-review')).toEqual({ total: 1, ids: [ids[2]] });
    expect(await listed('--tag', 'fellowship')).toEqual({ total: 1, ids: [ids[0]] });
    expect(await listed('--since', '2026-11-11')).toEqual({ total: 2, ids: [ids[2], ids[1]] });
    expect(await listed('--until', '2026-11-11')).toEqual({ total: 1, ids: [ids[0]] });
    const none = await cli(['list', '--tag', 'nothing']);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('No entries match these filters.');
    const bad = await cli(['list', '--since', 'someday soon']);
    expect(bad.code).toBe(2);
  });
});
