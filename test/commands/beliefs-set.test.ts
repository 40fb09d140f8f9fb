// Changing a belief's assumptions and words (`noisy beliefs set`, `noisy beliefs rename`), and
// `noisy list --belief`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';

type Journal = ReturnType<typeof journal>;

async function reflectWith(j: Journal, overrides: Record<string, unknown>) {
  const file = join(j.dir, `answers-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(answers(overrides)));
  const result = await j.cli(['reflect', '--answers', file, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { entry: { id: string; belief: { id: string } } }).entry;
}

interface Listed {
  id: string;
  statement: string;
  bar: number;
  sharedErrorCorrelation: number;
  combined: { likelihoodRatio: number; warrantedRange: { low: number; high: number }; assumptions: string[] };
}

async function listed(j: Journal): Promise<Listed[]> {
  return (JSON.parse((await j.cli(['beliefs', '--json'])).stdout) as { beliefs: Listed[] }).beliefs;
}

describe('noisy beliefs set', () => {
  it('sets the bar and the shared error (then points, not ranges), and "default" puts noisy\'s back', async () => {
    const j = journal();
    const first = await reflectWith(j, { date: '2026-10-01', evaluation: { method: 'cv-screen', minutesSeen: 1, selectionRate: 5 } });
    await reflectWith(j, { date: '2026-11-01', evaluation: { method: 'cv-screen', minutesSeen: 1, selectionRate: 10 } });
    const [before] = await listed(j);
    const id = first.belief.id;
    const set = await j.cli(['beliefs', 'set', id.slice(0, 4), '--bar', '10', '--shared-error', '0.5', '--json']);
    expect(set.code, set.stderr).toBe(0);
    const { belief } = JSON.parse(set.stdout) as { belief: Listed };
    expect(belief).toMatchObject({ id, bar: 10, sharedErrorCorrelation: 0.5 });
    expect(belief.combined.assumptions).not.toContain('model.bar.low');
    expect(belief.combined.assumptions).not.toContain('model.shared-error');
    expect(belief.combined.likelihoodRatio).not.toBe(before!.combined.likelihoodRatio);
    expect((await listed(j))[0]).toEqual(belief);
    const back = await j.cli(['beliefs', 'set', id, '--bar', 'default', '--shared-error', 'DEFAULT']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('(10% to 50% tried)');
    expect((await listed(j))[0]).toEqual(before);
  });

  it('one formula: after set, an entry\'s own figures (show, list, the export) use its belief\'s bar, and a belief with one evaluation gives exactly them', async () => {
    const j = journal();
    const entry = await reflectWith(j, { evaluation: { method: 'cv-screen', minutesSeen: 10, selectionRate: 5 } });
    const shown = async () => (JSON.parse((await j.cli(['show', entry.id, '--json'])).stdout) as { assessment: { bar: number; likelihoodRatio: number; warrantedBelief: number; warrantedRange: { low: number; high: number } } }).assessment;
    const atDefault = await shown();
    expect((await j.cli(['beliefs', 'set', entry.belief.id, '--bar', '10', '--shared-error', '0.5'])).code).toBe(0);
    const own = await shown();
    const [belief] = await listed(j);
    expect(own.bar).toBe(10);
    expect(own.warrantedBelief).not.toBe(atDefault.warrantedBelief);
    expect(belief!.combined.likelihoodRatio).toBe(own.likelihoodRatio);
    expect((belief!.combined as unknown as { warrantedBelief: number }).warrantedBelief).toBe(own.warrantedBelief);
    expect(belief!.combined.warrantedRange).toEqual(own.warrantedRange);
    // A bar set is a point: the range is the validity's alone, narrower than over noisy's bars.
    expect(own.warrantedRange.high - own.warrantedRange.low).toBeLessThan(atDefault.warrantedRange.high - atDefault.warrantedRange.low);
    expect((await j.cli(['list'])).stdout).toContain(`${Math.round(own.warrantedBelief)}%`);
    const md = (await j.cli(['export'])).stdout;
    const split = (await j.cli(['export', '--split', join(j.dir, 'split')])).code;
    expect(split).toBe(0);
    expect(md).toContain(`between ${Math.round(own.warrantedRange.low)}% and ${Math.round(own.warrantedRange.high)}%`);
  });

  it.each([
    [['--bar', '0'], '--bar "0" must be more than 0 and less than 100'],
    [['--bar', '100'], '--bar "100" must be more than 0 and less than 100'],
    [['--bar', 'ten'], '--bar "ten" is not a number'],
    [['--shared-error', '0.95'], '--shared-error "0.95" must be from 0 to 0.9'],
    [['--shared-error', '-0.1'], '--shared-error "-0.1" must be from 0 to 0.9'],
    [['--shared-error', '30'], '--shared-error "30" must be from 0 to 0.9'],
    [[], 'Nothing to set: give --bar, --shared-error, or both.'],
  ])('refuses %j with exit 2 and changes nothing', async (flags, message) => {
    const j = journal();
    const entry = await reflectWith(j, {});
    const before = await listed(j);
    const result = await j.cli(['beliefs', 'set', entry.belief.id, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.split('\n').filter((line) => line.length > 80)).toEqual([]);
    expect(await listed(j)).toEqual(before);
  });

  it('tells belief ids from entry ids by their prefix, and an unknown belief is exit 1', async () => {
    const j = journal();
    const entry = await reflectWith(j, {});
    const wrongKind = await j.cli(['beliefs', 'set', entry.id, '--bar', '10']);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toContain('is not a belief id (that looks like an entry id).\n  Belief ids start with b-');
    const attempt = await j.cli(['beliefs', 'set', 'a-23456789', '--bar', '10']);
    expect(attempt.code).toBe(2);
    expect(attempt.stderr).toContain('(that looks like an attempt id)');
    const unknown = await j.cli(['beliefs', 'set', 'b-zzzzzz', '--bar', '10']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No belief with id b-zzzzzz');
    // And show, which takes entry ids, does not take a belief's.
    expect((await j.cli(['show', entry.belief.id])).code).toBe(2);
  });
});

describe('noisy beliefs rename', () => {
  it('changes the statement; entries keep their words; a statement another belief has is refused', async () => {
    const j = journal();
    const entry = await reflectWith(j, { belief: { statement: 'I can do this work', before: 60, after: 30 } });
    await reflectWith(j, { belief: { statement: 'I can teach', before: 60, after: 30 } });
    const renamed = await j.cli(['beliefs', 'rename', entry.belief.id, '  I can do research work ']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain('"I can do research work"');
    expect((await listed(j)).map((b) => b.statement).sort()).toEqual(['I can do research work', 'I can teach']);
    const shown = JSON.parse((await j.cli(['show', entry.id, '--json'])).stdout) as { entry: { belief: { statement: string } } };
    expect(shown.entry.belief.statement).toBe('I can do this work');
    // A new entry with the new words joins it.
    const joined = await reflectWith(j, { belief: { statement: 'i can do research work', before: 30, after: 30 } });
    expect(joined.belief.id).toBe(entry.belief.id);

    const taken = await j.cli(['beliefs', 'rename', entry.belief.id, 'I CAN teach']);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/Belief b-[a-z2-9]{6} already says "I CAN teach"; nothing was changed\./);
    const empty = await j.cli(['beliefs', 'rename', entry.belief.id, '   ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The new statement must not be empty');
    const bidi = await j.cli(['beliefs', 'rename', entry.belief.id, 'I can \u202ewrite']);
    expect(bidi.code).toBe(2);
  });
});

describe('noisy list --belief', () => {
  it('lists only the entries about that belief, by id or its start', async () => {
    const j = journal();
    const a = await reflectWith(j, { title: 'About teaching', belief: { statement: 'I can teach', before: 60, after: 30 } });
    await reflectWith(j, { title: 'About writing', belief: { statement: 'I can write', before: 60, after: 30 } });
    const result = await j.cli(['list', '--belief', a.belief.id.slice(0, 5), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { total, entries } = JSON.parse(result.stdout) as { total: number; entries: { title: string }[] };
    expect(total).toBe(1);
    expect(entries.map((e) => e.title)).toEqual(['About teaching']);
    const human = await j.cli(['list', '--belief', a.belief.id]);
    expect(human.stdout).toContain('About teaching');
    expect(human.stdout).not.toContain('About writing');
    expect((await j.cli(['list', '--belief', 'teaching'])).code).toBe(2);
  });
});

describe('beliefs in the JSON export and import', () => {
  it('carry every belief whole (id, statement, bar, shared error), and export → import → export gives the same bytes', async () => {
    const j = journal();
    const a = await reflectWith(j, { belief: { statement: 'I can teach', before: 60, after: 30 } });
    await reflectWith(j, { belief: { statement: 'I can write', before: 60, after: 30 } });
    expect((await j.cli(['beliefs', 'set', a.belief.id, '--bar', '12.5', '--shared-error', '0.45'])).code).toBe(0);
    const first = await j.cli(['export', '--format', 'json']);
    expect(first.code, first.stderr).toBe(0);
    const document = JSON.parse(first.stdout) as { beliefs: Record<string, unknown>[]; entries: { belief: { id: string } }[] };
    expect(Object.keys(document)).toEqual(['format', 'version', 'beliefs', 'entries', 'attempts']);
    expect(document.beliefs.find((b) => b.id === a.belief.id)).toEqual({ id: a.belief.id, statement: 'I can teach', bar: 12.5, sharedErrorCorrelation: 0.45, createdAt: expect.any(String) });
    expect(document.beliefs.find((b) => b.id !== a.belief.id)).toMatchObject({ statement: 'I can write', bar: null, sharedErrorCorrelation: null });
    expect(document.entries.map((e) => e.belief.id)).toContain(a.belief.id);

    const other = journal();
    const file = join(other.dir, 'backup.json');
    writeFileSync(file, first.stdout);
    const imported = await other.cli(['import', file, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 2, beliefs: { added: 2, joined: 0, conflicts: [] } });
    const again = await other.cli(['export', '--format', 'json']);
    expect(again.stdout).toBe(first.stdout);
    expect(await listed(other)).toEqual(await listed(j));
  });

  it('a belief with the same id and other words is a conflict (exit 1, ours kept); the same statement under another id joins ours', async () => {
    const j = journal();
    const a = await reflectWith(j, { belief: { statement: 'I can teach', before: 60, after: 30 } });
    const exported = JSON.parse((await j.cli(['export', '--format', 'json'])).stdout) as { beliefs: { id: string; statement: string }[]; entries: { id: string; belief: { id: string } }[] };
    // The same id, renamed elsewhere; and an entry from an older export, with no belief id at all.
    exported.beliefs[0]!.statement = 'I can teach well';
    const target = journal();
    await reflectWith(target, { belief: { statement: 'I can teach', before: 50, after: 40 } });
    const file = join(target.dir, 'backup.json');
    writeFileSync(file, JSON.stringify(exported));
    const result = await target.cli(['import', file, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ added: 1, beliefs: { added: 0, joined: 0, conflicts: [{ beliefId: a.belief.id, reason: 'different statement' }] } });
    expect(result.stderr).toContain(`Left 1 belief as it was here; the file's differ:\n  ${a.belief.id}: different statement\n`);
    expect(result.stderr).toContain('Some beliefs differ from yours with the same id.');
    expect((await listed(target)).map((b) => b.statement)).toEqual(['I can teach']);

    const older = journal();
    await reflectWith(older, { belief: { statement: 'i can TEACH', before: 50, after: 40 } });
    const [ours] = await listed(older);
    const { beliefs: _beliefs, ...withoutBeliefs } = exported;
    for (const e of withoutBeliefs.entries) delete (e.belief as { id?: string }).id;
    const oldFile = join(older.dir, 'old.json');
    writeFileSync(oldFile, JSON.stringify(withoutBeliefs));
    const old = await older.cli(['import', oldFile, '--json']);
    expect(old.code, old.stderr).toBe(0);
    const list = JSON.parse((await older.cli(['list', '--belief', ours!.id, '--json'])).stdout) as { total: number };
    expect(list.total).toBe(2);
  });

  it('a filtered export carries only the beliefs its entries name', async () => {
    const j = journal();
    const teach = await reflectWith(j, { belief: { statement: 'I can teach', before: 60, after: 30 }, tags: ['teaching'] });
    await reflectWith(j, { belief: { statement: 'I can write', before: 60, after: 30 }, tags: ['writing'] });
    const filtered = JSON.parse((await j.cli(['export', '--format', 'json', '--tag', 'teaching'])).stdout) as { beliefs: { id: string }[]; entries: unknown[] };
    expect(filtered.entries).toHaveLength(1);
    expect(filtered.beliefs.map((b) => b.id)).toEqual([teach.belief.id]);
    const none = JSON.parse((await j.cli(['export', '--format', 'json', '--since', '2030-01-01'])).stdout) as { beliefs: unknown[] };
    expect(none.beliefs).toEqual([]);
  });

  it('refuses a malformed belief with its path, and adds nothing', async () => {
    const j = journal();
    await reflectWith(j, {});
    const exported = JSON.parse((await j.cli(['export', '--format', 'json'])).stdout) as { beliefs: Record<string, unknown>[] };
    exported.beliefs[0]!.bar = 100;
    exported.beliefs[0]!.id = 'teaching';
    const target = journal();
    const file = join(target.dir, 'bad.json');
    writeFileSync(file, JSON.stringify(exported));
    const result = await target.cli(['import', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('beliefs[0].id: must be a belief id');
    expect(result.stderr).toContain('beliefs[0].bar: must be null (the default) or a percent');
    expect(JSON.parse((await target.cli(['beliefs', '--json'])).stdout)).toEqual({ beliefs: [] });
  });
});
