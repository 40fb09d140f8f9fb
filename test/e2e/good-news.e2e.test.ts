// Good news in a real terminal: the short flow (no confounders, no "was it about you"), saved as
// good news, with a summary in good news's own words.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { KEY, spawnNoisy, type Terminal } from '../helpers/pty.js';
import { Store } from '../../src/storage/store.js';

async function answer(t: Terminal, question: string | RegExp, keys: string): Promise<void> {
  await t.waitFor(question);
  t.type(keys);
}

describe('good news in a terminal', () => {
  it('asks the short flow, saves it as good news and says when the move was smaller than warranted', async () => {
    const dir = tempDir('noisy-e2e-');
    const db = join(dir, 'data', 'journal.db');
    const t = spawnNoisy(['reflect'], { NOISY_DB: db, HOME: dir, NO_COLOR: '1' }, { cols: 80, rows: 40 });
    try {
      await answer(t, 'Was this a setback or good news?', KEY.down + KEY.enter);
      // application, first impression, job performance
      await answer(t, 'What kind of evaluation was it?', KEY.down + KEY.down + KEY.enter);
      await answer(t, 'What happened, in a few words? (e.g. "Kept on after the trial")', `Kept on after the trial${KEY.enter}`);
      await answer(t, 'When did it happen?', KEY.enter);
      await t.waitFor('What happened? Write as much');
      await t.waitFor('Enter on an empty line finishes');
      t.type(KEY.enter);
      await answer(t, 'What belief about yourself is at stake?', KEY.enter);
      await answer(t, 'Before this happened, how likely', `40${KEY.enter}`);
      await answer(t, 'how likely does it feel right now?', `45${KEY.enter}`);
      // A work trial (the kind's usual method), then months of actual work.
      await answer(t, 'How were you evaluated?', KEY.down + KEY.enter);
      await answer(t, 'how many minutes of you did they see?', KEY.enter);
      await answer(t, 'What did they see of your work?', `Three months of projects${KEY.enter}`);
      await answer(t, 'What percent of people get through', `30${KEY.enter}`);
      await t.waitFor('Your answers (nothing is saved yet)');
      await t.waitFor(/Setback or good news +Good news/);
      await answer(t, 'What now?', KEY.enter);
      await t.waitFor('How far should this move you?');
      await t.waitFor(/Saved as entry [2-9a-z]{10}/);
      await answer(t, 'Show the details?', `n${KEY.enter}`);
      expect(await t.exit).toBe(0);
      const screen = t.output().replace(/\s+/g, ' ');
      expect(screen).toContain('good news · job performance');
      expect(screen).toContain('You moved far less than this good news supports');
      expect(screen).toContain('This is strong evidence');
      for (const setbackQuestion of ['Which of these may have played a part?', 'How much of the outcome was about your ability?', 'How are you right now?', 'One next step']) {
        expect(screen).not.toContain(setbackQuestion);
      }
    } finally {
      t.kill();
    }
    const store = Store.open(db, { create: false });
    try {
      expect(store.listEntries()[0]).toMatchObject({
        outcome: 'accepted',
        kind: 'job-performance',
        title: 'Kept on after the trial',
        belief: { before: 40, after: 45 },
        evaluation: { method: 'job-performance', minutesSeen: null, whatTheySaw: 'Three months of projects', selectionRate: 30 },
        confounders: [],
        followUpOn: null,
      });
    } finally {
      store.close();
    }
  });
});
