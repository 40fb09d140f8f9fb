import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { answersOf } from '../../src/core/revisions.js';
import { Store } from '../../src/storage/store.js';
import { exampleAnswers } from '../helpers/answers.js';
import { BACK, journal } from '../helpers/cli.js';

type Journal = ReturnType<typeof journal>;

async function addEntry(j: Journal, overrides: Record<string, unknown> = {}, now?: Date): Promise<Entry> {
  const result = await j.cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify({ ...exampleAnswers(), ...overrides }), now });
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

const patch = (j: Journal, id: string, body: unknown, argv: string[] = []) =>
  j.cli(['edit', id, '--answers', '-', ...argv], { stdin: typeof body === 'string' ? body : JSON.stringify(body), now: new Date('2026-12-05T09:30:00Z') });

describe('noisy edit ID --answers (a merge patch)', () => {
  it('changes what the patch names, keeps the rest, and keeps the answers before as a revision', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await patch(j, entry.id.slice(0, 5), { title: 'Rejected from MATS fellowship', evaluation: { selectionRate: 2 } }, ['--json']);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout) as { entry: Entry; assessment: { selectionRate: unknown } };
    expect(Object.keys(doc)).toEqual(['entry', 'assessment']);
    expect(doc.entry).toEqual(stored(j, entry.id));
    expect(doc.entry).toMatchObject({
      title: 'Rejected from MATS fellowship',
      evaluation: { method: 'cv-screen', minutesSeen: 10, whatTheySaw: 'CV and a one-page proposal', selectionRate: 2 },
      belief: entry.belief,
      createdAt: entry.createdAt,
    });
    expect(doc.entry.revisions).toEqual([
      { revisedAt: '2026-12-05T09:30:00.000Z', changed: ['title', 'evaluation.selectionRate'], previous: answersOf(entry) },
    ]);
    // The assessment is worked out again from the new answers.
    const before = JSON.parse((await j.cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(exampleAnswers()) })).stdout) as { assessment: unknown };
    expect(doc.assessment).not.toEqual(before.assessment);
    expect(result.stderr).toContain(`noisy show ${entry.id} --revisions`);
  });

  it.each([
    ['text', { story: 'It came on a Friday.' }, (e: Entry) => e.story, 'It came on a Friday.'],
    ['a number', { aboutMe: 30 }, (e: Entry) => e.aboutMe, 30],
    ['a percent inside a group', { belief: { after: 40 } }, (e: Entry) => e.belief, { statement: 'I can do well as a research engineer', before: 60, after: 40, id: expect.stringMatching(/^b-/) }],
    ['a choice', { evaluation: { method: 'work-trial' } }, (e: Entry) => e.evaluation.method, 'work-trial'],
    ['a checklist (a list replaces)', { confounders: ['interview-variance'] }, (e: Entry) => e.confounders, ['interview-variance']],
    ['the state', { state: ['fine'] }, (e: Entry) => e.state, ['fine']],
    ['a day', { date: '2026-11-18' }, (e: Entry) => e.date, '2026-11-18'],
    ['the follow-up day', { followUpOn: '2027-01-10' }, (e: Entry) => e.followUpOn, '2027-01-10'],
    ['tags', { tags: ['fellowship', '#MATS'] }, (e: Entry) => e.tags, ['fellowship', 'mats']],
    ['a pack\'s own question, at the top level', { organisation: 'MATS' }, (e: Entry) => e.extras, { organisation: 'MATS' }],
    ['a pack\'s own question, under extras', { extras: { organisation: 'MATS' } }, (e: Entry) => e.extras, { organisation: 'MATS' }],
    ['a prediction, part of it', { prediction: { probability: 35 } }, (e: Entry) => e.prediction, { statement: 'I will get at least one interview by March', probability: 35, checkOn: '2027-03-01' }],
    ['a skipped answer', { otherConfounders: 'They took 60 of 3,000' }, (e: Entry) => e.otherConfounders, 'They took 60 of 3,000'],
  ])('changes %s', async (_what, body, read, expected) => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await patch(j, entry.id, body);
    expect(result.code, result.stderr).toBe(0);
    const after = stored(j, entry.id);
    expect(read(after)).toEqual(expected);
    expect(after.revisions).toHaveLength(1);
    expect(after.revisions[0]?.previous).toEqual(answersOf(entry));
  });

  it('null removes a field: an unknown figure, the prediction, the follow-up, a pack\'s answer', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await patch(j, entry.id, { evaluation: { minutesSeen: null }, prediction: null, followUpOn: null, organisation: null, tags: null });
    expect(result.code, result.stderr).toBe(0);
    const after = stored(j, entry.id);
    expect(after).toMatchObject({ evaluation: { minutesSeen: null, selectionRate: 5 }, prediction: null, followUpOn: null, extras: {}, tags: [] });
    expect(after.revisions[0]?.changed).toEqual(['evaluation.minutesSeen', 'prediction', 'followUpOn', 'tags', 'extras.organisation']);
  });

  it('adds a prediction to an entry that had none', async () => {
    const j = journal();
    const entry = await addEntry(j, { prediction: null });
    const result = await patch(j, entry.id, { prediction: { statement: 'An interview by April', probability: 25, checkOn: '2027-04-01' } });
    expect(result.code, result.stderr).toBe(0);
    expect(stored(j, entry.id).prediction).toEqual({ statement: 'An interview by April', probability: 25, checkOn: '2027-04-01' });
  });

  it.each([
    [{ belief: { after: 140 } }, ['belief.after: must be 0 to 100 percent (got 140)']],
    [{ title: null }, ['title: is required']],
    [{ kind: 'exam' }, ['kind: must be one of application, first-impression, job-performance, self-assessment, peer-review']],
    [{ mood: 'low' }, ['mood: is not an answers-file field, nor an extra question for application entries']],
    [{ date: '2026-12-06' }, ['date: is in the future; the evaluation must have happened by today (2026-12-05)']],
    [{ prediction: { checkOn: '2026-01-01' } }, ["prediction.checkOn: must not be before the evaluation's date (2026-11-20)"]],
    [{ state: ['fine', 'tired'] }, ['state: "fine" cannot be listed together with tired, hungry, low-mood, anxious or unwell']],
    [{ kind: 'peer-review' }, ['confounders[1]: "off-paper-skills" is not one of little-information, reviewer-disagreement, not-about-you']],
    [[1, 2], ['(top level): must be a JSON object like {"kind": "application", ...}']],
  ])('refuses %j with the answers file\'s messages, exit 2, and changes nothing', async (body, messages) => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await patch(j, entry.id, body);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^noisy: The answers in standard input have (a problem|\d+ problems); nothing was changed:/);
    for (const message of messages) expect(result.stderr).toContain(`  ${message}`);
    expect(stored(j, entry.id)).toEqual(entry);
  });

  it('refuses a patch that is not JSON with exit 2', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await patch(j, entry.id, '{"title": ');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not valid JSON');
    expect(stored(j, entry.id).revisions).toEqual([]);
  });

  it('a patch that changes nothing keeps no revision', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await patch(j, entry.id, { title: entry.title, tags: entry.tags });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Nothing changed');
    expect(stored(j, entry.id).revisions).toEqual([]);
  });

  it('an id that does not exist exits 1 like show, and creates no journal', async () => {
    const j = journal();
    const missing = await patch(j, 'abcd2345ef', { title: 'x' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No entry with id abcd2345ef');
    expect(existsSync(j.db)).toBe(false);
    await addEntry(j);
    const result = await patch(j, 'abcd2345ef', { title: 'x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No entry with id abcd2345ef');
  });

  it('keeps the follow-ups of an entry, and every edit in order', async () => {
    const j = journal();
    const entry = await addEntry(j, { date: '2026-10-20', followUpOn: '2026-11-01' }, new Date('2026-10-25T09:00:00'));
    const followed = await j.cli(['followup', entry.id, '--answers', '-'], { stdin: JSON.stringify({ beliefNow: 45, tookNextStep: true, whatHappened: 'Learned they took 60 of 3,000.', predictionCameTrue: null }) });
    expect(followed.code, followed.stderr).toBe(0);
    const withFollowUp = stored(j, entry.id);
    expect(withFollowUp.followUps).toHaveLength(1);

    expect((await patch(j, entry.id, { evaluation: { selectionRate: 2 } })).code).toBe(0);
    expect((await patch(j, entry.id, { tags: ['fellowship', 'mats'] })).code).toBe(0);
    const after = stored(j, entry.id);
    expect(after.followUps).toEqual(withFollowUp.followUps);
    expect(after.followUpOn).toBe(withFollowUp.followUpOn);
    expect(after.revisions.map((r) => r.changed)).toEqual([['evaluation.selectionRate'], ['tags']]);
    expect(after.revisions[1]?.previous.evaluation.selectionRate).toBe(2);
    expect(after.revisions[0]?.previous).toEqual(answersOf(withFollowUp));

    const show = await j.cli(['show', entry.id, '--revisions']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Edits, oldest first');
    expect(show.stdout).toMatch(/Share accepted +5% → 2%/);
    expect(show.stdout).toMatch(/Tags +#fellowship → #fellowship #mats/);
    for (const line of show.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const plain = await j.cli(['show', entry.id]);
    expect(plain.stderr).toContain(`Edited 2 times; \`noisy show ${entry.id} --revisions\``);
    const json = JSON.parse((await j.cli(['show', entry.id, '--json'])).stdout) as { entry: Entry };
    expect(json.entry.revisions).toEqual(after.revisions);
    // History reads the new answers.
    const history = JSON.parse((await j.cli(['history', '--json', '--tag', 'mats'])).stdout) as { summary: { entries: number } };
    expect(history.summary.entries).toBe(1);
  });
});

describe('noisy edit at a terminal (the review screen)', () => {
  it('changes any answer, including one that was skipped, and keeps the one before', async () => {
    const j = journal();
    const entry = await addEntry(j, { otherConfounders: '' });
    const result = await j.cli(['edit', entry.id], {
      answers: ['change', 'otherConfounders', 'They took 60 of 3,000', 'change', 'evaluation.selectionRate', 2, 'save'],
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Editing "Fellowship rejection" (${entry.id})`);
    expect(result.stdout).toMatch(/Anything else +\(empty\)/);
    const after = stored(j, entry.id);
    expect(after).toMatchObject({ otherConfounders: 'They took 60 of 3,000', evaluation: { selectionRate: 2 } });
    expect(after.revisions).toMatchObject([{ changed: ['evaluation.selectionRate', 'otherConfounders'], previous: answersOf(entry) }]);
  });

  it('stopping changes nothing; Esc at a changed question keeps the answer', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await j.cli(['edit', entry.id], { answers: ['change', 'title', BACK, 'stop'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Nothing was changed in ${entry.id}.`);
    expect(stored(j, entry.id)).toEqual(entry);
  });

  it('without a terminal and without --answers exits 2 and names --answers', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const result = await j.cli(['edit', entry.id]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--answers');
    for (const line of result.stderr.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});

describe('revisions in export and import', () => {
  it('round-trip through a JSON export losslessly, and show readably in Markdown', async () => {
    const j = journal();
    const entry = await addEntry(j);
    expect((await patch(j, entry.id, { evaluation: { selectionRate: 2 }, tags: ['fellowship', 'mats'] })).code).toBe(0);
    expect((await patch(j, entry.id, { prediction: null })).code).toBe(0);
    const edited = stored(j, entry.id);
    expect(edited.revisions).toHaveLength(2);

    const exported = await j.cli(['export', '--format', 'json']);
    expect(exported.code, exported.stderr).toBe(0);
    const doc = JSON.parse(exported.stdout) as { entries: Entry[] };
    expect(doc.entries[0]?.revisions).toEqual(edited.revisions);

    const other = journal();
    const imported = await other.cli(['import', '-'], { stdin: exported.stdout });
    expect(imported.code, imported.stderr).toBe(0);
    expect(stored(other, entry.id)).toEqual(edited);
    const again = await other.cli(['export', '--format', 'json']);
    expect(again.stdout).toBe(exported.stdout);

    const markdown = await j.cli(['export']);
    // As it reads: lines joined, and a # that a wrapped line starts with unescaped.
    const page = markdown.stdout.replace(/\\#/g, '#').replace(/\s+/g, ' ');
    expect(page).toMatch(/: you changed "Share accepted" from 5% to 2%; "Tags" from #fellowship to #fellowship #mats\./);
    expect(page).toMatch(/: you changed "Make a prediction" from yes to no\./);
  });

  it('an export from before edits (no "revisions") still imports; a bad revision is named by its path', async () => {
    const j = journal();
    const entry = await addEntry(j);
    const exported = JSON.parse((await j.cli(['export', '--format', 'json'])).stdout) as { entries: Record<string, unknown>[] };
    delete exported.entries[0]!.revisions;
    const old = journal();
    const imported = await old.cli(['import', '-'], { stdin: JSON.stringify(exported) });
    expect(imported.code, imported.stderr).toBe(0);
    expect(stored(old, entry.id).revisions).toEqual([]);

    exported.entries[0]!.revisions = [{ revisedAt: 'yesterday', changed: ['title'], previous: { ...answersOf(entry), belief: { before: 60, after: 140 } } }];
    const bad = await journal().cli(['import', '-'], { stdin: JSON.stringify(exported) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('entries[0].revisions[0].revisedAt: must be an ISO timestamp');
    expect(bad.stderr).toContain('entries[0].revisions[0].previous.belief.after: must be 0 to 100 percent (got 140)');
  });
});
