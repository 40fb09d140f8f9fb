// What `noisy followup --ics` puts in a calendar: one all-day event for each day something is
// waiting on the person (a follow-up falls due, a prediction can be checked). Pure: the events
// are data; src/exporters/ics.ts writes them as an iCalendar file.
import type { Entry } from './entry.js';
import type { Attempt } from './attempts.js';
import { addDays } from './dates.js';

/** What an event is about; part of its UID, so it never changes once released. */
export type ReminderKind = 'followup' | 'prediction' | 'reply';

export interface Reminder {
  /**
   * The same for the same thing in every export, so a calendar that imports a newer file updates
   * the event instead of adding a second one: `<entry id>.<kind>@<REMINDER_DOMAIN>`.
   */
  uid: string;
  kind: ReminderKind;
  /** The day it falls on, YYYY-MM-DD (an all-day event). */
  day: string;
  summary: string;
  description: string;
  /**
   * Grows each time the entry changes (follow-ups answered, edits): calendars take the event with
   * the higher number as the newer one (RFC 5545 SEQUENCE).
   */
  sequence: number;
  /** When the entry last changed (ISO timestamp): the event's DTSTAMP, so an unchanged entry gives the same bytes. */
  changedAt: string;
}

/**
 * The right-hand side of every UID. RFC 5545 asks for a domain there so that UIDs made by different
 * programs never collide; noisy owns none, so it uses a name reserved never to exist (RFC 2606).
 */
export const REMINDER_DOMAIN = 'noisy.invalid';

/** The reminders of one entry: its scheduled follow-up, and its prediction while it is still open. */
export function remindersOf(entry: Entry): Reminder[] {
  const sequence = entry.followUps.length + entry.revisions.length;
  const changedAt = lastChange(entry);
  const base = (kind: ReminderKind) => ({ uid: `${entry.id}.${kind}@${REMINDER_DOMAIN}`, kind, sequence, changedAt });
  const run = `Run: noisy followup ${entry.id}`;
  const reminders: Reminder[] = [];

  if (entry.followUpOn !== null) {
    reminders.push({
      ...base('followup'),
      day: entry.followUpOn,
      summary: `Look back: ${entry.title}`,
      description: `Time to look back at "${entry.title}" (${entry.date}): how does it feel now, and what happened since?\n${run}`,
    });
  }

  const day = openPredictionDay(entry);
  if (entry.prediction && day !== null) {
    const { statement, probability } = entry.prediction;
    reminders.push({
      ...base('prediction'),
      day,
      summary: `Check your prediction: ${statement}`,
      description: `On ${entry.date}, after "${entry.title}", you gave this ${Math.round(probability)}%: "${statement}". Did it come true?\n${run}`,
    });
  }
  return reminders;
}

/**
 * The day to check the entry's prediction, or null when there is none left to check: no prediction,
 * or a follow-up already said whether it came true. A follow-up that could not tell yet moved the
 * check to the entry's next follow-up, so that day replaces the one first planned.
 */
export function openPredictionDay(entry: Entry): string | null {
  if (!entry.prediction) return null;
  if (entry.followUps.some((f) => f.predictionCameTrue !== null)) return null;
  const rescheduled = entry.followUps.length > 0 && entry.followUpOn !== null;
  return rescheduled ? entry.followUpOn : entry.prediction.checkOn;
}

/**
 * Every reminder of these entries, and of these attempts waiting for a reply, by day (then UID), so
 * the same journal gives the same file.
 */
export function calendarReminders(entries: Iterable<Entry>, attempts: Iterable<Attempt> = []): Reminder[] {
  const all: Reminder[] = [];
  for (const entry of entries) all.push(...remindersOf(entry));
  for (const attempt of attempts) {
    const reminder = reminderOfAttempt(attempt);
    if (reminder) all.push(reminder);
  }
  return all.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}

/** The latest of the entry's creation, its follow-ups and its edits. */
function lastChange(entry: Entry): string {
  let latest = entry.createdAt;
  let latestTime = Date.parse(latest);
  for (const at of [...entry.followUps.map((f) => f.answeredAt), ...entry.revisions.map((r) => r.revisedAt)]) {
    const time = Date.parse(at);
    if (time > latestTime || Number.isNaN(latestTime)) [latest, latestTime] = [at, time];
  }
  return latest;
}

/**
 * The reminder of an attempt still waiting for a reply: on the day after the one it was expected by
 * (noisy asks from then on). Attempts keep no history of changes, so the event's DTSTAMP is the day
 * the attempt was made and its SEQUENCE the days from then to the expected reply: "not yet, ask me
 * again later" moves the day later and so raises the sequence, which is what calendars need to take
 * the newer event.
 */
export function reminderOfAttempt(attempt: Attempt): Reminder | null {
  if (attempt.outcome !== 'pending' || attempt.expectReplyBy === null) return null;
  const day = addDays(attempt.expectReplyBy, 1);
  const waited = Math.max(0, Math.round((Date.parse(`${attempt.expectReplyBy}T00:00:00Z`) - Date.parse(`${attempt.date}T00:00:00Z`)) / 86_400_000));
  return {
    uid: `${attempt.id}.reply@${REMINDER_DOMAIN}`,
    kind: 'reply',
    day,
    summary: `Did you hear back? ${attempt.title}`,
    description: `You sent "${attempt.title}" on ${attempt.date} and expected a reply by ${attempt.expectReplyBy}.\nRun: noisy followup ${attempt.id}`,
    sequence: waited,
    changedAt: `${attempt.date}T00:00:00.000Z`,
  };
}
