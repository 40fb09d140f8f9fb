import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATTERN_IDS } from '../../src/core/patterns.js';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { visibleLength } from '../../src/ui/style.js';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';
import { calibratedJournal, fixtureEntry, journalShowingEveryPattern } from '../fixtures/journals.js';

function journalWith(entries: Entry[]) {
  const j = journal();
  const store = Store.open(j.db, { create: true });
  try {
    store.importEntries(entries);
  } finally {
    store.close();
  }
  return j;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[/;

interface JsonPattern {
  id: string;
  status: string;
  title: string;
  explanation: string;
  suggestion: string;
  entries: string[];
  threshold: Record<string, number>;
  needs: { what: string; atLeast: number; have: number } | null;
}

describe('noisy history', () => {
  it('shows the overview and every pattern of a journal that has them, within 80 columns', async () => {
    const entries = journalShowingEveryPattern();
    const { cli } = journalWith(entries);
    const result = await cli(['history']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const out = result.stdout;
    expect(out).toContain('History: 12 entries');
    expect(out).toContain('application 3 · self-assessment 9');
    expect(out).toMatch(/ {2}you {8}[▁▂▃▄▅▆▇█]{12}\n/);
    expect(out).toMatch(/ {2}warranted {2}[▁▂▃▄▅▆▇█]{12}\n/);
    expect(out).toContain('Saw under 60 minutes of you: 100% (3 of 3 evaluations where you knew).');
    expect(out).toContain('"Mostly about me" (60% or more): 100% (12 of 12 entries).');
    for (const id of PATTERN_IDS) expect(out).toContain(`(${id})`);
    // The six entry patterns, and few-attempts: nine verdicts on yourself for three outside evaluations and no ledger.
    expect(out.match(/● /g)).toHaveLength(7);
    expect(out).toContain('Try this: After the next setback, wait a day');
    const tiredIds = entries.filter((e) => e.state.includes('tired')).map((e) => e.id);
    expect(out).toContain(`Entries: ${tiredIds.slice(-5).reverse().join(', ')} and 1 more`);
    for (const line of out.split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
    expect(out).not.toMatch(ANSI);
  });

  it('a calibrated journal: overview, and no pattern found', async () => {
    const { cli } = journalWith(calibratedJournal());
    const { code, stdout } = await cli(['history']);
    expect(code).toBe(0);
    expect(stdout).not.toContain('●');
    // Every entry pattern and few-attempts; retreat-after-rejection waits for tries in the ledger.
    expect(stdout.match(/○ /g)).toHaveLength(7);
    expect(stdout).toContain('Typically you landed right where the evidence pointed.');
    for (const line of stdout.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(80);
  });

  it('--json: summary and patterns with ids, status, explanation, suggestion, entries and thresholds', async () => {
    const entries = journalShowingEveryPattern();
    const { cli } = journalWith(entries);
    const { code, stdout, stderr } = await cli(['history', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const doc = JSON.parse(stdout) as { summary: Record<string, unknown>; patterns: JsonPattern[] };
    expect(doc.summary).toMatchObject({ entries: 12, firstDate: '2026-01-05', filter: {}, mostlyAboutMe: { entries: 12, outOf: 12 } });
    expect(doc.patterns.map((p) => p.id)).toEqual([...PATTERN_IDS]);
    const ids = new Set(entries.map((e) => e.id));
    for (const p of doc.patterns) {
      // No attempts ledger here: nothing to retreat from (test/commands/attempts-history.test.ts finds it).
      if (p.id === 'retreat-after-rejection') {
        expect(p.status).toBe('not-enough-data');
        continue;
      }
      expect(p.status).toBe('found');
      expect(p.explanation.length).toBeGreaterThan(20);
      expect(p.suggestion.length).toBeGreaterThan(20);
      expect(Object.keys(p.threshold).length).toBeGreaterThan(0);
      expect(p.entries.length).toBeGreaterThan(0);
      for (const id of p.entries) expect(ids.has(id)).toBe(true);
    }
    expect(doc.patterns[0]?.threshold).toMatchObject({ factor: 2, minDropPoints: 5 });
  });

  it('with few entries, each pattern says what it still needs', async () => {
    const { cli } = journalWith([fixtureEntry({ date: '2026-11-02' }), fixtureEntry({ date: '2026-11-03' })]);
    const { code, stdout } = await cli(['history', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { patterns: JsonPattern[] };
    const overupdating = doc.patterns.find((p) => p.id === 'overupdating');
    expect(overupdating).toMatchObject({ status: 'not-enough-data', entries: [], needs: { what: 'entries', atLeast: 5, have: 2 } });
    expect(overupdating?.explanation).toBe('Not enough to go on yet: this needs at least 5 entries, and there are 2 so far.');
    const predictions = doc.patterns.find((p) => p.id === 'pessimistic-predictions');
    expect(predictions).toMatchObject({ status: 'not-enough-data', needs: { what: 'resolved-predictions', have: 0 } });
    const text = await cli(['history']);
    expect(text.stdout).toContain('· Moving much further than the evidence');
    expect(text.stdout).toContain('Not enough to go on yet: this needs at least 5 entries, and there are 2');
  });

  it('works on an entry saved by `noisy reflect --answers`', async () => {
    const { cli, dir } = journal();
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify(answers({ date: '2026-11-20' })));
    expect((await cli(['reflect', '--answers', file])).code).toBe(0);
    const { code, stdout } = await cli(['history']);
    expect(code).toBe(0);
    expect(stdout).toContain('History: 1 entry  ·  2026-11-20');
    expect(stdout).toMatch(/Over-update: your moves were typically (about twice|several times|tens of times|a hundred times or more) the size/);
  });

  describe('filters', () => {
    const entries = () => [
      fixtureEntry({ id: 'old2entry', date: '2026-06-01', tags: ['fellowship'] }),
      fixtureEntry({ id: 'mid2entry', date: '2026-10-20', kind: 'peer-review', evaluation: { method: 'peer-review', minutesSeen: null, selectionRate: 25 } }),
      fixtureEntry({ id: 'new2entry', date: '2026-11-25', tags: ['fellowship', 'mats'] }),
    ];
    const shown = async (argv: string[]) => {
      const { cli } = journalWith(entries());
      const { code, stdout, stderr } = await cli(['history', '--json', ...argv]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      return JSON.parse(stdout) as { summary: { entries: number; firstDate: string; filter: Record<string, string> } };
    };

    it('--since and --until take days and phrases (today is 2026-12-01)', async () => {
      expect((await shown(['--since', '2026-10-01'])).summary).toMatchObject({ entries: 2, firstDate: '2026-10-20' });
      expect((await shown(['--since', '3 weeks ago'])).summary).toMatchObject({ entries: 1, filter: { since: '2026-11-10' } });
      expect((await shown(['--since', 'last month'])).summary).toMatchObject({ entries: 1, filter: { since: '2026-11-01' } });
      expect((await shown(['--until', '2026-10-20'])).summary.entries).toBe(2);
    });

    it('--kind and --tag (a tag is normalised as when saved)', async () => {
      expect((await shown(['--kind', 'peer-review'])).summary.entries).toBe(1);
      expect((await shown(['--tag', '#Fellowship'])).summary).toMatchObject({ entries: 2, filter: { tag: 'fellowship' } });
    });

    it('nothing matching: a note on stderr, exit 0', async () => {
      const { cli } = journalWith(entries());
      const result = await cli(['history', '--kind', 'first-impression']);
      expect(result).toMatchObject({ code: 0, stdout: '' });
      expect(result.stderr).toContain('No entries match these filters.');
      for (const line of result.stderr.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    });

    it.each([
      [['--since', 'someday-ish'], '--since "someday-ish" is not a date noisy can read.'],
      [['--until', '2026-02-30'], '--until "2026-02-30" is not a date noisy can read.'],
      [['--since', '2026-11-01', '--until', '2026-10-01'], '--since (2026-11-01) is after --until (2026-10-01)'],
      [['--kind', 'interview'], '--kind "interview" is not a kind of evaluation.'],
      [['--tag', 'two words'], '--tag "two words" is not a tag.'],
    ])('%j is a usage error (exit 2)', async (argv, message) => {
      const { cli } = journalWith(entries());
      const result = await cli(['history', ...argv]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
    });
  });

  it('an empty journal: a friendly note, and no journal file is created', async () => {
    const { cli, db } = journal();
    const result = await cli(['history']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('No entries yet.');
    for (const line of result.stderr.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(existsSync(db)).toBe(false);
    const json = await cli(['history', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: { entries: 0 } });
  });

  it('colour only on a terminal, and never under NO_COLOR', async () => {
    const { cli } = journalWith(journalShowingEveryPattern());
    expect((await cli(['history'], { tty: true, env: { NO_COLOR: undefined } })).stdout).toMatch(ANSI);
    expect((await cli(['history'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await cli(['history'], { tty: false, env: { NO_COLOR: undefined } })).stdout).not.toMatch(ANSI);
    expect((await cli(['history', '--json'], { tty: true, env: { NO_COLOR: undefined } })).stdout).not.toMatch(ANSI);
  });
});

describe('noisy history: calibration of predictions and the rebound', () => {
  const followUp = (beliefNow: number, cameTrue: boolean | null) => ({
    answeredAt: '2026-07-01T09:00:00.000Z',
    beliefNow,
    tookNextStep: true,
    whatHappened: '',
    predictionCameTrue: cameTrue,
  });

  it('shows the Brier score, bands and rebound once enough predictions are resolved', async () => {
    // Six predictions at 20%, five of which came true: expecting far too little of yourself.
    const entries = [true, true, true, true, true, false].map((came) =>
      fixtureEntry({
        belief: { before: 60, after: 20 },
        prediction: { statement: 'I get an interview', probability: 20, checkOn: '2026-07-01' },
        followUps: [followUp(50, came)],
      }),
    );
    const { cli } = journalWith(entries);
    const json = await cli(['history', '--json']);
    expect(json.code).toBe(0);
    const calibration = (JSON.parse(json.stdout) as { summary: { calibration: { predictions: Record<string, unknown>; rebound: Record<string, unknown> } } })
      .summary.calibration;
    expect(calibration.predictions).toMatchObject({ resolved: 6, enough: true, meanProbability: 20 });
    expect(calibration.predictions.brierScore).toBeCloseTo((5 * 0.8 ** 2 + 0.2 ** 2) / 6, 10);
    expect(calibration.rebound).toMatchObject({ count: 6, enough: true, meanAfter: 20, meanNow: 50, meanRebound: 30 });

    const text = await cli(['history']);
    expect(text.stdout).toContain('Your predictions and what happened');
    expect(text.stdout).toContain('came true 83% of the time');
    expect(text.stdout).toContain('Brier score 0.54');
    expect(text.stdout.indexOf('Your predictions')).toBeLessThan(text.stdout.indexOf('Patterns'));
  });

  it('says there is not enough data rather than showing a figure', async () => {
    const entries = [fixtureEntry({ prediction: { statement: 'x', probability: 30, checkOn: '2026-07-01' }, followUps: [followUp(40, true)] })];
    const { cli } = journalWith(entries);
    const text = await cli(['history']);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('Not enough to go on yet: this needs at least 5 predictions checked in a follow-up (noisy followup), and there is 1 so far.');
    expect(text.stdout).not.toContain('Brier score');
  });
});
