import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayWidth } from '../../src/ui/width.js';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { BIN, KEY, spawnNoisy, type Terminal } from '../helpers/pty.js';
import { Store } from '../../src/storage/store.js';
import { toIsoDay } from '../../src/core/dates.js';

function journalEnv() {
  const dir = tempDir('noisy-e2e-');
  const db = join(dir, 'data', 'journal.db');
  return { db, env: { NOISY_DB: db, HOME: dir, NO_COLOR: '1' } };
}

function readJournal(db: string) {
  const store = Store.open(db, { create: false });
  try {
    return { entries: store.listEntries(), draft: store.loadDraft('reflect')?.data as Record<string, unknown> | undefined };
  } finally {
    store.close();
  }
}

/** Waits for a question, then answers it. */
async function answer(t: Terminal, question: string | RegExp, keys: string): Promise<void> {
  await t.waitFor(question);
  t.type(keys);
}

/** Answers from the first question up to the story, leaving the story prompt open. */
async function upToTheStory(t: Terminal, when = ''): Promise<void> {
  // A setback (the first choice) or good news.
  await answer(t, 'Was this a setback or good news?', KEY.enter);
  await answer(t, 'What kind of evaluation was it?', KEY.enter);
  await answer(t, 'A short title', `Fellowship rejection${KEY.enter}`);
  // "today" is a suggestion: Enter takes it, typing replaces it.
  await answer(t, 'When did it happen?', `${when}${KEY.enter}`);
  await answer(t, 'Which organisation or program?', KEY.enter);
  await t.waitFor('What happened?');
  await t.waitFor('Enter on an empty line finishes');
}

describe('noisy reflect in a terminal', () => {
  it('asks every question and saves the entry', async () => {
    const { db, env } = journalEnv();
    const t = spawnNoisy(['reflect'], env);
    try {
      await upToTheStory(t, 'yesterday');
      t.type(`Got the email this morning.${KEY.enter}`);
      await t.waitFor('Got the email this morning.');
      t.type(`Two weekends of work.${KEY.enter}`);
      await t.waitFor('Two weekends of work.');
      t.type(KEY.enter);
      await answer(t, 'What belief about yourself is at stake?', KEY.enter);
      await answer(t, 'Before this happened, how likely', `60${KEY.enter}`);
      await answer(t, 'how likely does it feel right now?', `15${KEY.enter}`);
      await answer(t, 'How were you evaluated?', KEY.enter);
      await answer(t, 'how many minutes of you did they see?', `10${KEY.enter}`);
      await answer(t, 'What did they actually see of you?', `My CV${KEY.enter}`);
      await answer(t, 'What percent of people get through', `5${KEY.enter}`);
      await t.waitFor('Which of these may have played a part?');
      await answer(t, 'They saw very little of me', KEY.space);
      await answer(t, '◉ They saw very little of me', KEY.enter);
      await answer(t, 'Anything else that may have played a part?', KEY.enter);
      await answer(t, 'How much of the outcome was about your ability?', `80${KEY.enter}`);
      await t.waitFor('Could any of these have been part of it?');
      await answer(t, 'No headcount or money for the role', KEY.enter);
      await t.waitFor('How are you right now?');
      await answer(t, 'tired', KEY.space);
      await answer(t, '◉ tired', KEY.enter);
      await answer(t, 'One next step that gets you real evidence', `apply to two more programs${KEY.enter}`);
      await answer(t, 'Make a prediction about yourself', KEY.enter);
      await answer(t, 'When should noisy check back with you', KEY.enter);
      await answer(t, 'Tags, to find this later', `fellowship${KEY.enter}`);
      await t.waitFor('Your answers (nothing is saved yet)');
      await answer(t, 'What now?', KEY.enter);
      await t.waitFor('How far should this move you?');
      await t.waitFor(/Saved as entry [2-9a-z]{10}/);
      // The summary's first part ends before the saved message starts, on a line of its own.
      expect(t.output()).toMatch(/run `noisy followup` then\.\r?\nSaved as entry/);
      await answer(t, 'Show the details?', KEY.enter);
      await t.waitFor('What the evaluator had to go on');
      expect(await t.exit).toBe(0);
    } finally {
      t.kill();
    }
    const { entries, draft } = readJournal(db);
    expect(draft).toBeUndefined();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'application',
      title: 'Fellowship rejection',
      story: 'Got the email this morning.\nTwo weekends of work.',
      belief: { before: 60, after: 15 },
      evaluation: { method: 'cv-screen', minutesSeen: 10, whatTheySaw: 'My CV', selectionRate: 5 },
      confounders: ['little-information'],
      aboutMe: 80,
      notAboutMeReasons: [],
      state: ['tired'],
      nextStep: 'apply to two more programs',
      prediction: null,
      tags: ['fellowship'],
    });
    expect(entries[0]?.followUpOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const yesterday = new Date();
    yesterday.setDate(yesterday.getDate() - 1);
    expect(entries[0]?.date).toBe(toIsoDay(yesterday));
  });

  it('Ctrl+C in the story keeps a draft, saves nothing, and the next run offers it pre-filled', async () => {
    const { db, env } = journalEnv();
    const first = spawnNoisy(['reflect'], env);
    try {
      await upToTheStory(first);
      first.type(`The first paragraph.${KEY.enter}`);
      await first.waitFor('The first paragraph.');
      first.type('And a second, half-writ');
      await first.waitFor('half-writ');
      first.type(KEY.ctrlC);
      await first.waitFor('kept as a draft');
      expect(await first.exit).toBe(130);
    } finally {
      first.kill();
    }
    const afterFirst = readJournal(db);
    expect(afterFirst.entries).toEqual([]);
    expect(afterFirst.draft).toMatchObject({ title: 'Fellowship rejection', story: 'The first paragraph.\nAnd a second, half-writ' });

    const second = spawnNoisy(['reflect'], env);
    try {
      await answer(second, 'Pick up your unfinished reflection "Fellowship rejection"', KEY.enter);
      await answer(second, 'Was this a setback or good news?', KEY.enter);
      await answer(second, 'What kind of evaluation was it?', KEY.enter);
      await answer(second, 'A short title', KEY.enter);
      await second.waitFor('Fellowship rejection');
      await answer(second, 'When did it happen?', KEY.enter);
      await answer(second, 'Which organisation or program?', KEY.enter);
      await second.waitFor('What happened?');
      await second.waitFor('The first paragraph.');
      await second.waitFor('And a second, half-writ');
      second.type(`ten.${KEY.ctrlC}`);
      await second.waitFor('kept as a draft');
      expect(await second.exit).toBe(130);
    } finally {
      second.kill();
    }
    const afterSecond = readJournal(db);
    expect(afterSecond.entries).toEqual([]);
    expect(afterSecond.draft).toMatchObject({ story: 'The first paragraph.\nAnd a second, half-written.' });
  });
});

describe('noisy reflect in a terminal: going back and changing answers', () => {
  it('Esc steps back a question; the review screen lists the answers and changes one', async () => {
    const { db, env } = journalEnv();
    const t = spawnNoisy(['reflect'], env);
    try {
      await t.waitFor('Esc goes back one question');
      await upToTheStory(t);
      t.type(KEY.enter);
      await answer(t, 'What belief about yourself is at stake?', KEY.enter);
      await answer(t, 'Before this happened, how likely', `60${KEY.enter}`);
      // Esc at "right now" goes back to "before": a typo in the first figure is fixed there.
      await t.waitFor('how likely does it feel right now?');
      t.type(KEY.escape);
      await answer(t, 'Before this happened, how likely', `70${KEY.enter}`);
      await answer(t, 'how likely does it feel right now?', `15${KEY.enter}`);
      await answer(t, 'How were you evaluated?', KEY.enter);
      await answer(t, 'how many minutes of you did they see?', `10${KEY.enter}`);
      await answer(t, 'What did they actually see of you?', KEY.enter);
      await answer(t, 'What percent of people get through', KEY.enter);
      await answer(t, 'Which of these may have played a part?', KEY.enter);
      await answer(t, 'Anything else that may have played a part?', KEY.enter);
      await answer(t, 'How much of the outcome was about your ability?', `80${KEY.enter}`);
      await answer(t, 'Could any of these have been part of it?', KEY.enter);
      await answer(t, 'How are you right now?', KEY.enter);
      await answer(t, 'One next step that gets you real evidence', KEY.enter);
      await answer(t, 'Make a prediction about yourself', KEY.enter);
      await answer(t, 'When should noisy check back with you', KEY.enter);
      await answer(t, 'Tags, to find this later', KEY.enter);
      await t.waitFor('Your answers (nothing is saved yet)');
      await t.waitFor(/Title +Fellowship rejection/);
      await t.waitFor(/Belief before +70%/);
      // "Change an answer", then the title (third in the list, after the outcome and the kind): the old title is there to edit.
      await answer(t, 'What now?', KEY.down + KEY.enter);
      await answer(t, 'Which answer?', KEY.down + KEY.down + KEY.enter);
      await answer(t, 'A short title', `${KEY.clearLine}Rejected from MATS${KEY.enter}`);
      await t.waitFor(/Title +Rejected from MATS/);
      await answer(t, 'What now?', KEY.enter);
      await t.waitFor(/Saved as entry [2-9a-z]{10}/);
      await answer(t, 'Show the details?', `n${KEY.enter}`);
      await t.waitFor('The details are in `noisy show');
      expect(await t.exit).toBe(0);
    } finally {
      t.kill();
    }
    expect(readJournal(db).entries[0]).toMatchObject({ title: 'Rejected from MATS', belief: { before: 70, after: 15 } });
  });

  it('a story picked up from a draft goes on below its last line, not glued to it', async () => {
    const { db, env } = journalEnv();
    const first = spawnNoisy(['reflect'], env);
    try {
      await upToTheStory(first);
      first.type(`Tired since lunch.${KEY.enter}`);
      await first.waitFor('Tired since lunch.');
      await first.waitFor(/Tired since lunch\.\s*\n/);
      first.type(KEY.ctrlC);
      await first.waitFor('kept as a draft');
      expect(await first.exit).toBe(130);
    } finally {
      first.kill();
    }
    const second = spawnNoisy(['reflect'], env);
    try {
      await answer(second, 'Pick up your unfinished reflection', KEY.enter);
      await answer(second, 'Was this a setback or good news?', KEY.enter);
      await answer(second, 'What kind of evaluation was it?', KEY.enter);
      await answer(second, 'A short title', KEY.enter);
      await answer(second, 'When did it happen?', KEY.enter);
      await answer(second, 'Which organisation or program?', KEY.enter);
      await second.waitFor('Tired since lunch.');
      second.type(`Also my friend said no.${KEY.enter}`);
      await second.waitFor('Also my friend said no.');
      second.type(KEY.enter);
      await second.waitFor('What belief about yourself is at stake?');
      second.type(KEY.ctrlC);
      expect(await second.exit).toBe(130);
    } finally {
      second.kill();
    }
    expect(readJournal(db).draft).toMatchObject({ story: 'Tired since lunch.\nAlso my friend said no.' });
  });
});

describe('noisy reflect without a terminal', () => {
  it('exits 2 and names --answers', () => {
    const { db, env } = journalEnv();
    const result = spawnSync(process.execPath, [BIN, 'reflect'], { env: { ...process.env, ...env }, input: '', encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--answers');
    expect(result.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
  });
});

describe('the summary at a terminal', () => {
  it('at 80×24, the headline, the why and the next step are on the first screen; the details wait', async () => {
    const { env } = journalEnv();
    const answers = fileURLToPath(new URL('../../examples/answers.json', import.meta.url));
    const t = spawnNoisy(['reflect', '--answers', answers], env, { cols: 80, rows: 24 });
    try {
      await t.waitFor('Show the details?');
      const lines = t.output().split(/\r?\n/);
      const screen = lines.slice(-24);
      const top = screen.findIndex((l) => l.startsWith('Fellowship rejection'));
      expect(top).toBeGreaterThanOrEqual(0);
      const shown = screen.slice(top).join('\n');
      expect(shown).toContain('How far should this move you?');
      expect(shown).toContain('calibrated person between');
      expect(shown).toContain('Why:');
      expect(shown).toContain('Your next step:');
      expect(shown).not.toContain('Worth knowing');
      for (const line of screen) expect(displayWidth(line)).toBeLessThanOrEqual(80);
      t.type(KEY.enter);
      await t.waitFor('Worth knowing');
      expect(await t.exit).toBe(0);
    } finally {
      t.kill();
    }
  });

  it('--full prints the whole summary at once and asks nothing', async () => {
    const { env } = journalEnv();
    const answers = fileURLToPath(new URL('../../examples/answers.json', import.meta.url));
    const t = spawnNoisy(['reflect', '--answers', answers, '--full'], env, { cols: 80, rows: 24 });
    try {
      expect(await t.exit).toBe(0);
      const out = t.output();
      expect(out).toContain('How far should this move you?');
      expect(out).toContain('Worth knowing');
      expect(out).not.toContain('Show the details?');
    } finally {
      t.kill();
    }
  });
});
