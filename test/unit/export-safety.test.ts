// `noisy export` writes the exporters' chunks to standard output without checking them again
// (commands/export.ts): every chunk must already be safe for a terminal, whatever the entries hold.
// Entries written by an older noisy, or by hand, can hold anything; these are built that way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { renderJson } from '../../src/exporters/json.js';
import { renderEntryFile, renderMarkdown } from '../../src/exporters/markdown.js';
import { makeEntry, packs } from '../helpers/entries.js';
import { forbiddenIn, hostileText } from '../helpers/hostile-text.js';

const FIELDS = {
  title: hostileText,
  story: hostileText,
  statement: hostileText,
  whatTheySaw: hostileText,
  other: hostileText,
  nextStep: hostileText,
  prediction: hostileText,
  happened: hostileText,
  tag: hostileText,
  extra: hostileText,
};
const texts = fc.record(FIELDS);

function hostileEntry(t: Record<keyof typeof FIELDS, string>): Entry {
  const entry = makeEntry({}, { followUps: [{ answeredAt: '2027-01-05T09:30:00.000Z', beliefNow: 40, tookNextStep: true, whatHappened: '', predictionCameTrue: null }] });
  return {
    ...entry,
    title: t.title,
    story: t.story,
    belief: { ...entry.belief, statement: t.statement },
    evaluation: { ...entry.evaluation, whatTheySaw: t.whatTheySaw },
    otherConfounders: t.other,
    nextStep: t.nextStep,
    prediction: { statement: t.prediction, probability: 30, checkOn: '2027-03-01' },
    tags: [t.tag],
    extras: { organisation: t.extra },
    followUps: entry.followUps.map((f) => ({ ...f, whatHappened: t.happened })),
    revisions: [{ revisedAt: '2027-01-06T10:00:00.000Z', changed: ['title', 'story'], previous: { ...entry, title: t.story, story: t.title } }],
  };
}

describe('every export chunk is safe for a terminal', () => {
  it('Markdown, JSON and --split files, for entries holding any text', () => {
    fc.assert(
      fc.property(texts, (t) => {
        const entry = hostileEntry(t);
        for (const chunk of renderMarkdown([entry], { packs })) expect(forbiddenIn(chunk)).toEqual([]);
        for (const chunk of renderJson([entry])) expect(forbiddenIn(chunk)).toEqual([]);
        expect(forbiddenIn(renderEntryFile(entry, packs[entry.kind], packs))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
