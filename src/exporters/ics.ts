// Reminders as an iCalendar file (RFC 5545) that any calendar app imports: one all-day event each.
// Small enough to write by hand, and done by hand for what matters to people who write in every
// script: lines are folded at 75 octets of UTF-8 (never inside a character), not at 75 characters.
import { addDays } from '../core/dates.js';
import { showInvisible } from '../core/characters.js';
import type { Reminder } from '../core/calendar.js';

/** Identifies the program that made the file (PRODID, required once per file). */
export const PRODUCT_ID = '-//noisy//noisy followup --ics//EN';

/** RFC 5545 3.1: a content line is at most 75 octets, not counting its CRLF. */
export const MAX_LINE_OCTETS = 75;

const CRLF = '\r\n';

/** The whole file: the same reminders give the same bytes. Lines end in CRLF. */
export function renderCalendar(reminders: Iterable<Reminder>, name: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODUCT_ID}`, 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(name)}`];
  for (const reminder of reminders) lines.push(...eventLines(reminder));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(r: Reminder): string[] {
  const summary = escapeText(r.summary);
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(r.uid)}`,
    `DTSTAMP:${utcStamp(r.changedAt)}`,
    `DTSTART;VALUE=DATE:${basicDate(r.day)}`,
    // An all-day event ends (exclusively) the next day; some apps want it said.
    `DTEND;VALUE=DATE:${basicDate(addDays(r.day, 1))}`,
    `SEQUENCE:${r.sequence}`,
    `SUMMARY:${summary}`,
    `DESCRIPTION:${escapeText(r.description)}`,
    // A reminder takes no time: it should not make the day look busy.
    'TRANSP:TRANSPARENT',
    // A notice at 9:00 on the day (the start of an all-day event is midnight, local time).
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:PT9H',
    `DESCRIPTION:${summary}`,
    'END:VALARM',
    'END:VEVENT',
  ];
}

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break as `\n`.
 * Characters a terminal or a calendar's display must not get raw (controls, bidi and other format
 * characters) are written in their visible form `<U+202E>`, as in the Markdown export.
 */
export function escapeText(text: string): string {
  return showInvisible(text.replace(/\r\n?/g, '\n'))
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/**
 * Folds a content line (RFC 5545 3.1): at most 75 octets of UTF-8 per line, each continuation
 * starting with one space (which counts). A break falls only between characters, never inside
 * one's UTF-8 bytes.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const character of line) {
    const size = utf8Length(character.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1; // the leading space of the continuation
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** 2027-03-01 → 20270301 (a DATE value). */
function basicDate(day: string): string {
  return day.replace(/-/g, '');
}

/** An ISO timestamp → 20261120T140300Z (a DATE-TIME in UTC, whole seconds). */
function utcStamp(iso: string): string {
  const time = Date.parse(iso);
  const date = new Date(Number.isNaN(time) ? 0 : time);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}
