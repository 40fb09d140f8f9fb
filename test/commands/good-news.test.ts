// Good news (issue 13): an entry's outcome can be `accepted`. The flow for it is short and never asks
// about confounders or whether it was about you; the summary's words fit good news; show, list,
// edit, the exports and history carry it.
import { describe, expect, it } from 'vitest';
import { answers } from '../helpers/answers.js';
import { journal, type Scripted } from '../helpers/cli.js';
import { Store } from '../../src/storage/store.js';
import type { Entry } from '../../src/core/entry.js';

function entriesIn(db: string): Entry[] {
  const store = Store.open(db, { create: false });
  try {
    return store.listEntries();
  } finally {
    store.close();
  }
}

/** Every question of good news after months in a job, answered in the order they are asked. */
const GOOD_NEWS_SCRIPT: Scripted[] = [
  'accepted', // a setback or good news
  'job-performance', // kind
  'Kept on after the trial', // title
  'yesterday', // date
  'They said the last three months went well.', // story
  'I can do well as a research engineer', // belief statement
  40, // before
  45, // after
  'job-performance', // method: months of actual work
  null, // minutes seen: not known (months are not counted in minutes)
  'Three months of projects', // what they saw
  30, // share kept on
  'save', // the review screen
];

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('good news at a terminal', () => {
  it('asks only what happened, the evaluation and the belief, and saves it as good news', async () => {
    const { cli, db } = journal();
    const result = await cli(['reflect', '--full'], { answers: GOOD_NEWS_SCRIPT });
    expect(result.code, result.stderr).toBe(0);
    const [entry] = entriesIn(db);
    expect(entry).toMatchObject({
      outcome: 'accepted',
      kind: 'job-performance',
      title: 'Kept on after the trial',
      date: '2026-11-30',
      belief: { before: 40, after: 45 },
      evaluation: { method: 'job-performance', minutesSeen: null, whatTheySaw: 'Three months of projects', selectionRate: 30 },
      confounders: [],
      aboutMe: 50,
      notAboutMeReasons: [],
      state: [],
      nextStep: '',
      prediction: null,
      followUpOn: null,
    });
    // The review screen lists what was asked, and nothing of a setback's questions.
    expect(result.stdout).toMatch(/Setback or good news +Good news\n/);
    for (const label of ['What played a part', 'About your ability', 'Not about you', 'How you are', 'Next step', 'Tags']) {
      expect(result.stdout).not.toMatch(new RegExp(`\\n  ${label} `));
    }
    const text = flat(result.stdout);
    expect(text).toContain('good news · job performance');
    // Months in the role are strong evidence, and 40 → 45 is far less than they support: said plainly.
    expect(text).toContain('This is strong evidence: months on the job sees a lot of how you work, and it deserves real weight. Let it count.');
    expect(text).toMatch(/You moved (far )?less than this good news supports: a calibrated person would go up further, to between \d+% and \d+%\./);
    expect(text).toContain('Good news is easy to wave away as luck');
    // No setback's reassurance, no noise notes or facts that explain it away, no "was it about you".
    for (const setback of ['the sting talking', 'turned down', 'Noise in this evaluation', 'Was it about you?', 'Worth knowing', 'one stretch of time', 'less than it feels']) {
      expect(text).not.toContain(setback);
    }
    for (const line of result.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('a good-news title question gives a good-news example', async () => {
    const { cli } = journal();
    const script: Scripted[] = ['accepted', 'application', 'Offer', 'today', '', 'I can do this work', 50, 60, 'structured-interview', 45, '', 20, 'save'];
    const result = await cli(['reflect', '--full'], { answers: script });
    expect(result.code, result.stderr).toBe(0);
    expect(flat(result.stdout)).toContain('a yes where few get one says more than a yes where most do');
  });

  it('switching a setback to good news on the review screen drops the setback-only answers from the model', async () => {
    const { cli, db } = journal();
    const setback: Scripted[] = [
      'rejected', 'application', 'Fellowship', 'today', 'Acme', '', 'I can do this work', 60, 40, 'cv-screen', 10, '', 5,
      ['little-information', 'not-about-you'], '', 90, [], ['tired'], 'apply again', false, 'none', '',
    ];
    const result = await cli(['reflect', '--json'], { answers: [...setback, 'change', 'outcome', 'accepted', 'save'] });
    expect(result.code, result.stderr).toBe(0);
    const [entry] = entriesIn(db);
    expect(entry).toMatchObject({ outcome: 'accepted', confounders: [], aboutMe: 50, state: [], notAboutMeReasons: [] });
    // What was typed stays: nothing anyone wrote is thrown away by a switch.
    expect(entry).toMatchObject({ nextStep: 'apply again', extras: { organisation: 'Acme' } });
  });
});

describe('good news in an answers file', () => {
  it('needs no "about me" and plans no follow-up unless given', async () => {
    const { cli, db } = journal();
    const good = { kind: 'application', outcome: 'accepted', title: 'Offer', belief: { before: 50, after: 70 }, evaluation: { method: 'structured-interview', minutesSeen: 45, selectionRate: 20 } };
    const result = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(good) });
    expect(result.code, result.stderr).toBe(0);
    expect(entriesIn(db)[0]).toMatchObject({ outcome: 'accepted', aboutMe: 50, followUpOn: null });
    // A setback still needs it.
    const setback = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify({ ...good, outcome: 'rejected' }) });
    expect(setback.code).toBe(2);
    expect(setback.stderr).toContain('aboutMe: is required');
  });
});

describe('good news in show, list, edit and the exports', () => {
  async function saved() {
    const j = journal();
    const result = await j.cli(['reflect', '--answers', '-', '--json'], {
      stdin: JSON.stringify(answers({ outcome: 'accepted', title: 'Paper accepted', kind: 'peer-review', confounders: [], aboutMe: undefined, state: [], evaluation: { method: 'peer-review', selectionRate: 25 } })),
    });
    expect(result.code, result.stderr).toBe(0);
    return { ...j, id: (JSON.parse(result.stdout) as { entry: Entry }).entry.id };
  }

  it('show and list say it is good news; peer review is worded as a judgement of a paper', async () => {
    const { cli, id } = await saved();
    const shown = await cli(['show', id]);
    expect(shown.stdout).toMatch(/Outcome +good news\n/);
    expect(flat(shown.stdout)).toContain('reviews judge a paper, not a person');
    const listed = await cli(['list']);
    expect(listed.stdout).toContain('peer review (good news)');
    for (const line of [...shown.stdout.split('\n'), ...listed.stdout.split('\n')]) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('edit changes the outcome, checked like an answers file', async () => {
    const { cli, db, id } = await saved();
    const wrong = await cli(['edit', id, '--answers', '-'], { stdin: '{"outcome": "offer"}' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('outcome: must be one of rejected, accepted');
    const back = await cli(['edit', id, '--answers', '-', '--json'], { stdin: '{"outcome": "rejected"}' });
    expect(back.code, back.stderr).toBe(0);
    const doc = JSON.parse(back.stdout) as { entry: Entry; assessment: { likelihoodRatio: number } };
    expect(doc.entry.outcome).toBe('rejected');
    expect(doc.assessment.likelihoodRatio).toBeLessThan(1);
    expect(entriesIn(db)[0]?.revisions[0]).toMatchObject({ changed: ['outcome'], previous: { outcome: 'accepted' } });
  });

  it('the JSON export carries it through an import; the Markdown export says it', async () => {
    const { cli, dir, id } = await saved();
    const file = `${dir}/backup.json`;
    expect((await cli(['export', '--format', 'json', '-o', file])).code).toBe(0);
    const other = journal();
    expect((await other.cli(['import', file])).code).toBe(0);
    expect(entriesIn(other.db)[0]).toMatchObject({ id, outcome: 'accepted' });
    const md = await cli(['export', '--format', 'md', '-o', '-']);
    expect(md.stdout).toContain('Peer review · good news');
    // Good news is not asked whether it was about you: the stand-in 50% is not reported as an answer.
    expect(md.stdout).not.toContain('of the outcome down to your ability');
  });
});
