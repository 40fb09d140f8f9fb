import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/core/answers.js';
import { ANSWER_FIELDS, deletePath, entryFields, FOLLOW_UP_FIELDS, getPath, setPath, type EntryEnv } from '../../src/core/fields.js';
import { parseFollowUpAnswers } from '../../src/core/followup.js';
import { problemText } from '../../src/commands/questions.js';
import { loadPacks } from '../../src/packs/load.js';
import { answers, exampleAnswers } from '../helpers/answers.js';
import { makeEntry } from '../helpers/entries.js';

const packs = loadPacks();
const TODAY = '2026-12-01';
const env: EntryEnv = { packs, pack: packs.application, today: TODAY, date: '2026-11-20' };
const field = (path: string) => {
  const found = entryFields(packs.application).find((f) => f.path === path);
  if (!found) throw new Error(`no field ${path}`);
  return found;
};

describe('the answer fields', () => {
  it('name every top-level field of the answers file, and nothing else', () => {
    expect([...ANSWER_FIELDS].sort()).toEqual(
      ['outcome', 'kind', 'title', 'date', 'story', 'belief', 'evaluation', 'confounders', 'otherConfounders', 'aboutMe', 'notAboutMeReasons', 'state', 'nextStep', 'prediction', 'followUpOn', 'tags', 'extras'].sort(),
    );
    const example = exampleAnswers();
    for (const key of Object.keys(example)) expect(ANSWER_FIELDS.includes(key) || key === 'organisation', key).toBe(true);
  });

  it('include a pack\'s own questions, under extras', () => {
    expect(entryFields(packs['peer-review']).map((f) => f.path)).toContain('extras.venue');
    expect(entryFields(packs.application).map((f) => f.path)).not.toContain('extras.venue');
  });

  it.each([
    ['title', '', 'title: must not be empty', 'Title must not be empty.'],
    ['title', 'x'.repeat(201), 'title: is 201 characters long; at most 200', 'Title is 201 characters long; at most 200.'],
    ['date', '2026-12-02', 'date: is in the future; the evaluation must have happened by today (2026-12-01)', 'Date is in the future; the evaluation must have happened by today (2026-12-01).'],
    ['state', ['fine', 'tired'], 'state: "fine" cannot be listed together with tired, hungry, low-mood, anxious or unwell', 'How you are: "fine" cannot be listed together with tired, hungry, low-mood, anxious or unwell.'],
    ['tags', ['ok', 'not ok'], 'tags[1]: must be one word of letters, digits, - or _ (at most 40 characters)', 'Tags: "not ok" must be one word of letters, digits, - or _ (at most 40 characters).'],
  ])('a question refuses %s %j with the answers file\'s words', (path, value, fileMessage, promptMessage) => {
    const raw = answers();
    setPath(raw, path, value);
    const result = parseAnswers(raw, packs, TODAY);
    expect(result.ok ? [] : result.errors).toContain(fileMessage);
    expect(problemText(field(path), value, env, raw)).toBe(promptMessage);
  });

  it('compare later days with the evaluation\'s date, from the file and at the prompt alike', () => {
    const raw = answers({ prediction: { statement: 'x', probability: 20, checkOn: '2026-11-01' } });
    const result = parseAnswers(raw, packs, TODAY);
    expect(result.ok ? [] : result.errors).toEqual(["prediction.checkOn: must not be before the evaluation's date (2026-11-20)"]);
    expect(problemText(field('prediction.checkOn'), '2026-11-01', env, raw)).toBe("Check on must not be before the evaluation's date (2026-11-20).");
    expect(problemText(field('followUpOn'), '2026-11-20', env, raw)).toBeNull();
  });

  it('say which questions a method leaves out', () => {
    const own = { evaluation: { method: 'self-assessment' } };
    const talk = { evaluation: { method: 'conversation' } };
    expect(field('evaluation.minutesSeen').asked?.(own, env)).toBe(false);
    expect(field('evaluation.minutesSeen').asked?.(talk, env)).toBe(true);
    expect(field('evaluation.selectionRate').asked?.(talk, env)).toBe(false);
    expect(field('prediction.statement').asked?.({ prediction: null }, env)).toBe(false);
    expect(field('prediction.statement').asked?.({ prediction: {} }, env)).toBe(true);
  });

  it('follow-up fields refuse what a follow-up file refuses, with its words', () => {
    const entry = makeEntry({ prediction: { statement: 'An interview by March', probability: 20, checkOn: '2027-03-01' } });
    const beliefNow = FOLLOW_UP_FIELDS.find((f) => f.path === 'beliefNow')!;
    const fileResult = parseFollowUpAnswers({ beliefNow: 140, tookNextStep: true, predictionCameTrue: true }, entry, TODAY);
    expect(fileResult.ok ? [] : fileResult.errors).toEqual(['beliefNow: must be 0 to 100 percent (got 140)']);
    expect(problemText(beliefNow, 140, { entry, today: TODAY }, {})).toBe('Belief now must be 0 to 100 percent (got 140).');
  });
});

describe('paths into answers', () => {
  it('get, set and delete fields inside groups', () => {
    const raw: Record<string, unknown> = {};
    setPath(raw, 'belief.before', 60);
    setPath(raw, 'extras.venue', 'NeurIPS');
    expect(raw).toEqual({ belief: { before: 60 }, extras: { venue: 'NeurIPS' } });
    expect(getPath(raw, 'belief.before')).toBe(60);
    expect(getPath(raw, 'belief.after')).toBeUndefined();
    expect(getPath(raw, 'title.x')).toBeUndefined();
    deletePath(raw, 'extras.venue');
    deletePath(raw, 'belief');
    expect(raw).toEqual({ extras: {} });
  });
});
