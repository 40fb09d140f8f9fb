// Calendar days as YYYY-MM-DD strings, in the person's local time zone. Pure and small on purpose:
// every command loads it, so it loads nothing (date-fns took ~10 ms of each start for addDays alone).

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The local calendar day of `date`. */
export function toIsoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${d}`;
}

/**
 * The calendar day `days` after `day` (before, when negative), counted on the calendar: by day of
 * the month (as date-fns's addDays does, which a test holds it to), never by 24 hours, so a
 * daylight-saving change in between moves nothing.
 */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(2000, m - 1, d);
  date.setFullYear(y); // new Date(y, ...) would read years below 100 as 19xx
  date.setDate(date.getDate() + days);
  return toIsoDay(date);
}

/**
 * `of` worked out once per distinct day, for the many rows of a long journal that share their day
 * (the 100,000 entries of the benchmark's journal fall on 1,825 days).
 */
export function oncePerDay<T>(of: (day: string) => T): (day: string) => T {
  const known = new Map<string, T>();
  return (day) => {
    if (known.has(day)) return known.get(day)!;
    const value = of(day);
    known.set(day, value);
    return value;
  };
}

/** "2026-12-01 14:05" in the local time zone, for a stored ISO timestamp (shown as-is if unreadable). */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const hh = String(date.getHours()).padStart(2, '0');
  const mm = String(date.getMinutes()).padStart(2, '0');
  return `${toIsoDay(date)} ${hh}:${mm}`;
}

/** The local calendar day of a stored ISO timestamp. */
export function localDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 10) : toIsoDay(date);
}
