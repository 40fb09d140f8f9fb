import { describe, expect, it } from 'vitest';
import { groupEvidence, logLikelihoodRatio } from '../../src/core/beliefs.js';
import { DEFAULT, journal } from '../helpers/cli.js';
import { exampleAnswers } from '../helpers/answers.js';

type Cli = ReturnType<typeof journal>['cli'];

interface Evaluation {
  entryId: string | null;
  attemptId: string | null;
  date: string;
  method: string;
  outcome: string;
  validity: number;
  selectionRate: number;
  weight: number;
}

interface BeliefJson {
  id: string;
  statement: string;
  before: number | null;
  now: number | null;
  bar: number;
  sharedErrorCorrelation: number;
  evaluations: Evaluation[];
  combined: { likelihoodRatio: number };
}

const STATEMENT = 'I can do well as a research engineer';

async function add(cli: Cli, args: string[]): Promise<string> {
  const { code, stdout, stderr } = await cli(['attempts', 'add', ...args]);
  expect(code, stderr).toBe(0);
  return stdout.trim();
}

async function beliefs(cli: Cli): Promise<BeliefJson[]> {
  const { code, stdout } = await cli(['beliefs', '--json']);
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { beliefs: BeliefJson[] }).beliefs;
}

describe('attempts and beliefs', () => {
  it('--belief takes a statement (making the belief) or an id, and the outlook uses the belief’s own bar', async () => {
    const { cli } = journal();
    const first = await add(cli, ['Fellowship', '--method', 'cv-screen', '--rate', '5', '--belief', STATEMENT]);
    const [belief] = await beliefs(cli);
    expect(belief).toMatchObject({ statement: STATEMENT, evaluations: [], before: null });
    const second = await add(cli, ['Interview', '--method', 'structured-interview', '--belief', belief!.id.slice(0, 4)]);
    const third = await add(cli, ['Same words', '--method', 'cv-screen', '--belief', '  i can do WELL as a research engineer ']);
    const ledger = JSON.parse((await cli(['attempts', '--json'])).stdout) as { attempts: { id: string; beliefId: string }[]; outlook: { beliefId: string; bar: number; pending: string[] }[] };
    expect(ledger.attempts.map((a) => a.beliefId)).toEqual([belief!.id, belief!.id, belief!.id]);
    expect(ledger.outlook).toEqual([expect.objectContaining({ beliefId: belief!.id, bar: 25, pending: [first, second, third] })]);
    expect((await cli(['beliefs', 'set', belief!.id, '--bar', '10'])).code).toBe(0);
    const after = JSON.parse((await cli(['attempts', '--json'])).stdout) as { outlook: { bar: number }[] };
    expect(after.outlook[0]!.bar).toBe(10);
    expect((await cli(['attempts'])).stdout).toContain(`"${STATEMENT}" (${belief!.id})`);

    const unknown = await cli(['attempts', 'add', 'X', '--method', 'cv-screen', '--belief', 'b-zzzzzz']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No belief with id b-zzzzzz');
  });

  it('a resolved attempt is an evaluation of its belief at once; with its entry it counts once; withdrawn and pending are left out', async () => {
    const { cli } = journal();
    const saved = await cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify({ ...exampleAnswers(), date: '2026-11-10', belief: { statement: STATEMENT, before: 60, after: 30 } }) });
    expect(saved.code, saved.stderr).toBe(0);
    const entryId = (JSON.parse(saved.stdout) as { entry: { id: string } }).entry.id;
    const rejected = await add(cli, ['Lab A', '--method', 'cv-screen', '--rate', '5', '--belief', STATEMENT, '--date', '2026-11-01']);
    const silent = await add(cli, ['Lab B', '--method', 'written-application', '--belief', STATEMENT, '--date', '2026-11-01']);
    const withdrawn = await add(cli, ['Lab C', '--method', 'cv-screen', '--belief', STATEMENT, '--date', '2026-11-01']);
    await add(cli, ['Lab D', '--method', 'cv-screen', '--belief', STATEMENT]);
    const reflected = await add(cli, ['Lab E', '--method', 'structured-interview', '--rate', '30', '--belief', STATEMENT, '--date', '2026-11-02']);
    for (const [id, outcome] of [[rejected, 'rejected'], [silent, 'no-reply'], [withdrawn, 'withdrawn']] as const) {
      expect((await cli(['attempts', 'resolve', id, outcome, '--date', '2026-11-20'])).code).toBe(0);
    }
    const linked = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify({ ...exampleAnswers(), date: '2026-11-21', belief: { statement: STATEMENT, before: 30, after: 20 }, evaluation: { method: 'structured-interview', minutesSeen: 45, selectionRate: 30 }, attemptId: reflected }) });
    expect(linked.code, linked.stderr).toBe(0);

    const [belief] = await beliefs(cli);
    const evaluations = belief!.evaluations;
    expect(evaluations).toHaveLength(4);
    expect(evaluations.filter((e) => e.attemptId === null).map((e) => e.entryId)).toEqual([entryId]);
    expect(evaluations.find((e) => e.attemptId === rejected)).toMatchObject({ entryId: null, outcome: 'rejected', selectionRate: 5, method: 'cv-screen', date: '2026-11-20' });
    expect(evaluations.find((e) => e.attemptId === silent)).toMatchObject({ entryId: null, outcome: 'rejected', selectionRate: 15 });
    const both = evaluations.find((e) => e.attemptId === reflected)!;
    expect(both.entryId).not.toBeNull();
    expect(evaluations.some((e) => e.attemptId === withdrawn)).toBe(false);
    // before and now come from the entries alone.
    expect(belief).toMatchObject({ before: 60, now: 20 });
    // Anyone can recompute the ratio from what is listed.
    const recomputed = logLikelihoodRatio(
      groupEvidence(evaluations.map((e) => ({ validity: e.validity, selectionRate: e.selectionRate, outcome: e.outcome as 'rejected' | 'accepted' }))),
      { bar: belief!.bar, sharedErrorCorrelation: belief!.sharedErrorCorrelation },
    );
    expect(Math.log(belief!.combined.likelihoodRatio)).toBeCloseTo(recomputed, 9);
  });

  it('a belief with resolved attempts and no stated belief has its ratio, and says what would show the rest', async () => {
    const { cli } = journal();
    const id = await add(cli, ['Lab A', '--method', 'cv-screen', '--rate', '5', '--belief', STATEMENT, '--date', '2026-11-01']);
    expect((await cli(['attempts', 'resolve', id, 'rejected', '--date', '2026-11-20'])).code).toBe(0);
    const [belief] = await beliefs(cli);
    expect(belief).toMatchObject({ before: null, now: null, combined: { warrantedBelief: null, warrantedRange: null } });
    const recomputed = logLikelihoodRatio([{ validity: belief!.evaluations[0]!.validity, selectionRate: 5, outcome: 'rejected', count: 1 }], { bar: 25, sharedErrorCorrelation: 0.3 });
    expect(recomputed).toBeLessThan(0);
    expect(Math.log(belief!.combined.likelihoodRatio)).toBeCloseTo(recomputed, 12);
    const text = (await cli(['beliefs'])).stdout;
    expect(text).toContain('Evidence: 1 evaluation (1 rejection), on 2026-11-20.');
    expect(text).toContain("You haven't said how sure you are of this yet.");
    expect(text).not.toContain('No entries');
  });

  it('the summary after reflect mentions the attempts still out for the same belief', async () => {
    const { cli } = journal();
    await add(cli, ['Lab A', '--method', 'cv-screen', '--rate', '5', '--belief', STATEMENT]);
    await add(cli, ['Lab B', '--method', 'structured-interview', '--rate', '30', '--belief', STATEMENT]);
    const { code, stderr } = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify({ ...exampleAnswers(), belief: { statement: STATEMENT, before: 60, after: 30 } }) });
    expect(code).toBe(0);
    expect(stderr.replace(/\s+/g, ' ')).toMatch(/2 attempts for this belief are still out: if you are good enough, \d+% is the chance at least one says yes\./);
    const other = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify({ ...exampleAnswers(), belief: { statement: 'I can write papers', before: 60, after: 30 } }) });
    expect(other.stderr).not.toContain('still out');
  });

  it('at a terminal, asks for the belief last: one of the journal’s, a new one, or none; a bad --belief is refused before any question', async () => {
    const { cli } = journal();
    const first = await add(cli, ['Fellowship', '--method', 'cv-screen', '--belief', STATEMENT]);
    const [belief] = await beliefs(cli);
    const picked = await cli(['attempts', 'add', '--method', 'cv-screen', '--json'], { answers: ['Lab A', null, DEFAULT, '', belief!.id] });
    expect(picked.code, picked.stderr).toBe(0);
    const typed = await cli(['attempts', 'add', '--method', 'cv-screen', '--json'], { answers: ['Lab B', null, DEFAULT, '', 'new', 'I can write papers'] });
    const none = await cli(['attempts', 'add', '--method', 'cv-screen', '--json'], { answers: ['Lab C', null, DEFAULT, '', 'none'] });
    const given = await cli(['attempts', 'add', '--method', 'cv-screen', '--belief', belief!.id, '--json'], { answers: ['Lab D', null, DEFAULT, ''] });
    const beliefOf = (r: { stdout: string }) => (JSON.parse(r.stdout) as { attempt: { beliefId: string | null } }).attempt.beliefId;
    expect(beliefOf(picked)).toBe(belief!.id);
    const written = (await beliefs(cli)).find((b) => b.statement === 'I can write papers');
    expect(beliefOf(typed)).toBe(written!.id);
    expect(beliefOf(none)).toBeNull();
    expect(beliefOf(given)).toBe(belief!.id);
    expect(first).toMatch(/^a-/);

    const bad = await cli(['attempts', 'add', '--method', 'cv-screen', '--belief', 'b-zz'], { answers: [] });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('No belief with id b-zz');
  });

  it('export and import carry an attempt’s belief; a belief joined to ours by its statement takes the attempt with it', async () => {
    const source = journal();
    const id = await add(source.cli, ['Fellowship', '--method', 'cv-screen', '--rate', '5', '--belief', STATEMENT, '--date', '2026-11-01']);
    expect((await source.cli(['attempts', 'resolve', id, 'rejected', '--date', '2026-11-20'])).code).toBe(0);
    const exported = (await source.cli(['export', '--format', 'json'])).stdout;
    const document = JSON.parse(exported) as { beliefs: { id: string }[]; attempts: { beliefId: string }[] };
    expect(document.attempts[0]!.beliefId).toBe(document.beliefs[0]!.id);

    const copy = journal();
    expect((await copy.cli(['import', '-'], { stdin: exported })).code).toBe(0);
    expect((await copy.cli(['export', '--format', 'json'])).stdout).toBe(exported);

    // Another journal says the same thing under another id (made there by a typed statement of the same words).
    const other = journal();
    await add(other.cli, ['Elsewhere', '--method', 'cv-screen', '--belief', STATEMENT]);
    const [ours] = await beliefs(other.cli);
    const renamed = exported.replaceAll(document.beliefs[0]!.id, 'b-22222a');
    const imported = await other.cli(['import', '-', '--json'], { stdin: renamed });
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ beliefs: { added: 0, joined: 1, conflicts: [] }, attempts: { added: 1 } });
    const [after] = await beliefs(other.cli);
    expect(after!.id).toBe(ours!.id);
    expect(after!.evaluations.map((e) => e.attemptId)).toEqual([id]);

    // An attempt naming a belief the file does not carry is refused, with its path.
    const dangling = JSON.stringify({ ...JSON.parse(exported), beliefs: [] });
    const refused = await journal().cli(['import', '-'], { stdin: dangling });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('attempts[0].beliefId: ');
  });
});
