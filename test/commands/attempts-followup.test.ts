import { describe, expect, it } from 'vitest';
import { DEFAULT, INTERRUPT, journal } from '../helpers/cli.js';

type Cli = ReturnType<typeof journal>['cli'];

interface Row {
  id: string;
  outcome: string;
  resolvedOn: string | null;
  expectReplyBy: string | null;
}

async function add(cli: Cli, title: string, expectReplyBy: string, date = '2026-11-01'): Promise<string> {
  const { code, stdout } = await cli(['attempts', 'add', title, '--method', 'cv-screen', '--rate', '5', '--date', date, '--expect-reply-by', expectReplyBy]);
  expect(code).toBe(0);
  return stdout.trim();
}

async function rows(cli: Cli): Promise<Row[]> {
  return (JSON.parse((await cli(['attempts', '--json'])).stdout) as { attempts: Row[] }).attempts;
}

describe('replies past their expected day', () => {
  it('are mentioned in one line after other commands at a terminal, not under --json', async () => {
    const { cli } = journal();
    await add(cli, 'Fellowship', '2026-11-20');
    await add(cli, 'Later one', '2026-12-20');
    const { stderr } = await cli(['attempts'], { tty: true });
    const lines = stderr.split('\n').filter((l) => l.includes('reply date'));
    expect(lines).toEqual(['One attempt is past their reply date: `noisy followup` asks if you heard back.']);
    expect((await cli(['attempts', '--json'], { tty: true })).stderr).not.toContain('reply date');
  });

  it('are listed by followup --json', async () => {
    const { cli } = journal();
    const id = await add(cli, 'Fellowship', '2026-11-20');
    await add(cli, 'Later one', '2026-12-20');
    const doc = JSON.parse((await cli(['followup', '--json'])).stdout) as { due: unknown[]; repliesDue: Row[] };
    expect(doc.due).toEqual([]);
    expect(doc.repliesDue.map((r) => r.id)).toEqual([id]);
  });

  it('followup asks "did you hear back?" and saves each answer', async () => {
    const { cli } = journal();
    const a = await add(cli, 'Fellowship', '2026-11-20');
    const b = await add(cli, 'Job at Acme', '2026-11-25', '2026-11-02');
    const c = await add(cli, 'Workshop', '2026-11-26', '2026-11-03');
    const { code, stdout, stderr } = await cli(['followup'], { answers: ['rejected', 'not-yet', 'in 3 weeks', 'skip'] });
    expect(code).toBe(0);
    expect(stdout).toContain('3 attempts are past the day you expected a reply:');
    expect(stdout).toContain('turned down by about 92% of tries like this');
    expect(stderr).toContain('One attempt resolved, one to ask about again later, one skipped (still due).');
    const byId = new Map((await rows(cli)).map((r) => [r.id, r]));
    expect(byId.get(a)).toMatchObject({ outcome: 'rejected', resolvedOn: '2026-12-01' });
    expect(byId.get(b)).toMatchObject({ outcome: 'pending', expectReplyBy: '2026-12-22' });
    expect(byId.get(c)).toMatchObject({ outcome: 'pending', expectReplyBy: '2026-11-26' });
  });

  it('followup ID takes one attempt, even before its day; Ctrl+C keeps what was answered', async () => {
    const { cli } = journal();
    const a = await add(cli, 'Fellowship', '2026-12-20');
    const one = await cli(['followup', a.slice(0, 5)], { answers: ['no-reply'] });
    expect(one.code).toBe(0);
    expect((await rows(cli))[0]).toMatchObject({ outcome: 'no-reply', resolvedOn: '2026-12-01' });
    const again = await cli(['followup', a]);
    expect(again.code).toBe(2); // no terminal
    const resolved = await cli(['followup', a], { answers: [] });
    expect(resolved.stderr).toContain('is resolved already (no-reply on 2026-12-01)');

    const b = await add(cli, 'Second', '2026-11-20');
    const c = await add(cli, 'Third', '2026-11-21');
    const stopped = await cli(['followup'], { answers: ['accepted', INTERRUPT] });
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('The answer given before it is saved.');
    const byId = new Map((await rows(cli)).map((r) => [r.id, r]));
    expect(byId.get(b)!.outcome).toBe('accepted');
    expect(byId.get(c)!.outcome).toBe('pending');
    const later = await cli(['followup'], { answers: ['not-yet', DEFAULT] });
    expect(later.code).toBe(0);
    expect((await rows(cli)).find((r) => r.id === c)!.expectReplyBy).toBe('2026-12-15');
  });
});
