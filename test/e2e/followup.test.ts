// `noisy followup` at a real terminal: the built binary in a pseudo-terminal.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { answers } from '../helpers/answers.js';
import { BIN, KEY, spawnNoisy } from '../helpers/pty.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

/** A journal with one entry whose follow-up date has passed (the answers file allows any day after the evaluation). */
function journalWithDueEntry(): { db: string; env: Record<string, string>; entry: Entry } {
  const dir = mkdtempSync(join(tmpdir(), 'noisy-e2e-'));
  dirs.push(dir);
  const db = join(dir, 'journal.db');
  const file = join(dir, 'answers.json');
  writeFileSync(
    file,
    JSON.stringify(
      answers({
        title: 'Workshop talk',
        date: '2025-06-01',
        followUpOn: '2025-07-01',
        belief: { statement: 'I can give a good talk', before: 70, after: 25 },
        nextStep: 'give the talk again at a reading group',
        prediction: { statement: 'Someone asks me to present again', probability: 15, checkOn: '2025-08-01' },
      }),
    ),
  );
  const env = { NOISY_DB: db, HOME: dir };
  const out = execFileSync(process.execPath, [BIN, 'reflect', '--answers', file, '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { db, env, entry: (JSON.parse(out) as { entry: Entry }).entry };
}

function stored(db: string, id: string): Entry | null {
  const store = Store.open(db, { create: false });
  try {
    return store.getEntry(id);
  } finally {
    store.close();
  }
}

describe('noisy followup in a terminal', () => {
  it('walks through a due entry, saves the answers and reflects on them', async () => {
    const { db, env, entry } = journalWithDueEntry();
    const term = spawnNoisy(['followup'], env);
    await term.waitFor('ready for a look back');
    await term.waitFor('Look back at "Workshop talk" now?');
    term.type(KEY.enter);
    await term.waitFor('it was 70% before, 25% right after');
    term.type('55' + KEY.enter);
    await term.waitFor('Did you take your next step: "give the talk again at a reading group"?');
    term.type('y' + KEY.enter);
    await term.waitFor('What has happened since?');
    term.type('Gave it again.' + KEY.enter + 'People asked good questions.' + KEY.enter + KEY.enter);
    await term.waitFor('Did it come true?');
    term.type(KEY.down + KEY.down + KEY.enter);
    await term.waitFor('When should noisy ask again?');
    term.type(KEY.enter);
    await term.waitFor('Your follow-up (nothing is saved yet)');
    await term.waitFor('What now?');
    term.type(KEY.enter);
    await term.waitFor('Looking back');
    expect(await term.exit).toBe(0);
    expect(term.output()).toMatch(/70% before the evaluation, 25% right\s+after,\s+55%\s+today/);
    expect(term.output()).toContain('One follow-up saved.');

    const after = stored(db, entry.id);
    expect(after?.followUps).toMatchObject([{ beliefNow: 55, tookNextStep: true, whatHappened: 'Gave it again.\nPeople asked good questions.', predictionCameTrue: null }]);
    // "can't tell yet" with the planned check day already past: asked again 30 days from today.
    expect(after?.followUpOn && after.followUpOn > '2025-08-01').toBe(true);
  });

  it('Ctrl+C at a question exits 130 and leaves no half-written follow-up', async () => {
    const { db, env, entry } = journalWithDueEntry();
    const term = spawnNoisy(['followup', entry.id.slice(0, 6)], env);
    await term.waitFor('How likely does');
    term.type('40' + KEY.enter);
    await term.waitFor('Did you take your next step');
    term.type('n' + KEY.enter);
    await term.waitFor('What has happened since?');
    term.type('Something hap');
    term.type(KEY.ctrlC);
    expect(await term.exit).toBe(130);
    expect(term.output()).toContain('Nothing was saved for this follow-up. It is still due.');
    expect(stored(db, entry.id)).toMatchObject({ followUpOn: '2025-07-01', followUps: [] });
  });

  it('other commands mention a due follow-up in one line', async () => {
    const { env } = journalWithDueEntry();
    const term = spawnNoisy(['list'], env);
    expect(await term.exit).toBe(0);
    expect(term.output()).toContain('One entry is ready for a look back: run `noisy followup`');
  });
});
