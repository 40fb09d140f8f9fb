// The full-text index in the journal: kept in step by every write, migrated onto older journals,
// and checked against a plain reading of the entries (an oracle written without SQLite).
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { excerpt, highlightTerms, markedExcerpt, safeQuery } from '../../src/core/search.js';
import { UsageError } from '../../src/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { registerSearchFunctions } from '../../src/storage/search-index.js';
import { Store } from '../../src/storage/store.js';
import { fixtureEntry, followUp } from '../fixtures/journals.js';
import { tempDir } from '../helpers/cli.js';

const ids = (store: Store, words: string, filter = {}) => store.search(safeQuery(words)!, filter, 1000).map((hit) => hit.entryId).sort();

/** Every piece of text search reads, straight from the entry. */
function textOf(entry: Entry): string {
  return [
    entry.title,
    entry.story,
    entry.nextStep,
    ...entry.followUps.map((f) => f.whatHappened),
    entry.belief.statement,
    entry.evaluation.whatTheySaw,
    entry.otherConfounders,
    entry.prediction?.statement ?? '',
    ...Object.values(entry.extras),
  ].join('\n');
}

/**
 * The oracle: an entry matches when each query word is the start of one of its words, compared
 * case-insensitively and without accents (the vocabulary below is Latin script only).
 */
function matches(entry: Entry, words: string[]): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const tokens = fold(textOf(entry)).split(/[^\p{L}\p{N}]+/u);
  return words.every((w) => tokens.some((t) => t.startsWith(fold(w))));
}

function open(): Store {
  return Store.open(join(tempDir(), 'journal.db'), { create: true });
}

/**
 * The index's own consistency check, and entry_text (the store's searchTexts of each entry) against
 * what migration 4's view reads of the stored entries now.
 */
function checkIndex(path: string): void {
  const db = new Database(path, { readonly: true });
  registerSearchFunctions(db);
  try {
    expect(db.prepare('SELECT entry_id, title, story, next_step, follow_ups, notes FROM entry_text ORDER BY entry_id').all()).toEqual(
      db.prepare('SELECT * FROM entry_search_source ORDER BY entry_id').all(),
    );
  } finally {
    db.close();
  }
  const rw = new Database(path);
  try {
    rw.exec("INSERT INTO entry_search (entry_search, rank) VALUES ('integrity-check', 1)");
  } finally {
    rw.close();
  }
}

const VOCABULARY = ['interview', 'interviewer', 'froze', 'café', 'Cafe', 'résumé', 'reviewers', 'baseline', 'NEAR', 'OR', 'rejection', 'tired'];

describe('search: the index follows every write', () => {
  it('insert, import, a draft saved, follow-ups, an edited entry and a delete', () => {
    const store = open();
    try {
      const a = fixtureEntry({ title: 'Fellowship rejection', story: 'I froze in the interview.' });
      const b = fixtureEntry({ title: 'Work trial', story: 'Long week.', extras: { venue: 'NeurIPS workshop' } });
      const c = fixtureEntry({ title: 'Paper reviews', story: 'Reviewers wanted baselines.', prediction: { statement: 'I will publish by spring', probability: 30, checkOn: '2027-03-01' } });
      store.insertEntry(a);
      store.importEntries([b, fixtureEntry({ title: 'Imported', followUps: [followUp({ whatHappened: 'Heard back from Tokyo' })] })]);
      store.saveDraft('reflect', {}, new Date());
      store.insertEntryFromDraft(c, 'reflect');
      expect(ids(store, 'froze')).toEqual([a.id]);
      expect(ids(store, 'neurips')).toEqual([b.id]);
      expect(ids(store, 'publish spring')).toEqual([c.id]);
      expect(ids(store, 'tokyo')).toHaveLength(1);

      store.addFollowUp(b.id, followUp({ whatHappened: 'They offered a second trial' }), null);
      store.addFollowUp(b.id, followUp({ whatHappened: 'Started the second trial' }), null);
      expect(ids(store, 'second trial')).toEqual([b.id]);
      expect(ids(store, 'offered')).toEqual([b.id]);

      // An edit (`noisy edit`): the old words go, the new ones come.
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the answers alone
      const { id, createdAt, followUps, revisions, ...answers } = a;
      const edited = { ...answers, title: 'Fellowship: no', story: 'I blanked on the whiteboard' };
      store.reviseEntry(a.id, edited, { revisedAt: '2026-02-01T10:00:00.000Z', changed: ['title', 'story'], previous: answers });
      expect(ids(store, 'froze')).toEqual([]);
      expect(ids(store, 'whiteboard')).toEqual([a.id]);

      store.deleteEntry(b.id);
      expect(ids(store, 'second')).toEqual([]);
      expect(ids(store, 'neurips')).toEqual([]);
      checkIndex(store.path);
    } finally {
      store.close();
    }
  });

  it('an import into a journal with entries: new ones found, follow-ups merged into old ones found, a rolled-back one leaves no word behind', () => {
    const store = open();
    try {
      const old = fixtureEntry({ title: 'Old trial', story: 'Slow start.' });
      store.insertEntry(old);
      const stored = store.getEntry(old.id)!;
      // The new entries' words go into the index at the commit, the merged entry's at once: both are found.
      const result = store.importEntries([
        fixtureEntry({ title: 'Imported', story: 'Heard from Kyoto' }),
        { ...stored, followUps: [followUp({ whatHappened: 'They offered a second trial' })], followUpOn: null },
        fixtureEntry({ title: 'Another', story: 'A café in Kyoto' }),
      ]);
      expect(result).toMatchObject({ added: 2, merged: 1 });
      expect(ids(store, 'kyoto')).toHaveLength(2);
      expect(ids(store, 'offered')).toEqual([old.id]);
      expect(ids(store, 'slow')).toEqual([old.id]);

      const session = store.beginImport();
      session.add(fixtureEntry({ title: 'Never kept', story: 'Osaka' }));
      session.rollback();
      expect(ids(store, 'osaka')).toEqual([]);
      store.insertEntry(fixtureEntry({ title: 'After', story: 'Nagoya' }));
      expect(ids(store, 'nagoya')).toHaveLength(1);
      checkIndex(store.path);
    } finally {
      store.close();
    }
  });

  it('finds what a plain reading of the entries finds, for any journal and any words', () => {
    const word = fc.constantFrom(...VOCABULARY);
    const text = fc.array(word, { maxLength: 6 }).map((w) => w.join(' '));
    const entry = fc.record({ title: text, story: text, nextStep: text, happened: fc.array(text, { maxLength: 2 }) });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom(...VOCABULARY, 'inter', 'rev', 'caf'), { minLength: 1, maxLength: 3 }), (specs, words) => {
        const store = open();
        try {
          const entries = specs.map((s) =>
            fixtureEntry({ title: s.title || 'untitled', story: s.story, nextStep: s.nextStep, followUps: s.happened.map((h) => followUp({ whatHappened: h })) }),
          );
          store.importEntries(entries);
          expect(ids(store, words.join(' '))).toEqual(entries.filter((e) => matches(e, words)).map((e) => e.id).sort());
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('search: what the store indexes', () => {
  it('is what the SQL view that filled older journals reads of the stored entry, for any text', () => {
    // The store works the index's text out from the entry in hand (searchTexts); the view of
    // migration 4 reads it from the stored JSON. Both must say the same of any entry.
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', ' ', '\n', 'e\u0301', '通知', '\u0000\u001b[31m', 'NEAR(x)', '"'));
    const entry = fc.record({
      title: piece,
      story: piece,
      nextStep: piece,
      whatTheySaw: piece,
      otherConfounders: piece,
      prediction: fc.option(piece),
      extras: fc.dictionary(fc.constantFrom('venue', 'role', '1', 'b'), piece, { maxKeys: 3 }),
      happened: fc.array(piece, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), (specs) => {
        const store = open();
        try {
          const entries = specs.map((s) =>
            fixtureEntry({
              title: s.title,
              story: s.story,
              nextStep: s.nextStep,
              evaluation: { whatTheySaw: s.whatTheySaw },
              otherConfounders: s.otherConfounders,
              prediction: s.prediction === null ? null : { statement: s.prediction, probability: 40, checkOn: '2027-01-01' },
              extras: s.extras,
              followUps: s.happened.map((h) => followUp({ whatHappened: h })),
            }),
          );
          store.importEntries(entries);
          store.addFollowUp(entries[0]!.id, followUp({ whatHappened: 'later' }), null);
        } finally {
          store.close();
        }
        checkIndex(store.path);
      }),
      { numRuns: 50 },
    );
  });
});

describe('search: hostile text', () => {
  const HOSTILE = [
    'NEAR(interview rejection, 2)',
    'interview AND NOT rejection OR "quoted phrase"',
    '"unbalanced quote',
    'title:froze story:* -minus +plus ^caret',
    '* ** *** (((',
    'x" OR 1=1 --',
    "'; DROP TABLE entries; --",
    '\u0000\u0001\u0002\u0003\u001b[31mred\u001b[0m',
    '不採用の通知が来た。面接で緊張した',
    '불합격 통지를 받았다',
    'e\u0301 café cafe\u0301',
    '👋🏽 🙂',
  ];

  it('any of these as a search reads as plain words: no error, and only real matches', () => {
    const store = open();
    try {
      const target = fixtureEntry({ title: 'Rejection', story: 'I froze in the interview. 不採用の通知が来た。面接で緊張した. 불합격 통지를 받았다. café' });
      store.insertEntry(target);
      store.insertEntry(fixtureEntry({ title: 'Another', story: 'Nothing like it.', evaluation: { whatTheySaw: 'a CV' } }));
      for (const query of HOSTILE) {
        const q = safeQuery(query);
        if (q === null) continue;
        expect(() => store.search(q, {}, 10), query).not.toThrow();
      }
      expect(ids(store, '通知')).toEqual([target.id]);
      expect(ids(store, '緊張')).toEqual([target.id]);
      expect(ids(store, '知が')).toEqual([target.id]);
      expect(ids(store, '通が')).toEqual([]);
      expect(ids(store, '통지를')).toEqual([target.id]);
      expect(ids(store, 'CAFE')).toEqual([target.id]);
      expect(ids(store, 'cafe\u0301')).toEqual([target.id]);
      expect(ids(store, 'NEAR(interview')).toEqual([]);
      expect(ids(store, 'interview froze')).toEqual([target.id]);
      expect(ids(store, '-interview')).toEqual([target.id]);
    } finally {
      store.close();
    }
  });

  it('whatever is typed, the query it becomes is one SQLite reads', () => {
    const store = open();
    try {
      store.insertEntry(fixtureEntry({ story: 'I froze in the interview. 不採用の通知が来た。' }));
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('"', '*', '-', '+', '^', ':', '(', ')', ',', 'NEAR', 'AND', 'OR', 'NOT', ' ', 'a', '通', '\u0000', '\u0002') })), (typed) => {
          const q = safeQuery(typed);
          if (q !== null) store.search(q, {}, 5);
        }),
        { numRuns: 300 },
      );
    } finally {
      store.close();
    }
  });

  it('hostile text stored in entries is found, and comes back intact in the excerpt', () => {
    const store = open();
    try {
      for (const story of HOSTILE) store.insertEntry(fixtureEntry({ title: 'Hostile', story: `marker ${story}` }));
      const hits = store.search(safeQuery('marker')!, {}, 100);
      expect(hits).toHaveLength(HOSTILE.length);
      const shown = hits.map((hit) => markedExcerpt(excerpt(hit.texts, highlightTerms('marker'))));
      for (const text of shown) expect(text).toMatch(/^«marker»/);
      expect(shown).toContain('«marker» NEAR(interview rejection, 2)');
      expect(shown.find((text) => text.includes('不'))).toMatch(/^«marker» 不採用の通知が来た。面接で.*…$/);
      expect(shown).toContain('«marker» [31mred [0m');
      checkIndex(store.path);
    } finally {
      store.close();
    }
  });

  it('an FTS5 query that cannot be read is a usage error naming the problem', () => {
    const store = open();
    try {
      store.insertEntry(fixtureEntry());
      for (const bad of ['NEAR(', '"open', 'nosuchcolumn:word', 'AND']) {
        let error: unknown;
        try {
          store.search(bad, {}, 10);
        } catch (e) {
          error = e;
        }
        expect(error, bad).toBeInstanceOf(UsageError);
        expect((error as Error).message).toMatch(/^This --fts query can't be read: .+\.$/);
        expect((error as Error).message).not.toMatch(/SQLite|fts5|syntax error|no such column|unterminated/i);
      }
    } finally {
      store.close();
    }
  });
});

describe('search: filters and ranking', () => {
  it('filters like history, and ranks a title match above one in the story', () => {
    const store = open();
    try {
      const inTitle = fixtureEntry({ title: 'Interview at the lab', story: 'It was short.', date: '2026-05-01', kind: 'job-performance', tags: ['lab'] });
      const inStory = fixtureEntry({ title: 'A bad day', story: 'The interview went badly and then the interview ended.', date: '2026-06-01' });
      store.importEntries([inStory, inTitle]);
      expect(store.search(safeQuery('interview')!, {}, 10).map((h) => h.entryId)).toEqual([inTitle.id, inStory.id]);
      expect(ids(store, 'interview', { since: '2026-05-15' })).toEqual([inStory.id]);
      expect(ids(store, 'interview', { until: '2026-05-15' })).toEqual([inTitle.id]);
      expect(ids(store, 'interview', { kind: 'job-performance' })).toEqual([inTitle.id]);
      expect(ids(store, 'interview', { tag: 'lab' })).toEqual([inTitle.id]);
      expect(ids(store, 'interview', { tag: 'none' })).toEqual([]);
      expect(store.search(safeQuery('interview')!, {}, 1)).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});

describe('search: migrating a journal of version 3', () => {
  it('indexes every existing entry, follow-ups included, and opens read-only afterwards', () => {
    const path = join(tempDir(), 'journal.db');
    const db = new Database(path);
    for (const step of MIGRATIONS.filter((m) => m.version <= 3)) {
      db.exec(step.sql);
      step.backfill?.(db);
    }
    db.pragma('user_version = 3');
    db.close();
    // Entries as a journal of version 3 holds them (the entries and follow-ups tables; history's own
    // table is left empty, search doesn't read it).
    const entries = [
      fixtureEntry({ title: 'Old one', story: 'The panel asked about compilers.' }),
      fixtureEntry({ title: 'Older one', extras: { venue: 'ICML' }, followUps: [followUp({ whatHappened: 'Resubmitted to ICLR' }), followUp({ whatHappened: 'Accepted as a poster' })] }),
    ];
    const raw = new Database(path);
    const insert = raw.prepare('INSERT INTO entries (id, created_at, date, kind, title, follow_up_on, answers) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertFollowUp = raw.prepare('INSERT INTO follow_ups (entry_id, seq, answered_at, data) VALUES (?, ?, ?, ?)');
    for (const e of entries) {
      const { id, createdAt, followUps, ...rest } = e;
      insert.run(id, createdAt, rest.date, rest.kind, rest.title, rest.followUpOn, JSON.stringify(rest));
      followUps.forEach((f, seq) => insertFollowUp.run(id, seq, f.answeredAt, JSON.stringify(f)));
    }
    raw.close();

    const store = Store.openForReading(path);
    try {
      expect(store.schemaVersion).toBe(SCHEMA_VERSION);
      expect(ids(store, 'compilers')).toEqual([entries[0]!.id]);
      expect(ids(store, 'iclr poster icml')).toEqual([entries[1]!.id]);
      expect(() => store.insertEntry(fixtureEntry())).toThrow();
    } finally {
      store.close();
    }
    checkIndex(path);
  });
});

describe('search: migrating a journal of version 6 (its index kept by triggers)', () => {
  it('keeps the index its triggers built, and the store keeps it in step from then on', () => {
    const path = join(tempDir(), 'journal.db');
    const db = new Database(path);
    registerSearchFunctions(db);
    for (const step of MIGRATIONS.filter((m) => m.version <= 6)) {
      db.exec(step.sql);
      step.backfill?.(db);
    }
    db.pragma('user_version = 6');
    // Entries written as version 6 wrote them: the triggers filled the index.
    const entries = [
      fixtureEntry({ title: 'Old one', story: 'The panel asked about compilers.' }),
      fixtureEntry({ title: 'Older one', extras: { venue: 'ICML' }, followUps: [followUp({ whatHappened: 'Resubmitted to ICLR' })] }),
    ];
    const insert = db.prepare('INSERT INTO entries (id, created_at, date, kind, title, follow_up_on, answers) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertFollowUp = db.prepare('INSERT INTO follow_ups (entry_id, seq, answered_at, data) VALUES (?, ?, ?, ?)');
    for (const e of entries) {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- stored in their own table
      const { id, createdAt, followUps, revisions, ...rest } = e;
      insert.run(id, createdAt, rest.date, rest.kind, rest.title, rest.followUpOn, JSON.stringify(rest));
      followUps.forEach((f, seq) => insertFollowUp.run(id, seq, f.answeredAt, JSON.stringify(f)));
    }
    db.close();

    const store = Store.open(path, { create: false });
    try {
      expect(store.schemaVersion).toBe(SCHEMA_VERSION);
      expect(ids(store, 'compilers')).toEqual([entries[0]!.id]);
      expect(ids(store, 'iclr icml')).toEqual([entries[1]!.id]);
      store.addFollowUp(entries[1]!.id, followUp({ whatHappened: 'Accepted as a poster' }), null);
      const added = fixtureEntry({ title: 'New one', story: 'Compilers again.' });
      store.insertEntry(added);
      store.deleteEntry(entries[0]!.id);
      expect(ids(store, 'poster iclr')).toEqual([entries[1]!.id]);
      expect(ids(store, 'compilers')).toEqual([added.id]);
    } finally {
      store.close();
    }
    const after = new Database(path, { readonly: true });
    try {
      expect(after.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all()).toEqual([]);
    } finally {
      after.close();
    }
    checkIndex(path);
  });
});
