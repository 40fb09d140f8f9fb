// Attempts waiting for a reply in `noisy followup --ics`, read back with ical.js.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { journal } from '../helpers/cli.js';

function events(text: string): { uid: string; start: string; summary: string; description: string; sequence: number }[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return { uid: event.uid, start: event.startDate.toString(), summary: event.summary, description: event.description, sequence: event.sequence };
  });
}

describe('attempts in the calendar', () => {
  it('puts each pending attempt with a reply day in, on the day after it, under a UID that stays', async () => {
    const { cli } = journal();
    const add = async (title: string, extra: string[]) => (await cli(['attempts', 'add', title, '--method', 'cv-screen', '--date', '2026-11-20', ...extra])).stdout.trim();
    const waiting = await add('Fellowship, lab A', ['--expect-reply-by', '2026-12-10']);
    await add('No day given', []);
    const answered = await add('Answered already', ['--expect-reply-by', '2026-12-05']);
    expect((await cli(['attempts', 'resolve', answered, 'rejected'])).code).toBe(0);

    const first = await cli(['followup', '--ics']);
    expect(first.code, first.stderr).toBe(0);
    const [event, ...rest] = events(first.stdout);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ uid: `${waiting}.reply@noisy.invalid`, start: '2026-12-11', summary: 'Did you hear back? Fellowship, lab A' });
    expect(event!.description).toContain(`noisy followup ${waiting}`);

    // Written again: the same bytes. Asked again later: the same event, a later day, a higher sequence.
    expect((await cli(['followup', '--ics'])).stdout).toBe(first.stdout);
    expect((await cli(['followup', waiting], { answers: ['not-yet', '2026-12-24'] })).code).toBe(0);
    const [moved] = events((await cli(['followup', '--ics'])).stdout);
    expect(moved).toMatchObject({ uid: event!.uid, start: '2026-12-25' });
    expect(moved!.sequence).toBeGreaterThan(event!.sequence);
  });
});
