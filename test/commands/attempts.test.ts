import { describe, expect, it } from 'vitest';
import { INTERRUPT, DEFAULT, journal } from '../helpers/cli.js';
import { chanceOfAcceptanceIfGoodEnough } from '../../src/core/attempts.js';
import { exampleAnswers } from '../helpers/answers.js';

interface AttemptJson {
  id: string;
  title: string;
  date: string;
  method: string;
  selectionRate: number;
  selectionRateKnown: boolean;
  validity: number;
  beliefId: string | null;
  expectReplyBy: string | null;
  outcome: string;
  resolvedOn: string | null;
  entryId: string | null;
}

interface OutlookJson {
  beliefId: string | null;
  bar: number;
  sharedErrorCorrelation: number;
  pending: string[];
  expectedAcceptancesIfGoodEnough: number;
  chanceOfAtLeastOneIfGoodEnough: number;
  moreTriesForEightyPercent: number | null;
  resolved: { tries: number; rejections: number; expectedRejectionsIfGoodEnough: number };
}

type Cli = ReturnType<typeof journal>['cli'];

async function add(cli: Cli, args: string[]): Promise<AttemptJson> {
  const { code, stdout, stderr } = await cli(['attempts', 'add', ...args, '--json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { attempt: AttemptJson }).attempt;
}

async function ledger(cli: Cli): Promise<{ attempts: AttemptJson[]; outlook: OutlookJson[]; triesPerMonth: { month: string; tries: number }[]; target: number | null }> {
  const { code, stdout } = await cli(['attempts', '--json']);
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describe('noisy attempts add', () => {
  it('records an attempt from flags and prints its id (and {"attempt"} with --json)', async () => {
    const { cli } = journal();
    const plain = await cli(['attempts', 'add', 'MATS winter fellowship', '--method', 'written-application', '--rate', '5%', '--date', '2026-11-20', '--expect-reply-by', '2026-12-20']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^a-[23456789abcdefghjkmnpqrstuvwxyz]{8}\n$/);
    expect(plain.stderr).toContain('Recorded attempt');
    const json = await add(cli, ['Research engineer at Acme', '--method', 'cv-screen']);
    expect(json).toMatchObject({
      title: 'Research engineer at Acme',
      date: '2026-12-01',
      method: 'cv-screen',
      selectionRate: 15,
      selectionRateKnown: false,
      validity: 0.18,
      beliefId: null,
      expectReplyBy: null,
      outcome: 'pending',
      resolvedOn: null,
      entryId: null,
    });
    const all = await ledger(cli);
    expect(all.attempts.map((a) => a.id)).toEqual([plain.stdout.trim(), json.id]);
    expect(all.attempts[0]).toMatchObject({ selectionRate: 5, selectionRateKnown: true, validity: 0.19, expectReplyBy: '2026-12-20', date: '2026-11-20' });
  });

  it('refuses bad input with exit 2 and saves nothing', async () => {
    const { cli } = journal();
    const cases: [string[], RegExp][] = [
      [['X', '--method', 'telepathy'], /--method "telepathy" is not a kind of evaluation/],
      [['X', '--method', 'self-assessment'], /a verdict on yourself, not an application/],
      [['X', '--method', 'cv-screen', '--rate', '0'], /rate of 0% means nobody is ever accepted/],
      [['X', '--method', 'cv-screen', '--rate', '100'], /rate of 100% means everyone is accepted/],
      [['X', '--method', 'cv-screen', '--rate', '150'], /150% is more than everyone: the rate is the percent of applicants accepted/],
      [['X', '--method', 'cv-screen', '--rate', 'lots'], /must be a number/],
      [['X', '--method', 'cv-screen', '--date', '2027-01-05'], /--date 2027-01-05 is in the future/],
      [['X', '--method', 'cv-screen', '--date', 'someday maybe'], /is not a date noisy can read/],
      [['X', '--method', 'cv-screen', '--date', '2026-11-20', '--expect-reply-by', '2026-11-01'], /is before the attempt's date/],
      [['', '--method', 'cv-screen'], /A title is needed/],
      [['X'], /needs --method, and there is no terminal/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr, stdout } = await cli(['attempts', 'add', ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
      expect(stdout).toBe('');
    }
    const missing = await cli(['attempts', 'add']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('needs TITLE and --method');
    expect((await ledger(cli)).attempts).toEqual([]);
  });

  it('asks at a terminal for what the flags left out', async () => {
    const { cli } = journal();
    const { code, stdout } = await cli(['attempts', 'add', '--method', 'structured-interview', '--json'], {
      answers: ['Interview at Acme', 12, 'yesterday', 'in 2 weeks', ''],
    });
    expect(code).toBe(0);
    const { attempt } = JSON.parse(stdout) as { attempt: AttemptJson };
    expect(attempt).toMatchObject({ title: 'Interview at Acme', method: 'structured-interview', selectionRate: 12, date: '2026-11-30', expectReplyBy: '2026-12-15' });
  });

  it('asks for everything when no flag is given, and saves nothing on Ctrl+C', async () => {
    const { cli } = journal();
    const done = await cli(['attempts', 'add'], { answers: ['A paper at a workshop', 'peer-review', null, DEFAULT, '', ''] });
    expect(done.code).toBe(0);
    const stopped = await cli(['attempts', 'add'], { answers: ['Another', INTERRUPT] });
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('Stopped. Nothing was saved.');
    const all = await ledger(cli);
    expect(all.attempts).toHaveLength(1);
    expect(all.attempts[0]).toMatchObject({ title: 'A paper at a workshop', method: 'peer-review', selectionRateKnown: false, date: '2026-12-01', expectReplyBy: null });
  });
});

describe('noisy attempts resolve', () => {
  it('records the outcome and the day, by a short prefix of the id', async () => {
    const { cli } = journal();
    const a = await add(cli, ['Fellowship', '--method', 'cv-screen', '--rate', '5', '--date', '2026-11-01']);
    const { code, stdout } = await cli(['attempts', 'resolve', a.id.slice(0, 5), 'rejected', '--date', '2026-11-25', '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { attempt: AttemptJson }).attempt).toMatchObject({ id: a.id, outcome: 'rejected', resolvedOn: '2026-11-25' });
    const text = await cli(['attempts', 'resolve', a.id, 'no-reply']);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('it was rejected');
    expect(text.stderr).toContain('Silence counts as a rejection.');
  });

  it('refuses an unknown id, an entry id, an unknown outcome and a day in the future or before the attempt', async () => {
    const { cli } = journal();
    const a = await add(cli, ['Fellowship', '--method', 'cv-screen', '--date', '2026-11-10']);
    const cases: [string[], number, RegExp][] = [
      [['a-zzzzzzzz', 'rejected'], 1, /No attempt with id a-zzzzzzzz/],
      [['7kq3m9x2ab', 'rejected'], 2, /is an entry id, not an attempt's/],
      [['a-', 'rejected'], 2, /too short/],
      [[a.id, 'maybe'], 2, /"maybe" is not an outcome/],
      [[a.id, 'pending'], 2, /"pending" is not an outcome: an attempt is pending/],
      [[a.id, 'accepted', '--date', '2026-12-02'], 2, /is in the future/],
      [[a.id, 'accepted', '--date', '2026-11-01'], 2, /is before the attempt itself/],
    ];
    for (const [args, exit, message] of cases) {
      const { code, stderr } = await cli(['attempts', 'resolve', ...args]);
      expect(code, args.join(' ')).toBe(exit);
      expect(stderr).toMatch(message);
    }
    expect((await ledger(cli)).attempts[0]).toMatchObject({ outcome: 'pending', resolvedOn: null });
  });
});

describe('noisy attempts (the outlook)', () => {
  it('adds up a month of applications for someone who is good enough', async () => {
    const { cli } = journal();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await add(cli, [`Application ${i + 1}`, '--method', 'cv-screen', '--rate', '5', '--date', `2026-11-${String(i + 2).padStart(2, '0')}`])).id);
    for (const id of ids.slice(0, 11)) expect((await cli(['attempts', 'resolve', id, 'rejected', '--date', '2026-11-28'])).code).toBe(0);
    expect((await cli(['attempts', 'resolve', ids[11]!, 'withdrawn', '--date', '2026-11-28'])).code).toBe(0);
    for (let i = 0; i < 3; i++) await add(cli, [`Pending ${i + 1}`, '--method', 'structured-interview', '--rate', '30', '--expect-reply-by', '2026-12-20']);
    const doc = await ledger(cli);
    expect(doc.attempts).toHaveLength(15);
    expect(doc.outlook).toHaveLength(1);
    const [o] = doc.outlook;
    expect(o).toMatchObject({ beliefId: null, bar: 25, sharedErrorCorrelation: 0.3 });
    expect(o!.pending).toHaveLength(3);
    expect(o!.resolved.tries).toBe(11);
    expect(o!.resolved.rejections).toBe(11);
    expect(o!.resolved.expectedRejectionsIfGoodEnough).toBeCloseTo(11 * (1 - chanceOfAcceptanceIfGoodEnough(0.18, 5, 25)), 9);
    expect(o!.expectedAcceptancesIfGoodEnough).toBeCloseTo(3 * chanceOfAcceptanceIfGoodEnough(0.42, 30, 25), 9);
    expect(o!.chanceOfAtLeastOneIfGoodEnough).toBeGreaterThan(0);
    expect(o!.chanceOfAtLeastOneIfGoodEnough).toBeLessThan(1);
    expect(doc.triesPerMonth).toEqual([
      { month: '2026-11', tries: 12 },
      { month: '2026-12', tries: 3 },
    ]);

    const text = await cli(['attempts', '--target', '8']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Your attempts: 15 (3 pending, 12 resolved)');
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('11 rejections from 11 tries at about 5%: a good-enough candidate expects about 10.');
    expect(text.stdout).toContain('Tries per month (your target: 8)');
    expect(text.stdout).toMatch(/2026-11 {2}█{12} 12 ✓/);
    expect(text.stdout).toMatch(/2026-12 {2}█{3}·{5} 3\n/);
    for (const line of text.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('says what to do when there is nothing yet, and refuses a target that is not a whole number', async () => {
    const { cli } = journal();
    const empty = await cli(['attempts']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No attempts recorded yet.');
    expect(await ledger(cli)).toEqual({ attempts: [], outlook: [], triesPerMonth: [{ month: '2026-12', tries: 0 }], target: null });
    const bad = await cli(['attempts', '--target', 'many']);
    expect(bad.code).toBe(2);
  });
});

describe('attempt ids beside entry ids', () => {
  it('a short prefix never picks the wrong kind of record', async () => {
    const { cli } = journal();
    const made = await cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify({ ...exampleAnswers(), date: '2026-11-20' }) });
    expect(made.code).toBe(0);
    const entryId = (JSON.parse(made.stdout) as { entry: { id: string } }).entry.id;
    const a = await add(cli, ['Fellowship', '--method', 'cv-screen']);
    // The attempt's id after its "a-" could start like the entry's: neither lookup crosses over.
    const shown = await cli(['show', a.id.slice(0, 5)]);
    expect(shown.code).toBe(2);
    expect(shown.stderr).toContain('is an attempt id, not an entry');
    const resolved = await cli(['attempts', 'resolve', entryId.slice(0, 4), 'rejected']);
    expect(resolved.code).toBe(2);
    expect(resolved.stderr).toContain("is an entry id, not an attempt's");
    const bare = await cli(['attempts', 'resolve', a.id.slice(2, 8), 'rejected']);
    expect(bare.code).toBe(2);
    expect((await ledger(cli)).attempts[0]!.outcome).toBe('pending');
  });
});

describe('noisy delete on an attempt', () => {
  it('asks first, or takes --yes, and leaves entries alone', async () => {
    const { cli } = journal();
    const a = await add(cli, ['Fellowship', '--method', 'cv-screen']);
    const b = await add(cli, ['Job', '--method', 'structured-interview']);
    const noTerminal = await cli(['delete', a.id]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain(`noisy delete ${a.id} --yes`);
    const kept = await cli(['delete', a.id.slice(0, 6)], { answers: [false] });
    expect(kept.stderr).toContain('Kept it');
    const gone = await cli(['delete', a.id.slice(0, 6), '--yes']);
    expect(gone.code).toBe(0);
    expect(gone.stderr).toContain(`Deleted attempt "Fellowship"`);
    expect((await ledger(cli)).attempts.map((x) => x.id)).toEqual([b.id]);
    const unknown = await cli(['delete', 'a-zzzzzzzz', '--yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No attempt with id a-zzzzzzzz');
  });
});
