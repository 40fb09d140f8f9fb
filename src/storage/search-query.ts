// The query behind `noisy search`, on an open connection. Apart from store.ts so that a search
// loads only what it needs (storage/search-reader.ts); Store.search runs the same function.
import type Database from 'better-sqlite3-multiple-ciphers';
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
      const reason = (error as Error).message.replace(/^fts5: /, '');
      throw new UsageError(`SQLite could not read this search (${reason}).`, [
        'Quote words with special characters ("like-this"), or leave out --fts to',
        'search for the words just as they are.',
      ]);
    }
    throw storageError(path, error) ?? error;
  }
}
