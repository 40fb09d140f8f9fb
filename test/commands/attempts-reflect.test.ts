import { describe, expect, it } from 'vitest';
import { DEFAULT, journal, type Scripted } from '../helpers/cli.js';
import { exampleAnswers } from '../helpers/answers.js';

type Cli = ReturnType<typeof journal>['cli'];

interface Row {
  id: string;
  outcome: string;
  resolvedOn: string | null;
  entryId: string | null;
}

async function add(cli: Cli, args: string[] = ['MATS winter fellowship', '--method', 'cv-screen', '--rate', '5', '--date', '2026-11-02']): Promise<string> {
  const { code, stdout, stderr } = await cli(['attempts', 'add', ...args]);
  expect(code, stderr).toBe(0);
  return stdout.trim();
}

async function row(cli: Cli, id: string): Promise<Row> {
  return (JSON.parse((await cli(['attempts', '--json'])).stdout) as { attempts: Row[] }).attempts.find((a) => a.id === id)!;
}

const reflectOn = (answers: Record<string, unknown>) => JSON.stringify({ ...exampleAnswers(), date: '2026-11-25', followUpOn: null, prediction: null, ...answers });

describe('an entry about an attempt', () => {
  it('an answers file with attemptId links the entry and resolves the attempt with its outcome and day', async () => {
    const { cli } = journal();
    const id = await add(cli);
    const saved = await cli(['reflect', '--answers', '-', '--json'], { stdin: reflectOn({ attemptId: id.slice(0, 6) }) });
    expect(saved.code, saved.stderr).toBe(0);
    const entryId = (JSON.parse(saved.stdout) as { entry: { id: string; attemptId?: unknown } }).entry.id;
    expect(await row(cli, id)).toMatchObject({ outcome: 'rejected', resolvedOn: '2026-11-25', entryId });

    // One entry per attempt.
    const again = await cli(['reflect', '--answers', '-'], { stdin: reflectOn({ attemptId: id }) });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Attempt ${id} is already reflected on in entry ${entryId}; nothing was saved.`);
    expect(JSON.parse((await cli(['list', '--json'])).stdout).total).toBe(1);
  });

  it('keeps an outcome already recorded, and refuses an unknown or malformed attemptId, saving nothing', async () => {
    const { cli } = journal();
    const id = await add(cli);
    expect((await cli(['attempts', 'resolve', id, 'no-reply', '--date', '2026-11-20'])).code).toBe(0);
    expect((await cli(['reflect', '--answers', '-'], { stdin: reflectOn({ attemptId: id }) })).code).toBe(0);
    expect(await row(cli, id)).toMatchObject({ outcome: 'no-reply', resolvedOn: '2026-11-20' });

    const unknown = await cli(['reflect', '--answers', '-'], { stdin: reflectOn({ attemptId: 'a-zzzzzzzz' }) });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No attempt with id a-zzzzzzzz');
    const malformed = await cli(['reflect', '--answers', '-'], { stdin: reflectOn({ attemptId: 7 }) });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('attemptId: must be the id of an attempt');
    expect(JSON.parse((await cli(['list', '--json'])).stdout).total).toBe(1);
  });
});

/** The reflect questions after the offer, with what the attempt filled in taken as it is. */
const REFLECT_ON_ATTEMPT: Scripted[] = [
  DEFAULT, // a setback or good news: filled in
  DEFAULT, // kind: filled in (application, from the method)
  DEFAULT, // title: filled in
  DEFAULT, // date: filled in (the day of the answer)
  'MATS', // extra: organisation
  'The email came this morning.', // story
  DEFAULT, // belief statement
  60, // before
  20, // after
  DEFAULT, // method: filled in
  5, // minutes seen
  'my CV', // what they saw
  DEFAULT, // selection rate: filled in
  ['little-information'], // confounders
  '', // anything else
  70, // about me
  [], // not-about-me reasons
  ['fine'], // state
  'apply to two more', // next step
  false, // a prediction?
  DEFAULT, // follow-up
  '', // tags
  'save', // the review screen
];

describe('noisy attempts resolve at a terminal', () => {
  it('offers to reflect on a rejection with the attempt filled in, and links the entry', async () => {
    const { cli } = journal();
    const id = await add(cli);
    const { code, stderr } = await cli(['attempts', 'resolve', id, 'rejected', '--date', '2026-11-28'], { answers: [true, ...REFLECT_ON_ATTEMPT] });
    expect(code, stderr).toBe(0);
    const { entries } = JSON.parse((await cli(['list', '--json'])).stdout) as { entries: { id: string; title: string; date: string; kind: string; outcome: string; evaluation: { method: string; selectionRate: number } }[] };
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ title: 'MATS winter fellowship', date: '2026-11-28', kind: 'application', outcome: 'rejected', evaluation: { method: 'cv-screen', selectionRate: 5 } });
    expect(await row(cli, id)).toMatchObject({ outcome: 'rejected', resolvedOn: '2026-11-28', entryId: entries[0]!.id });
  });

  it('offers a short good-news entry for an acceptance; no thanks leaves the attempt resolved and says how to link one later', async () => {
    const { cli } = journal();
    const id = await add(cli);
    const declined = await cli(['attempts', 'resolve', id, 'accepted'], { answers: [false] });
    expect(declined.code).toBe(0);
    expect(declined.stderr).toContain(`"attemptId": "${id}"`);
    expect(await row(cli, id)).toMatchObject({ outcome: 'accepted', entryId: null });
    // Not offered for silence or a withdrawal, nor without a terminal.
    const other = await add(cli);
    expect((await cli(['attempts', 'resolve', other, 'no-reply'], { answers: [] })).code).toBe(0);
  });
});
