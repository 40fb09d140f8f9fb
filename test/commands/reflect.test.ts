import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { BACK, DEFAULT, INTERRUPT, interruptAfterTyping, journal, type Scripted } from '../helpers/cli.js';
import { answers, exampleAnswers } from '../helpers/answers.js';
import { Store } from '../../src/storage/store.js';
import { NOISY_APPLICATION_ID } from '../../src/storage/schema.js';
import type { Entry } from '../../src/core/entry.js';

function entriesIn(db: string): Entry[] {
  if (!existsSync(db)) return [];
  const store = Store.open(db, { create: false });
  try {
    return store.listEntries();
  } finally {
    store.close();
  }
}

function draftIn(db: string): Record<string, unknown> | null {
  const store = Store.open(db, { create: false });
  try {
    return (store.loadDraft('reflect')?.data as Record<string, unknown> | undefined) ?? null;
  } finally {
    store.close();
  }
}

/** Every question of an application reflection, answered, in the order they are asked. */
const FULL_SCRIPT: Scripted[] = [
  'rejected', // a setback or good news
  'application', // kind
  'Fellowship rejection', // title
  'yesterday', // date
  'Acme Fellowship', // extra: organisation
  'Got the email this morning.\nTwo weekends of work on the proposal.', // story
  DEFAULT, // belief statement (the pack's default)
  60, // before
  15, // after
  'cv-screen', // method
  10, // minutes seen
  'CV and a one-page proposal', // what they saw
  5, // selection rate
  ['little-information', 'not-about-you'], // confounders
  'Twice as many applicants as last year', // anything else
  80, // about me
  ['strong-batch'], // not-about-me reasons
  ['tired', 'low-mood'], // state
  'apply to two more programs this month', // next step
  true, // make a prediction?
  'I will get an interview by March', // prediction
  20, // probability
  '2027-03-01', // check on
  DEFAULT, // follow-up (30 days)
  'fellowship #AI', // tags
  'save', // the review screen
];

describe('noisy reflect --answers', () => {
  it('saves the answers file and prints the reframed summary', async () => {
    const { cli, db } = journal();
    const file = join(journal().dir, 'answers.json');
    writeFileSync(file, JSON.stringify(exampleAnswers()));
    const result = await cli(['reflect', '--answers', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Fellowship rejection');
    expect(result.stdout).toContain('How far should this move you?');
    expect(result.stdout).toContain('You moved from 60% to 15%');
    const [saved] = entriesIn(db);
    expect(saved?.title).toBe('Fellowship rejection');
    expect(saved?.extras).toEqual({ organisation: 'An AI safety fellowship' });
    expect(result.stderr).toContain(`Saved as entry ${saved?.id}.`);
  });

  it('ends the summary with a newline, so the saved message starts a line of its own', async () => {
    const { cli } = journal();
    const file = join(journal().dir, 'answers.json');
    writeFileSync(file, JSON.stringify(exampleAnswers()));
    const result = await cli(['reflect', '--answers', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\S\n$/);
    expect(result.stderr).toMatch(/^Saved as entry /);
  });

  it('reads the answers from standard input with -', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers({ title: 'From stdin' })) });
    expect(result.code).toBe(0);
    expect(entriesIn(db).map((e) => e.title)).toEqual(['From stdin']);
  });

  it('--json prints {entry, assessment} and nothing else on stdout', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(exampleAnswers()) });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { entry: Entry; assessment: Record<string, unknown> };
    expect(Object.keys(doc)).toEqual(['entry', 'assessment']);
    expect(doc.entry).toEqual(entriesIn(db)[0]);
    expect(doc.entry).toMatchObject({ kind: 'application', createdAt: '2026-12-01T10:00:00.000Z', followUps: [] });
    const assessment = doc.assessment as Record<string, unknown> & { noise: unknown[]; facts: unknown[]; warrantedBelief: unknown; assumptions: unknown };
    for (const key of ['validity', 'selectionRate', 'likelihoodRatio', 'warrantedBelief', 'overupdateFactor', 'assumptions']) {
      expect(assessment).toHaveProperty(key);
    }
    expect(typeof assessment.warrantedBelief).toBe('number');
    // The range is always there, around the point; the move is compared in the interface's bands.
    const range = assessment.warrantedRange as { low: number; high: number };
    expect(Object.keys(range)).toEqual(['low', 'high']);
    expect(range.low).toBeLessThanOrEqual(assessment.warrantedBelief as number);
    expect(range.high).toBeGreaterThanOrEqual(assessment.warrantedBelief as number);
    expect(assessment.moveComparison).toBe('much-larger');
    expect(Array.isArray(assessment.assumptions)).toBe(true);
    expect(assessment.noise.length).toBeGreaterThan(0);
    expect(assessment.facts.length).toBeGreaterThan(0);
    expect(result.stdout).not.toContain('\x1b[');
  });

  it('a rejection where everyone gets through (rate 100) is a usage error, and nothing is saved', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers({ evaluation: { method: 'cv-screen', selectionRate: 100 } })) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('evaluation.selectionRate: cannot be 100 for a rejection');
    expect(existsSync(db)).toBe(false);
  });

  it('good news ("outcome": "accepted") is saved as such and raises the warranted belief', async () => {
    const { cli, db } = journal();
    const good = answers({ outcome: 'accepted', belief: { statement: 'I can do well as a research engineer', before: 40, after: 45 }, evaluation: { method: 'structured-interview', minutesSeen: 45, selectionRate: 20 } });
    const result = await cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(good) });
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout) as { entry: { id: string; outcome: string }; assessment: { outcome: string; likelihoodRatio: number; warrantedBelief: number; warrantedRange: { low: number; high: number }; moveComparison: string } };
    expect(doc.entry.outcome).toBe('accepted');
    expect(doc.assessment.outcome).toBe('accepted');
    expect(doc.assessment.likelihoodRatio).toBeGreaterThan(1);
    expect(doc.assessment.warrantedBelief).toBeGreaterThan(40);
    expect(doc.assessment.warrantedRange.low).toBeGreaterThanOrEqual(40);
    // 40 → 45 is a smaller step up than a structured interview at 20% warrants.
    expect(['smaller', 'much-smaller']).toContain(doc.assessment.moveComparison);
    const shown = JSON.parse((await cli(['show', doc.entry.id, '--json'])).stdout) as { entry: { outcome: string }; assessment: { warrantedBelief: number } };
    expect(shown.entry.outcome).toBe('accepted');
    expect(shown.assessment.warrantedBelief).toBe(doc.assessment.warrantedBelief);
    expect(existsSync(db)).toBe(true);
  });

  it('an outcome other than rejected or accepted, or good news at a rate of 0, is a usage error naming the field; nothing is saved', async () => {
    const { cli, db } = journal();
    const wrong = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers({ outcome: 'offer' })) });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('outcome: must be one of rejected, accepted');
    const impossible = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers({ outcome: 'accepted', evaluation: { method: 'cv-screen', selectionRate: 0 } })) });
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toContain('evaluation.selectionRate: cannot be 0 for an acceptance');
    expect(existsSync(db)).toBe(false);
  });

  it('an invalid file exits 2, lists every bad field, and creates no journal', async () => {
    const { cli, db } = journal();
    const bad = answers({ date: '2030-01-01', belief: { before: 60, after: 140 }, aboutMe: 'lots', mood: 'low' });
    const result = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(bad) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('have 4 problems; nothing was saved');
    expect(result.stderr).toContain('  date: is in the future');
    expect(result.stderr).toContain('  belief.after: must be 0 to 100 percent (got 140)');
    expect(result.stderr).toContain('  aboutMe: must be a number from 0 to 100 percent, not text');
    expect(result.stderr).toContain('  mood: is not an answers-file field');
    expect(existsSync(db)).toBe(false);
    expect(existsSync(join(db, '..'))).toBe(false);
  });

  it('an invalid file leaves an existing journal as it was', async () => {
    const { cli, db } = journal();
    expect((await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers()) })).code).toBe(0);
    const result = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers({ kind: 'exam' })) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('kind: must be one of');
    expect(entriesIn(db)).toHaveLength(1);
  });

  it.each([
    ['a missing file', 'nope.json', undefined, 'no such file'],
    ['bad JSON', '-', '{"kind": ', 'is not valid JSON'],
    ['an empty input', '-', '', 'is not valid JSON'],
  ])('%s exits 2 with a clear message', async (_what, source, stdin, message) => {
    const { cli, db } = journal();
    const result = await cli(['reflect', '--answers', source], { stdin });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(db)).toBe(false);
  });

  it('a journal from a newer noisy is refused with exit 1 before anything is written', async () => {
    const { cli, db, dir } = journal();
    const path = join(dir, 'newer.db');
    const raw = new Database(path);
    raw.pragma(`application_id = ${NOISY_APPLICATION_ID}`);
    raw.pragma('user_version = 99');
    raw.close();
    const result = await cli(['--db', path, 'reflect', '--answers', '-'], { stdin: JSON.stringify(answers()) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('newer version of noisy');
    expect(existsSync(db)).toBe(false);
  });
});

describe('noisy reflect without a terminal', () => {
  it('exits 2 and names --answers', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not one');
    expect(result.stderr).toContain('--answers');
    expect(existsSync(db)).toBe(false);
  });
});

describe('noisy reflect, interactive', () => {
  it('asks every question and saves what was answered', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect'], { answers: FULL_SCRIPT });
    expect(result.code).toBe(0);
    const [saved, ...others] = entriesIn(db);
    expect(others).toEqual([]);
    expect(saved).toMatchObject({
      kind: 'application',
      title: 'Fellowship rejection',
      date: '2026-11-30',
      story: 'Got the email this morning.\nTwo weekends of work on the proposal.',
      belief: { statement: 'I can do well in the kind of role I applied for', before: 60, after: 15 },
      evaluation: { method: 'cv-screen', minutesSeen: 10, whatTheySaw: 'CV and a one-page proposal', selectionRate: 5 },
      confounders: ['little-information', 'not-about-you'],
      otherConfounders: 'Twice as many applicants as last year',
      aboutMe: 80,
      notAboutMeReasons: ['strong-batch'],
      state: ['tired', 'low-mood'],
      nextStep: 'apply to two more programs this month',
      prediction: { statement: 'I will get an interview by March', probability: 20, checkOn: '2027-03-01' },
      followUpOn: '2026-12-31',
      tags: ['fellowship', 'ai'],
      extras: { organisation: 'Acme Fellowship' },
      createdAt: '2026-12-01T10:00:00.000Z',
    });
    expect(result.stdout).toContain('How far should this move you?');
    expect(result.stderr).toContain(`Saved as entry ${saved?.id}`);
    expect(draftIn(db)).toBeNull();
  });

  it('at a terminal shows what matters first, and the details only when asked for', async () => {
    const { cli } = journal();
    const declined = await cli(['reflect'], { answers: [...FULL_SCRIPT, false], tty: true });
    expect(declined.code).toBe(0);
    // The review screen comes first; the summary starts at its title line.
    const glance = declined.stdout.slice(declined.stdout.lastIndexOf('\nFellowship rejection  ·') + 1);
    expect(glance.indexOf('How far should this move you?')).toBeLessThan(glance.indexOf('Your next step:'));
    expect(glance).not.toContain('What the evaluator had to go on');
    expect(glance.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
    expect(declined.stderr).toContain('The details are in `noisy show');

    const accepted = await cli(['reflect'], { answers: [...FULL_SCRIPT, true], tty: true });
    expect(accepted.stdout).toContain('What the evaluator had to go on');
    expect(accepted.stdout).toContain('Worth knowing');
  });

  it('--full prints the whole summary at once at a terminal, and asks nothing more', async () => {
    const { cli } = journal();
    const result = await cli(['reflect', '--full'], { answers: FULL_SCRIPT, tty: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('How far should this move you?');
    expect(result.stdout).toContain('Worth knowing');
  });

  it('skips the prediction questions when declined, and takes "none" for no follow-up', async () => {
    const { cli, db } = journal();
    const script = [...FULL_SCRIPT.slice(0, 19), false, 'none', '', 'save'];
    expect((await cli(['reflect'], { answers: script })).code).toBe(0);
    expect(entriesIn(db)[0]).toMatchObject({ prediction: null, followUpOn: null, tags: [] });
  });

  it('a verdict on yourself skips the minutes-seen and selection-rate questions', async () => {
    const { cli, db } = journal();
    const script: Scripted[] = [
      'rejected',
      'self-assessment',
      'Decided I am bad at maths',
      'today',
      '', // story
      DEFAULT, // belief statement
      70,
      20,
      DEFAULT, // method: my own judgment
      'One failed proof', // what the verdict was based on
      ['skewed-comparison'],
      '',
      90,
      [],
      ['anxious'],
      '',
      false,
      DEFAULT,
      '',
      'save',
    ];
    const result = await cli(['reflect'], { answers: script });
    expect(result.code).toBe(0);
    expect(entriesIn(db)[0]).toMatchObject({
      kind: 'self-assessment',
      date: '2026-12-01',
      evaluation: { method: 'self-assessment', minutesSeen: null, whatTheySaw: 'One failed proof', selectionRate: null },
    });
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('This verdict came from your own judgment.');
    expect(result.stdout).toContain('(from your answers)');
  });

  it('a conversation asks how long it lasted but not what share of people get through', async () => {
    const { cli, db } = journal();
    const script: Scripted[] = [
      'rejected',
      'first-impression',
      'Coffee chat with a senior researcher',
      'yesterday',
      '', // where
      '', // story
      DEFAULT, // belief statement
      70,
      30,
      DEFAULT, // method: a conversation
      5, // minutes
      'My project idea', // what they saw
      ['little-information'],
      '',
      80,
      ['busy'],
      ['low-mood'],
      'send a one-page writeup',
      false,
      DEFAULT,
      '',
      'save',
    ];
    const { code, stderr } = await cli(['reflect'], { answers: script });
    expect(code, stderr).toBe(0);
    expect(entriesIn(db)[0]).toMatchObject({
      kind: 'first-impression',
      date: '2026-11-30',
      evaluation: { method: 'conversation', minutesSeen: 5, whatTheySaw: 'My project idea', selectionRate: null },
    });
  });

  it('Ctrl+C in the story exits 130, saves no entry and keeps what was typed as a draft', async () => {
    const { cli, db } = journal();
    const typed = 'Three paragraphs of what happened.\n\nAnd more.';
    const result = await cli(['reflect'], { answers: [...FULL_SCRIPT.slice(0, 5), interruptAfterTyping(typed)] });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Nothing was saved as an entry');
    expect(result.stderr).toContain('draft');
    expect(entriesIn(db)).toEqual([]);
    expect(draftIn(db)).toMatchObject({ kind: 'application', title: 'Fellowship rejection', date: '2026-11-30', extras: { organisation: 'Acme Fellowship' }, story: typed });
  });

  it('the next run offers the draft and pre-fills every answer from it', async () => {
    const { cli, db } = journal();
    // Stop at the confounders, after the belief figures and the evaluation are in the draft.
    await cli(['reflect'], { answers: [...FULL_SCRIPT.slice(0, 13), INTERRUPT] });
    const keep = Array.from({ length: 12 }, () => DEFAULT);
    const result = await cli(['reflect'], { answers: [true, ...keep, ...FULL_SCRIPT.slice(12)] });
    expect(result.code).toBe(0);
    expect(entriesIn(db)[0]).toMatchObject({
      title: 'Fellowship rejection',
      date: '2026-11-30',
      story: 'Got the email this morning.\nTwo weekends of work on the proposal.',
      belief: { before: 60, after: 15 },
      evaluation: { method: 'cv-screen', minutesSeen: 10, whatTheySaw: 'CV and a one-page proposal', selectionRate: 5 },
      extras: { organisation: 'Acme Fellowship' },
    });
    expect(draftIn(db)).toBeNull();
  });

  it('keeps a half-typed belief statement and offers it next time', async () => {
    const { cli, db } = journal();
    await cli(['reflect'], { answers: [...FULL_SCRIPT.slice(0, 6), interruptAfterTyping('I am good at resea')] });
    expect(draftIn(db)).toMatchObject({ belief: { statement: 'I am good at resea' } });
    // resume, then Enter through the outcome, kind, title, date, organisation, story and the statement
    const result = await cli(['reflect'], { answers: [true, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, INTERRUPT] });
    expect(result.code).toBe(130);
    expect(draftIn(db)).toMatchObject({ title: 'Fellowship rejection', belief: { statement: 'I am good at resea' } });
  });

  it('declining the draft starts fresh, and the old draft survives until the new one is saved', async () => {
    const { cli, db } = journal();
    await cli(['reflect'], { answers: [...FULL_SCRIPT.slice(0, 5), interruptAfterTyping('the old story')] });
    // Decline, pick a kind, then stop.
    const declined = await cli(['reflect'], { answers: [false, 'rejected', 'peer-review', INTERRUPT] });
    expect(declined.code).toBe(130);
    expect(declined.stderr).toContain('Starting fresh');
    // Only the kind was answered: nothing worth keeping, so the old draft is still there.
    expect(draftIn(db)).toMatchObject({ story: 'the old story' });
    // Declining and finishing saves the new entry and drops the old draft.
    const done = await cli(['reflect'], { answers: [false, ...FULL_SCRIPT] });
    expect(done.code).toBe(0);
    expect(entriesIn(db)).toHaveLength(1);
    expect(draftIn(db)).toBeNull();
  });

  it('Ctrl+C at the very first question leaves no draft behind', async () => {
    const { cli, db } = journal();
    const first = await cli(['reflect'], { answers: [INTERRUPT] });
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('Stopped. Nothing was saved.');
    const second = await cli(['reflect'], { answers: ['rejected', 'application', INTERRUPT] });
    expect(second.code).toBe(130);
    expect(second.stderr).toContain('Stopped. Nothing was saved.');
    expect(draftIn(db)).toBeNull();
    expect(entriesIn(db)).toEqual([]);
  });

  it('refuses a date in the future and a phrase it cannot read, at the prompt', async () => {
    const { cli } = journal();
    // The scripted asker fails the run when a question's own validation refuses an answer.
    const future = await cli(['reflect'], { answers: ['rejected', 'application', 'Title', 'tomorrow'] });
    // The same rule, in the same words, as for an answers file.
    expect(future.stderr).toContain('Date is in the future; the evaluation must have happened by today (2026-12-01).');
    const garbage = await journal().cli(['reflect'], { answers: ['rejected', 'application', 'Title', 'someday'] });
    expect(garbage.stderr).toContain('Write a date like 2026-11-20, "yesterday" or "last friday".');
  });
});

describe('noisy reflect: the review screen and stepping back', () => {
  const ANSWERED = FULL_SCRIPT.slice(0, 25);

  it('shows every answer before saving, and changes one picked from the list', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect'], { answers: [...ANSWERED, 'change', 'title', 'Rejected from MATS fellowship', 'save'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Your answers (nothing is saved yet)');
    expect(result.stdout).toMatch(/Title +Fellowship rejection\n/);
    expect(result.stdout).toMatch(/Share accepted +5%\n/);
    expect(result.stdout).toMatch(/Make a prediction +yes\n/);
    // The list is shown again after the change, with the new answer.
    expect(result.stdout).toMatch(/Title +Rejected from MATS fellowship\n/);
    expect(entriesIn(db)[0]).toMatchObject({ title: 'Rejected from MATS fellowship', belief: { before: 60, after: 15 }, tags: ['fellowship', 'ai'] });
    expect(result.stderr).toContain('Esc goes back one question');
    for (const line of result.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('Esc at a question goes back to the one before, past questions that were not asked', async () => {
    const { cli, db } = journal();
    const script: Scripted[] = [
      'rejected',
      'self-assessment',
      'Decided I am bad at maths',
      'today',
      '', // story
      DEFAULT, // belief statement
      70,
      BACK, // at "how likely now": back to "before"
      75,
      20,
      DEFAULT, // method: my own judgment
      BACK, // at "what was it based on": back to the method (minutes seen is not asked)
      DEFAULT,
      'One failed proof',
      ['skewed-comparison'],
      '',
      90,
      [],
      ['anxious'],
      '',
      false,
      DEFAULT,
      '',
      'save',
    ];
    const result = await cli(['reflect'], { answers: script });
    expect(result.code, result.stderr).toBe(0);
    expect(entriesIn(db)[0]).toMatchObject({ belief: { before: 75, after: 20 }, evaluation: { method: 'self-assessment', minutesSeen: null, whatTheySaw: 'One failed proof' } });
  });

  it('Esc on the review screen goes back to the last question', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect'], { answers: [...ANSWERED, BACK, 'fellowship mats', 'save'] });
    expect(result.code, result.stderr).toBe(0);
    expect(entriesIn(db)[0]?.tags).toEqual(['fellowship', 'mats']);
  });

  it('stopping on the review screen saves no entry, keeps every answer as a draft, and exits 0', async () => {
    const { cli, db } = journal();
    const stopped = await cli(['reflect'], { answers: [...ANSWERED, 'stop'] });
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('Nothing was saved as an entry. What you typed is kept as a draft');
    expect(entriesIn(db)).toEqual([]);
    expect(draftIn(db)).toMatchObject({ title: 'Fellowship rejection', prediction: { checkOn: '2027-03-01' }, tags: ['fellowship', 'ai'] });

    // Picked up next time, every answer is the default: Enter through all 24 questions, then save.
    const resumed = await cli(['reflect'], { answers: [true, ...ANSWERED.map(() => DEFAULT), 'save'] });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(entriesIn(db)[0]).toMatchObject({
      title: 'Fellowship rejection',
      prediction: { statement: 'I will get an interview by March', probability: 20, checkOn: '2027-03-01' },
      followUpOn: '2026-12-31',
      extras: { organisation: 'Acme Fellowship' },
    });
    expect(draftIn(db)).toBeNull();
  });

  it('a new method drops the questions that no longer apply', async () => {
    const { cli, db } = journal();
    // A verdict on yourself is its own kind of entry (methods fit their kind), and asks neither minutes nor a rate.
    // A new kind asks for its method again, then its checklists.
    const script: Scripted[] = [...ANSWERED, 'change', 'kind', 'self-assessment', 'self-assessment', [], [], 'save'];
    const result = await cli(['reflect'], { answers: script });
    expect(result.code, result.stderr).toBe(0);
    expect(entriesIn(db)[0]?.evaluation).toEqual({ method: 'self-assessment', minutesSeen: null, whatTheySaw: 'CV and a one-page proposal', selectionRate: null });
  });

  it('a new kind asks its own questions and its checklists again, and drops the old kind\'s', async () => {
    const { cli, db } = journal();
    const script: Scripted[] = [...ANSWERED, 'change', 'kind', 'peer-review', 'NeurIPS', 'peer-review', ['reviewer-disagreement'], ['reviewer-load'], 'save'];
    const result = await cli(['reflect'], { answers: script });
    expect(result.code, result.stderr).toBe(0);
    expect(entriesIn(db)[0]).toMatchObject({
      kind: 'peer-review',
      extras: { venue: 'NeurIPS' },
      confounders: ['reviewer-disagreement'],
      notAboutMeReasons: ['reviewer-load'],
      evaluation: { method: 'peer-review' },
    });
    expect(entriesIn(db)[0]?.extras).not.toHaveProperty('organisation');
  });

  it('saying yes to a prediction on the review screen asks its questions', async () => {
    const { cli, db } = journal();
    const script: Scripted[] = [...FULL_SCRIPT.slice(0, 19), false, DEFAULT, '', 'change', 'prediction', true, 'An interview by February', 30, '2027-02-01', 'save'];
    const result = await cli(['reflect'], { answers: script });
    expect(result.code, result.stderr).toBe(0);
    expect(entriesIn(db)[0]?.prediction).toEqual({ statement: 'An interview by February', probability: 30, checkOn: '2027-02-01' });
  });

  it('Esc at the question being changed leaves the answer as it was', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect'], { answers: [...ANSWERED, 'change', 'aboutMe', BACK, 'change', BACK, 'save'] });
    expect(result.code, result.stderr).toBe(0);
    expect(entriesIn(db)[0]?.aboutMe).toBe(80);
  });
});
