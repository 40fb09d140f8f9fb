// Every line every command prints fits 80 columns, measured as a terminal does (src/ui/width.ts):
// wide CJK characters and emoji take two columns, combining marks none.
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { displayWidth } from '../../src/ui/width.js';
import { INTERRUPT, journal } from '../helpers/cli.js';
import { fixtureEntry, followUp, journalShowingEveryPattern } from '../fixtures/journals.js';

/** Entries of every kind, with long words, wide characters and every optional part filled. */
function widthJournal(): Entry[] {
  const long = 'a-rather-long-hyphenated-phrase-that-will-not-fit-on-one-line-of-any-terminal-at-all';
  return [
    ...journalShowingEveryPattern(),
    fixtureEntry({
      kind: 'peer-review',
      title: '論文が不採択になりました、三人の査読者のうち二人が否定的で、一人は肯定的でした 😞',
      date: '2026-11-10',
      story: `査読コメントは短く、実験の規模が小さいという指摘でした。${'とても長い文章です。'.repeat(12)}\nSecond paragraph with a ${long}.`,
      belief: { statement: 'Ｉ can do research that gets published in good venues, even after a rejection like this one', before: 70, after: 20 },
      evaluation: { method: 'peer-review', minutesSeen: 90, whatTheySaw: `the paper and its appendix, ${long}`, selectionRate: 25 },
      otherConfounders: `Reviewer two seemed to want a different paper altogether; ${long}`,
      aboutMe: 85,
      state: ['tired', 'low-mood', 'anxious'],
      nextStep: `revise the experiments section and send it to the next venue, ${long}`,
      prediction: { statement: 'The revised paper gets accepted at the next venue I send it to', probability: 15, checkOn: '2027-02-01' },
      followUpOn: '2026-11-20',
      tags: ['paper', 'research', 'reviews'],
      extras: { venue: 'A workshop on things with a very long name, co-located with a large conference' },
      followUps: [followUp({ answeredAt: '2026-11-21T09:00:00.000Z', beliefNow: 45, whatHappened: `Resubmitted. ${'e\u0301'.repeat(100)} ${long}`, predictionCameTrue: null })],
    }),
    fixtureEntry({
      kind: 'first-impression',
      title: 'A conversation at a conference that went badly, and I keep replaying it in my head',
      date: '2026-11-25',
      evaluation: { method: 'conversation', minutesSeen: 5, whatTheySaw: 'a five-minute chat at a poster', selectionRate: null },
      followUpOn: '2026-11-28',
    }),
  ];
}

const COMMANDS: readonly (readonly string[])[] = [
  ['list'],
  ['list', '-n', '100'],
  ['history'],
  ['evidence'],
  ['doctor'],
];

describe('every line of every command fits 80 columns', () => {
  it('on a journal with every kind, wide characters and long words', async () => {
    const { cli, db } = journal(new Date('2026-12-01T10:00:00'));
    const entries = widthJournal();
    const store = Store.open(db, { create: true });
    try {
      store.importEntries(entries);
    } finally {
      store.close();
    }
    const runs = [...COMMANDS, ...entries.map((e) => ['show', e.id])];
    const tooWide: string[] = [];
    const results = await Promise.all(runs.map(async (argv) => ({ argv, result: await cli([...argv]) })));
    // The follow-up listing: what is due, before the first question (stopped there with Ctrl+C).
    results.push({ argv: ['followup'], result: await cli(['followup'], { answers: [INTERRUPT], tty: true }) });
    for (const { argv, result } of results) {
      expect(result.code === 0 || (argv[0] === 'followup' && result.code === 130), `noisy ${argv.join(' ')}: ${result.stderr}`).toBe(true);
      for (const [stream, text] of [['stdout', result.stdout], ['stderr', result.stderr]] as const) {
        for (const line of text.split('\n')) {
          if (displayWidth(line) > 80) tooWide.push(`noisy ${argv.join(' ')} (${stream}, ${displayWidth(line)} columns): ${line}`);
        }
      }
    }
    expect(tooWide).toEqual([]);
  });

  it('in what bad input gets back: the problem and its fix, each line within 80 columns', async () => {
    const { cli } = journal(new Date('2026-12-01T10:00:00'));
    const long = 'x'.repeat(70);
    const added = await cli(['attempts', 'add', 'Research engineer at Acme', '--method', 'cv-screen', '--json']);
    const attemptId = (JSON.parse(added.stdout) as { attempt: { id: string } }).attempt.id;
    const runs: string[][] = [
      ['attempts', 'add', 'T', '--method', 'self-assessment'],
      ['attempts', 'add', 'T', '--method', long],
      ...['abc', '0', '-5', '100', '150', '', long].map((rate) => ['attempts', 'add', 'T', '--method', 'cv-screen', '--rate', rate]),
      ['attempts', 'add', 'T', '--method', 'cv-screen', '--expect-reply-by', long],
      ['attempts', 'add', 'T', '--method', 'cv-screen', '--date', long],
      ['attempts', 'add', long.repeat(4), '--method', 'cv-screen'],
      ['attempts', 'resolve', attemptId, 'pending'],
      ['attempts', 'resolve', attemptId, long],
      ['search', ''],
      ['search', '"'],
      ['search', '--', '*', long.replace(/x/g, '-')],
      ['search', '--fts', ''],
      ['search', '--fts', `${long} AND`],
      ['search', '--fts', `${long}: x`],
      ['search', '--fts', `AND ${long}`],
      ['search', '--fts', `${'('.repeat(2000)}x`],
    ];
    const tooWide: string[] = [];
    for (const argv of runs) {
      const result = await cli(argv);
      expect(result.code, `noisy ${argv.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/^noisy: /);
      for (const line of result.stderr.split('\n')) {
        if (displayWidth(line) > 80) tooWide.push(`noisy ${argv.join(' ')} (${displayWidth(line)} columns): ${line}`);
      }
    }
    // A search that finds nothing is not an error, and says so within 80 columns too.
    for (const argv of [['search', ...Array<string>(40).fill('interview')], ['search', long, '--kind', 'application']]) {
      const result = await cli(argv);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/^Nothing/);
      for (const line of result.stderr.split('\n')) {
        if (displayWidth(line) > 80) tooWide.push(`noisy ${argv.join(' ')} (${displayWidth(line)} columns): ${line}`);
      }
    }
    expect(tooWide).toEqual([]);
  });
});
