// `noisy edit` at a real terminal: the built binary in a pseudo-terminal.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { exampleAnswers } from '../helpers/answers.js';
import { tempDir } from '../helpers/cli.js';
import { BIN, KEY, spawnNoisy } from '../helpers/pty.js';

function journalWithEntry(): { db: string; env: Record<string, string>; entry: Entry } {
  const dir = tempDir('noisy-e2e-');
  const db = join(dir, 'journal.db');
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify({ ...exampleAnswers(), otherConfounders: '' }));
  const env = { NOISY_DB: db, HOME: dir, NO_COLOR: '1' };
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

describe('noisy edit in a terminal', () => {
  it('changes a skipped answer on the review screen and keeps the answers before', async () => {
    const { db, env, entry } = journalWithEntry();
    const t = spawnNoisy(['edit', entry.id.slice(0, 6)], env);
    try {
      await t.waitFor(`Editing "Fellowship rejection" (${entry.id})`);
      await t.waitFor(/Anything else +\(empty\)/);
      // "Change an answer" is the default here; then the list of answers, down to "Anything else".
      await t.waitFor('What now?');
      t.type(KEY.enter);
      await t.waitFor('Which answer?');
      // Typing in a list jumps to the first answer whose name starts with it.
      t.type('Anything');
      await t.waitFor('❯ Anything else');
      t.type(KEY.enter);
      await t.waitFor('Anything else that may have played a part?');
      t.type(`They took 60 of 3,000${KEY.enter}`);
      await t.waitFor(/Anything else +They took 60 of 3,000/);
      await t.waitFor('What now?');
      t.type(KEY.enter);
      await t.waitFor(/Saved the changes to [2-9a-z]{10}: otherConfounders/);
      expect(await t.exit).toBe(0);
    } finally {
      t.kill();
    }
    const after = stored(db, entry.id);
    expect(after?.otherConfounders).toBe('They took 60 of 3,000');
    expect(after?.revisions).toHaveLength(1);
    expect(after?.revisions[0]).toMatchObject({ changed: ['otherConfounders'], previous: { otherConfounders: '' } });
  });
});
