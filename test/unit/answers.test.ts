import { describe, expect, it } from 'vitest';
import { LIMITS, parseAnswers, type ParseResult } from '../../src/core/answers.js';
import { loadPacks } from '../../src/packs/load.js';
import { answers, exampleAnswers } from '../helpers/answers.js';

const packs = loadPacks();
const TODAY = '2026-12-01';
const parse = (raw: unknown): ParseResult => parseAnswers(raw, packs, TODAY);

function errorsOf(raw: unknown): string[] {
  const result = parse(raw);
  if (result.ok) throw new Error('expected the answers to be refused');
  return result.errors;
}

function ok(raw: unknown) {
  const result = parse(raw);
  if (!result.ok) throw new Error(`expected valid answers, got:\n${result.errors.join('\n')}`);
  return result.answers;
}

describe('parseAnswers', () => {
  it('accepts the example answers file, keeping every field', () => {
    const a = ok(exampleAnswers());
    expect(a).toMatchObject({
      kind: 'application',
      title: 'Fellowship rejection',
      date: '2026-11-20',
      belief: { statement: 'I can do well as a research engineer', before: 60, after: 15 },
      evaluation: { method: 'cv-screen', minutesSeen: 10, whatTheySaw: 'CV and a one-page proposal', selectionRate: 5 },
      confounders: ['little-information', 'off-paper-skills', 'not-about-you'],
      aboutMe: 80,
      notAboutMeReasons: ['strong-batch'],
      state: ['tired', 'low-mood'],
      prediction: { statement: 'I will get at least one interview by March', probability: 20, checkOn: '2027-03-01' },
      tags: ['fellowship'],
      extras: { organisation: 'An AI safety fellowship' },
    });
  });

  it('fills in defaults for what may be left out', () => {
    const a = ok({
      kind: 'peer-review',
      title: 'Reviews back',
      belief: { before: 50, after: 20 },
      evaluation: { method: 'peer-review' },
      aboutMe: 40,
    });
    expect(a).toEqual({
      kind: 'peer-review',
      outcome: 'rejected',
      title: 'Reviews back',
      date: TODAY,
      story: '',
      belief: { statement: packs['peer-review'].defaultBelief, before: 50, after: 20 },
      evaluation: { method: 'peer-review', minutesSeen: null, whatTheySaw: '', selectionRate: null },
      confounders: [],
      otherConfounders: '',
      aboutMe: 40,
      notAboutMeReasons: [],
      state: [],
      nextStep: '',
      prediction: null,
      followUpOn: '2026-12-31',
      tags: [],
      extras: {},
    });
  });

  it('trims text, normalises line endings and tags, and drops duplicate ids', () => {
    const a = ok(
      answers({
        title: '  Spaced out  ',
        story: 'line one\r\nline two\r\n',
        tags: ['#Fellowship', 'fellowship', 'AI_safety'],
        confounders: ['little-information', 'little-information'],
      }),
    );
    expect(a.title).toBe('Spaced out');
    expect(a.story).toBe('line one\nline two');
    expect(a.tags).toEqual(['fellowship', 'ai_safety']);
    expect(a.confounders).toEqual(['little-information']);
  });

  it('takes followUpOn null as no follow-up, and a date as given', () => {
    expect(ok(answers({ followUpOn: null })).followUpOn).toBeNull();
    expect(ok(answers({ followUpOn: '2027-01-15' })).followUpOn).toBe('2027-01-15');
  });

  it('accepts a pack extra at the top level or under "extras"', () => {
    expect(ok(answers({ organisation: 'Acme' })).extras).toEqual({ organisation: 'Acme' });
    expect(ok(answers({ extras: { organisation: 'Acme' } })).extras).toEqual({ organisation: 'Acme' });
    expect(ok(answers({ kind: 'peer-review', evaluation: { method: 'peer-review' }, confounders: [], venue: 'NeurIPS' })).extras).toEqual({ venue: 'NeurIPS' });
  });

  it('refuses another kind\'s extra', () => {
    expect(errorsOf(answers({ venue: 'NeurIPS' }))).toEqual(['venue: is not an answers-file field, nor an extra question for application entries']);
    expect(errorsOf(answers({ extras: { venue: 'NeurIPS' } }))).toEqual(['extras.venue: is not an extra question for application entries']);
  });

  it('accepts today and refuses a date in the future', () => {
    expect(ok(answers({ date: TODAY })).date).toBe(TODAY);
    expect(errorsOf(answers({ date: '2026-12-02' }))).toEqual(['date: is in the future; the evaluation must have happened by today (2026-12-01)']);
  });

  it.each([
    [{ kind: undefined }, 'kind: is required (one of application, first-impression'],
    [{ kind: 'exam' }, 'kind: must be one of application'],
    [{ title: undefined }, 'title: is required'],
    [{ title: '   ' }, 'title: must not be empty'],
    [{ title: 42 }, 'title: must be text, not 42'],
    [{ title: 'x'.repeat(LIMITS.title + 1) }, `title: is ${LIMITS.title + 1} characters long; at most ${LIMITS.title}`],
    [{ title: 'bell\u0007' }, 'title: contains a control character (<U+0007>); remove it'],
    [{ date: '20/11/2026' }, 'date: must be a day written YYYY-MM-DD'],
    [{ date: '2026-02-30' }, 'date: must be a day written YYYY-MM-DD'],
    [{ story: ['a'] }, 'story: must be text, not a list'],
    [{ belief: undefined }, 'belief: is required'],
    [{ belief: 'low' }, 'belief: must be an object'],
    [{ belief: { before: 60 } }, 'belief.after: is required (0–100)'],
    [{ belief: { before: 60, after: 140 } }, 'belief.after: must be 0 to 100 percent (got 140)'],
    [{ belief: { before: -1, after: 10 } }, 'belief.before: must be 0 to 100 percent (got -1)'],
    [{ belief: { before: '60', after: 10 } }, 'belief.before: must be a number from 0 to 100 percent, not text'],
    [{ belief: { before: 60, after: 10, confidence: 3 } }, 'belief.confidence: is not a known field'],
    [{ evaluation: undefined }, 'evaluation: is required'],
    [{ evaluation: { minutesSeen: 5 } }, 'evaluation.method: is required (one of cv-screen'],
    [{ evaluation: { method: 'vibes' } }, 'evaluation.method: must be one of cv-screen'],
    [{ evaluation: { method: 'cv-screen', minutesSeen: -5 } }, 'evaluation.minutesSeen: must be 0 to 525600 minutes (got -5)'],
    [{ evaluation: { method: 'cv-screen', selectionRate: 0 } }, 'evaluation.selectionRate: must be more than 0 to 100 percent (got 0)'],
    [{ evaluation: { method: 'cv-screen', selectionRate: 101 } }, 'evaluation.selectionRate: must be more than 0 to 100 percent (got 101)'],
    [{ evaluation: { method: 'cv-screen', rate: 5 } }, 'evaluation.rate: is not a known field'],
    [{ confounders: 'little-information' }, 'confounders: must be a list'],
    [{ confounders: ['state-clouding'] }, 'confounders[0]: "state-clouding" is not one of little-information'],
    [{ confounders: [7] }, 'confounders[0]: must be text, not 7'],
    [{ aboutMe: undefined }, 'aboutMe: is required (0–100)'],
    [{ aboutMe: 100.5 }, 'aboutMe: must be 0 to 100 percent (got 100.5)'],
    [{ notAboutMeReasons: ['busy'] }, 'notAboutMeReasons[0]: "busy" is not one of headcount'],
    [{ state: ['sad'] }, 'state[0]: "sad" is not one of tired, hungry'],
    [{ state: ['fine', 'tired'] }, 'state: "fine" cannot be listed together with'],
    [{ prediction: 'soon' }, 'prediction: must be an object'],
    [{ prediction: { statement: 'x', probability: 20 } }, 'prediction.checkOn: is required'],
    [{ prediction: { statement: 'x', probability: 20, checkOn: '2026-11-01' } }, "prediction.checkOn: must not be before the evaluation's date (2026-11-20)"],
    [{ prediction: { probability: 20, checkOn: '2027-03-01' } }, 'prediction.statement: is required'],
    [{ prediction: { statement: 'x', probability: 120, checkOn: '2027-03-01' } }, 'prediction.probability: must be 0 to 100 percent (got 120)'],
    [{ followUpOn: 'next month' }, 'followUpOn: must be a day written YYYY-MM-DD, or null'],
    [{ followUpOn: '2026-11-01' }, "followUpOn: must not be before the evaluation's date (2026-11-20)"],
    [{ tags: 'fellowship' }, 'tags: must be a list of words'],
    [{ tags: ['two words'] }, 'tags[0]: must be one word of letters, digits, - or _'],
    [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags: has 21 tags; at most 20'],
    [{ extras: 'Acme' }, 'extras: must be an object of text answers'],
    [{ mood: 'bad' }, 'mood: is not an answers-file field, nor an extra question for application entries'],
  ])('refuses %j', (override, expected) => {
    const errors = errorsOf(answers(override));
    expect(errors.some((e) => e.startsWith(expected)), errors.join('\n')).toBe(true);
  });

  it('lists every bad field at once, each by its path', () => {
    const errors = errorsOf(
      answers({
        title: '',
        date: '2030-01-01',
        belief: { before: 60, after: 140 },
        evaluation: { method: 'vibes', minutesSeen: 'lots' },
        aboutMe: -3,
        tags: [1],
      }),
    );
    expect(errors).toEqual([
      'title: must not be empty',
      'date: is in the future; the evaluation must have happened by today (2026-12-01)',
      'belief.after: must be 0 to 100 percent (got 140)',
      'evaluation.method: must be one of cv-screen, written-application, unstructured-interview, structured-interview, work-trial, job-performance, conversation, peer-review, self-assessment',
      'evaluation.minutesSeen: must be a number from 0 to 525600 minutes, not text',
      'aboutMe: must be 0 to 100 percent (got -3)',
      'tags[0]: must be one word of letters, digits, - or _ (at most 40 characters)',
    ]);
  });

  it('refuses a top level that is not an object', () => {
    expect(errorsOf([1, 2])).toEqual(['(top level): must be a JSON object like {"kind": "application", ...}']);
    expect(errorsOf(null)).toHaveLength(1);
  });

  it('with an unknown kind, still reports the other fields', () => {
    const errors = errorsOf(answers({ kind: 'exam', belief: { before: 200, after: 1 } }));
    expect(errors[0]).toMatch(/^kind: must be one of/);
    expect(errors).toContain('belief.before: must be 0 to 100 percent (got 200)');
  });
});

describe('parseAnswers: rules of the belief model', () => {
  it('refuses a rejection from a process that takes everyone (rate 100), and a method that does not fit the kind', () => {
    expect(errorsOf(answers({ evaluation: { method: 'cv-screen', selectionRate: 100 } }))).toEqual([
      expect.stringMatching(/^evaluation\.selectionRate: cannot be 100 for a rejection/),
    ]);
    expect(errorsOf(answers({ kind: 'peer-review', confounders: [], evaluation: { method: 'job-performance' } }))).toEqual([
      'evaluation.method: does not fit a peer-review entry: use one of peer-review',
    ]);
    expect(ok(answers({ evaluation: { method: 'cv-screen', selectionRate: 99.9 } })).evaluation.selectionRate).toBe(99.9);
  });

  it('reads the outcome: rejected when left out, accepted for good news, anything else refused by name', () => {
    expect(ok(answers()).outcome).toBe('rejected');
    expect(ok(answers({ outcome: null })).outcome).toBe('rejected');
    expect(ok(answers({ outcome: 'accepted' })).outcome).toBe('accepted');
    expect(errorsOf(answers({ outcome: 'offer' }))).toEqual(['outcome: must be one of rejected, accepted']);
    expect(errorsOf(answers({ outcome: true }))).toEqual(['outcome: must be one of rejected, accepted']);
  });

  it('refuses good news from a process that takes no one (rate 0); good news where everyone gets through is possible', () => {
    expect(errorsOf(answers({ outcome: 'accepted', evaluation: { method: 'cv-screen', selectionRate: 0 } }))).toEqual([
      expect.stringMatching(/^evaluation\.selectionRate: cannot be 0 for an acceptance/),
    ]);
    expect(ok(answers({ outcome: 'accepted', evaluation: { method: 'cv-screen', selectionRate: 100 } })).evaluation.selectionRate).toBe(100);
    // With a wrong outcome, the rate is not judged against it: one mistake, one message.
    expect(errorsOf(answers({ outcome: 'maybe', evaluation: { method: 'cv-screen', selectionRate: 100 } }))).toEqual(['outcome: must be one of rejected, accepted']);
  });

  it('still reads such answers from an entry already stored (an import), so nothing old is lost', () => {
    const stored = parseAnswers(answers({ kind: 'peer-review', confounders: [], evaluation: { method: 'job-performance', selectionRate: 100 } }), packs, TODAY, { stored: true });
    expect(stored.ok).toBe(true);
    if (stored.ok) expect(stored.answers.evaluation).toMatchObject({ method: 'job-performance', selectionRate: 100 });
  });
});

describe('parseAnswers: one wrong date, one message', () => {
  it('does not compare the follow-up or prediction dates with a date that is itself wrong', () => {
    const result = parseAnswers(
      answers({ date: '2026-13-01', followUpOn: '2026-12-05', prediction: { statement: 'x', probability: 20, checkOn: '2026-12-20' } }),
      loadPacks(),
      '2026-12-01',
    );
    expect(result).toEqual({ ok: false, errors: ['date: must be a day written YYYY-MM-DD'] });
  });
});
