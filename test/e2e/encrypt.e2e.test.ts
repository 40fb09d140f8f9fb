// The masked passphrase prompt in a real terminal: set twice (a mismatch asks again), then asked for
// by every command, three tries, and nothing changed by wrong ones.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, KEY, spawnNoisy } from '../helpers/pty.js';
import { tempDir } from '../helpers/cli.js';
import { exampleAnswers } from '../helpers/answers.js';
import { readJournal, snapshot } from '../helpers/faults.js';

const FIRST = 'paper-lantern-seven';
const TYPO = 'paper-lantern-sevn';
const WRONG = ['guess-one', 'guess-two', 'guess-three'];

describe('the passphrase prompt in a real terminal', () => {
  it('is masked, asked twice when set, again after a mismatch; three wrong tries exit 1 and change nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'data', 'journal.db');
    const env = { NOISY_DB: db, HOME: dir, NO_COLOR: '1' };
    execFileSync(process.execPath, [BIN, 'reflect', '--answers', '-'], {
      env: { ...env, PATH: process.env.PATH ?? '' },
      input: JSON.stringify({ ...exampleAnswers(), date: '2024-05-02', followUpOn: null, prediction: null }),
    });

    const encrypt = spawnNoisy(['encrypt'], env);
    await encrypt.waitFor('New passphrase:');
    encrypt.type(`${FIRST}${KEY.enter}`);
    await encrypt.waitFor('The same again:');
    encrypt.type(`${TYPO}${KEY.enter}`);
    await encrypt.waitFor('The two did not match; once more.');
    await encrypt.waitFor('New passphrase:');
    encrypt.type(`${FIRST}${KEY.enter}`);
    await encrypt.waitFor('The same again:');
    encrypt.type(`${FIRST}${KEY.enter}`);
    await encrypt.waitFor(`Encrypted the journal at ${db} (1 entry).`);
    expect(await encrypt.exit).toBe(0);
    // What was typed showed as stars, never as itself.
    expect(encrypt.output()).toContain('*'.repeat(FIRST.length));
    expect(encrypt.output()).not.toContain(FIRST);
    expect(encrypt.output()).not.toContain(TYPO);
    expect(readJournal(db, FIRST).titles).toEqual(['Fellowship rejection']);

    const before = snapshot(join(dir, 'data'));
    const refused = spawnNoisy(['list'], env);
    for (const [i, guess] of WRONG.entries()) {
      await refused.waitFor(`Passphrase for ${db}:`);
      refused.type(`${guess}${KEY.enter}`);
      if (i < WRONG.length - 1) await refused.waitFor('wrong passphrase; try again.');
    }
    await refused.waitFor(`wrong passphrase, or not a noisy journal: ${db}`);
    await refused.waitFor('The file was not changed (three tries).');
    expect(await refused.exit).toBe(1);
    for (const guess of WRONG) expect(refused.output()).not.toContain(guess);
    expect(snapshot(join(dir, 'data'))).toEqual(before);

    const listed = spawnNoisy(['list'], env);
    await listed.waitFor(`Passphrase for ${db}:`);
    listed.type(`${WRONG[0]}${KEY.enter}`);
    await listed.waitFor('wrong passphrase; try again.');
    listed.type(`${FIRST}${KEY.enter}`);
    await listed.waitFor('Fellowship rejection');
    expect(await listed.exit).toBe(0);
  }, 60_000);
});
