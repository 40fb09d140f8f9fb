// Each belief's combined picture in `noisy history` (text and --json) and in the Markdown export:
// the same pictures `noisy beliefs` shows, of the evidence history's filters choose.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';

type Journal = ReturnType<typeof journal>;

async function reflectWith(j: Journal, overrides: Record<string, unknown>): Promise<string> {
  const file = join(j.dir, `answers-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(answers(overrides)));
  const result = await j.cli(['reflect', '--answers', file, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { entry: { id: string } }).entry.id;
}

interface BeliefItem {
  id: string;
  statement: string;
  evaluations: { entryId: string | null; attemptId: string | null }[];
  combined: { warrantedRange: { low: number; high: number } | null };
}

async function filled(): Promise<Journal> {
  const j = journal();
  await reflectWith(j, { date: '2026-09-01', belief: { statement: 'I can teach', before: 70, after: 30 } });
  await reflectWith(j, { date: '2026-10-01', belief: { statement: 'I can teach', before: 30, after: 20 }, tags: ['teaching'] });
  await reflectWith(j, { date: '2026-11-01', kind: 'peer-review', evaluation: { method: 'peer-review', minutesSeen: null, selectionRate: 25 }, confounders: [], belief: { statement: 'I can write papers', before: 60, after: 40 } });
  const added = await j.cli(['attempts', 'add', 'Lab A', '--method', 'cv-screen', '--rate', '5', '--belief', 'I can teach', '--date', '2026-11-02']);
  expect((await j.cli(['attempts', 'resolve', added.stdout.trim(), 'rejected', '--date', '2026-11-20'])).code).toBe(0);
  return j;
}

describe('each belief in noisy history and the Markdown export', () => {
  it('history --json has the pictures of noisy beliefs --json; the text says them briefly, in words', async () => {
    const j = await filled();
    const beliefs = (JSON.parse((await j.cli(['beliefs', '--json'])).stdout) as { beliefs: BeliefItem[] }).beliefs;
    const history = JSON.parse((await j.cli(['history', '--json'])).stdout) as { beliefs: BeliefItem[] };
    expect(history.beliefs).toEqual(beliefs);
    expect(history.beliefs.find((b) => b.statement === 'I can teach')!.evaluations).toHaveLength(3);

    const text = (await j.cli(['history'])).stdout;
    expect(text).toContain('Each belief, all its evidence together');
    for (const b of beliefs) {
      const range = b.combined.warrantedRange!;
      expect(text.replace(/\s+/g, ' ')).toContain(`"${b.statement}"`);
      expect(text.replace(/\s+/g, ' ')).toMatch(new RegExp(`between ${Math.round(range.low)}% and ${Math.round(range.high)}%|at about`));
    }
    expect(text).not.toMatch(/\d+ times the size/);
    expect(text.split('\n').filter((line) => line.length > 80)).toEqual([]);
  });

  it('the filters choose the evidence: entries by day, kind and tag, attempts by the day they were resolved (none under --kind or --tag)', async () => {
    const j = await filled();
    const pictured = async (...flags: string[]) => (JSON.parse((await j.cli(['history', '--json', ...flags])).stdout) as { beliefs: BeliefItem[] }).beliefs;
    const since = await pictured('--since', '2026-10-15');
    expect(since.map((b) => [b.statement, b.evaluations.length]).sort()).toEqual([
      ['I can teach', 1],
      ['I can write papers', 1],
    ]);
    expect(since.find((b) => b.statement === 'I can teach')!.evaluations[0]!.attemptId).not.toBeNull();
    const tagged = await pictured('--tag', 'teaching');
    expect(tagged.map((b) => [b.statement, b.evaluations.length])).toEqual([['I can teach', 1]]);
    expect(tagged[0]!.evaluations[0]!.attemptId).toBeNull();
    expect((await j.cli(['history', '--tag', 'teaching'])).stdout).toContain('From the evaluations these filters choose');
  });

  it('the Markdown export has a Beliefs section with the same words; the JSON export carries the records only', async () => {
    const j = await filled();
    const md = (await j.cli(['export'])).stdout;
    expect(md).toContain('\n## Beliefs\n');
    expect(md.indexOf('## Beliefs')).toBeLessThan(md.indexOf('## Attempts'));
    expect(md).toContain('### "I can teach"');
    expect(md.replace(/\s+/g, ' ')).toContain('All of it together would leave a calibrated person');
    expect(md.split('\n').filter((line) => line.length > 80)).toEqual([]);
    const json = JSON.parse((await j.cli(['export', '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['format', 'version', 'beliefs', 'entries', 'attempts']);
    const filtered = (await j.cli(['export', '--kind', 'peer-review'])).stdout;
    expect(filtered).toContain('### "I can write papers"');
    expect(filtered).not.toContain('### "I can teach"');
  });
});
