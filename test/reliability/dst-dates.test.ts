// Dates near midnight across a daylight-saving change. In Los Angeles, 2026-12-02 23:27 is after
// the clocks went back (1 November): counting "3 months ago" in hours landed on 2026-09-03, a day
// late. Days are counted on the calendar, and this file checks it in that time zone.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates.js';
import { loadDayParser, type DayParser } from '../../src/ui/dates.js';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';

const zoneBefore = process.env.TZ;
let parse: DayParser;

beforeAll(async () => {
  // Node reads TZ again when it changes, so every Date below is in Los Angeles time.
  process.env.TZ = 'America/Los_Angeles';
  parse = await loadDayParser();
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

/** A local time in Los Angeles. */
const at = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min);

describe('in America/Los_Angeles', () => {
  it('is really in that zone (standard time in December, daylight time in September)', () => {
    expect(at(2026, 12, 2, 23, 27).getTimezoneOffset()).toBe(480);
    expect(at(2026, 9, 2, 23, 27).getTimezoneOffset()).toBe(420);
  });

  it('reads "3 months ago" at 23:27 on 2 December as 2 September', () => {
    const now = at(2026, 12, 2, 23, 27);
    expect(parse('3 months ago', now)).toBe('2026-09-02');
    expect(parse('two months ago', now)).toBe('2026-10-02');
    expect(parse('5 weeks ago', now)).toBe('2026-10-28');
    expect(parse('40 days ago', now)).toBe('2026-10-23');
    expect(parse('a year ago', now)).toBe('2025-12-02');
  });

  it('counts forwards across the spring change too, and in the first hour after midnight', () => {
    expect(parse('in 3 months', at(2026, 12, 2, 23, 27))).toBe('2027-03-02');
    expect(parse('in 2 weeks', at(2027, 3, 7, 23, 45))).toBe('2027-03-21');
    expect(parse('1 month ago', at(2027, 3, 14, 0, 30))).toBe('2027-02-14');
    expect(parse('3 months from now', at(2026, 9, 2, 0, 15))).toBe('2026-12-02');
  });

  it('reads named phrases on the right day late in the evening after a change', () => {
    const now = at(2026, 11, 2, 23, 27);
    expect(parse('last month', now)).toBe('2026-10-02');
    expect(parse('yesterday', now)).toBe('2026-11-01');
    expect(parse('today', now)).toBe('2026-11-02');
    expect(parse('last monday', now)).toBe('2026-10-26');
  });

  it('counts hours as time that passed, then takes that day', () => {
    expect(parse('3 hours ago', at(2026, 11, 2, 1, 30))).toBe('2026-11-01');
    expect(parse('an hour ago', at(2026, 11, 2, 23, 27))).toBe('2026-11-02');
  });

  it('agrees with counting months by hand, at every time of day, all year round', () => {
    const daysIn = (y: number, m: number) => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 30 }),
        (now, months) => {
          // By hand: step the month back, keep the day or the month's last day.
          const total = now.getFullYear() * 12 + now.getMonth() - months;
          const y = Math.floor(total / 12);
          const m = (total % 12) + 1;
          const d = Math.min(now.getDate(), daysIn(y, m));
          const expected = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(parse(`${months} months ago`, now)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('adds days on the calendar, across both changes', () => {
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
    expect(addDays('2027-03-14', -1)).toBe('2027-03-13');
    expect(addDays('2026-12-02', 30)).toBe('2027-01-01');
  });

  it('adds days as counting them in UTC does, for any day of any year and any number of days', () => {
    const inUtc = (day: string, days: number) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(2000, m - 1, d + days));
      date.setUTCFullYear(y, m - 1, d + days);
      return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
    };
    fc.assert(
      fc.property(fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9899-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -30_000, max: 30_000 }), (date, days) => {
        const day = date.toISOString().slice(0, 10);
        expect(addDays(day, days)).toBe(inUtc(day, days));
      }),
      { numRuns: 2000 },
    );
  });

  it('`noisy export --since "3 months ago"` keeps the entry of that day', async () => {
    const now = at(2026, 12, 2, 23, 27);
    const { cli } = journal(now);
    for (const date of ['2026-09-01', '2026-09-02', '2026-09-03']) {
      const saved = await cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(answers({ title: date, date })), now });
      expect(saved.code, saved.stderr).toBe(0);
    }
    const result = await cli(['export', '--format', 'json', '--since', '3 months ago'], { now });
    expect(result.code, result.stderr).toBe(0);
    const titles = (JSON.parse(result.stdout) as { entries: { title: string }[] }).entries.map((e) => e.title);
    expect(titles).toEqual(['2026-09-02', '2026-09-03']);
  });
});
