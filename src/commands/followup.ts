import type { Context } from '../cli/context.js';
import { InterruptedError, UsageError } from '../cli/errors.js';
import { printJson, readJsonInput } from '../cli/io.js';
import { LIMITS } from '../core/answers.js';
import { toIsoDay } from '../core/dates.js';
import type { Entry, FollowUp } from '../core/entry.js';
import {
  followUpReflection,
  parseFollowUpAnswers,
  recheckDefault,
  toFollowUp,
  type FollowUpAnswers,
  type FollowUpReflection,
} from '../core/followup.js';
import { warrantedUpdate } from '../core/warranted.js';
import { Store } from '../storage/store.js';
import type { Asker } from '../ui/asker.js';
import { loadDayParser, parseFutureDay } from '../ui/dates.js';
import {
  interrupted,
  nothingDue,
  PICK_CHOICES,
  PREDICTION_CHOICES,
  QUESTIONS,
  renderDueList,
  renderEntryContext,
  renderReflection,
  savedLine,
  walkDone,
} from '../ui/followup-text.js';
import { styler } from '../ui/style.js';
import { findEntry } from './lookup.js';

export interface FollowupOptions {
  /** Path of a follow-up answers file, or '-' for standard input; needs an id. */
  answers?: string;
  json?: boolean;
}

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
          'Fix these fields and run the command again. The format: {"beliefNow": 45, "tookNextStep": true, "whatHappened": "...", "predictionCameTrue": true}',
        ]);
      }
      report(ctx, save(store, entry, parsed.answers, ctx.now()), options.json ?? false);
    } finally {
      store.close();
    }
    return;
  }

  if (id === undefined && options.json) {
    const store = Store.open(ctx.dbPath, { create: false });
    try {
      printJson(ctx, { today, due: store.dueFollowUps(today) });
    } finally {
      store.close();
    }
    return;
  }

  if (!ctx.interactive) {
    throw new UsageError('noisy followup asks its questions in a terminal, and this is not one.', [
      'To run it without a terminal, pass the answers as a file: noisy followup ID --answers followup.json',
      '(or --answers - to read them from standard input). `noisy followup --json` lists what is due.',
    ]);
  }

  const store = Store.open(ctx.dbPath, { create: false });
  try {
    const asker = await ctx.asker();
    if (id !== undefined) {
      const entry = findEntry(store, id);
      const answers = await askOrStop(ctx, asker, entry, today, 0, isDue(entry, today));
      report(ctx, save(store, entry, answers, ctx.now()), options.json ?? false);
      return;
    }
    await walk(ctx, store, asker, today);
  } finally {
    store.close();
  }
}

async function walk(ctx: Context, store: Store, asker: Asker, today: string): Promise<void> {
  const due = store.dueFollowUps(today);
  if (due.length === 0) {
    ctx.stderr.write(nothingDue(store.nextFollowUp(today)));
    return;
  }
  const c = styler(ctx.color.stdout);
  ctx.stdout.write(renderDueList(due, c));
  let saved = 0;
  let skipped = 0;
  for (const entry of due) {
    const pick = await guard(saved, true, () =>
      asker.select<(typeof PICK_CHOICES)[number]['value']>({ message: QUESTIONS.pick(entry), choices: PICK_CHOICES, default: 'now' }),
    );
    if (pick === 'stop') break;
    if (pick === 'skip') {
      skipped += 1;
      continue;
    }
    const answers = await askOrStop(ctx, asker, entry, today, saved, true);
    report(ctx, save(store, entry, answers, ctx.now()), false);
    saved += 1;
  }
  skipped += due.length - saved - skipped;
  ctx.stderr.write(walkDone(saved, skipped));
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

async function askOrStop(ctx: Context, asker: Asker, entry: Entry, today: string, saved: number, stillDue: boolean): Promise<FollowUpAnswers> {
  ctx.stdout.write(renderEntryContext(entry, styler(ctx.color.stdout)));
  return guard(saved, stillDue, () => ask(asker, entry, today, ctx.now()));
}

/** The follow-up questions. Nothing is stored until every one is answered. */
async function ask(asker: Asker, entry: Entry, today: string, now: Date): Promise<FollowUpAnswers> {
  const beliefNow = await asker.number({ message: QUESTIONS.beliefNow(entry), min: 0, max: 100 });
  const tookNextStep = await asker.confirm({ message: QUESTIONS.tookNextStep(entry), default: false });
  const whatHappened = (
    await asker.text({
      message: QUESTIONS.whatHappened,
      multiline: true,
      validate: (v) => (v.length > LIMITS.longText ? `That's over ${LIMITS.longText} characters; trim it a little.` : null),
    })
  ).trim();

  let predictionCameTrue: boolean | null = null;
  let checkAgainOn: string | null = null;
  if (entry.prediction) {
    const came = await asker.select<(typeof PREDICTION_CHOICES)[number]['value']>({ message: QUESTIONS.prediction(entry), choices: PREDICTION_CHOICES });
    if (came === 'yes') predictionCameTrue = true;
    else if (came === 'no') predictionCameTrue = false;
    else {
      const parseDay = await loadDayParser();
      const fallback = recheckDefault(entry, today);
      const after = (text: string) => {
        const day = parseFutureDay(text, parseDay, now);
        return day !== null && day > today ? day : null;
      };
      const text = await asker.text({ message: QUESTIONS.checkAgainOn(fallback), default: fallback, validate: (v) => (after(v) ? null : QUESTIONS.badCheckDate) });
      checkAgainOn = after(text) ?? fallback;
    }
  }
  return { beliefNow, tookNextStep, whatHappened, predictionCameTrue, checkAgainOn };
}

/** Stores one follow-up in a single transaction and returns what to show. */
function save(store: Store, entry: Entry, answers: FollowUpAnswers, now: Date): FollowupResult {
  const { followUp, nextDue } = toFollowUp(answers, now);
  store.addFollowUp(entry.id, followUp, nextDue);
  const stored = store.getEntry(entry.id) ?? { ...entry, followUpOn: nextDue, followUps: [...entry.followUps, followUp] };
  const warranted = warrantedUpdate({
    kind: entry.kind,
    method: entry.evaluation.method,
    before: entry.belief.before,
    after: entry.belief.after,
    minutesSeen: entry.evaluation.minutesSeen,
    selectionRate: entry.evaluation.selectionRate,
    confounders: entry.confounders,
  });
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
