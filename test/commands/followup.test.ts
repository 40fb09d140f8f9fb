import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { registerSearchFunctions } from '../../src/storage/search-index.js';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { answers } from '../helpers/answers.js';
import { run } from '../../src/cli/main.js';
import { BACK, DEFAULT, INTERRUPT, interruptAfterTyping, journal, scriptedAsker } from '../helpers/cli.js';

// journal() runs commands on 2026-12-01; entries are written five weeks earlier so they come due.
const EARLIER = new Date('2026-10-25T09:00:00');
const PREDICTION = { statement: 'I will get an interview by March', probability: 20, checkOn: '2027-03-01' };

type Journal = ReturnType<typeof journal>;

async function addEntry(j: Journal, overrides: Record<string, unknown> = {}, now = EARLIER): Promise<Entry> {
  const result = await j.cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(answers({ date: '2026-10-20', ...overrides })), now });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { entry: Entry }).entry;
}

function stored(j: Journal, id: string): Entry {
  const store = Store.open(j.db, { create: false });
  try {
    const entry = store.getEntry(id);
    if (!entry) throw new Error(`entry ${id} is gone`);
    return entry;
  } finally {
    store.close();
  }
}

/** Scripted answers to the follow-up questions, in the order they are asked. */
const beliefNow = (n: number) => n;

describe('reflect stores the follow-up date and the prediction', () => {
  it('defaults the follow-up to 30 days after the day of writing', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: PREDICTION });
    expect(entry.followUpOn).toBe('2026-11-24');
    expect(stored(j, entry.id)).toMatchObject({ followUpOn: '2026-11-24', prediction: PREDICTION, followUps: [] });
  });

  it('takes an explicit date, or null for no follow-up', async () => {
    const j = journal();
    expect((await addEntry(j, { followUpOn: '2026-10-21' })).followUpOn).toBe('2026-10-21');
    const none = await addEntry(j, { followUpOn: null });
    expect(stored(j, none.id).followUpOn).toBeNull();
  });

  it('refuses a follow-up date before the evaluation, saving nothing', async () => {
    const j = journal();
    const result = await j.cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers({ date: '2026-10-20', followUpOn: '2026-10-19' })) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("followUpOn: must not be before the evaluation's date (2026-10-20)");
    expect((await j.cli(['list', '--json'])).stdout).toContain('"total": 0');
  });

  it('asks for the follow-up date interactively: a phrase, or "none"', async () => {
    const script = (followUp: string) => [
      'rejected', 'application', 'Rejected', DEFAULT, '', '', DEFAULT, 60, 20, DEFAULT, DEFAULT, '', DEFAULT, [], '', 50, [], [], 'apply again',
      true, 'I get an interview', 30, 'in 8 weeks', followUp, '', 'save',
    ];
    const j = journal();
    const later = await j.cli(['reflect', '--json'], { answers: script('in 6 weeks') });
    expect(later.code, later.stderr).toBe(0);
    const entry = (JSON.parse(later.stdout) as { entry: Entry }).entry;
    expect(entry.followUpOn).toBe('2027-01-12');
    expect(entry.prediction).toEqual({ statement: 'I get an interview', probability: 30, checkOn: '2027-01-26' });

    const none = await j.cli(['reflect', '--json'], { answers: script('none') });
    expect((JSON.parse(none.stdout) as { entry: Entry }).entry.followUpOn).toBeNull();
  });
});

describe('noisy followup ID --answers', () => {
  it('saves the follow-up, ends the follow-ups when the prediction is settled, and reflects on it', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: PREDICTION, belief: { statement: 'I can do this work', before: 60, after: 15 } });
    const result = await j.cli(['followup', entry.id.slice(0, 5), '--answers', '-'], {
      stdin: JSON.stringify({ beliefNow: 45, tookNextStep: true, whatHappened: 'Two interviews.\nOne went well.', predictionCameTrue: true }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('60% before the evaluation, 15% right after, 45% today');
    expect(result.stdout).toContain('come back 30 points');
    expect(result.stdout).toMatch(/a calibrated person would have been\s+at about \d+%/);
    expect(result.stdout).toMatch(/you had given it only\s+20%/);
    expect(result.stderr).toContain('has no more follow-ups planned');

    const after = stored(j, entry.id);
    expect(after.followUpOn).toBeNull();
    expect(after.followUps).toEqual([
      { answeredAt: new Date('2026-12-01T10:00:00').toISOString(), beliefNow: 45, tookNextStep: true, whatHappened: 'Two interviews.\nOne went well.', predictionCameTrue: true },
    ]);
    expect((await j.cli(['followup', '--json'])).stdout).toContain('"due": []');
  });

  it('prints {entry, followUp, nextFollowUpOn, reflection} with --json, and reschedules "can\'t tell yet"', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: { ...PREDICTION, checkOn: '2026-11-01' } });
    const result = await j.cli(['followup', entry.id, '--answers', '-', '--json'], {
      stdin: JSON.stringify({ beliefNow: 30, tookNextStep: false, whatHappened: '', predictionCameTrue: null, checkAgainOn: '2027-01-15' }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as { entry: Entry; followUp: unknown; nextFollowUpOn: string; reflection: Record<string, unknown> };
    expect(json.nextFollowUpOn).toBe('2027-01-15');
    expect(json.entry.followUpOn).toBe('2027-01-15');
    expect(json.entry.followUps).toHaveLength(1);
    expect(json.followUp).toMatchObject({ beliefNow: 30, predictionCameTrue: null });
    expect(json.reflection).toMatchObject({ before: 60, after: 20, now: 30, rebound: 10, tookNextStep: false, nextFollowUpOn: '2027-01-15' });
    expect(typeof json.reflection.warrantedBelief).toBe('number');
    expect(stored(j, entry.id).followUpOn).toBe('2027-01-15');
  });

  it('lists every bad field, exits 2 and writes nothing', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const dir = join(j.dir, 'answers.json');
    writeFileSync(dir, JSON.stringify({ beliefNow: 140, tookNextStep: 'yes', predictionCameTrue: true, extra: 1 }));
    const result = await j.cli(['followup', entry.id, '--answers', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('have 4 problems; nothing was saved');
    for (const line of [
      'beliefNow: must be 0 to 100 percent (got 140)',
      'tookNextStep: must be true or false, not text',
      'predictionCameTrue: must be left out (or null): this entry has no prediction',
      'extra: not a follow-up field',
    ]) {
      expect(result.stderr).toContain(line);
    }
    // The first line names the file (a long temporary path here); the rest must fit.
    for (const line of result.stderr.split('\n').slice(1)) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(stored(j, entry.id)).toMatchObject({ followUpOn: entry.followUpOn, followUps: [] });
  });

  it('needs an id with --answers, and an existing entry', async () => {
    const j = journal();
    const noId = await j.cli(['followup', '--answers', '-'], { stdin: '{}' });
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('--answers needs the id');
    await addEntry(j);
    const missing = await j.cli(['followup', 'zzzz', '--answers', '-'], { stdin: JSON.stringify({ beliefNow: 1, tookNextStep: true }) });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No entry with id zzzz');
  });

  it('reports bad JSON as a usage error', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await j.cli(['followup', entry.id, '--answers', '-'], { stdin: '{"beliefNow": ' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not valid JSON');
  });
});

describe('noisy followup without a terminal', () => {
  it('exits 2 and names --answers', async () => {
    const j = journal();
    const entry = await addEntry(j);
    for (const argv of [['followup'], ['followup', entry.id]]) {
      const result = await j.cli(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--answers');
      for (const line of result.stderr.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    }
    expect(stored(j, entry.id).followUps).toEqual([]);
  });

  it('lists the due entries with --json, without creating a journal', async () => {
    const empty = journal();
    const none = await empty.cli(['followup', '--json']);
    expect(JSON.parse(none.stdout)).toEqual({ today: '2026-12-01', due: [], repliesDue: [] });
    expect(existsSync(empty.db)).toBe(false);

    const j = journal();
    const due = await addEntry(j, { title: 'Due one' });
    await addEntry(j, { title: 'Not yet' }, new Date('2026-11-30T09:00:00'));
    const listed = JSON.parse((await j.cli(['followup', '--json'])).stdout) as { due: Entry[] };
    expect(listed.due.map((e) => e.id)).toEqual([due.id]);
  });
});

describe('noisy followup at a terminal', () => {
  it('walks through the due entries; a skipped one stays due', async () => {
    const j = journal();
    const first = await addEntry(j, { title: 'First', prediction: PREDICTION });
    const second = await addEntry(j, { title: 'Second' }, new Date('2026-10-26T09:00:00'));
    const notDue = await addEntry(j, { title: 'Later' }, new Date('2026-11-30T09:00:00'));

    const result = await j.cli(['followup'], {
      answers: ['now', beliefNow(50), true, 'Applied twice.', 'no', 'save', 'skip'],
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 entries are ready for a look back');
    expect(result.stdout).not.toContain('Later');
    expect(result.stdout).toContain("Your prediction didn't come true this time");
    expect(result.stderr).toContain('One follow-up saved, one skipped (still due)');

    expect(stored(j, first.id)).toMatchObject({ followUpOn: null, followUps: [{ beliefNow: 50, tookNextStep: true, whatHappened: 'Applied twice.', predictionCameTrue: false }] });
    expect(stored(j, second.id)).toMatchObject({ followUpOn: second.followUpOn, followUps: [] });
    expect(stored(j, notDue.id).followUps).toEqual([]);
  });

  it('asks the questions in order, showing the before and after numbers and the next step', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: PREDICTION, nextStep: 'ask for feedback' });
    const asker = scriptedAsker([35, false, '', 'later', 'in 6 weeks', 'save']);
    let stdout = '';
    const code = await run(['followup', entry.id], {
      stdout: { write: (t) => void (stdout += t), isTTY: false },
      stderr: { write: () => undefined, isTTY: false },
      env: { NOISY_DB: j.db, NO_COLOR: '1' },
      now: () => new Date('2026-12-01T10:00:00'),
      asker,
    });
    expect(code).toBe(0);
    expect(asker.asked).toEqual([
      'How likely does "I can do this work" feel now? (0-100; it was 60% before, 20% right after)',
      'Did you take your next step: "ask for feedback"?',
      'What has happened since? (optional)',
      'You predicted "I will get an interview by March" at 20%. Did it come true?',
      'When should noisy ask again? (Enter for 2027-03-01, a date, or "in 6 weeks")',
      'What now?',
    ]);
    expect(stdout).toMatch(/Before the evaluation it\s+felt 60% likely; right after, 20%\./);
    const after = stored(j, entry.id);
    expect(after.followUpOn).toBe('2027-01-12');
    expect(after.followUps[0]).toMatchObject({ beliefNow: 35, tookNextStep: false, predictionCameTrue: null });
    expect(stdout).toContain('("ask for feedback") is still waiting');
    expect(stdout).toMatch(/noisy will ask\s+again on 2027-01-12/);
  });

  it('takes one entry by id even before it is due', async () => {
    const j = journal();
    const entry = await addEntry(j, {}, new Date('2026-11-30T09:00:00'));
    const result = await j.cli(['followup', entry.id], { answers: [20, true, '', 'save'] });
    expect(result.code, result.stderr).toBe(0);
    expect(stored(j, entry.id)).toMatchObject({ followUpOn: null, followUps: [{ beliefNow: 20 }] });
  });

  it('says when nothing is due, and when the next one is', async () => {
    const j = journal();
    const empty = await j.cli(['followup'], { answers: [] });
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('Nothing to look back on yet');
    expect(existsSync(j.db)).toBe(false);
    await addEntry(j, { title: 'Upcoming' }, new Date('2026-11-30T09:00:00'));
    const later = await j.cli(['followup'], { answers: [] });
    expect(later.stderr).toContain('The next one is on 2026-12-30 ("Upcoming")');
  });

  it('Ctrl+C at a question saves nothing for that follow-up and exits 130', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: PREDICTION });
    const result = await j.cli(['followup', entry.id], { answers: [40, true, interruptAfterTyping('Half a thought')] });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Nothing was saved for this follow-up. It is still due.');
    expect(stored(j, entry.id)).toMatchObject({ followUpOn: entry.followUpOn, followUps: [] });
  });

  it('Ctrl+C later in a walk keeps the follow-ups already finished', async () => {
    const j = journal();
    const first = await addEntry(j, { title: 'First' });
    const second = await addEntry(j, { title: 'Second', prediction: PREDICTION }, new Date('2026-10-26T09:00:00'));
    const result = await j.cli(['followup'], { answers: ['now', 70, true, '', 'save', 'now', 30, false, 'Not sure', INTERRUPT] });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('The follow-up you finished before it is saved.');
    expect(stored(j, first.id).followUps).toHaveLength(1);
    expect(stored(j, second.id)).toMatchObject({ followUpOn: second.followUpOn, followUps: [] });
  });
});

describe('noisy followup: the review screen', () => {
  it('lists the answers before saving; one can be changed, and Esc steps back a question', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: PREDICTION });
    const result = await j.cli(['followup', entry.id], {
      answers: [40, true, BACK, BACK, 45, true, 'Two interviews.', 'yes', 'change', 'tookNextStep', false, 'save'],
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Your follow-up (nothing is saved yet)');
    expect(result.stdout).toMatch(/Belief now +45%\n/);
    expect(result.stdout).toMatch(/Prediction came true +Yes, it came true\n/);
    expect(stored(j, entry.id).followUps).toMatchObject([{ beliefNow: 45, tookNextStep: false, whatHappened: 'Two interviews.', predictionCameTrue: true }]);
  });

  it('stopping on the review screen saves nothing, keeps a draft, and exits 0', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await j.cli(['followup', entry.id], { answers: [40, true, 'Applied to two more.', 'stop'] });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Nothing was saved for this follow-up. It is still due. What you answered and typed is kept as a draft');
    expect(stored(j, entry.id).followUps).toEqual([]);
    const resumed = await j.cli(['followup', entry.id], { answers: [true, DEFAULT, DEFAULT, DEFAULT, 'save'] });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(stored(j, entry.id).followUps).toMatchObject([{ beliefNow: 40, tookNextStep: true, whatHappened: 'Applied to two more.' }]);
  });
});

describe('the due reminder', () => {
  const REMINDER = 'ready for a look back: run `noisy followup`';

  it('appears on stderr at a terminal after another command', async () => {
    const j = journal();
    await addEntry(j);
    await addEntry(j, {}, new Date('2026-10-26T09:00:00'));
    const result = await j.cli(['list'], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`2 entries are ${REMINDER}`);
    expect(result.stdout).not.toContain(REMINDER);
  });

  it('stays silent when piped, for --json, for followup itself, and when nothing is due', async () => {
    const j = journal();
    const entry = await addEntry(j);
    expect((await j.cli(['list'])).stderr).not.toContain(REMINDER);
    const json = await j.cli(['list', '--json'], { tty: true });
    expect(json.stderr + json.stdout).not.toContain(REMINDER);
    expect((await j.cli(['show', entry.id, '--json'], { tty: true })).stderr).not.toContain(REMINDER);
    expect((await j.cli(['followup'], { tty: true, answers: ['skip'] })).stderr).not.toContain(REMINDER);
    await j.cli(['followup', entry.id, '--answers', '-'], { stdin: JSON.stringify({ beliefNow: 40, tookNextStep: true }) });
    expect((await j.cli(['list'], { tty: true })).stderr).not.toContain(REMINDER);
  });

  it('never creates a journal, and never appears for --help', async () => {
    const j = journal();
    const result = await j.cli(['list'], { tty: true });
    expect(result.code).toBe(0);
    expect(existsSync(j.db)).toBe(false);
    await addEntry(j);
    const help = await j.cli(['--help'], { tty: true });
    expect(help.code).toBe(0);
    expect(help.stderr).not.toContain(REMINDER);
  });

  it('does not change the exit code of a failed command', async () => {
    const j = journal();
    await addEntry(j);
    const result = await j.cli(['show', 'zzzzzz'], { tty: true });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain(REMINDER);
  });
});

describe('follow-ups elsewhere', () => {
  it('appear in show, and in show --json', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: PREDICTION });
    await j.cli(['followup', entry.id, '--answers', '-'], { stdin: JSON.stringify({ beliefNow: 45, tookNextStep: true, whatHappened: 'An interview!', predictionCameTrue: true }) });
    const text = await j.cli(['show', entry.id]);
    expect(text.stdout).toContain('Follow-ups');
    expect(text.stdout).toContain('2026-12-01: belief now 45%, next step taken, prediction came true.');
    expect(text.stdout).toContain('An interview!');
    const json = JSON.parse((await j.cli(['show', entry.id, '--json'])).stdout) as { entry: Entry };
    expect(json.entry.followUps).toMatchObject([{ beliefNow: 45, predictionCameTrue: true }]);
  });

  it('survive a JSON round trip into another journal (export → import)', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: PREDICTION });
    await j.cli(['followup', entry.id, '--answers', '-'], { stdin: JSON.stringify({ beliefNow: 30, tookNextStep: false, predictionCameTrue: null }) });
    await j.cli(['followup', entry.id, '--answers', '-'], { stdin: JSON.stringify({ beliefNow: 55, tookNextStep: true, predictionCameTrue: true }) });
    const original = stored(j, entry.id);
    expect(original.followUps).toHaveLength(2);

    const other = journal();
    const store = Store.open(other.db, { create: true });
    try {
      const copies = JSON.parse(JSON.stringify([original])) as Entry[];
      expect(store.importEntries(copies)).toEqual({ added: 1, skipped: 0, merged: 0, followUpsAdded: 0, conflicts: [], beliefs: { added: 0, joined: 0, conflicts: [] }, attempts: { added: 0, skipped: 0, updated: 0, conflicts: [] } });
    } finally {
      store.close();
    }
    expect(stored(other, entry.id)).toEqual(original);
  });
});

describe('the due reminder, when the journal cannot answer', () => {
  it('stays quiet and leaves the exit code alone', async () => {
    const j = journal();
    await addEntry(j);
    // A journal whose follow-up column is gone, after a command that does not read it: the
    // reminder can't count due follow-ups (the journal is refused) and says nothing.
    const db = new Database(j.db);
    registerSearchFunctions(db); // the search view (migration 4) is checked when a column goes
    db.exec('DROP INDEX entries_by_follow_up; ALTER TABLE entries DROP COLUMN follow_up_on;');
    db.close();
    const result = await j.cli(['evidence'], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toBe('');
    expect(result.stderr).toBe('');
  });
});

describe('an interrupted follow-up keeps what was typed', () => {
  it('offers the draft next time, pre-filled, and drops it once the follow-up is saved', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: PREDICTION });

    const stopped = await j.cli(['followup', entry.id], { answers: [45, true, interruptAfterTyping('Two applications out, and one')] });
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('kept as a draft');
    expect(stored(j, entry.id).followUps).toEqual([]);

    // Pick up the draft; keep the belief, the step and the text as they were; the prediction came true.
    const resumed = await j.cli(['followup', entry.id], { answers: [true, DEFAULT, DEFAULT, DEFAULT, 'yes', 'save'] });
    expect(resumed.code, resumed.stderr).toBe(0);
    const [followUp] = stored(j, entry.id).followUps;
    expect(followUp).toMatchObject({ beliefNow: 45, tookNextStep: true, whatHappened: 'Two applications out, and one', predictionCameTrue: true });

    const db = new Database(j.db, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM drafts WHERE name LIKE 'followup:%'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('deleting the entry deletes its unfinished follow-up too', async () => {
    const j = journal();
    const entry = await addEntry(j);
    await j.cli(['followup', entry.id], { answers: [30, interruptAfterTyping('no')] });
    const deleted = await j.cli(['delete', entry.id, '--yes']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const db = new Database(j.db, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
