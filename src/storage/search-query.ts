// The query behind `noisy search`, on an open connection. Apart from store.ts so that a search
// loads only what it needs (storage/journal-reader.ts); Store.search runs the same function.
import type Database from 'better-sqlite3-multiple-ciphers';
import { quoteForMessage } from '../core/characters.js';
import { UsageError } from '../errors.js';
import { whereClause, type EntryFilter } from './entry-filter.js';
import { storageError } from './failures.js';

/** One entry found by `noisy search`, best first. */
export interface SearchHit {
  entryId: string;
  date: string;
  title: string;
  /** What the index holds of the entry (core/search.ts searchableText): title, story, next step, follow-ups, notes. */
  texts: [string, string, string, string, string];
}

/**
 * How much a match counts in each column of entry_search, for bm25 (title, story, next step,
 * follow-ups, notes): a word in the title says most about what an entry is about.
 */
const SEARCH_WEIGHTS = '4.0, 1.0, 2.0, 1.0, 1.0';

/**
 * The entries of the journal open as `db` (at `path`) matching `query` (FTS5 syntax: core/search.ts
 * makes it from a person's words), best first, at most `limit`, within `filter`. A query FTS5 can't
 * read is a UsageError.
 */
export function searchEntries(db: Database.Database, path: string, query: string, filter: EntryFilter, limit: number): SearchHit[] {
  // Rank every match (bm25, the title counting most), and read the text of the best few alone.
  // Their excerpts are made in core/search.ts: FTS5's snippet() reads a common word's whole
  // index again for each entry, which took as long as the ranking itself.
  const { where, params } = whereClause(filter);
  // The entries the filters let through, as a list SQLite checks each match against. The + keeps
  // FTS5 from taking it as rowids to look up one by one (one index read each: minutes, not ms).
  const within = where
    ? `AND +entry_search.rowid IN (SELECT entry_text.key FROM entries JOIN entry_text ON entry_text.entry_id = entries.id ${where})`
    : '';
  const ranked = db.prepare(
    `SELECT rowid FROM entry_search WHERE entry_search MATCH @query ${within}
     ORDER BY bm25(entry_search, ${SEARCH_WEIGHTS}), rowid LIMIT @limit`,
  );
  const hit = db.prepare(
    `SELECT entries.id, entries.date, entries.title, t.title, t.story, t.next_step, t.follow_ups, t.notes
     FROM entry_text t JOIN entries ON entries.id = t.entry_id WHERE t.key = ?`,
  );
  try {
    const best = ranked.pluck().all({ ...params, query, limit }) as number[];
    return best.map((key) => {
      const [entryId, date, title, ...texts] = hit.raw().get(key) as [string, string, string, string, string, string, string, string];
      return { entryId, date, title, texts: texts as SearchHit['texts'] };
    });
  } catch (error) {
    // The statements themselves prepared fine, so a plain SQLITE_ERROR while running them comes
    // from reading the query (FTS5 parses it then); damage, locks and the like have codes of their own.
    if ((error as { code?: unknown }).code === 'SQLITE_ERROR') {
      const { problem, more } = ftsProblem((error as Error).message);
      throw new UsageError(`This --fts query can't be read: ${problem}.`, [
        ...more,
        'Quote words with special characters ("like-this"), or leave out --fts to',
        'search for the words just as they are.',
      ]);
    }
    throw storageError(path, error) ?? error;
  }
}

/**
 * What FTS5's message about a query it could not parse means, in words (never SQLite's own text:
 * a person gave words, not SQL): the problem, short enough for the first line of the refusal, and
 * lines that say more. Only --fts queries reach FTS5 as typed (core/search.ts safeQuery).
 */
export function ftsProblem(message: string): { problem: string; more: string[] } {
  const reason = message.replace(/^fts5: /, '');
  const near = /^syntax error near "(.*)"$/s.exec(reason);
  if (near?.[1] === '') return { problem: 'it ends too soon', more: ['After AND, OR or NOT comes a word, and every bracket is closed.'] };
  if (near) return { problem: `"${quoteForMessage(near[1] ?? '', 20)}" is out of place`, more: ['AND, OR and NOT go between words; NEAR(...) and brackets hold words.'] };
  if (reason === 'unterminated string') return { problem: 'a quote (") is not closed', more: [] };
  const column = /^no such column: (.*)$/s.exec(reason);
  if (column) {
    return {
      problem: `no part of an entry is "${quoteForMessage(column[1] ?? '', 12)}"`,
      more: ['Its parts: title, story, next_step, follow_ups, notes (title: interview).'],
    };
  }
  if (reason === 'parser stack overflow') return { problem: 'too many brackets inside each other', more: [] };
  return { problem: 'it is not a query FTS5 understands', more: [] };
}
