import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, KEY, spawnNoisy } from '../helpers/pty.js';
import { tempDir } from '../helpers/cli.js';
import { exampleAnswers } from '../helpers/answers.js';

/** A journal with one entry, made by the built binary itself. */
function journalWithEntry(): { db: string; id: string; env: Record<string, string> } {
  const dir = tempDir();
  const db = join(dir, 'journal.db');
  const env = { NOISY_DB: db, HOME: dir, NO_COLOR: '1' };
  // A fixed day in the past, so the test does not depend on the machine's clock.
  const out = execFileSync(process.execPath, [BIN, 'reflect', '--answers', '-', '--json'], {
    env: { ...env, PATH: process.env.PATH ?? '' },
    input: JSON.stringify({ ...exampleAnswers(), date: '2024-05-02', followUpOn: null, prediction: null }),
    encoding: 'utf8',
  });
  return { db, id: (JSON.parse(out) as { entry: { id: string } }).entry.id, env };
}

function count(env: Record<string, string>): number {
  const out = execFileSync(process.execPath, [BIN, 'list', '--json'], { env: { ...env, PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  return (JSON.parse(out) as { total: number }).total;
}

describe('noisy delete in a real terminal', () => {
  it('asks first, keeps the entry on no, deletes it on yes', async () => {
    const { id, env } = journalWithEntry();

    const declined = spawnNoisy(['delete', id.slice(0, 6)], env);
    await declined.waitFor(`Delete "Fellowship rejection" (2024-05-02, id ${id})? This can't be undone.`);
    declined.type('n');
    declined.type(KEY.enter);
    await declined.waitFor('Kept it; nothing was deleted.');
    expect(await declined.exit).toBe(0);
    expect(count(env)).toBe(1);

    const accepted = spawnNoisy(['delete', id], env);
    await accepted.waitFor("This can't be undone.");
    accepted.type('y');
    accepted.type(KEY.enter);
    await accepted.waitFor(`Deleted "Fellowship rejection" (2024-05-02, id ${id}).`);
    expect(await accepted.exit).toBe(0);
    expect(count(env)).toBe(0);
  });
});
