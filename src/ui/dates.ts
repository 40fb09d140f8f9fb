import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { isIsoDay, toIsoDay } from '../core/dates.js';

export type DayParser = (text: string, now: Date) => string | null;

/**
 * Loads the phrase parser ("yesterday", "last friday", "3 weeks ago") on first use; chrono-node is
 * large, and most commands never need it. The whole input must be a date: "friday-ish" is refused,
 * never read as "now".
 *
 * Days are calendar days in the local time zone. "3 months ago" and "in 6 weeks" are counted on
 * the calendar with date-fns from today's date (chrono counts them in hours, and an hour gained or
 * lost at a daylight-saving change moved late-evening answers a day). Other phrases go to chrono
 * with noon of today as "now", so that no shift of an hour can cross midnight.
 */
export async function loadDayParser(): Promise<DayParser> {
  // The English parser alone: the full package loads every locale, about four times the start-up cost.
  const chrono = await import('chrono-node/en');
  return (text, now) => {
    const input = text.trim();
    if (input === '') return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return isIsoDay(input) ? input : null;
    const relative = relativeDay(input, now);
    if (relative !== undefined) return relative;
    const noon = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 12);
    const results = chrono.casual.parse(input, noon, { forwardDate: false });
    const [first] = results;
    if (results.length !== 1 || !first || first.index !== 0 || first.text.length !== input.length) return null;
    return toIsoDay(first.start.date());
  };
}

const COUNTS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

/** "3 months ago", "in 2 weeks", "a year from now"; the count and the unit, and which way. */
const RELATIVE = /^(in\s+)?(\d{1,4}|[a-z]+)\s+(minute|hour|day|week|fortnight|month|year)s?(\s+ago|\s+from\s+now|\s+later)?$/i;

/**
 * The day `text` names when it is a count of units before or after now; undefined when it is not
 * such a phrase (chrono then reads it), null when it is one but makes no sense ("in 3 days ago").
 */
export function relativeDay(text: string, now: Date): string | null | undefined {
  const match = RELATIVE.exec(text.replace(/\s+/g, ' '));
  if (!match) return undefined;
  const [, inPrefix, countText = '', unit = '', suffix] = match;
  const count = /^\d+$/.test(countText) ? Number(countText) : COUNTS[countText.toLowerCase()];
  if (count === undefined) return undefined;
  const ago = suffix?.trim().toLowerCase() === 'ago';
  if (inPrefix !== undefined && suffix !== undefined) return null;
  if (inPrefix === undefined && suffix === undefined) return undefined;
  const n = ago ? -count : count;
  switch (unit.toLowerCase()) {
    // Less than a day: real elapsed time, then the calendar day it falls on.
    case 'minute':
      return toIsoDay(new Date(now.getTime() + n * 60_000));
    case 'hour':
      return toIsoDay(new Date(now.getTime() + n * 3_600_000));
  }
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  switch (unit.toLowerCase()) {
    case 'day':
      return toIsoDay(addDays(today, n));
    case 'week':
      return toIsoDay(addWeeks(today, n));
    case 'fortnight':
      return toIsoDay(addWeeks(today, 2 * n));
    case 'month':
      // date-fns keeps the day of the month, or the month's last day when it has fewer (31 March − 1 month = 28 February).
      return toIsoDay(addMonths(today, n));
    default:
      return toIsoDay(addYears(today, n));
  }
}

/**
 * Reads a day that is meant to lie ahead ("in 6 weeks", "6 weeks", "next friday", YYYY-MM-DD).
 * chrono reads a bare "6 weeks" as the past; asked "when?", people mean the future.
 */
export function parseFutureDay(text: string, parseDay: DayParser, now: Date): string | null {
  const trimmed = text.trim();
  const phrase = /^\d+\s+(day|week|month|year)s?$/i.test(trimmed) ? `in ${trimmed}` : trimmed;
  return parseDay(phrase, now);
}
