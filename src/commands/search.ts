import type { Context } from '../cli/context.js';
import { parseFilterOptions, type FilterFlags } from '../cli/filters.js';
import { printJson } from '../cli/io.js';
import { quoteForMessage } from '../core/characters.js';
import { excerpt, highlightTerms, markedExcerpt, rawQuery, safeQuery } from '../core/search.js';
import { UsageError } from '../errors.js';
import { searchJournal } from '../storage/journal-reader.js';
import { noMatches, renderSearchResults, showingFirst } from '../ui/search-text.js';

export interface SearchOptions extends FilterFlags {
  limit: number;
  json?: boolean;
  /** Read the words as an SQLite FTS5 query (AND, OR, NOT, NEAR, "phrases", prefix*). */
  fts?: boolean;
}

/** One result of `noisy search --json`. */
export interface SearchResult {
  entryId: string;
  date: string;
  title: string;
  /** A short passage around the matches, each matched word between « and ». */
  excerpt: string;
  /** 1 for the best match. */
  rank: number;
}

/**
 * `noisy search WORDS`: the entries whose text has all the words (each also as the start of a
 * longer word), best match first. Reads only: the journal is opened read-only (storage/journal-reader.ts).
 */
export async function search(ctx: Context, words: string[], options: SearchOptions): Promise<void> {
  const text = words.join(' ').trim();
  const query = options.fts ? rawQuery(text) : safeQuery(text);
  if (query === null) throw nothingToSearchFor(text, options.fts === true);
  const filter = await parseFilterOptions(options, ctx);
  // One more than asked for, to know whether there are more.
  const { hits } = await searchJournal(ctx.dbPath, query, filter, options.limit + 1);
  const more = hits.length > options.limit;
  const terms = highlightTerms(text, options.fts);
  const found = hits.slice(0, options.limit).map((hit) => ({ ...hit, parts: excerpt(hit.texts, terms) }));
  if (options.json) {
    const results: SearchResult[] = found.map((hit, i) => ({ entryId: hit.entryId, date: hit.date, title: hit.title, excerpt: markedExcerpt(hit.parts), rank: i + 1 }));
    printJson(ctx, { results });
    return;
  }
  if (found.length === 0) {
    ctx.stderr.write(noMatches(quoteForMessage(text), Object.keys(filter).length > 0));
    return;
  }
  // chalk only for a terminal in colour: the excerpts mark matches with « » otherwise.
  const c = ctx.color.stdout ? (await import('../ui/style.js')).styler(true) : null;
  ctx.stdout.write(renderSearchResults(found, c));
  if (more) ctx.stderr.write(showingFirst(found.length));
}

/** FTS5's own syntax: characters that are not words to look for, unless --fts is given. */
const FTS_SYNTAX = /["*^():+-]/;

/**
 * The refusal of words with no letter or digit in them: empty, or only punctuation. Someone who
 * typed FTS5's syntax (a quote, a star) is told that every word already finds longer ones.
 */
function nothingToSearchFor(text: string, fts: boolean): UsageError {
  if (text === '') {
    return new UsageError('There is nothing to search for: the words are empty.', [
      fts ? "Give words to look for, e.g. noisy search --fts 'interview NOT phone'." : 'Give a word or two, e.g. noisy search interview.',
    ]);
  }
  const shown = quoteForMessage(text, 20);
  const quoted = shown.includes('"') ? `'${shown}'` : `"${shown}"`;
  const fix = fts
    ? ["Give words to look for, e.g. noisy search --fts 'interview NOT phone'."]
    : ['Give a word or two, e.g. noisy search interview.'];
  if (!fts && FTS_SYNTAX.test(text)) {
    fix.push('Each word also finds longer words it starts (interv: interview): no * needed.', 'With --fts the words are an FTS5 query: "a phrase", prefix*, NOT.');
  }
  return new UsageError(`${quoted} has no letters or digits to search for.`, fix);
}
