import { describe, expect, it } from 'vitest';
import { HistoryTable, beliefOverTime, historyRowOf, median, summariseHistory, type HistoryRecord } from '../../src/core/history.js';
import { THRESHOLDS, detectPatterns, weakEvidence } from '../../src/core/patterns.js';
import { assess } from '../../src/core/summary.js';
import { loadPacks } from '../../src/packs/load.js';
import { describePattern, renderHistory, sparkline } from '../../src/ui/history-text.js';
import { styler, visibleLength } from '../../src/ui/style.js';
import type { Entry } from '../../src/core/entry.js';
import { calibratedJournal, fixtureEntry, followUp, journalShowingEveryPattern } from '../fixtures/journals.js';

const packs = loadPacks();

/** Each entry as history sees it. */
const recordsOf = (entries: Entry[]): HistoryRecord[] => [...HistoryTable.fromEntries(entries).records()];
const recordOf = (entry: Entry): HistoryRecord => recordsOf([entry])[0]!;

describe('records', () => {
  it('carry the same warranted update as the entry summary', () => {
    const entry = fixtureEntry({ belief: { before: 60, after: 15 }, evaluation: { method: 'cv-screen', minutesSeen: 10, selectionRate: 5 }, confounders: ['not-about-you'] });
    const record = recordOf(entry);
    const warranted = assess(entry, packs[entry.kind]);
    expect(record.warrantedBelief).toBe(warranted.warrantedBelief);
    expect(record.overupdateFactor).toBe(warranted.overupdateFactor);
    expect(record.gap).toBeCloseTo(warranted.warrantedBelief - 15, 12);
  });

  it('judge "mostly about me on weak evidence" exactly as the entry summary does', () => {
    const entries = [
      ...journalShowingEveryPattern(),
      ...calibratedJournal(),
      fixtureEntry({ aboutMe: 90 }),
      fixtureEntry({ aboutMe: 60, evaluation: { minutesSeen: 59 } }),
      fixtureEntry({ aboutMe: 60, evaluation: { minutesSeen: 60 } }),
    ];
    for (const entry of entries) {
      const record = recordOf(entry);
      const flagged = weakEvidence(record) && record.aboutMe >= THRESHOLDS['about-me-despite-weak-evidence'].aboutMeAtLeast;
      expect(flagged, entry.id).toBe(assess(entry, packs[entry.kind]).aboutMe.heavyForTheEvidence);
    }
  });

  it('keep no free text', () => {
    const entry = fixtureEntry({ story: 'a long private story', nextStep: 'ask for feedback', followUps: [followUp({ whatHappened: 'private' })] });
    const text = JSON.stringify(recordOf(entry));
    expect(text).not.toContain('private');
    expect(text).not.toContain('feedback');
  });

  it('read the latest follow-up for the next step, and treat a blank step as none', () => {
    const row = historyRowOf(fixtureEntry({ nextStep: '   ', followUps: [followUp({ tookNextStep: true }), followUp({ tookNextStep: false })] }));
    expect(row).toMatchObject({ hasNextStep: false, tookNextStep: false, followUpCount: 2 });
  });
});

describe('the overview', () => {
  it('counts kinds, little information and "mostly about me"', () => {
    const summary = summariseHistory(recordsOf(journalShowingEveryPattern()));
    expect(summary.entries).toBe(12);
    expect(summary.byKind).toEqual({ application: 3, 'first-impression': 0, 'job-performance': 0, 'self-assessment': 9, 'peer-review': 0 });
    // Only the three CV screens have minutes; all three saw 10 minutes.
    expect(summary.littleInformation).toEqual({ entries: 3, outOf: 3, share: 1, underMinutes: 60 });
    expect(summary.mostlyAboutMe).toEqual({ entries: 12, outOf: 12, share: 1, atLeastPercent: 60 });
    expect(summary.firstDate).toBe('2026-01-05');
    expect(summary.medianOverupdateFactor).toBeGreaterThan(2);
  });

  it('a calibrated journal moves about as far as warranted', () => {
    const summary = summariseHistory(recordsOf(calibratedJournal()));
    expect(Math.abs(summary.medianGap ?? 99)).toBeLessThan(1);
    expect(summary.medianOverupdateFactor).toBeGreaterThan(0.7);
    expect(summary.medianOverupdateFactor).toBeLessThan(1.3);
  });

  it('an empty journal has nothing to show, without failing', () => {
    const summary = summariseHistory([]);
    expect(summary).toMatchObject({ entries: 0, firstDate: null, medianOverupdateFactor: null, medianGap: null });
    expect(summary.littleInformation.share).toBeNull();
    expect(summary.beliefOverTime.points).toEqual([]);
  });

  it('belief over time averages equal runs of entries so the line fits', () => {
    const records = recordsOf(
      Array.from({ length: 130 }, (_, i) => fixtureEntry({ date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, belief: { before: 50, after: i < 65 ? 20 : 40 } })),
    );
    const line = beliefOverTime(records, 60);
    expect(line.entriesPerPoint).toBe(3);
    expect(line.points).toHaveLength(44);
    expect(line.points.reduce((n, p) => n + p.entries, 0)).toBe(130);
    expect(line.points[0]).toMatchObject({ entries: 3, after: 20, before: 50 });
    expect(line.points.at(-1)).toMatchObject({ entries: 1, after: 40 });
  });

  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('words', () => {
  it('sparklines sit on a fixed 0–100 scale', () => {
    expect(sparkline([0, 50, 100])).toBe('▁▅█');
    expect(sparkline([10, 90])).toBe('▂▇');
  });

  it('every pattern has a title, an explanation and a suggestion, in every status', () => {
    const sets = [journalShowingEveryPattern(), calibratedJournal(), []];
    for (const entries of sets) {
      for (const result of detectPatterns(recordsOf(entries), '2026-12-01')) {
        const words = describePattern(result);
        for (const text of [words.title, words.explanation, words.suggestion]) {
          expect(text.length).toBeGreaterThan(10);
          expect(text).not.toMatch(/undefined|null|NaN|–/);
        }
      }
    }
  });

  it('the report fits 80 columns', () => {
    const records = recordsOf(journalShowingEveryPattern());
    const text = renderHistory(summariseHistory(records), detectPatterns(records, '2026-12-01'), styler(true));
    for (const line of text.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(80);
  });
});
