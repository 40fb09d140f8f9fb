import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/storage/store.js';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';

type Journal = ReturnType<typeof journal>;

async function reflect(j: Journal, overrides: Record<string, unknown>): Promise<string> {
  const result = await j.cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(answers(overrides)) });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { entry: { id: string } }).entry.id;
}

/** Three entries over two months, one with a follow-up already answered. */
async function filled(): Promise<Journal & { ids: string[] }> {
  const j = journal();
  const ids = [
    await reflect(j, { title: 'Fellowship rejection', date: '2026-10-03', tags: ['fellowship'], organisation: 'A fellowship' }),
    await reflect(j, {
      title: 'Harsh reviews',
      date: '2026-11-02',
      kind: 'peer-review',
      evaluation: { method: 'peer-review', minutesSeen: 30, selectionRate: 25 },
      confounders: ['reviewer-disagreement'],
      prediction: { statement: 'Accepted at the next venue', probability: 40, checkOn: '2027-02-01' },
      tags: ['paper'],
    }),
    await reflect(j, { title: '# Not a heading\n---', date: '2026-11-20', story: '<b>bold?</b>\r\n    code?' }),
  ];
  const store = Store.open(j.db, { create: false });
  try {
    store.addFollowUp(
      ids[1] as string,
      { answeredAt: '2027-02-02T09:00:00.000Z', beliefNow: 55, tookNextStep: true, whatHappened: 'Resubmitted; accepted.', predictionCameTrue: true },
      null,
    );
  } finally {
    store.close();
  }
  return { ...j, ids };
}

const isPrivate = (path: string) => (statSync(path).mode & 0o777) === 0o600;

describe('noisy export', () => {
  it('prints Markdown on standard output by default, oldest first, grouped by month', async () => {
    const j = await filled();
    const result = await j.cli(['export']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^# noisy journal\n/);
    expect(result.stdout.indexOf('## October 2026')).toBeLessThan(result.stdout.indexOf('## November 2026'));
    expect(result.stdout).toContain('### 3 October 2026 — Fellowship rejection');
    expect(result.stdout).toContain('### 20 November 2026 — \\# Not a heading ---');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('- 2 February 2027: you were at 55% and had taken your next step; the prediction came true.');
    expect(result.stderr).toBe('Exported 3 entries.\n');
  });

  it('refuses to write over the journal itself, even with --force', async () => {
    const j = await filled();
    const before = readFileSync(j.db);
    for (const target of [j.db, `${j.db}-wal`]) {
      const result = await j.cli(['export', '--format', 'json', '-o', target, '--force']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('is your journal itself');
    }
    expect(readFileSync(j.db).equals(before)).toBe(true);
    expect((await j.cli(['list', '--json'])).stdout).toContain('Fellowship rejection');
  });

  it('filters by date, kind and tag, with the same flags as history', async () => {
    const j = await filled();
    const byKind = await j.cli(['export', '--kind', 'peer-review']);
    expect(byKind.stdout).toContain('Harsh reviews');
    expect(byKind.stdout).not.toContain('Fellowship rejection');
    const byTag = await j.cli(['export', '--tag', '#Fellowship', '--format', 'json']);
    expect((JSON.parse(byTag.stdout) as { entries: { title: string }[] }).entries.map((e) => e.title)).toEqual(['Fellowship rejection']);
    const byDate = await j.cli(['export', '--since', '2026-11-01', '--until', '2026-11-10']);
    expect(byDate.stdout).toContain('Harsh reviews');
    expect(byDate.stdout).not.toContain('Fellowship');
    const none = await j.cli(['export', '--since', 'yesterday']);
    expect(none.stdout).toContain('No entries to show.');
    expect(none.stderr).toContain('No entries match those filters');
  });

  it.each([
    [['--since', 'whenever'], /--since "whenever" is not a date/],
    [['--kind', 'party'], /--kind "party" is not a kind of evaluation/],
    [['--format', 'xml'], /--format "xml" is not an export format[\s\S]*md, json/],
    [['--split', 'out', '--format', 'json'], /--split writes Markdown files/],
    [['--split', 'out', '-o', 'x.md'], /--split writes into a folder/],
  ])('exits 2 on %j', async (args, message) => {
    const j = journal();
    const result = await j.cli(['export', ...args], { cwd: j.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(j.db)).toBe(false);
  });

  it('writes a file atomically, private to you, and never overwrites without --force', async () => {
    const j = await filled();
    const first = await j.cli(['export', '--format', 'json', '-o', 'backup.json'], { cwd: j.dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toBe('Exported 3 entries to backup.json.\n');
    const path = join(j.dir, 'backup.json');
    expect(isPrivate(path)).toBe(true);
    expect((JSON.parse(readFileSync(path, 'utf8')) as { entries: unknown[] }).entries).toHaveLength(3);

    writeFileSync(path, 'precious');
    const again = await j.cli(['export', '-o', 'backup.json'], { cwd: j.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/backup\.json already exists[\s\S]*--force/);
    expect(readFileSync(path, 'utf8')).toBe('precious');

    const forced = await j.cli(['export', '-o', 'backup.json', '--force'], { cwd: j.dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toMatch(/^# noisy journal/);
    expect(isPrivate(path)).toBe(true);
    // No temp files left behind.
    expect(readdirSync(j.dir).sort()).toEqual(['backup.json', 'data']);
  });

  it('exits 1 with a clear message when the place cannot be written', async () => {
    const j = await filled();
    writeFileSync(join(j.dir, 'a-file'), '');
    const notFolder = await j.cli(['export', '-o', 'a-file/out.md'], { cwd: j.dir });
    expect(notFolder.code).toBe(1);
    expect(notFolder.stderr).toMatch(/Could not write a-file\/out\.md: .*a-file is not a folder/);
    const missing = await j.cli(['export', '-o', 'no/such/dir/out.md'], { cwd: j.dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/the folder .*no\/such\/dir does not exist/);
    // /sys refuses new files even to root.
    const denied = await j.cli(['export', '-o', '/sys/noisy-export-test.md']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/Could not write \/sys\/noisy-export-test\.md: /);
    expect(existsSync('/sys/noisy-export-test.md')).toBe(false);
  });

  it('--split writes one private Markdown file per entry, with front matter', async () => {
    const j = await filled();
    const result = await j.cli(['export', '--split', 'notes/noisy'], { cwd: j.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('Wrote 3 files to notes/noisy, one per entry.\n');
    const dir = join(j.dir, 'notes', 'noisy');
    const files = readdirSync(dir).sort();
    expect(files).toEqual([`2026-10-03-fellowship-rejection-${j.ids[0]}.md`, `2026-11-02-harsh-reviews-${j.ids[1]}.md`, `2026-11-20-not-a-heading-${j.ids[2]}.md`]);
    for (const file of files) expect(isPrivate(join(dir, file))).toBe(true);
    const text = readFileSync(join(dir, files[0] as string), 'utf8');
    expect(text).toMatch(/^---\nid: "[a-z0-9]+"\ndate: "2026-10-03"\nkind: "application"\noutcome: "rejected"\ntitle: "Fellowship rejection"\ntags: \["fellowship"\]\n/);
    expect(text).toContain('\n# 3 October 2026 — Fellowship rejection\n');

    writeFileSync(join(dir, files[1] as string), 'my own notes');
    const again = await j.cli(['export', '--split', 'notes/noisy'], { cwd: j.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('3 files in notes/noisy already exist');
    expect(readFileSync(join(dir, files[1] as string), 'utf8')).toBe('my own notes');
    const forced = await j.cli(['export', '--split', 'notes/noisy', '--force'], { cwd: j.dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, files[1] as string), 'utf8')).toContain('# 2 November 2026 — Harsh reviews');
  });

  it('leaves no journal behind when there is none', async () => {
    const j = journal();
    const result = await j.cli(['export', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ format: 'noisy-export', version: 2, beliefs: [], entries: [], attempts: [] });
    expect(result.stderr).toContain('The journal has no entries yet.');
    expect(existsSync(j.db)).toBe(false);
  });
});

describe('noisy import', () => {
  it('export → import into an empty journal → export gives the identical document', async () => {
    const source = await filled();
    const exported = await source.cli(['export', '--format', 'json']);
    expect(exported.stdout).toContain('"followUps": [\n        {');

    const target = journal();
    const imported = await target.cli(['import', '-'], { stdin: exported.stdout });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toBe('Imported 3 entries from standard input.\nImported 1 belief.\n');
    const again = await target.cli(['export', '--format', 'json']);
    expect(again.stdout).toBe(exported.stdout);
    // And the Markdown reads the same too.
    expect((await target.cli(['export'])).stdout).toBe((await source.cli(['export'])).stdout);
  });

  it('skips entries already present and says how many', async () => {
    const j = await filled();
    await j.cli(['export', '--format', 'json', '-o', 'backup.json'], { cwd: j.dir });
    await reflect(j, { title: 'A newer one' });
    const result = await j.cli(['import', 'backup.json', '--json'], { cwd: j.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ added: 0, skipped: 3, merged: 0, followUpsAdded: 0, conflicts: [], beliefs: { added: 0, joined: 0, conflicts: [] }, attempts: { added: 0, skipped: 0, updated: 0, conflicts: [] } });
    expect(result.stderr).toBe('Imported 0 entries from backup.json.\nSkipped 3 entries already here, with nothing new.\n');
  });

  it('lists every problem and adds nothing when any entry is wrong', async () => {
    const source = await filled();
    const document = JSON.parse((await source.cli(['export', '--format', 'json'])).stdout) as { entries: Record<string, unknown>[] };
    (document.entries[0] as Record<string, unknown>).aboutMe = 'lots';
    (document.entries[2] as Record<string, unknown>).state = ['tired', 'sleepy'];
    const target = journal();
    const result = await target.cli(['import', '-'], { stdin: JSON.stringify(document) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("standard input can't be imported; nothing was added. 2 problems:");
    expect(result.stderr).toContain('  entries[0].aboutMe: must be a number from 0 to 100 percent, not text');
    expect(result.stderr).toContain('  entries[2].state[1]: "sleepy" is not one of tired, hungry, low-mood, anxious, unwell, fine');
    expect(existsSync(target.db)).toBe(false);
  });

  it('says what it added to entries already here, and what it could not merge', async () => {
    const source = await filled();
    const backup = (await source.cli(['export', '--format', 'json'])).stdout;
    const document = JSON.parse(backup) as { entries: Record<string, unknown>[] };
    // Here: the first entry retitled, the follow-up of the second one not answered yet.
    const here = journal();
    const older = structuredClone(document);
    (older.entries[0] as Record<string, unknown>).title = 'Retitled here';
    (older.entries[1] as Record<string, unknown>).followUps = [];
    (older.entries[1] as Record<string, unknown>).followUpOn = '2027-02-01';
    expect((await here.cli(['import', '-'], { stdin: JSON.stringify(older) })).code).toBe(0);

    const result = await here.cli(['import', '-', '--json'], { stdin: backup });
    expect(result.code).toBe(1);
    const id = document.entries[0]?.id as string;
    expect(JSON.parse(result.stdout)).toEqual({ added: 0, skipped: 1, merged: 1, followUpsAdded: 1, conflicts: [{ entryId: id, reason: 'different title' }], beliefs: { added: 0, joined: 0, conflicts: [] }, attempts: { added: 0, skipped: 0, updated: 0, conflicts: [] } });
    expect(result.stderr).toBe(
      [
        'Imported 0 entries from standard input.',
        'Added 1 follow-up to 1 entry already here.',
        'Skipped 1 entry already here, with nothing new.',
        'noisy: One entry differs from the one with the same id here; kept as it was:',
        `  ${id}: different title`,
        "  Everything else was imported. Compare with `noisy show ID`; the file's version",
        '  was not imported, so keep the file.',
        '',
      ].join('\n'),
    );
    for (const line of result.stderr.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('lists a createdAt in the future with the other problems, allowing for a clock a little ahead', async () => {
    const source = await filled();
    const document = JSON.parse((await source.cli(['export', '--format', 'json'])).stdout) as { entries: Record<string, unknown>[] };
    // The test clock is 2026-12-01 10:00 local time; a day ahead is still a clock, not a mistake.
    (document.entries[0] as Record<string, unknown>).createdAt = '2026-12-02T00:00:00.000Z';
    (document.entries[1] as Record<string, unknown>).createdAt = '2026-12-31T00:00:00.000Z';
    (document.entries[2] as Record<string, unknown>).aboutMe = 140;
    const target = journal();
    const result = await target.cli(['import', '-'], { stdin: JSON.stringify(document) });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        "noisy: standard input can't be imported; nothing was added. 2 problems:",
        "  entries[1].createdAt: is in the future; check the saving computer's clock",
        '  entries[2].aboutMe: must be 0 to 100 percent (got 140)',
        '',
      ].join('\n'),
    );
    expect(existsSync(target.db)).toBe(false);
  });

  it('names the file and the problem when it is not an export at all', async () => {
    const j = journal();
    writeFileSync(join(j.dir, 'answers.json'), JSON.stringify(answers()));
    const wrongShape = await j.cli(['import', 'answers.json'], { cwd: j.dir });
    expect(wrongShape.code).toBe(2);
    expect(wrongShape.stderr).toMatch(/answers\.json can't be imported[\s\S]*format: must be "noisy-export"/);
    const missing = await j.cli(['import', 'nope.json'], { cwd: j.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Could not read the export file nope.json: no such file.');
    const broken = await j.cli(['import', '-'], { stdin: '{"format": ' });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/not valid JSON[\s\S]*noisy export --format json/);
  });
});

describe('noisy delete', () => {
  it('deletes with --yes and says what went', async () => {
    const j = await filled();
    const id = j.ids[1] as string;
    const result = await j.cli(['delete', id.slice(0, 5), '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(`Deleted "Harsh reviews" (2026-11-02, id ${id}) and its follow-up.\n`);
    const list = await j.cli(['list', '--json']);
    expect((JSON.parse(list.stdout) as { total: number }).total).toBe(2);
    const store = Store.open(j.db, { create: false });
    try {
      expect(store.getEntry(id)).toBeNull();
    } finally {
      store.close();
    }
  });

  it('needs --yes without a terminal, and names it', async () => {
    const j = await filled();
    const result = await j.cli(['delete', j.ids[0] as string]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no terminal to ask on');
    expect(result.stderr).toContain(`noisy delete ${j.ids[0]} --yes`);
    for (const line of result.stderr.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect((JSON.parse((await j.cli(['list', '--json'])).stdout) as { total: number }).total).toBe(3);
  });

  it('asks on a terminal, and keeps the entry unless the answer is yes', async () => {
    const j = await filled();
    const kept = await j.cli(['delete', j.ids[0] as string], { answers: [false] });
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain('Kept it; nothing was deleted.');
    for (const line of kept.stderr.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const interrupted = await j.cli(['delete', j.ids[0] as string], { answers: [{ interrupt: true, typed: undefined }] });
    expect(interrupted.code).toBe(130);
    expect((JSON.parse((await j.cli(['list', '--json'])).stdout) as { total: number }).total).toBe(3);

    const deleted = await j.cli(['delete', j.ids[0] as string], { answers: [true] });
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toContain(`Deleted "Fellowship rejection" (2026-10-03, id ${j.ids[0]}).`);
  });

  it('exits 1 for an id that is not there, 2 for one that cannot be an id', async () => {
    const j = await filled();
    const missing = await j.cli(['delete', 'zzzz', '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No entry with id zzzz');
    const bad = await j.cli(['delete', 'not an id', '--yes']);
    expect(bad.code).toBe(2);
  });
});

describe('help', () => {
  it.each([['export', '--split <dir>'], ['import', '<file>'], ['delete', '--yes']])('noisy %s --help has examples and fits 80 columns', async (command, option) => {
    const result = await journal().cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(option);
    expect(result.stdout).toContain(`Examples:\n  noisy `);
    for (const line of result.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
