// `noisy followup --ics`: the calendar a person imports, read back with a maintained parser (ical.js).
import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';
import { snapshot } from '../helpers/faults.js';

type Journal = ReturnType<typeof journal>;

const EARLIER = new Date('2026-10-25T09:00:00');
const PREDICTION = { statement: 'I will get an interview by March', probability: 20, checkOn: '2027-03-01' };

async function addEntry(j: Journal, overrides: Record<string, unknown> = {}): Promise<Entry> {
  const result = await j.cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(answers({ date: '2026-10-20', ...overrides })), now: EARLIER });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { entry: Entry }).entry;
}

interface Parsed {
  uid: string;
  start: string;
  isDate: boolean;
  summary: string;
  description: string;
  sequence: number;
}

function events(text: string): Parsed[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return { uid: event.uid, start: event.startDate.toString(), isDate: event.startDate.isDate, summary: event.summary, description: event.description, sequence: event.sequence };
  });
}

/** Every physical line of the file: within 75 octets, ended by CRLF, and no bare CR or LF anywhere. */
function expectWellFormedLines(text: string): void {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(line).not.toMatch(/[\r\n]/);
  }
}

// Titles that break naive calendar writers: separators, line breaks, backslashes, emoji (with
// joiners and flags), CJK, combining marks, and the longest title an entry may have.
const HOSTILE_TITLES = [
  'Rejected, again; "for now", they said: C:\\path\\to\\hope',
  'line one\nline two\r\nline three',
  'Fellowship 🎓🙃 👩🏽‍🔬 🇯🇵 – ごめんなさい、不採用です。研究職',
  'cafe\u0301 naïve Ægir ﬁne — — —',
  '研'.repeat(200),
  `${'ab, c; '.repeat(28)}😀😀`,
];

describe('noisy followup --ics', () => {
  it('writes each scheduled follow-up and open prediction as an all-day event, read back by ical.js', async () => {
    const j = journal();
    const both = await addEntry(j, { title: 'Fellowship rejection', followUpOn: '2026-12-20', prediction: PREDICTION });
    const followUpOnly = await addEntry(j, { title: 'Work trial', followUpOn: '2027-01-10' });
    await addEntry(j, { title: 'Nothing scheduled', followUpOn: null });

    const result = await j.cli(['followup', '--ics']);
    expect(result.code, result.stderr).toBe(0);
    expectWellFormedLines(result.stdout);
    expect(result.stderr).toBe('Wrote 2 follow-ups and 1 prediction check as a calendar.\n');
    const found = events(result.stdout);
    expect(found.map((e) => [e.uid, e.start, e.isDate])).toEqual([
      [`${both.id}.followup@noisy.invalid`, '2026-12-20', true],
      [`${followUpOnly.id}.followup@noisy.invalid`, '2027-01-10', true],
      [`${both.id}.prediction@noisy.invalid`, '2027-03-01', true],
    ]);
    expect(found[0]?.summary).toBe('Look back: Fellowship rejection');
    expect(found[2]?.summary).toBe('Check your prediction: I will get an interview by March');
    expect(found[2]?.description).toContain(`Run: noisy followup ${both.id}`);
    const calendar = new ICAL.Component(ICAL.parse(result.stdout));
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//noisy//noisy followup --ics//EN');
    for (const v of calendar.getAllSubcomponents('vevent')) expect(v.getFirstPropertyValue('dtstamp')).not.toBeNull();
  });

  it('keeps the same UIDs across exports, so a calendar updates its events instead of adding new ones', async () => {
    const j = journal();
    const entry = await addEntry(j, { followUpOn: '2026-11-24', prediction: PREDICTION });
    const first = (await j.cli(['followup', '--ics'])).stdout;
    // Nothing changed: the same bytes (DTSTAMP is when the entry last changed, not when exported).
    expect((await j.cli(['followup', '--ics'], { now: new Date('2027-01-01T12:00:00') })).stdout).toBe(first);

    // A follow-up that can't tell yet moves both reminders; the UIDs stay, SEQUENCE grows.
    const answered = await j.cli(['followup', entry.id, '--answers', '-'], {
      stdin: JSON.stringify({ beliefNow: 40, tookNextStep: true, whatHappened: 'waiting', predictionCameTrue: null, checkAgainOn: '2027-04-01' }),
    });
    expect(answered.code, answered.stderr).toBe(0);
    const later = events((await j.cli(['followup', '--ics'])).stdout);
    expect(later.map((e) => e.uid)).toEqual(events(first).map((e) => e.uid));
    expect(later.map((e) => [e.start, e.sequence])).toEqual([
      ['2027-04-01', 1],
      ['2027-04-01', 1],
    ]);

    // Settled: nothing is left to remind of.
    const settled = await j.cli(['followup', entry.id, '--answers', '-'], {
      stdin: JSON.stringify({ beliefNow: 50, tookNextStep: true, whatHappened: 'an interview', predictionCameTrue: true }),
    });
    expect(settled.code, settled.stderr).toBe(0);
    const done = await j.cli(['followup', '--ics']);
    expect(events(done.stdout)).toEqual([]);
    expect(done.stderr).toContain('Nothing is scheduled');
  });

  it('brings hostile titles back exactly, with no line over 75 octets', async () => {
    const j = journal();
    const saved: Entry[] = [];
    for (const title of HOSTILE_TITLES) saved.push(await addEntry(j, { title, followUpOn: '2026-12-20', prediction: { ...PREDICTION, statement: title.slice(0, 100) } }));
    const result = await j.cli(['followup', '--ics']);
    expect(result.code, result.stderr).toBe(0);
    expectWellFormedLines(result.stdout);
    const found = events(result.stdout);
    for (const entry of saved) {
      const followUp = found.find((e) => e.uid === `${entry.id}.followup@noisy.invalid`);
      expect(followUp?.summary).toBe(`Look back: ${entry.title}`);
      expect(followUp?.description).toContain(`"${entry.title}"`);
      const prediction = found.find((e) => e.uid === `${entry.id}.prediction@noisy.invalid`);
      expect(prediction?.summary).toBe(`Check your prediction: ${entry.prediction?.statement ?? ''}`);
    }
    // The titles as stored: line breaks were kept (normalised to \n) and so come back the same.
    expect(saved[1]?.title).toContain('\n');
  });

  it('writes -o FILE like an export: whole, private (0600), and never over a file without --force', async () => {
    const j = journal();
    await addEntry(j, { followUpOn: '2026-12-20' });
    const file = join(j.dir, 'noisy.ics');
    const written = await j.cli(['followup', '--ics', '-o', file]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toContain(`Wrote 1 follow-up and 0 prediction checks to ${file}.`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(events(text)).toHaveLength(1);
    expectWellFormedLines(text);

    writeFileSync(file, 'kept');
    const refused = await j.cli(['followup', '--ics', '-o', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists, and noisy does not overwrite files unless asked');
    expect(readFileSync(file, 'utf8')).toBe('kept');

    const forced = await j.cli(['followup', '--ics', '-o', file, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);

    // -o - is standard output.
    expect((await j.cli(['followup', '--ics', '-o', '-'])).stdout).toBe(text);
  });

  it('refuses the journal itself and a symbolic link as -o, even with --force, changing nothing', async () => {
    const j = journal();
    await addEntry(j, { followUpOn: '2026-12-20' });
    const link = join(j.dir, 'link.ics');
    symlinkSync(join(j.dir, 'elsewhere.ics'), link);
    const before = snapshot(j.dir);
    const onJournal = await j.cli(['followup', '--ics', '-o', j.db, '--force']);
    expect(onJournal.code).toBe(2);
    expect(onJournal.stderr).toContain('is your journal itself; writing there would replace it.');
    const onLink = await j.cli(['followup', '--ics', '-o', link, '--force']);
    expect(onLink.code).toBe(2);
    expect(onLink.stderr).toContain('is a symbolic link, not a regular file.');
    expect(snapshot(j.dir)).toEqual(before);
  });

  it('keeps the CRLF line ends when standard output is a terminal, and escapes any other control', async () => {
    const j = journal();
    await addEntry(j, { title: 'zero\u200bwidth', followUpOn: '2026-12-20' });
    const result = await j.cli(['followup', '--ics'], { tty: true });
    expect(result.code, result.stderr).toBe(0);
    expectWellFormedLines(result.stdout);
    expect(result.stdout).toContain('SUMMARY:Look back: zero<U+200B>width\r\n');
  });

  it('writes an empty calendar for a journal that does not exist yet, creating nothing', async () => {
    const j = journal();
    const result = await j.cli(['followup', '--ics']);
    expect(result.code, result.stderr).toBe(0);
    expect(events(result.stdout)).toEqual([]);
    expect(existsSync(j.db)).toBe(false);
  });

  it('says what does not go with --ics, and what -o and --force go with (exit 2)', async () => {
    const j = journal();
    const entry = await addEntry(j, { followUpOn: '2026-12-20' });
    for (const [argv, words] of [
      [['followup', entry.id, '--ics'], 'does not go with an entry id'],
      [['followup', '--ics', '--json'], 'does not go with --json'],
      [['followup', '--ics', '--answers', 'x.json'], 'does not go with --answers'],
      [['followup', '-o', 'x.ics'], '-o goes with --ics'],
      [['followup', '--force'], '--force goes with --ics'],
    ] as const) {
      const result = await j.cli([...argv]);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain(words);
    }
  });

  it('says on an encrypted journal that the calendar itself is not encrypted', async () => {
    const j = journal();
    await addEntry(j, { followUpOn: '2026-12-20' });
    const pw = join(j.dir, 'pw');
    writeFileSync(pw, 'correct horse battery\n');
    expect((await j.cli(['encrypt', '--passphrase-file', pw])).code).toBe(0);
    const result = await j.cli(['followup', '--ics', '--passphrase-file', pw]);
    expect(result.code, result.stderr).toBe(0);
    expect(events(result.stdout)).toHaveLength(1);
    expect(result.stderr).toContain('The journal is encrypted; this calendar is not');
  });
});
