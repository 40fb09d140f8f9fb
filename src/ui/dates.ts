import { isIsoDay, toIsoDay } from '../core/dates.js';

export type DayParser = (text: string, now: Date) => string | null;

/**
 * Loads the phrase parser ("yesterday", "last friday", "3 weeks ago") on first use; chrono-node is
 * large, and most commands never need it. The whole input must be a date: "friday-ish" is refused,
 * never read as "now".
 */
export async function loadDayParser(): Promise<DayParser> {
  // The English parser alone: the full package loads every locale, about four times the start-up cost.
  const chrono = await import('chrono-node/en');
  return (text, now) => {
    const input = text.trim();
    if (input === '') return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return isIsoDay(input) ? input : null;
    const results = chrono.casual.parse(input, now, { forwardDate: false });
    const [first] = results;
    if (results.length !== 1 || !first || first.index !== 0 || first.text.length !== input.length) return null;
    return toIsoDay(first.start.date());
  };
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
