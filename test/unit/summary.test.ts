import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/core/answers.js';
import { FACTS } from '../../src/core/facts.js';
import type { Entry } from '../../src/core/entry.js';
import { assess, informationLevel } from '../../src/core/summary.js';
import { warrantedUpdate } from '../../src/core/warranted.js';
import { loadPacks } from '../../src/packs/load.js';
import { oneColumnEach, styler, visibleLength } from '../../src/ui/style.js';
import { renderSummary } from '../../src/ui/summary-text.js';
import { answers, exampleAnswers } from '../helpers/answers.js';

const packs = loadPacks();

function entry(raw: Record<string, unknown>, id = 'abcd2345ef'): Entry {
  const result = parseAnswers(raw, packs, '2026-12-01');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return { ...result.answers, id, createdAt: '2026-12-01T10:00:00.000Z', followUps: [], revisions: [] };
}

const assessed = (raw: Record<string, unknown>, id?: string) => {
  const e = entry(raw, id);
  return assess(e, packs[e.kind]);
};

describe('assess', () => {
  it('starts with every warranted-update figure, in the model\'s own order (what --json prints)', () => {
    const e = entry(answers({ confounders: ['not-about-you'], evaluation: { method: 'cv-screen', minutesSeen: 10, selectionRate: null } }));
    const w = warrantedUpdate({
      kind: e.kind,
      method: e.evaluation.method,
      before: e.belief.before,
      after: e.belief.after,
      minutesSeen: e.evaluation.minutesSeen,
      selectionRate: e.evaluation.selectionRate,
      confounders: e.confounders,
    });
    const a = assess(e, packs[e.kind]);
    const keys = Object.keys(w);
    expect(Object.keys(a).slice(0, keys.length)).toEqual(keys);
    expect(Object.fromEntries(keys.map((k) => [k, a[k as keyof typeof a]]))).toEqual(w);
  });

  it('lists the ticked noise categories with the pack\'s words, marked as yours', () => {
    const a = assessed(answers({ confounders: ['off-paper-skills', 'not-about-you'], evaluation: { method: 'cv-screen', minutesSeen: 120 } }));
    expect(a.noise.map((n) => [n.id, n.from])).toEqual([
      ['off-paper-skills', 'you'],
      ['not-about-you', 'you'],
    ]);
    const pack = packs.application.confounders.find((c) => c.id === 'off-paper-skills');
    expect(a.noise[0]).toMatchObject({ label: pack?.label, why: pack?.why });
  });

  it('infers little-information from a short look, first, when it was not ticked', () => {
    const a = assessed(answers({ confounders: ['not-about-you'], evaluation: { method: 'cv-screen', minutesSeen: 10 } }));
    expect(a.noise.map((n) => [n.id, n.from])).toEqual([
      ['little-information', 'answers'],
      ['not-about-you', 'you'],
    ]);
  });

  it('does not infer little-information twice, or from a long look, or for kinds without it', () => {
    expect(assessed(answers({ confounders: ['little-information'] })).noise.filter((n) => n.id === 'little-information')).toEqual([
      expect.objectContaining({ from: 'you' }),
    ]);
    expect(assessed(answers({ confounders: [], evaluation: { method: 'work-trial', minutesSeen: 60 } })).noise).toEqual([]);
    expect(assessed(answers({ confounders: [], evaluation: { method: 'cv-screen' } })).noise).toEqual([]);
    const job = assessed(answers({ kind: 'job-performance', confounders: [], evaluation: { method: 'work-trial', minutesSeen: 5 } }));
    expect(job.noise).toEqual([]);
  });

  it('infers state-clouding for a self-assessment made while tired, anxious...', () => {
    const self = { kind: 'self-assessment', confounders: ['skewed-comparison'], evaluation: { method: 'self-assessment' } };
    const clouded = assessed(answers({ ...self, state: ['anxious'] }));
    expect(clouded.noise.map((n) => [n.id, n.from])).toEqual([
      ['skewed-comparison', 'you'],
      ['state-clouding', 'answers'],
    ]);
    expect(clouded.cloudedBy).toEqual(['anxious']);
    expect(assessed(answers({ ...self, state: ['fine'] })).noise.map((n) => n.id)).toEqual(['skewed-comparison']);
    expect(assessed(answers({ ...self, state: ['hungry'], confounders: ['state-clouding'] })).noise).toEqual([
      expect.objectContaining({ id: 'state-clouding', from: 'you' }),
    ]);
  });

  it('calls a mostly-about-me verdict heavy when the evidence is thin or noisy', () => {
    const heavy = (over: Record<string, unknown>) => assessed(answers(over)).aboutMe.heavyForTheEvidence;
    // thin: 10 minutes seen
    expect(heavy({ aboutMe: 60, confounders: [], evaluation: { method: 'cv-screen', minutesSeen: 10 } })).toBe(true);
    // noisy: two confounders ticked, though they saw hours
    expect(heavy({ aboutMe: 90, confounders: ['off-paper-skills', 'not-about-you'], evaluation: { method: 'work-trial', minutesSeen: 600 } })).toBe(true);
    // not mostly about me
    expect(heavy({ aboutMe: 59, confounders: [], evaluation: { method: 'cv-screen', minutesSeen: 10 } })).toBe(false);
    // a long look with one confounder
    expect(heavy({ aboutMe: 90, confounders: ['not-about-you'], evaluation: { method: 'work-trial', minutesSeen: 600 } })).toBe(false);
  });

  it('says rest is fine when tired, unwell or low, not when only hungry or fine', () => {
    expect(assessed(answers({ state: ['tired'] })).restIsFine).toBe(true);
    expect(assessed(answers({ state: ['unwell'] })).restIsFine).toBe(true);
    expect(assessed(answers({ state: ['low-mood'] })).restIsFine).toBe(true);
    expect(assessed(answers({ state: ['hungry', 'anxious'] })).restIsFine).toBe(false);
    expect(assessed(answers({ state: ['fine'] })).restIsFine).toBe(false);
    expect(assessed(answers({ state: [] })).restIsFine).toBe(false);
  });

  it('keeps the not-about-me reasons with their labels, and the other confounders', () => {
    const a = assessed(answers({ notAboutMeReasons: ['timing', 'headcount'], otherConfounders: 'a reorg' }));
    expect(a.aboutMe.notAboutMeReasons.map((r) => r.id)).toEqual(['headcount', 'timing']);
    expect(a.aboutMe.otherConfounders).toBe('a reorg');
  });

  it('picks one or two facts from the pack: its first, plus a stable second', () => {
    const ids = ['aaaa2222aa', 'bbbb3333bb', 'cccc4444cc', 'dddd5555dd', 'eeee6666ee', 'ffff7777ff', 'a2b3c4d5e6', 'k7m8n9p2q'];
    const seconds = new Set<string>();
    const method = 'cv-screen'; // answers()'s
    const fitting = packs.application.facts.filter((id) => {
      const fact = FACTS.find((f) => f.id === id);
      return fact !== undefined && (fact.about === 'any' || fact.about.includes(method));
    });
    expect(fitting.length).toBeGreaterThan(2);
    for (const id of ids) {
      const facts = assessed(answers(), id).facts;
      expect(facts).toHaveLength(2);
      expect(facts[0]?.id).toBe(fitting[0]);
      expect(fitting.slice(1)).toContain(facts[1]?.id);
      expect(assessed(answers(), id).facts).toEqual(facts);
      seconds.add(facts[1]?.id ?? '');
      for (const fact of facts) expect(fact.source).not.toBe('');
    }
    // different entries rotate through the rest of the pack's facts
    expect(seconds.size).toBeGreaterThan(1);
  });

  it("cites only facts about the entry's method of evaluation", () => {
    const about = (id: string): string => JSON.stringify(FACTS.find((f) => f.id === id)?.about);
    for (const method of ['cv-screen', 'structured-interview', 'work-trial'] as const) {
      for (const id of ['aaaa2222aa', 'bbbb3333bb', 'cccc4444cc', 'dddd5555dd']) {
        const facts = assessed(answers({ evaluation: { method, minutesSeen: 30, selectionRate: 5 } }), id).facts;
        expect(facts.length).toBeGreaterThan(0);
        for (const fact of facts) expect(fact.about === 'any' || fact.about.includes(method), `${fact.id} (${about(fact.id)}) under ${method}`).toBe(true);
      }
    }
    // no résumé figures under an interview, no interview figures under a CV screen
    const underInterview = assessed(answers({ evaluation: { method: 'structured-interview', minutesSeen: 45, selectionRate: 5 } })).facts.map((f) => f.id);
    expect(underInterview).not.toContain('ladders');
    expect(assessed(answers()).facts.map((f) => f.id)).not.toContain('sackett-interview');
  });

  it('puts the warranted update in the assessment', () => {
    const a = assessed(exampleAnswers());
    expect(a.method).toBe('cv-screen');
    expect(a.selectionRate).toBe(5);
    expect(a.warrantedBelief).toBeGreaterThan(15);
    expect(a.warrantedBelief).toBeLessThan(60);
    expect(a.overupdateFactor).toBeGreaterThan(1.5);
  });

  it('bands minutes seen', () => {
    expect([null, 5, 30, 120, 1000, 5000].map(informationLevel)).toEqual(['unknown', 'minutes', 'under-an-hour', 'hours', 'days', 'weeks-or-more']);
  });
});

describe('renderSummary: the warranted update in ranges and words', () => {
  const render = (raw: Record<string, unknown>) => {
    const e = entry(raw);
    const a = assess(e, packs[e.kind]);
    return { a, flat: renderSummary(e, a, styler(false)).replace(/\s+/g, ' ') };
  };

  it('says plainly and kindly when the person moved far less than months in a job warrant', () => {
    const { a, flat } = render(
      answers({ kind: 'job-performance', confounders: [], belief: { statement: 'I can do well as a research engineer', before: 70, after: 65 }, evaluation: { method: 'job-performance', minutesSeen: null, selectionRate: null } }),
    );
    expect(a.moveComparison).toBe('much-smaller');
    expect(flat).toContain('You moved far less than this evidence supports');
    expect(flat).toContain('no reason to be hard on yourself');
    expect(flat).not.toContain('in line');
    expect(flat).toContain('This is strong evidence');
  });

  it('does not promise that the next step tells more than strong evidence did', () => {
    const { flat } = render(
      answers({ kind: 'job-performance', confounders: [], nextStep: 'ask my manager what to work on', evaluation: { method: 'job-performance', minutesSeen: 200 * 8 * 60, selectionRate: 80 } }),
    );
    expect(flat).not.toContain('Doing it will tell you more than this evaluation did');
    expect(flat).toContain('This evaluation counts; doing it adds new evidence beside it.');
    const weak = render(answers({ nextStep: 'apply again' }));
    expect(weak.flat).toContain('Doing it will tell you more than this evaluation did');
  });

  it('words peer review as agreement about a paper', () => {
    const { flat } = render(answers({ kind: 'peer-review', confounders: [], evaluation: { method: 'peer-review', minutesSeen: null, selectionRate: null } }));
    expect(flat).toContain('reviews judge a paper, not a person');
    expect(flat).not.toMatch(/tracks real ability fairly well/);
  });

  it('counts a tired verdict on yourself as weak, coloured evidence', () => {
    const { a, flat } = render(answers({ kind: 'self-assessment', confounders: [], state: ['tired', 'low-mood'], evaluation: { method: 'self-assessment', minutesSeen: null, selectionRate: null } }));
    expect(a.validity).toBeLessThanOrEqual(0.05 + 1e-12);
    expect(flat).toContain('at most .10, and half that while tired, low or anxious');
  });
});

describe('renderSummary', () => {
  const example = entry(exampleAnswers());
  const assessment = assess(example, packs.application);
  const text = renderSummary(example, assessment, styler(false));
  const flat = text.replace(/\s+/g, ' ');

  it('states the move and the warranted belief with their figures', () => {
    const w = assessment;
    expect(flat).toContain('You moved from 60% to 15% on "I can do well as a research engineer".');
    expect(flat).toContain(`would leave a calibrated person between ${Math.round(w.warrantedRange.low)}% and ${Math.round(w.warrantedRange.high)}%.`);
    expect(flat).toMatch(/a CV screen that accepts about 5%/);
    // In bands of words, never as a precise factor.
    expect(flat).toMatch(/Your move was (between )?(several times|tens of times|a hundred times or more)( and (tens of times|a hundred times or more))? the size this evidence supports/);
    expect(flat).not.toMatch(/\d+ times/);
    // Every number shown is a figure of `noisy evidence`: the published .18 and its range, not a discounted .16.
    expect(flat).toContain('r ≈ .18; .07–.38 across studies, less here for what you told us');
  });

  it('covers information, noise, about-me, facts with sources, the next step and rest', () => {
    expect(flat).toContain('They saw about 10 minutes of you, through a CV screen. That is a thin slice');
    for (const note of assessment.noise) expect(flat).toContain(note.label);
    expect(flat).toContain('You also noted: They had twice as many applicants as last year.');
    expect(flat).toContain('You put 80% of this outcome down to your ability, on an evaluation that saw little of you');
    for (const fact of assessment.facts) expect(flat).toContain(`(${fact.source})`);
    expect(flat).toContain('Your next step: apply to two more programs this month.');
    expect(flat).toContain("You're tired and in a low mood right now");
    expect(flat).toContain('Resting is a perfectly good next step too.');
    expect(text).toContain('2027-03-01');
  });

  it('keeps every line within 80 columns', () => {
    for (const line of text.split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
    const long = entry(answers({ title: 'T'.repeat(60), nextStep: 'word '.repeat(100), otherConfounders: 'x '.repeat(300) }));
    const longText = renderSummary(long, assess(long, packs.application), styler(true));
    for (const line of longText.split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
  });

  it('has one column a character when what was typed does (reflect then measures it by characters)', () => {
    const fine = entry(answers({ state: ['fine'], nextStep: '' }));
    for (const out of [text, renderSummary(example, assessment, styler(true)), renderSummary(fine, assess(fine, packs.application), styler(false))]) {
      for (const line of out.split('\n')) expect(oneColumnEach(line), line).toBe(true);
    }
  });

  it('has no ANSI escapes with colour off, and some with colour on', () => {
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/\x1b\[/);
    // eslint-disable-next-line no-control-regex
    expect(renderSummary(example, assessment, styler(true))).toMatch(/\x1b\[/);
  });

  it('leaves out rest and clouding for someone who feels fine, and nudges when there is no next step', () => {
    const fine = entry(answers({ state: ['fine'], nextStep: '' }));
    const out = renderSummary(fine, assess(fine, packs.application), styler(false));
    expect(out).not.toContain('Resting');
    expect(out).not.toContain('right now, and that tilts');
    expect(out).toContain('No next step yet.');
  });
});
