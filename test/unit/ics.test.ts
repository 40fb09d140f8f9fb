import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../src/core/calendar.js';
import { showInvisible } from '../../src/core/characters.js';
import { escapeText, foldLine, MAX_LINE_OCTETS, PRODUCT_ID, renderCalendar } from '../../src/exporters/ics.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/** The file's physical lines, as bytes split at CRLF, each decoded strictly (a split character throws). */
function physicalLines(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i += 1) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(strict.decode(bytes.subarray(start, i)));
      start = i + 2;
    }
  }
  expect(start, 'the file ends with CRLF').toBe(bytes.length);
  return lines;
}

function reminder(overrides: Partial<Reminder> = {}): Reminder {
  return {
    uid: 'abcd2345.followup@noisy.invalid',
    kind: 'followup',
    day: '2027-03-01',
    summary: 'Look back: a title',
    description: 'Two lines\nRun: noisy followup abcd2345',
    sequence: 2,
    changedAt: '2026-11-20T14:03:07.123Z',
    ...overrides,
  };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

// Text with every character class that folding and escaping can get wrong.
const PIECES = ['a', ' ', ',', ';', '\\', '\n', '\r\n', ':', '"', 'é', 'ß', '研', '究', '😀', '👩‍🔬', '🇯🇵', '\u0301', 'ㅤ', '\t', '\u2028', '\u202e'];
const awkwardText = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 120 }).map((parts) => parts.join(''));

describe('foldLine', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('counts octets, not characters: 25 three-octet characters fill a line, the 26th goes on', () => {
    const line = '研'.repeat(26);
    expect(foldLine(line)).toBe(`${'研'.repeat(25)}\r\n 研`);
    // A character that would straddle the 75th octet moves to the next line whole.
    expect(foldLine(`${'x'.repeat(74)}😀`)).toBe(`${'x'.repeat(74)}\r\n 😀`);
  });

  it('keeps every physical line within 75 octets, splits no character, and unfolds to the line it was given', () => {
    fc.assert(
      fc.property(awkwardText, (text) => {
        const line = `SUMMARY:${escapeText(text)}`;
        const folded = foldLine(line);
        for (const physical of physicalLines(`${folded}\r\n`)) expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(MAX_LINE_OCTETS);
        // RFC 5545 3.1: unfolding removes each CRLF followed by one space.
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon and comma, and writes every line break as \\n', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('shows characters no display should get raw in their visible form', () => {
    expect(escapeText('a\u202eb\u0007c\u200bd')).toBe('a<U+202E>b<U+0007>c<U+200B>d');
  });
});

describe('renderCalendar', () => {
  it('writes a calendar that ical.js reads back: all-day events, UID, DTSTAMP, SEQUENCE, PRODID', () => {
    const text = renderCalendar([reminder(), reminder({ uid: 'abcd2345.prediction@noisy.invalid', kind: 'prediction', day: '2027-12-31', sequence: 0 })], 'a name');
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('prodid')).toBe(PRODUCT_ID);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(events.map((e) => e.uid)).toEqual(['abcd2345.followup@noisy.invalid', 'abcd2345.prediction@noisy.invalid']);
    const [first, second] = events;
    expect(first?.startDate.isDate).toBe(true);
    expect(first?.startDate.toString()).toBe('2027-03-01');
    expect(first?.endDate.toString()).toBe('2027-03-02');
    expect(second?.endDate.toString()).toBe('2028-01-01');
    expect(first?.summary).toBe('Look back: a title');
    expect(first?.description).toBe('Two lines\nRun: noisy followup abcd2345');
    expect(first?.sequence).toBe(2);
    const stamp = first?.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe('2026-11-20T14:03:07.000Z');
    expect(stamp.zone?.tzid).toBe('UTC');
    expect(first?.component.getFirstSubcomponent('valarm')?.getFirstPropertyValue('action')).toBe('DISPLAY');
  });

  it('brings any text back exactly through folding and escaping, every line within 75 octets', () => {
    fc.assert(
      fc.property(awkwardText, awkwardText, (summary, description) => {
        const text = renderCalendar([reminder({ summary, description })], 'x');
        for (const line of physicalLines(text)) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_OCTETS);
        const [event] = parse(text).events;
        // Line breaks come back as \n; invisible and direction-changing characters (U+2028, U+202E...)
        // in their visible form <U+XXXX>, the rule of every export.
        const written = (s: string) => showInvisible(s.replace(/\r\n?/g, '\n'));
        expect(event?.summary).toBe(written(summary));
        expect(event?.description).toBe(written(description));
      }),
      { numRuns: 200 },
    );
  });

  it('is a valid empty calendar when nothing is scheduled', () => {
    const text = renderCalendar([], 'x');
    expect(parse(text).events).toEqual([]);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
