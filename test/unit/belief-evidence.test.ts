// The fast path to a belief's evidence (Store.beliefEvidence: the history columns, and the attempts
// no entry of the belief reflects on) against the simple one (whole entries and every attempt of the
// belief, paired by core's beliefEvidence): the same items, on a journal with follow-ups, states,
// good news and attempts of every outcome, linked and not.
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../src/core/attempts.js';
import { beliefEvidence, beliefPicture, evidenceItemOfAttempt, type BeliefEvidenceItem } from '../../src/core/belief-picture.js';
import { Store } from '../../src/storage/store.js';
import { beliefPictures } from '../../src/commands/belief-pictures.js';
import { fixtureEntry, followUp } from '../fixtures/journals.js';
import { tempDir } from '../helpers/cli.js';

const TEACH = 'I can teach';
const WRITE = 'I can write papers';

function attempt(id: string, overrides: Partial<Attempt>): Attempt {
  return { id, title: id, date: '2026-05-01', method: 'cv-screen', rate: 5, beliefId: null, expectReplyBy: null, outcome: 'pending', resolvedOn: null, entryId: null, ...overrides };
}

/** A journal of two beliefs; returns its path and the belief ids. */
function filled(): { path: string; teach: string; write: string } {
  const path = join(tempDir(), 'journal.db');
  const store = Store.open(path, { create: true });
  try {
    const entries = [
      fixtureEntry({ date: '2026-03-01', createdAt: '2026-03-01T10:00:00.000Z', belief: { statement: TEACH, before: 70, after: 40 }, state: ['tired', 'anxious'], confounders: ['little-information'] }),
      fixtureEntry({ date: '2026-04-01', createdAt: '2026-04-02T10:00:00.000Z', belief: { statement: TEACH, before: 40, after: 55 }, outcome: 'accepted', followUps: [followUp({ answeredAt: '2026-05-01T10:00:00.000Z', beliefNow: 50 }), followUp({ answeredAt: '2026-06-01T10:00:00.000Z', beliefNow: 62 })] }),
      fixtureEntry({ kind: 'peer-review', date: '2026-04-10', createdAt: '2026-04-10T10:00:00.000Z', belief: { statement: WRITE, before: 60, after: 20 }, evaluation: { method: 'peer-review', minutesSeen: null, selectionRate: 25 }, confounders: ['reviewer-disagreement'], tags: ['paper'] }),
      fixtureEntry({ date: '2026-04-10', createdAt: '2026-04-11T10:00:00.000Z', belief: { statement: TEACH, before: 55, after: 50 }, evaluation: { method: 'structured-interview', minutesSeen: 45, selectionRate: null } }),
    ];
    store.importEntries(entries);
    const ids = new Map(store.listBeliefs().map((b) => [b.statement, b.id]));
    const teach = ids.get(TEACH)!;
    const write = ids.get(WRITE)!;
    const resolved = { outcome: 'rejected' as const, resolvedOn: '2026-05-20' };
    store.insertAttempt(attempt('a-22222222', { ...resolved, beliefId: teach }));
    store.insertAttempt(attempt('a-33333333', { outcome: 'no-reply', resolvedOn: '2026-06-20', beliefId: teach, rate: null, method: 'written-application' }));
    store.insertAttempt(attempt('a-44444444', { outcome: 'withdrawn', resolvedOn: '2026-05-20', beliefId: teach }));
    store.insertAttempt(attempt('a-55555555', { beliefId: teach }));
    store.insertAttempt(attempt('a-66666666', { ...resolved, beliefId: teach, entryId: entries[3]!.id, method: 'structured-interview' }));
    // Reflected on by an entry of another belief: evidence of its own about its belief.
    store.insertAttempt(attempt('a-77777777', { ...resolved, beliefId: teach, entryId: entries[2]!.id }));
    store.insertAttempt(attempt('a-88888888', { outcome: 'accepted', resolvedOn: '2026-07-01', beliefId: write, method: 'peer-review', rate: 30 }));
    store.insertAttempt(attempt('a-99999999', { ...resolved }));
    return { path, teach, write };
  } finally {
    store.close();
  }
}

const byIds = (a: BeliefEvidenceItem, b: BeliefEvidenceItem) => `${a.entryId}|${a.attemptId}`.localeCompare(`${b.entryId}|${b.attemptId}`);

/** Store.beliefEvidence's items of one belief, in the order it gives them. */
function evidenceOf(store: Store, beliefId: string, filter = {}): BeliefEvidenceItem[] {
  const items: BeliefEvidenceItem[] = [];
  store.beliefEvidence(filter, (id, item) => {
    if (id === beliefId) items.push(item);
  });
  return items;
}

/** The fast path's items of one belief. */
function fast(store: Store, beliefId: string, filter = {}): BeliefEvidenceItem[] {
  const items = evidenceOf(store, beliefId, filter);
  for (const a of store.attempts.unreflected({ beliefId })) {
    const item = evidenceItemOfAttempt(a);
    if (item) items.push(item);
  }
  return items.sort(byIds);
}

/** The simple path's items of one belief: whole entries and every attempt about it. */
function simple(store: Store, beliefId: string): BeliefEvidenceItem[] {
  return beliefEvidence([...store.iterateBeliefEntries(beliefId)], store.attempts.list().filter((a) => a.beliefId === beliefId)).sort(byIds);
}

describe('Store.beliefEvidence', () => {
  it('gives the items whole entries give, with the attempts paired the same way', () => {
    const { path, teach, write } = filled();
    const store = Store.open(path, { create: false });
    try {
      for (const id of [teach, write]) expect(fast(store, id)).toEqual(simple(store, id));
      const teachItems = fast(store, teach);
      // Three entries (one with the attempt it reflects on), and the three resolved attempts no entry
      // of this belief reflects on; the withdrawn and the pending one are left out.
      expect(teachItems.map((i) => [i.entryId !== null, i.attemptId]).sort()).toEqual([
        [false, 'a-22222222'],
        [false, 'a-33333333'],
        [false, 'a-77777777'],
        [true, null],
        [true, null],
        [true, 'a-66666666'],
      ]);
      expect(teachItems.find((i) => i.latestFollowUp !== null)?.latestFollowUp).toEqual({ answeredAt: '2026-06-01T10:00:00.000Z', beliefNow: 62 });
      // And the pictures of the two paths agree to the last digit.
      const pictures = beliefPictures(store, '2026-08-01', { all: true });
      expect(pictures.map((p) => p.id).sort()).toEqual([teach, write].sort());
      for (const picture of pictures) {
        const reference = beliefPicture(store.getBelief(picture.id)!, simple(store, picture.id), '2026-08-01');
        expect(picture.combined).toEqual(reference.combined);
        expect([picture.before, picture.now]).toEqual([reference.before, reference.now]);
      }
    } finally {
      store.close();
    }
  });

  it('reads whole entries when the history table is out of step, with the same items', () => {
    const { path, teach } = filled();
    const before = (() => {
      const store = Store.open(path, { create: false });
      try {
        return fast(store, teach);
      } finally {
        store.close();
      }
    })();
    const db = new Database(path);
    db.prepare('DELETE FROM history WHERE id = (SELECT id FROM history WHERE belief_id IS NOT ? LIMIT 1)').run(teach);
    db.close();
    const store = Store.open(path, { create: false });
    try {
      expect(evidenceOf(store, teach).sort(byIds)).toEqual(before.filter((i) => i.entryId !== null));
    } finally {
      store.close();
    }
  });

  it('filters: entries by day, kind and tag; unreflected attempts by the day they were resolved, none under --kind or --tag', () => {
    const { path, teach, write } = filled();
    const store = Store.open(path, { create: false });
    try {
      const ids = (pictures: ReturnType<typeof beliefPictures>, id: string) => pictures.find((p) => p.id === id)?.evaluations.map((e) => e.entryId ?? e.attemptId);
      const since = beliefPictures(store, '2026-08-01', { filter: { since: '2026-04-05', until: '2026-06-01' } });
      expect(ids(since, teach)).toEqual([expect.any(String), 'a-22222222', 'a-77777777']);
      const tagged = beliefPictures(store, '2026-08-01', { filter: { tag: 'paper' } });
      expect(tagged.map((p) => p.id)).toEqual([write]);
      expect(ids(tagged, write)).toHaveLength(1);
      const kind = beliefPictures(store, '2026-08-01', { filter: { kind: 'peer-review' } });
      expect(kind.map((p) => p.id)).toEqual([write]);
    } finally {
      store.close();
    }
  });
});
