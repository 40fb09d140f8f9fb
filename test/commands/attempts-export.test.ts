import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journal, tempDir } from '../helpers/cli.js';
import { exampleAnswers } from '../helpers/answers.js';

type Cli = ReturnType<typeof journal>['cli'];

async function ledgerOf(cli: Cli): Promise<Record<string, unknown>[]> {
  return (JSON.parse((await cli(['attempts', '--json'])).stdout) as { attempts: Record<string, unknown>[] }).attempts;
}

async function fill(cli: Cli): Promise<string[]> {
  const ids: string[] = [];
  for (const [title, method, rate, date] of [
    ['MATS winter fellowship', 'written-application', '5', '2026-11-02'],
    ['Research engineer at *Acme* <b>', 'cv-screen', null, '2026-11-05'],
    ['Interview, lab B', 'structured-interview', '30', '2026-11-20'],
  ] as const) {
    const args = ['attempts', 'add', title, '--method', method, '--date', date, ...(rate ? ['--rate', rate] : []), '--expect-reply-by', '2026-12-20'];
    const { code, stdout } = await cli(args);
    expect(code).toBe(0);
    ids.push(stdout.trim());
  }
  expect((await cli(['attempts', 'resolve', ids[0]!, 'rejected', '--date', '2026-11-28'])).code).toBe(0);
  expect((await cli(['attempts', 'resolve', ids[1]!, 'no-reply', '--date', '2026-11-30'])).code).toBe(0);
  return ids;
}

describe('attempts in export and import', () => {
  it('the JSON export carries every attempt, and an import into a new journal gives the same ledger and the same bytes back', async () => {
    const one = journal();
    await one.cli(['reflect', '--answers', '-'], { stdin: JSON.stringify({ ...exampleAnswers(), date: '2026-11-20' }) });
    await fill(one.cli);
    const dir = tempDir();
    const backup = join(dir, 'backup.json');
    expect((await one.cli(['export', '--format', 'json', '-o', backup])).code).toBe(0);
    const doc = JSON.parse(readFileSync(backup, 'utf8')) as { attempts: Record<string, unknown>[] };
    expect(doc.attempts).toHaveLength(3);
    expect(Object.keys(doc.attempts[0]!)).toEqual(['id', 'title', 'date', 'method', 'rate', 'beliefId', 'expectReplyBy', 'outcome', 'resolvedOn', 'entryId']);

    const two = journal();
    const imported = await two.cli(['import', backup]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('Imported 3 attempts.');
    expect(await ledgerOf(two.cli)).toEqual(await ledgerOf(one.cli));
    const again = join(dir, 'again.json');
    expect((await two.cli(['export', '--format', 'json', '-o', again])).code).toBe(0);
    const strip = (text: string) => text.replace(/"createdAt": "[^"]*"/g, '');
    expect(strip(readFileSync(again, 'utf8'))).toBe(strip(readFileSync(backup, 'utf8')));

    // Importing the same file again adds nothing.
    const twice = await two.cli(['import', backup, '--json']);
    expect((JSON.parse(twice.stdout) as { attempts: unknown }).attempts).toEqual({ added: 0, skipped: 3, updated: 0, conflicts: [] });
  });

  it('an import takes the outcome of an attempt resolved on the other side, and lists a real difference', async () => {
    const one = journal();
    const ids = await fill(one.cli);
    const dir = tempDir();
    const before = join(dir, 'before.json');
    await one.cli(['export', '--format', 'json', '-o', before]);
    expect((await one.cli(['attempts', 'resolve', ids[2]!, 'accepted', '--date', '2026-11-30'])).code).toBe(0);
    const after = join(dir, 'after.json');
    await one.cli(['export', '--format', 'json', '-o', after]);

    const two = journal();
    await two.cli(['import', before]);
    const merged = await two.cli(['import', after, '--json']);
    expect(merged.code).toBe(0);
    expect((JSON.parse(merged.stdout) as { attempts: unknown }).attempts).toEqual({ added: 0, skipped: 2, updated: 1, conflicts: [] });
    expect((await ledgerOf(two.cli)).find((a) => a.id === ids[2])).toMatchObject({ outcome: 'accepted', resolvedOn: '2026-11-30' });

    const changed = JSON.parse(readFileSync(after, 'utf8')) as { attempts: Record<string, unknown>[] };
    changed.attempts[0]!.title = 'Another title';
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, JSON.stringify(changed));
    const conflict = await two.cli(['import', edited]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(`${ids[0]}: different title`);
    expect((await ledgerOf(two.cli))[0]!.title).toBe('MATS winter fellowship');
  });

  it('refuses a file with a bad attempt, naming it, and adds nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    const attempt = { id: 'a-2345abcd', title: 'X', date: '2026-11-02', method: 'self-assessment', rate: 100, beliefId: null, expectReplyBy: null, outcome: 'maybe', resolvedOn: null, entryId: null };
    writeFileSync(file, JSON.stringify({ format: 'noisy-export', version: 1, entries: [], attempts: [attempt, { ...attempt, method: 'cv-screen', rate: 5, outcome: 'pending' }, { ...attempt, method: 'cv-screen', rate: 5, outcome: 'pending' }] }));
    const { cli } = journal();
    const { code, stderr } = await cli(['import', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('attempts[0].method: must be one of');
    expect(stderr).toContain('attempts[0].rate: must be a percent strictly between 0 and 100');
    expect(stderr).toContain('attempts[0].outcome: must be one of');
    expect(stderr).toContain('attempts[2].id: "a-2345abcd" is already used by attempts[1]');
    expect(await ledgerOf(cli)).toEqual([]);
  });

  it('the Markdown export lists the attempts readably, with what was typed escaped', async () => {
    const { cli } = journal();
    await fill(cli);
    const { code, stdout } = await cli(['export']);
    expect(code).toBe(0);
    expect(stdout).toContain('## Attempts');
    const flat = stdout.replace(/\n {2}/g, ' ');
    expect(flat).toMatch(/- 2026-11-02: MATS winter fellowship \(written-application, 5% get through\): rejected on 2026-11-28\. `a-/);
    expect(flat).toContain('Research engineer at \\*Acme\\* \\<b>');
    expect(flat).toContain('pending, reply expected by 2026-12-20');
    for (const line of stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    // A --tag or --kind export is about entries only.
    expect((await cli(['export', '--kind', 'application'])).stdout).not.toContain('## Attempts');
  });
});
