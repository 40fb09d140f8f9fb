// Guards against text that looks like SQL being run as SQL, or being altered on the way in.
import { describe, expect, it } from 'vitest';
import { journal } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { readJournal } from '../helpers/faults.js';

const SQL_SHAPED = [
  "'); DROP TABLE entries;--",
  "Robert'); DROP TABLE entry_tags; DROP TABLE follow_ups;--",
  '" OR 1=1; --',
  "x' UNION SELECT id, created_at, answers FROM entries --",
  '%_\\ LIKE wildcards and a backslash',
  'PRAGMA writable_schema = 1; DELETE FROM sqlite_master',
  'a\u00a0non-breaking space, tab\tand emoji 🌊',
];

describe('titles and text shaped like SQL', () => {
  it('are stored and shown back verbatim, and the journal keeps all its tables', async () => {
    const j = journal();
    const ids: string[] = [];
    for (const text of SQL_SHAPED) {
      const saved = await j.cli(['reflect', '--answers', '-', '--json'], {
        stdin: JSON.stringify(answers({ title: text, story: text, nextStep: text, belief: { statement: text, before: 50, after: 40 } })),
      });
      expect(saved.code, saved.stderr).toBe(0);
      ids.push((JSON.parse(saved.stdout) as { entry: { id: string } }).entry.id);
    }
    for (const [i, id] of ids.entries()) {
      const shown = await j.cli(['show', id, '--json']);
      expect(shown.code).toBe(0);
      const { entry } = JSON.parse(shown.stdout) as { entry: { title: string; story: string; nextStep: string; belief: { statement: string } } };
      expect([entry.title, entry.story, entry.nextStep, entry.belief.statement]).toEqual(Array(4).fill(SQL_SHAPED[i]));
    }
    const listed = await j.cli(['list', '--json']);
    expect((JSON.parse(listed.stdout) as { total: number }).total).toBe(SQL_SHAPED.length);
    const stored = readJournal(j.db);
    expect(stored.integrity).toEqual(['ok']);
    expect([...stored.titles].sort()).toEqual([...SQL_SHAPED].sort());
  });

  it('used as an id to look up, finds nothing rather than everything', async () => {
    const j = journal();
    expect((await j.cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers()) })).code).toBe(0);
    for (const id of ["' OR '1'='1", '%', '_', "abcd' --"]) {
      const shown = await j.cli(['show', id, '--json']);
      expect(shown.code, id).not.toBe(0);
      expect(shown.stdout).toBe('');
    }
    expect(readJournal(j.db).ids.size).toBe(1);
  });
});
