import { describe, expect, it } from 'vitest';
import { HistoryTable, historyRowOf, summariseHistory, type HistoryRecord } from '../../src/core/history.js';
import {
  PATTERN_IDS,
  THRESHOLDS,
  chanceOfAtLeast,
  detectPatterns,
  noRealityContact,
  overupdating,
  pessimisticPredictions,
  stateClouding,
  type PatternResult,
  type TryingFacts,
} from '../../src/core/patterns.js';
import { addDays } from '../../src/core/dates.js';
import type { Entry } from '../../src/core/entry.js';
import {
  calibratedJournal,
  fixtureEntry,
  followUp,
  journalShowingEveryPattern,
  randomCalibratedJournal,
} from '../fixtures/journals.js';

const TODAY = '2026-12-01';
const records = (entries: Entry[]): HistoryRecord[] => [...HistoryTable.fromEntries(entries).records()];
const byId = (results: PatternResult[]) => Object.fromEntries(results.map((r) => [r.id, r]));

/** A ledger with a try every `every` days across the entries' dates: someone who keeps trying. */
function steadyLedger(entries: Entry[], every = 5): TryingFacts {
  const days = entries.map((e) => e.date).sort();
  const attempts: TryingFacts['attempts'][number][] = [];
  for (let day = addDays(days[0]!, -28), n = 0; day <= TODAY; day = addDays(day, every), n++) attempts.push({ id: `a-${String(n).padStart(8, '2')}`, date: day, rejectedOn: null, entryId: null });
  return { attempts, restFirst: false };
}

/** Six tries in the weeks before the first rejection, none after: a retreat. */
function retreatingLedger(entries: Entry[]): TryingFacts {
  const first = entries.filter((e) => e.outcome === 'rejected' && e.kind !== 'self-assessment').map((e) => e.date).sort()[0]!;
  return { attempts: Array.from({ length: 6 }, (_, i) => ({ id: `a-${String(i).padStart(8, '3')}`, date: addDays(first, -3 - i * 4), rejectedOn: null, entryId: null })), restFirst: false };
}

describe('the journal that shows every pattern', () => {
  const entries = journalShowingEveryPattern();
  const results = byId(detectPatterns(records(entries), TODAY, retreatingLedger(entries)));
  const tired = entries.filter((e) => e.state.includes('tired')).map((e) => e.id);

  // few-attempts needs verdicts to outnumber tries, which this journal's many outside evaluations
  // rule out (test/unit/attempt-patterns.test.ts finds it).
  it.each(PATTERN_IDS.filter((id) => id !== 'few-attempts'))('finds %s', (id) => {
    expect(results[id]?.status).toBe('found');
    expect(results[id]!.entries.length + results[id]!.attempts.length).toBeGreaterThan(0);
  });

  it('names the entries behind each pattern', () => {
    expect(results.overupdating?.entries).toEqual(tired);
    expect(results['state-clouding']?.entries).toEqual(tired);
    expect(results['pessimistic-predictions']?.entries).toEqual(tired);
    expect(results['self-verdict-without-evidence']?.entries).toEqual(entries.filter((e) => e.kind === 'self-assessment').map((e) => e.id));
    // The tired ones had no next step; two of the others didn't take theirs.
    expect(results['no-reality-contact']?.entries).toHaveLength(8);
    expect(results['no-reality-contact']?.measured).toMatchObject({ noNextStep: 6, stepNotTaken: 2, followUpOverdue: 0 });
    // Every entry saw little or had several confounders, and all were rated mostly about me.
    expect(results['about-me-despite-weak-evidence']?.entries).toEqual(entries.map((e) => e.id));
  });

  it('reports the thresholds it used', () => {
    for (const id of PATTERN_IDS) expect(results[id]?.threshold).toEqual(THRESHOLDS[id]);
  });
});

describe('calibrated journals raise no alarm', () => {
  it('the hand-made calibrated journal shows no pattern, and every detector had enough to judge', () => {
    const journal = calibratedJournal();
    const results = detectPatterns(records(journal), TODAY, steadyLedger(journal));
    expect(results.map((r) => [r.id, r.status])).toEqual(PATTERN_IDS.map((id) => [id, 'not-found']));
    expect(results.every((r) => r.entries.length === 0)).toBe(true);
  });

  it.each([1, 2, 3])('a generated calibrated journal of 300 entries (seed %i) shows no pattern', (seed) => {
    const journal = randomCalibratedJournal(300, seed);
    const results = detectPatterns(records(journal), TODAY, steadyLedger(journal));
    expect(results.map((r) => [r.id, r.status])).toEqual(PATTERN_IDS.map((id) => [id, 'not-found']));
  });
});

describe('too little data', () => {
  it('an empty journal: every detector says what it needs', () => {
    for (const result of detectPatterns([], TODAY)) {
      expect(result.status).toBe('not-enough-data');
      expect(result.needs?.have).toBe(0);
      expect(result.needs?.atLeast).toBeGreaterThan(0);
    }
  });

  it('four dramatic over-updates are not yet enough to speak; the fifth entry is', () => {
    const drop = () => fixtureEntry({ belief: { before: 70, after: 5 }, evaluation: { method: 'cv-screen', minutesSeen: 5, selectionRate: 5 } });
    const four = records([drop(), drop(), drop(), drop()]);
    expect(overupdating(four)).toMatchObject({ status: 'not-enough-data', needs: { what: 'entries', atLeast: 5, have: 4 } });
    expect(overupdating([...four, ...records([drop()])]).status).toBe('found');
  });

  it('pessimistic-predictions waits for predictions checked in a follow-up', () => {
    const unresolved = records(
      Array.from({ length: 8 }, () =>
        fixtureEntry({
          prediction: { statement: 'an interview by March', probability: 10, checkOn: '2027-03-01' },
          // A follow-up that couldn't tell yet does not count.
          followUps: [followUp({ predictionCameTrue: null })],
        }),
      ),
    );
    expect(pessimisticPredictions(unresolved)).toMatchObject({ status: 'not-enough-data', needs: { what: 'resolved-predictions', have: 0 } });
  });

  it('state-clouding needs both clouded and clear entries to compare', () => {
    const tired = records(Array.from({ length: 6 }, () => fixtureEntry({ state: ['tired'], belief: { after: 5 } })));
    expect(stateClouding(tired)).toMatchObject({ status: 'not-enough-data', needs: { what: 'clear-entries', have: 0 } });
  });
});

describe('overupdating', () => {
  const cv = { method: 'cv-screen' as const, minutesSeen: 5, selectionRate: 5 };

  it('does not count a small wobble, however large the ratio', () => {
    // 60 → 57 on a CV screen is many times the warranted move, but only 3 points.
    const wobbles = records(Array.from({ length: 6 }, () => fixtureEntry({ belief: { before: 60, after: 57 }, evaluation: cv })));
    expect(wobbles.every((r) => (r.overupdateFactor ?? 0) > THRESHOLDS.overupdating.factor)).toBe(true);
    expect(overupdating(wobbles).status).toBe('not-found');
  });

  it('needs it to happen repeatedly, not once', () => {
    const once = records([
      fixtureEntry({ belief: { before: 70, after: 5 }, evaluation: cv }),
      ...Array.from({ length: 9 }, () => fixtureEntry({ calibrated: true })),
    ]);
    expect(overupdating(once)).toMatchObject({ status: 'not-found', measured: { entries: 1, outOf: 10 } });
  });
});

describe('no-reality-contact', () => {
  it('counts a follow-up left more than two weeks past its date, not one just due', () => {
    const due = (followUpOn: string) => fixtureEntry({ followUpOn });
    const overdue = records([due('2026-11-01'), due('2026-11-10'), due('2026-11-17'), due('2026-11-20'), due('2026-11-30')]);
    const result = noRealityContact(overdue, TODAY);
    expect(result.measured).toMatchObject({ entries: 3, followUpOverdue: 3 });
    expect(result.status).toBe('found');
  });
});

describe('pessimistic-predictions', () => {
  const predicted = (probability: number, cameTrue: boolean) =>
    fixtureEntry({
      prediction: { statement: 'a reply by spring', probability, checkOn: '2026-09-01' },
      followUps: [followUp({ predictionCameTrue: cameTrue })],
    });

  it('a few lucky outcomes at even odds are not a pattern', () => {
    // 4 of 5 at 50% happen about one time in five by chance alone.
    const result = pessimisticPredictions(records([predicted(50, true), predicted(50, true), predicted(50, true), predicted(50, true), predicted(50, false)]));
    expect(result.status).toBe('not-found');
    expect(result.measured.chanceIfStatedRight).toBeCloseTo(6 / 32, 10);
  });

  it('predictions far below what happened are', () => {
    const result = pessimisticPredictions(records([predicted(10, true), predicted(20, true), predicted(30, true), predicted(20, false), predicted(60, true), predicted(10, true)]));
    expect(result.status).toBe('found');
    // The entries behind it: what came true although you gave it even odds or less.
    expect(result.entries).toHaveLength(4);
  });

  it('uses the latest follow-up that could tell', () => {
    const entry = fixtureEntry({
      prediction: { statement: 'x', probability: 20, checkOn: '2026-09-01' },
      followUps: [followUp({ predictionCameTrue: true }), followUp({ predictionCameTrue: null })],
    });
    expect(historyRowOf(entry)).toMatchObject({ predictionProbability: 20, predictionCameTrue: true });
  });
});

describe('chanceOfAtLeast', () => {
  it('matches the binomial tail', () => {
    expect(chanceOfAtLeast([0.5, 0.5, 0.5], 2)).toBeCloseTo(0.5, 12);
    expect(chanceOfAtLeast([0.2, 0.2, 0.2, 0.2, 0.2, 0.2], 6)).toBeCloseTo(0.2 ** 6, 15);
    expect(chanceOfAtLeast([0.3, 0.6], 0)).toBe(1);
    expect(chanceOfAtLeast([0.3, 0.6], 3)).toBe(0);
  });

  it('stays close to the exact tail above 2,000 predictions, where it switches to the normal approximation', () => {
    const p = Array.from({ length: 2500 }, (_, i) => 0.2 + (0.6 * ((i * 37) % 100)) / 100);
    const exact = new Float64Array(p.length + 1);
    exact[0] = 1;
    p.forEach((pi, i) => {
      for (let j = i + 1; j >= 1; j--) exact[j] = exact[j]! * (1 - pi) + exact[j - 1]! * pi;
      exact[0] = exact[0]! * (1 - pi);
    });
    for (const k of [1200, 1250, 1290]) {
      const tail = exact.slice(k).reduce((a, b) => a + b, 0);
      expect(Math.abs(chanceOfAtLeast(p, k) - tail)).toBeLessThan(0.005);
    }
  });
});

describe('good news in history', () => {
  /** Good news that, read as setbacks, would raise patterns: no next step, "about me", clouded, a drop, verdicts on yourself. */
  function goodNews(n: number, overrides: Parameters<typeof fixtureEntry>[0] = {}): Entry[] {
    return Array.from({ length: n }, () =>
      fixtureEntry({ outcome: 'accepted', belief: { before: 70, after: 30 }, evaluation: { minutesSeen: 10 }, confounders: ['little-information', 'not-about-you'], aboutMe: 90, state: ['tired'], nextStep: '', ...overrides }),
    );
  }

  it('does not feed the setback patterns, and is left out of what they count', () => {
    const setbacks = calibratedJournal();
    const results = byId(detectPatterns(records([...setbacks, ...goodNews(8)]), TODAY));
    const alone = byId(detectPatterns(records(setbacks), TODAY));
    for (const id of ['overupdating', 'about-me-despite-weak-evidence', 'state-clouding', 'no-reality-contact'] as const) {
      expect(results[id], id).toEqual(alone[id]);
    }
    // "Mostly about me" is a share of setbacks: good news is not asked it.
    expect(summariseHistory(records([...setbacks, ...goodNews(8)])).mostlyAboutMe).toEqual(summariseHistory(records(setbacks)).mostlyAboutMe);
  });

  it('a good verdict on yourself is not a harsh self-verdict; good news from others is an outside evaluation', () => {
    const harsh = Array.from({ length: 4 }, () => fixtureEntry({ kind: 'self-assessment', evaluation: { method: 'self-assessment', minutesSeen: null, selectionRate: null }, confounders: [] }));
    const kind = goodNews(6, { kind: 'self-assessment', evaluation: { method: 'self-assessment', minutesSeen: null, selectionRate: null }, confounders: [] });
    const praise = goodNews(3);
    const withKind = byId(detectPatterns(records([...harsh, ...kind, fixtureEntry(), fixtureEntry()]), TODAY))['self-verdict-without-evidence'];
    // Four harsh verdicts against two outside evaluations: the six kind ones change nothing.
    expect(withKind?.measured).toMatchObject({ selfAssessments: 4, outsideEvaluations: 2 });
    expect(withKind?.entries).toEqual(harsh.map((e) => e.id));
    const withPraise = byId(detectPatterns(records([...harsh, ...praise, fixtureEntry(), fixtureEntry()]), TODAY))['self-verdict-without-evidence'];
    expect(withPraise?.measured).toMatchObject({ selfAssessments: 4, outsideEvaluations: 5 });
    expect(withPraise?.status).toBe('not-found');
  });

  it('its predictions still count', () => {
    const predicted = goodNews(6, {
      prediction: { statement: 'another offer', probability: 10, checkOn: '2026-08-01' },
      followUps: [followUp({ predictionCameTrue: true })],
    });
    expect(pessimisticPredictions(records(predicted)).measured.resolvedPredictions).toBe(6);
  });
});

describe('entries the model leaves out', () => {
  it('are not over-updates, whatever the drop: there is no warranted move to compare with', () => {
    const drops = Array.from({ length: 6 }, () => fixtureEntry({ belief: { before: 80, after: 10 }, evaluation: { selectionRate: 100 } }));
    const misfits = Array.from({ length: 6 }, () => fixtureEntry({ kind: 'peer-review', belief: { before: 80, after: 10 }, confounders: [] }));
    const result = overupdating(records([...calibratedJournal(), ...drops, ...misfits]));
    expect(result).toEqual(overupdating(records(calibratedJournal())));
  });
});
