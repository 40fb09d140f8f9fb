// The entry filters shared by commands that look across entries (--since, --until, --kind, --tag).
import { normaliseTag } from '../core/answers.js';
import { toIsoDay } from '../core/dates.js';
import { KINDS, isKind } from '../core/domain.js';
import type { EntryFilter } from '../storage/store.js';
import type { Context } from './context.js';
import { UsageError } from './errors.js';

export interface FilterOptions {
  since?: string;
  until?: string;
  kind?: string;
  tag?: string;
}

/**
 * Turns the filter flags into an EntryFilter, or a UsageError naming the flag and the fix. Dates take
 * YYYY-MM-DD or a phrase ("last month", "3 weeks ago"); the phrase parser loads only when needed.
 */
export async function parseFilterOptions(opts: FilterOptions, ctx: Context): Promise<EntryFilter> {
  const filter: EntryFilter = {};
  if (opts.kind !== undefined) {
    if (!isKind(opts.kind)) {
      throw new UsageError(`--kind ${JSON.stringify(opts.kind)} is not a kind of evaluation.`, [`Use one of: ${KINDS.join(', ')}.`]);
    }
    filter.kind = opts.kind;
  }
  if (opts.tag !== undefined) {
    const tag = normaliseTag(opts.tag);
    if (tag === null) {
      throw new UsageError(`--tag ${JSON.stringify(opts.tag)} is not a tag.`, ['A tag is one word of letters, digits, - or _, e.g. --tag fellowship.']);
    }
    filter.tag = tag;
  }
  if (opts.since !== undefined || opts.until !== undefined) {
    const { loadDayParser } = await import('../ui/dates.js');
    const parseDay = await loadDayParser();
    const now = ctx.now();
    const day = (flag: string, text: string): string => {
      const parsed = parseDay(text, now);
      if (parsed === null) {
        throw new UsageError(`${flag} ${JSON.stringify(text)} is not a date noisy can read.`, [
          `Write a day as YYYY-MM-DD (e.g. ${toIsoDay(now)}) or a phrase like "last month" or "3 weeks ago".`,
        ]);
      }
      return parsed;
    };
    if (opts.since !== undefined) filter.since = day('--since', opts.since);
    if (opts.until !== undefined) filter.until = day('--until', opts.until);
    if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
      throw new UsageError(`--since (${filter.since}) is after --until (${filter.until}).`, ['Swap them, or widen the range.']);
    }
  }
  return filter;
}
