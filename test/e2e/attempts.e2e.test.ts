import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, KEY, spawnNoisy } from '../helpers/pty.js';
import { tempDir } from '../helpers/cli.js';

function ledger(env: Record<string, string>): { id: string; title: string; method: string; selectionRate: number; outcome: string; beliefId: string | null }[] {
  const out = execFileSync(process.execPath, [BIN, 'attempts', '--json'], { env: { ...env, PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  return (JSON.parse(out) as { attempts: { id: string; title: string; method: string; selectionRate: number; outcome: string; beliefId: string | null }[] }).attempts;
}

describe('noisy attempts in a real terminal', () => {
  it('adds an attempt by answering questions, then resolves it', async () => {
    const dir = tempDir();
    const env = { NOISY_DB: join(dir, 'journal.db'), HOME: dir, NO_COLOR: '1' };

    const add = spawnNoisy(['attempts', 'add'], env);
    await add.waitFor('What did you try or apply for?');
    add.type('MATS winter fellowship');
    add.type(KEY.enter);
    await add.waitFor('What kind of evaluation will it bring first?');
    add.type(KEY.down); // from the CV screen to a written application
    add.type(KEY.enter);
    await add.waitFor('What share of people who try get through');
    add.type('5%');
    add.type(KEY.enter);
    await add.waitFor('When did you send it or do it?');
    add.type(KEY.enter);
    await add.waitFor('When do you expect to hear back?');
    add.type(KEY.enter);
    await add.waitFor('Which belief about yourself does it bear on?');
    add.type('I can do research');
    add.type(KEY.enter);
    await add.waitFor('Recorded attempt');
    expect(await add.exit).toBe(0);
    const [attempt] = ledger(env);
    expect(attempt).toMatchObject({ title: 'MATS winter fellowship', method: 'written-application', selectionRate: 5, outcome: 'pending', beliefId: expect.stringMatching(/^b-/) });

    const resolve = spawnNoisy(['attempts', 'resolve', attempt!.id.slice(0, 5), 'rejected'], env);
    await resolve.waitFor('rejected on');
    await resolve.waitFor('a good-enough candidate is turned down by about');
    await resolve.waitFor('Reflect on it now?');
    resolve.type('n');
    resolve.type(KEY.enter);
    await resolve.waitFor('"attemptId"');
    expect(await resolve.exit).toBe(0);
    expect(ledger(env)[0]!.outcome).toBe('rejected');
  });
});
