import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERRUPT, journal } from '../helpers/cli.js';
import { exampleAnswers } from '../helpers/answers.js';
import { Store } from '../../src/storage/store.js';
import type { Entry } from '../../src/core/entry.js';

function stored(db: string): { entries: Entry[]; draft: Record<string, unknown> | null } {
  if (!existsSync(db)) return { entries: [], draft: null };
  const store = Store.open(db, { create: false });
  try {
    return { entries: store.listEntries(), draft: (store.loadDraft('reflect')?.data as Record<string, unknown> | undefined) ?? null };
  } finally {
    store.close();
  }
}

describe('noisy reflect --quick', () => {
  it('asks five questions, saves a whole entry with plain defaults, and says how to add the rest', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect', '--quick'], {
      answers: ['application', 'Rejected by the fellowship', 70, 10, 'A form and my CV'],
    });
    expect(result.code).toBe(0);
    const { entries, draft } = stored(db);
    expect(entries).toHaveLength(1);
    expect(draft).toBeNull();
    expect(entries[0]).toMatchObject({
      kind: 'application',
      title: 'Rejected by the fellowship',
      date: '2026-12-01',
      story: '',
      belief: { statement: 'I can do well in the kind of role I applied for', before: 70, after: 10 },
      // The application pack's usual method; minutes and share unknown.
      evaluation: { method: 'cv-screen', minutesSeen: null, whatTheySaw: 'A form and my CV', selectionRate: null },
      confounders: [],
      aboutMe: 50,
      notAboutMeReasons: [],
      state: [],
      nextStep: '',
      prediction: null,
      followUpOn: '2026-12-31',
      tags: [],
    });
    // The summary follows at once (no review screen), and its rate is the assumed one.
    expect(result.stdout).toContain('How far should this move you?');
    expect(result.stdout).toContain('You moved from 70% to 10%');
    expect(result.stdout).not.toContain('Your answers (nothing is saved yet)');
    expect(result.stderr).toContain(`Saved as entry ${entries[0]?.id}`);
    expect(result.stderr).toContain('This was the short version.');
    expect(result.stderr).toMatch(/`noisy edit [0-9a-z]+` fills in any of them/);
    expect(result.stderr).toContain('On 2026-12-31, `noisy followup` asks how it looks then');
    for (const line of result.stderr.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('takes the kind\'s own method: a verdict on yourself stays a self-assessment', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect', '--quick'], { answers: ['self-assessment', 'I am too slow', 50, 5, 'One bad week'] });
    expect(result.code).toBe(0);
    expect(stored(db).entries[0]?.evaluation).toEqual({ method: 'self-assessment', minutesSeen: null, whatTheySaw: 'One bad week', selectionRate: null });
  });

  it('--json prints the same {entry, assessment} document as a full reflection', async () => {
    const { cli } = journal();
    const result = await cli(['reflect', '--quick', '--json'], { answers: ['application', 'Rejected', 60, 20, ''] });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(doc)).toEqual(['entry', 'assessment']);
    expect(doc.entry).toMatchObject({ title: 'Rejected', aboutMe: 50, evaluation: { method: 'cv-screen', selectionRate: null } });
  });

  it('Ctrl+C keeps what was typed as a draft and saves no entry', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect', '--quick'], { answers: ['application', 'Rejected', INTERRUPT] });
    expect(result.code).toBe(130);
    const { entries, draft } = stored(db);
    expect(entries).toEqual([]);
    expect(draft).toMatchObject({ kind: 'application', title: 'Rejected' });
  });

  it('with --answers is a usage error that names both ways, and writes nothing', async () => {
    const { cli, db, dir } = journal();
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify(exampleAnswers()));
    const result = await cli(['reflect', '--quick', '--answers', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--quick asks fewer questions');
    expect(existsSync(db)).toBe(false);
  });
});
