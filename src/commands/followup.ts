import type { Context } from '../cli/context.js';
import { InterruptedError, UsageError } from '../errors.js';
import { printJson, readJsonInput } from '../cli/io.js';
import { localTime, toIsoDay } from '../core/dates.js';
import type { Entry, FollowUp } from '../core/entry.js';
import {
  followUpReflection,
  parseFollowUpAnswers,
  toFollowUp,
  type FollowUpAnswers,
  type FollowUpReflection,
} from '../core/followup.js';
import { warrantedFor } from '../core/summary.js';
import { followUpDraftName, Store } from '../storage/store.js';
import type { Asker } from '../ui/asker.js';
import {
  interrupted,
  nothingDue,
  PICK_CHOICES,
  QUESTIONS,
  renderDueList,
  renderEntryContext,
  renderReflection,
  savedLine,
  startingFresh,
  walkDone,
} from '../ui/followup-text.js';
import { styler } from '../ui/style.js';
import { DraftSession, isObjectDraft } from './drafts.js';
import { findAttempt, findEntry } from './lookup.js';
import { attemptRecord } from './attempts.js';
import { walkReplies } from './attempt-replies.js';
import { REVIEW } from '../ui/review-text.js';
import { askThenReview, dayParserOnce, followUpForm, type Prompter, type ReviewWords } from './questions.js';

export interface FollowupOptions {
  /** Path of a follow-up answers file, or '-' for standard input; needs an id. */
  answers?: string;
  json?: boolean;
  /** Write the scheduled follow-ups and predictions as an iCalendar file instead (calendar.ts). */
  ics?: boolean;
  /** With --ics: a file, or '-' for standard output. */
  output?: string;
  /** With --ics -o: replace a file that already exists. */
  force?: boolean;
}

const FOLLOW_UP_REVIEW: ReviewWords = {
  heading: 'Your follow-up (nothing is saved yet)',
  save: 'Save this follow-up',
  stop: 'Stop here, and keep the answers as a draft',
};

/** What one saved follow-up prints under --json. */
export interface FollowupResult {
  /** The entry as stored after the follow-up (its followUps and followUpOn updated). */
  entry: Entry;
  followUp: FollowUp;
  nextFollowUpOn: string | null;
  reflection: FollowUpReflection;
}

/**
 * `noisy followup [ID]`: look back at an entry weeks later. Without an id, walks through the entries
 * that are due; with one, takes that entry even if it is not due yet. Each follow-up is saved whole
 * or not at all.
 */
export async function followup(ctx: Context, id: string | undefined, options: FollowupOptions): Promise<void> {
  const today = toIsoDay(ctx.now());
  checkCalendarOptions(id, options);
  if (options.ics) {
    const { writeCalendar } = await import('./calendar.js');
    await writeCalendar(ctx, options);
    return;
  }

  if (options.answers !== undefined) {
    if (id === undefined) {
      throw new UsageError('--answers needs the id of the entry the answers are about.', [
        'For example: noisy followup 7kq3 --answers followup.json',
        '`noisy followup --json` lists the entries that are due, with their ids.',
      ]);
    }
    const shown = options.answers === '-' ? 'standard input' : options.answers;
    const raw = await readJsonInput(ctx, options.answers, 'follow-up answers');
    const store = Store.open(ctx.dbPath, { create: false });
    try {
      const entry = findEntry(store, id);
      const parsed = parseFollowUpAnswers(raw, entry, today);
      if (!parsed.ok) {
        const count = parsed.errors.length === 1 ? 'a problem' : `${parsed.errors.length} problems`;
        throw new UsageError(`The follow-up answers in ${shown} have ${count}; nothing was saved:`, [
          ...parsed.errors,
          'Fix these fields and run the command again. The format:',
          '  {"beliefNow": 45, "tookNextStep": true, "whatHappened": "...",',
          '   "predictionCameTrue": true}',
          'and, when predictionCameTrue is null, "checkAgainOn": "YYYY-MM-DD".',
        ]);
      }
      report(ctx, save(store, entry, parsed.answers, ctx.now()), options.json ?? false);
    } finally {
      store.close();
    }
    return;
  }

  if (id === undefined && options.json) {
    const store = Store.openForReading(ctx.dbPath);
    try {
      printJson(ctx, { today, due: store.dueFollowUps(today), repliesDue: store.attempts.overdue(today).map(attemptRecord) });
    } finally {
      store.close();
    }
    return;
  }

  if (!ctx.interactive) {
    throw new UsageError('noisy followup asks its questions in a terminal, and this is not one.', [
      'To run it without a terminal, pass the answers as a file:',
      '  noisy followup ID --answers followup.json',
      '  noisy followup ID --answers - < followup.json   (from standard input)',
      '`noisy followup --json` lists what is due.',
    ]);
  }

  const store = Store.open(ctx.dbPath, { create: false });
  try {
    const asker = await ctx.asker();
    if (id !== undefined && id.trim().toLowerCase().startsWith('a-')) {
      const attempt = findAttempt(store, id);
      if (attempt.outcome !== 'pending') {
        ctx.stderr.write(`"${attempt.title}" is resolved already (${attempt.outcome} on ${attempt.resolvedOn ?? '?'}); \`noisy attempts resolve ${attempt.id} OUTCOME\` changes it.\n`);
        return;
      }
      await walkReplies(ctx, store, asker, today, [attempt]);
      return;
    }
    if (id !== undefined) {
      const entry = findEntry(store, id);
      const answers = await askOrStop(ctx, store, asker, entry, today, 0, isDue(entry, today), options.json ?? false);
      if (answers) report(ctx, save(store, entry, answers, ctx.now()), options.json ?? false);
      return;
    }
    await walk(ctx, store, asker, today);
  } finally {
    store.close();
  }
}

async function walk(ctx: Context, store: Store, asker: Asker, today: string): Promise<void> {
  const due = store.dueFollowUps(today);
  const replies = store.attempts.overdue(today);
  if (due.length === 0) {
    if (replies.length === 0) ctx.stderr.write(nothingDue(store.nextFollowUp(today)));
    else await walkReplies(ctx, store, asker, today, replies);
    return;
  }
  const c = styler(ctx.color.stdout);
  ctx.stdout.write(renderDueList(due, c));
  let saved = 0;
  let skipped = 0;
  let stopped = false;
  for (const entry of due) {
    const pick = await guard(saved, true, () =>
      asker.select<(typeof PICK_CHOICES)[number]['value']>({ message: QUESTIONS.pick(entry), choices: PICK_CHOICES, default: 'now' }),
    );
    if (pick === 'stop') {
      stopped = true;
      break;
    }
    if (pick === 'skip') {
      skipped += 1;
      continue;
    }
    const answers = await askOrStop(ctx, store, asker, entry, today, saved, true);
    // Stopped on the review screen: what was said is there, and the walk ends here.
    if (!answers) return;
    report(ctx, save(store, entry, answers, ctx.now()), false);
    saved += 1;
  }
  skipped += due.length - saved - skipped;
  ctx.stderr.write(walkDone(saved, skipped));
  // Then the attempts past their reply date, unless the person stopped the walk.
  if (!stopped) await walkReplies(ctx, store, asker, today, replies);
}

/** --ics writes every reminder at once: it takes no id, no answers and no --json; -o and --force go with it. */
function checkCalendarOptions(id: string | undefined, options: FollowupOptions): void {
  if (!options.ics) {
    const stray = options.output !== undefined ? '-o' : options.force ? '--force' : null;
    if (stray) throw new UsageError(`${stray} goes with --ics (the calendar file); a follow-up itself writes no file.`, ['For example: noisy followup --ics -o noisy.ics']);
    return;
  }
  const clash = id !== undefined ? 'an entry id' : options.answers !== undefined ? '--answers' : options.json ? '--json' : null;
  if (clash) {
    throw new UsageError(`--ics writes every scheduled follow-up and prediction as a calendar; it does not go with ${clash}.`, [
      'For example: noisy followup --ics -o noisy.ics',
    ]);
  }
}

function isDue(entry: Entry, today: string): boolean {
  return entry.followUpOn !== null && entry.followUpOn <= today;
}

/** Runs a prompt step; Ctrl+C becomes a message that says exactly what was and wasn't saved. */
async function guard<T>(saved: number, stillDue: boolean, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof InterruptedError) throw new InterruptedError(interrupted(saved, stillDue));
    throw error;
  }
}

/** The answers to save, or null when the person stopped on the review screen (a draft is kept). */
async function askOrStop(
  ctx: Context,
  store: Store,
  asker: Asker,
  entry: Entry,
  today: string,
  saved: number,
  stillDue: boolean,
  json = false,
): Promise<FollowUpAnswers | null> {
  ctx.stdout.write(renderEntryContext(entry, styler(ctx.color.stdout)));
  const session = await guard(saved, stillDue, () => startDraft(ctx, store, asker, entry));
  try {
    const answers = await ask(ctx, asker, entry, today, session, json);
    if (!answers) ctx.stderr.write(`${interrupted(saved, stillDue, session.keep())}\n`);
    return answers;
  } catch (error) {
    if (error instanceof InterruptedError) throw new InterruptedError(interrupted(saved, stillDue, session.keep()));
    throw error;
  }
}

/** Offers an unfinished follow-up of this entry, if there is one, and starts keeping a draft. */
async function startDraft(ctx: Context, store: Store, asker: Asker, entry: Entry): Promise<DraftSession> {
  const name = followUpDraftName(entry.id);
  const saved = store.loadDraft(name);
  if (saved && isObjectDraft(saved.data)) {
    const resume = await asker.confirm({ message: QUESTIONS.resume(localTime(saved.updatedAt)), default: true });
    if (resume) return new DraftSession(store, name, ctx.now, saved.data);
    ctx.stderr.write(startingFresh);
    return new DraftSession(store, name, ctx.now, {}, false);
  }
  return new DraftSession(store, name, ctx.now, {});
}

/**
 * The follow-up questions (fields.ts), then the review screen. Nothing is stored as a follow-up
 * until every one is answered and the person saves; null when they stop instead.
 */
async function ask(ctx: Context, asker: Asker, entry: Entry, today: string, session: DraftSession, json: boolean): Promise<FollowUpAnswers | null> {
  // With --json, standard output carries the one JSON document alone.
  const out = json ? ctx.stderr : ctx.stdout;
  const prompter: Prompter = { asker, now: ctx.now(), out: (text) => out.write(text), c: styler(json ? ctx.color.stderr : ctx.color.stdout), dayParser: dayParserOnce() };
  ctx.stderr.write(`${REVIEW.backHint}\n`);
  const outcome = await askThenReview(followUpForm(entry, today), prompter, session, FOLLOW_UP_REVIEW);
  if (outcome === 'stop') return null;
  const parsed = parseFollowUpAnswers(session.answers, entry, today);
  // Every answer passed its field's rule as it was given; a problem here is one between answers.
  if (!parsed.ok) throw new UsageError('These follow-up answers have a problem; nothing was saved:', parsed.errors);
  return parsed.answers;
}

/** Stores one follow-up in a single transaction and returns what to show. */
function save(store: Store, entry: Entry, answers: FollowUpAnswers, now: Date): FollowupResult {
  const { followUp, nextDue } = toFollowUp(answers, now);
  store.addFollowUp(entry.id, followUp, nextDue, followUpDraftName(entry.id));
  const stored = store.getEntry(entry.id) ?? { ...entry, followUpOn: nextDue, followUps: [...entry.followUps, followUp] };
  const warranted = warrantedFor(entry, store.beliefBar(entry.belief.id));
  return { entry: stored, followUp, nextFollowUpOn: nextDue, reflection: followUpReflection(entry, followUp, warranted.warrantedBelief, nextDue) };
}

function report(ctx: Context, result: FollowupResult, json: boolean): void {
  if (json) {
    printJson(ctx, result);
    return;
  }
  ctx.stdout.write(renderReflection(result.reflection, styler(ctx.color.stdout)));
  ctx.stderr.write(savedLine(result.entry, result.nextFollowUpOn));
}
