import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { KEY, spawnNoisy } from '../helpers/pty.js';
import { Store } from '../../src/storage/store.js';

describe('noisy reflect --quick in a terminal', () => {
  it('five questions, then the summary and where to add the rest', async () => {
    const dir = tempDir('noisy-e2e-');
    const db = join(dir, 'data', 'journal.db');
    const t = spawnNoisy(['reflect', '--quick'], { NOISY_DB: db, HOME: dir, NO_COLOR: '1' }, { cols: 80, rows: 24 });
    try {
      await t.waitFor('What kind of evaluation was it?');
      t.type(KEY.enter);
      await t.waitFor('What happened, in a few words?');
      t.type(`Fellowship said no${KEY.enter}`);
      await t.waitFor('Before this happened, how likely');
      t.type(`60${KEY.enter}`);
      await t.waitFor('how likely does it feel right now?');
      t.type(`20${KEY.enter}`);
      await t.waitFor('What did they actually see of you?');
      t.type(`My CV${KEY.enter}`);
      await t.waitFor('How far should this move you?');
      await t.waitFor(/Saved as entry [2-9a-z]{10}/);
      await t.waitFor('This was the short version.');
      await t.waitFor('Show the details?');
      t.type(KEY.enter);
      await t.waitFor('What the evaluator had to go on');
      expect(await t.exit).toBe(0);
      expect(t.output()).not.toContain('Your answers (nothing is saved yet)');
    } finally {
      t.kill();
    }
    const store = Store.open(db, { create: false });
    try {
      expect(store.listEntries()[0]).toMatchObject({
        kind: 'application',
        title: 'Fellowship said no',
        belief: { before: 60, after: 20 },
        evaluation: { method: 'cv-screen', whatTheySaw: 'My CV', minutesSeen: null, selectionRate: null },
        aboutMe: 50,
      });
    } finally {
      store.close();
    }
  });
});
