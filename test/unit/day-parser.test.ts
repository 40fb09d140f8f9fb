import { beforeAll, describe, expect, it } from 'vitest';
import { loadDayParser, type DayParser } from '../../src/ui/dates.js';

// Tuesday 1 December 2026, mid-morning local time.
const NOW = new Date(2026, 11, 1, 10, 0, 0);
let parse: DayParser;
beforeAll(async () => {
  parse = await loadDayParser();
});

describe('loadDayParser', () => {
  it('reads everyday phrases as local calendar days', () => {
    expect(parse('today', NOW)).toBe('2026-12-01');
    expect(parse('yesterday', NOW)).toBe('2026-11-30');
    expect(parse('  Yesterday ', NOW)).toBe('2026-11-30');
    expect(parse('last friday', NOW)).toBe('2026-11-27');
    expect(parse('3 weeks ago', NOW)).toBe('2026-11-10');
    expect(parse('in 8 weeks', NOW)).toBe('2027-01-26');
  });

  it('takes ISO days as they are, and refuses impossible ones', () => {
    expect(parse('2026-11-20', NOW)).toBe('2026-11-20');
    expect(parse('2030-01-01', NOW)).toBe('2030-01-01');
    expect(parse('2026-02-30', NOW)).toBeNull();
  });

  it('returns null for anything that is not wholly a date, never "now"', () => {
    for (const text of ['', '   ', 'banana', 'friday-ish', 'yesterday or so', 'sometime', 'yesterday and today']) {
      expect(parse(text, NOW), text).toBeNull();
    }
  });
});
