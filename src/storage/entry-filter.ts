// Which entries a command looks at (--since, --until, --kind, --tag, --belief), as SQL. Apart from
// store.ts so that `noisy search` (storage/search-query.ts) can use it without loading the whole
// store.
import type { Kind } from '../core/domain.js';

export interface EntryFilter {
  /** YYYY-MM-DD, inclusive. */
  since?: string;
  /** YYYY-MM-DD, inclusive. */
  until?: string;
  kind?: Kind;
  tag?: string;
  /** A belief id: only entries about it. */
  belief?: string;
  /** Newest first when true (the default is oldest first). */
  newestFirst?: boolean;
  limit?: number;
}

/** The WHERE clause for `filter` on the entries table, or on `table` with the same columns. */
export function whereClause(filter: EntryFilter, table = 'entries'): { where: string; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (filter.since) {
    conditions.push('date >= @since');
    params.since = filter.since;
  }
  if (filter.until) {
    conditions.push('date <= @until');
    params.until = filter.until;
  }
  if (filter.kind) {
    conditions.push('kind = @kind');
    params.kind = filter.kind;
  }
  if (filter.tag) {
    conditions.push(`EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = ${table}.id AND t.tag = @tag)`);
    params.tag = filter.tag;
  }
  if (filter.belief) {
    conditions.push(table === 'history' ? 'belief_id = @belief' : `EXISTS (SELECT 1 FROM history b WHERE b.id = ${table}.id AND b.belief_id = @belief)`);
    params.belief = filter.belief;
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
