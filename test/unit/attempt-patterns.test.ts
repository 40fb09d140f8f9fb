import { describe, expect, it } from 'vitest';
import { HistoryTable } from '../../src/core/history.js';
import { detectPatterns, fewAttempts, retreatAfterRejection, THRESHOLDS, type AttemptFact, type TryingFacts } from '../../src/core/patterns.js';
import { addDays } from '../../src/core/dates.js';
import { describePattern } from '../../src/ui/history-text.js';
import { fixtureEntry } from '../fixtures/journals.js';

const TODAY = '2026-12-01';
let n = 0;
const tryOn = (date: string, rejectedOn: string | null = null, entryId: string | null = null): AttemptFact => ({ id: `a-${String(++n).padStart(8, '2')}`, date, rejectedOn, entryId });
const facts = (attempts: AttemptFact[], restFirst = false): TryingFacts => ({ attempts, restFirst });
/** `count` tries spread over the `days` days before `day` (not on it). */
const triesBefore = (day: string, count: number, days = 27): AttemptFact[] => Array.from({ length: count }, (_, i) => tryOn(addDays(day, -1 - Math.floor((i * days) / count))));

describe('retreat-after-rejection', () => {
  const th = THRESHOLDS['retreat-after-rejection'];

  it('is found when tries drop after rejections, with the rejections behind it', () => {
    const r1 = fixtureEntry({ date: '2026-09-01' });
    const r2 = fixtureEntry({ date: '2026-10-01' });
    const table = HistoryTable.fromEntries([r1, r2]);
    // Four tries in the four weeks before each rejection, none after.
    const ledger = [...triesBefore('2026-09-01', 4), ...triesBefore('2026-10-01', 4).filter((a) => a.date > addDays('2026-09-01', 28))];
    const result = retreatAfterRejection(table, facts(ledger), TODAY);
    expect(result.status).toBe('found');
    expect(result.entries).toEqual([r1.id, r2.id]);
    expect(result.measured.triesAfter).toBeLessThanOrEqual(result.measured.triesBefore! * th.maxAfterShare);
  });

  it('counts a rejected attempt as a rejection, once when an entry reflects on it, and not a self-verdict', () => {
    const entry = fixtureEntry({ date: '2026-09-01' });
    const linked = tryOn('2026-08-01', '2026-09-01', entry.id);
    const alone = tryOn('2026-09-05', '2026-10-01');
    const self = fixtureEntry({ date: '2026-10-10', kind: 'self-assessment', evaluation: { method: 'self-assessment', minutesSeen: null, selectionRate: null } });
    const ledger = [linked, alone, ...triesBefore('2026-09-01', 3, 20)];
    const result = retreatAfterRejection(HistoryTable.fromEntries([entry, self]), facts(ledger), TODAY);
    expect(result.measured.rejections).toBe(2);
    expect(result.status).toBe('found');
    expect(result.entries).toEqual([entry.id]);
    expect(result.attempts).toEqual([alone.id]);
  });

  it('is not found when trying goes on after rejections, and waits for the weeks after to pass', () => {
    const table = HistoryTable.fromEntries([fixtureEntry({ date: '2026-09-01' }), fixtureEntry({ date: '2026-10-01' })]);
    const steady = Array.from({ length: 20 }, (_, i) => tryOn(addDays('2026-08-05', i * 5)));
    expect(retreatAfterRejection(table, facts(steady), TODAY).status).toBe('not-found');
    const recent = HistoryTable.fromEntries([fixtureEntry({ date: '2026-11-20' }), fixtureEntry({ date: '2026-11-25' })]);
    const waiting = retreatAfterRejection(recent, facts(steady), TODAY);
    expect(waiting.status).toBe('not-enough-data');
    expect(waiting.needs).toEqual({ what: 'settled-rejections', atLeast: th.needsRejections, have: 0 });
  });

  it('needs some tries recorded before the rejections to call it a retreat', () => {
    const table = HistoryTable.fromEntries([fixtureEntry({ date: '2026-09-01' }), fixtureEntry({ date: '2026-10-01' })]);
    const result = retreatAfterRejection(table, facts(triesBefore('2026-09-01', th.minTriesBefore - 1)), TODAY);
    expect(result.status).toBe('not-enough-data');
    expect(result.needs).toEqual({ what: 'tries-before', atLeast: th.minTriesBefore, have: th.minTriesBefore - 1 });
  });
});

describe('few-attempts', () => {
  const th = THRESHOLDS['few-attempts'];
  /** Verdicts passed on yourself: setbacks that came from no try. */
  const setbacks = () =>
    Array.from({ length: th.needsSetbacks }, (_, i) =>
      fixtureEntry({ date: addDays('2026-06-01', i * 10), kind: 'self-assessment', evaluation: { method: 'self-assessment', minutesSeen: null, selectionRate: null } }),
    );

  it('is found with verdicts and rejections and hardly any tries, and lists both', () => {
    const entries = setbacks();
    const ledger = [tryOn('2026-06-03')];
    const result = fewAttempts(HistoryTable.fromEntries(entries), facts(ledger));
    expect(result.status).toBe('found');
    expect(result.entries).toEqual(entries.map((e) => e.id));
    expect(result.attempts).toEqual([ledger[0]!.id]);
    expect(describePattern(result).explanation.replace(/\s+/g, ' ')).toContain('and 1 try (applications');
  });

  it('is not found once the tries keep pace, and says what it needs first', () => {
    const entries = setbacks();
    const ledger = Array.from({ length: Math.ceil(entries.length * th.maxTriesPerSetback) }, (_, i) => tryOn(addDays('2026-06-01', i)));
    expect(fewAttempts(HistoryTable.fromEntries(entries), facts(ledger)).status).toBe('not-found');
    expect(fewAttempts(HistoryTable.fromEntries(entries.slice(1)), facts([])).needs).toEqual({ what: 'setbacks', atLeast: th.needsSetbacks, have: th.needsSetbacks - 1 });
    // Good news is not a setback, and rejections from outside count as tries too.
    const good = Array.from({ length: th.needsSetbacks }, () => fixtureEntry({ outcome: 'accepted' }));
    expect(fewAttempts(HistoryTable.fromEntries(good), facts([])).status).toBe('not-enough-data');
    const rejections = Array.from({ length: th.needsSetbacks }, () => fixtureEntry());
    expect(fewAttempts(HistoryTable.fromEntries(rejections), facts([])).status).toBe('not-found');
  });

  it('says resting first is a fine answer when the latest entries say worn out or unwell', () => {
    const result = fewAttempts(HistoryTable.fromEntries(setbacks()), facts([], true));
    expect(result.measured.restFirst).toBe(1);
    expect(describePattern(result).suggestion).toMatch(/^Your latest entries say you are worn out or unwell: resting first is a fine answer/);
    expect(describePattern(fewAttempts(HistoryTable.fromEntries(setbacks()), facts([]))).suggestion).not.toContain('resting');
  });
});

describe('detectPatterns', () => {
  it('runs the two trying patterns with the others', () => {
    expect(detectPatterns(HistoryTable.fromEntries([]), TODAY).map((p) => p.id).slice(-2)).toEqual(['retreat-after-rejection', 'few-attempts']);
  });
});
