import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeEntry, mergeSequence } from '../../src/core/merge.js';
import { fixtureEntry, followUp } from '../fixtures/journals.js';

const answered = (n: number) => Array.from({ length: n }, (_, i) => followUp({ answeredAt: `2026-0${i + 1}-15T09:00:00.000Z`, beliefNow: 10 * i }));

describe('mergeSequence', () => {
  it('adds what theirs has beyond ours, and nothing when ours is ahead', () => {
    expect(mergeSequence('item', [1, 2], [1, 2, 3, 4])).toEqual({ added: [3, 4] });
    expect(mergeSequence('item', [1, 2, 3], [1, 2])).toEqual({ added: [] });
    expect(mergeSequence('item', [], [])).toEqual({ added: [] });
  });

  it('names the first place where the two differ', () => {
    expect(mergeSequence('item', [1, 2, 3], [1, 5, 3, 4])).toEqual({ conflict: 'item 2 differs' });
  });

  it('merging in either order leaves the longer list, when one is the start of the other', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 8 }), fc.nat(8), fc.nat(8), (items, a, b) => {
        const ours = items.slice(0, a);
        const theirs = items.slice(0, b);
        const merged = (x: number[], y: number[]) => {
          const result = mergeSequence('item', x, y);
          return 'added' in result ? [...x, ...result.added] : null;
        };
        const longer = ours.length >= theirs.length ? ours : theirs;
        expect(merged(ours, theirs)).toEqual(longer);
        expect(merged(theirs, ours)).toEqual(longer);
      }),
    );
  });
});

describe('mergeEntry', () => {
  it('takes their later follow-ups and the follow-up day that came with them', () => {
    const ours = fixtureEntry({ followUps: answered(1), followUpOn: '2026-03-01' });
    const theirs = { ...ours, followUps: answered(3), followUpOn: null };
    expect(mergeEntry(ours, theirs)).toEqual({ conflict: null, followUps: answered(3).slice(1), followUpOn: null });
    // Ours ahead: nothing to add, our day stays.
    expect(mergeEntry(theirs, ours)).toEqual({ conflict: null, followUps: [], followUpOn: null });
  });

  it('sees the same entry whatever order its fields were stored in', () => {
    const ours = fixtureEntry({ extras: { venue: 'A', organisation: 'B' }, followUps: answered(1) });
    const reordered = JSON.parse(JSON.stringify({ ...ours, extras: { organisation: 'B', venue: 'A' } })) as typeof ours;
    reordered.followUps = reordered.followUps.map(({ predictionCameTrue, whatHappened, ...rest }) => ({ predictionCameTrue, whatHappened, ...rest }));
    expect(mergeEntry(ours, reordered)).toEqual({ conflict: null, followUps: [], followUpOn: ours.followUpOn });
  });

  it('refuses different answers or follow-ups, naming what differs, and adds nothing', () => {
    const ours = fixtureEntry({ followUps: answered(1) });
    const edited = { ...ours, title: 'Another title', story: 'Rewritten', aboutMe: 3, nextStep: 'rest', followUps: answered(2) };
    expect(mergeEntry(ours, edited)).toEqual({ conflict: 'different title, story, aboutMe and 1 more', followUps: [], followUpOn: ours.followUpOn });
    const otherAnswer = { ...ours, followUps: [followUp({ beliefNow: 99 }), ...answered(2).slice(1)] };
    expect(mergeEntry(ours, otherAnswer)).toEqual({ conflict: 'follow-up 1 differs', followUps: [], followUpOn: ours.followUpOn });
    expect(mergeEntry(ours, { ...otherAnswer, createdAt: '2026-06-02T00:00:00.000Z' }).conflict).toBe('different createdAt; follow-up 1 differs');
  });
});
