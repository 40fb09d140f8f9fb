import { dirname, resolve } from 'node:path';
import type { Context } from '../cli/context.js';
import { catchingStopSignals } from '../cli/stop-signals.js';
import { removeLeftoversIn } from '../cli/temp-files.js';
import { checkWritable, refuseJournalAsOutput, writeFileAtomically } from '../cli/write-file.js';
import { calendarReminders, type Reminder } from '../core/calendar.js';
import { renderCalendar } from '../exporters/ics.js';
import { keyFor } from '../storage/cipher.js';
import { Store } from '../storage/store.js';

export interface CalendarOptions {
  /** A file, or '-' (the default) for standard output. */
  output?: string;
  /** Replace a file that already exists (as `noisy export --force`). */
  force?: boolean;
}

/** The calendar's name in apps that show one (X-WR-CALNAME). */
const CALENDAR_NAME = 'noisy: follow-ups and predictions';

/**
 * `noisy followup --ics`: every scheduled follow-up and open prediction as an all-day event in an
 * iCalendar file, on standard output or written like an export (whole or not at all, 0600, never
 * over an existing file without --force).
 */
export async function writeCalendar(ctx: Context, options: CalendarOptions): Promise<void> {
  const output = options.output ?? '-';
  const path = output === '-' ? null : resolve(ctx.cwd, output);
  const writeOptions = { overwrite: options.force ?? false, shown: output };
  if (path !== null) {
    refuseJournalAsOutput(ctx.dbPath, path, 'noisy.ics');
    checkWritable(path, writeOptions);
  }

  let reminders: Reminder[];
  const store = Store.openForReading(ctx.dbPath);
  try {
    reminders = calendarReminders(store.iterateScheduled(), store.attempts.awaitingReply());
  } finally {
    store.close();
  }
  if (keyFor(ctx.dbPath) !== null) {
    ctx.stderr.write(
      'The journal is encrypted; this calendar is not: it holds the titles and predictions.\n' +
        'A calendar that syncs keeps a copy on its service.\n',
    );
  }
  const text = renderCalendar(reminders, CALENDAR_NAME);

  if (path === null) {
    if (ctx.stdout.writeCrlfLines) ctx.stdout.writeCrlfLines(text);
    else ctx.stdout.write(text);
    ctx.stderr.write(`Wrote ${counted(reminders)} as a calendar.\n`);
  } else {
    removeLeftoversIn(ctx, [dirname(path)]);
    await catchingStopSignals((stop) => writeFileAtomically(path, [text], { ...writeOptions, stop }));
    ctx.stderr.write(`Wrote ${counted(reminders)} to ${output}.\n`);
    ctx.stderr.write('Import it into your calendar app; a newer file updates the same events.\n');
  }
  if (reminders.length === 0) ctx.stderr.write('Nothing is scheduled: no entry has a follow-up date or an open prediction,\nand no attempt is waiting for a reply by a day you gave.\n');
}

function counted(reminders: readonly Reminder[]): string {
  const followUps = reminders.filter((r) => r.kind === 'followup').length;
  const predictions = reminders.length - followUps;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `${n(followUps, 'follow-up', 'follow-ups')} and ${n(predictions, 'prediction check', 'prediction checks')}`;
}
