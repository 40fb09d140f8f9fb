// The entry filters shared by `noisy export` and `noisy history`: --since, --until, --kind, --tag.
// Declared and parsed in one place so both commands accept exactly the same flags and words.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { Option } from './commander.js';
import { quoteForMessage as clip } from '../core/characters.js';
import { isKind, KINDS } from '../core/domain.js';
import type { EntryFilter } from '../storage/store.js';
import type { Context } from './context.js';
import { UsageError } from '../errors.js';

/** The filter flags as commander hands them over (all optional, all raw text). */
export interface FilterFlags {
  since?: string;
  until?: string;
  kind?: string;
  tag?: string;
}

/** Adds --since, --until, --kind and --tag to a command (help text included). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors commander's own Args bound
export function addFilterOptions<Args extends any[], Opts extends OptionValues, Globals extends OptionValues>(command: Command<Args, Opts, Globals>) {
  return command
    .addOption(new Option('--since <date>', 'only entries on or after this day (YYYY-MM-DD, or e.g. "3 months ago")'))
    .addOption(new Option('--until <date>', 'only entries on or before this day (YYYY-MM-DD, or e.g. "last friday")'))
    .addOption(new Option('--kind <kind>', `only this kind of evaluation (${KINDS.join(', ')})`))
    .addOption(new Option('--tag <tag>', 'only entries with this tag'));
}

/**
 * Turns the raw flags into a store filter. Dates are YYYY-MM-DD or phrases ("3 weeks ago"), read
 * relative to ctx.now(); anything unreadable is a UsageError (exit 2), never silently "now".
 * The phrase parser is loaded only when a date flag is given.
 */
export async function parseFilterOptions(flags: FilterFlags, ctx: Pick<Context, 'now'>): Promise<EntryFilter> {
  const filter: EntryFilter = {};
  if (flags.since !== undefined || flags.until !== undefined) {
    const { loadDayParser } = await import('../ui/dates.js');
    const parseDay = await loadDayParser();
    const day = (flag: string, text: string): string => {
      const parsed = parseDay(text, ctx.now());
      if (parsed === null) {
        throw new UsageError(`${flag} "${clip(text)}" is not a date noisy can read.`, [
          'Write a day as YYYY-MM-DD (e.g. 2026-11-20) or a phrase such as "3 weeks ago" or "last friday".',
        ]);
      }
      return parsed;
    };
    if (flags.since !== undefined) filter.since = day('--since', flags.since);
    if (flags.until !== undefined) filter.until = day('--until', flags.until);
    if (filter.since && filter.until && filter.since > filter.until) {
      throw new UsageError(`--since (${filter.since}) is after --until (${filter.until}), so nothing could match.`, [
        'Swap the two dates, or drop one of them.',
      ]);
    }
  }
  if (flags.kind !== undefined) {
    const kind = flags.kind.trim().toLowerCase();
    if (!isKind(kind)) throw new UsageError(`--kind "${clip(flags.kind)}" is not a kind of evaluation.`, [`Use one of: ${KINDS.join(', ')}.`]);
    filter.kind = kind;
  }
  if (flags.tag !== undefined) {
    // The answer fields' rules (and the model they import) are loaded only for a tag to check.
    const { normaliseTag } = await import('../core/fields.js');
    const tag = normaliseTag(flags.tag);
    if (tag === null) throw new UsageError(`--tag "${clip(flags.tag)}" is not a tag.`, ['Tags are single words of letters, digits, - or _ (a leading # is fine).']);
    filter.tag = tag;
  }
  return filter;
}
