import type { Context } from '../cli/context.js';
import { printJson } from '../cli/io.js';
import { UsageError } from '../errors.js';
import {
  ATTEMPT_METHODS,
  ATTEMPT_KIND,
  attemptInputs,
  chanceOfAcceptanceIfGoodEnough,
  isAttemptMethod,
  isResolution,
  outlookFor,
  RESOLUTIONS,
  triesPerMonth,
  type Attempt,
  type AttemptOutlook,
  type Resolution,
} from '../core/attempts.js';
import { clip, LIMITS, normaliseText, textProblems } from '../core/fields.js';
import { quoteForMessage } from '../core/characters.js';
import { toIsoDay } from '../core/dates.js';
import type { Method } from '../core/domain.js';
import { pointAssumptions } from '../core/belief-picture.js';
import { newAttemptId } from '../core/ids.js';
import { Store } from '../storage/store.js';
import { loadPacks } from '../packs/load.js';
import { KINDS } from '../core/domain.js';
import { METHOD_CHOICES } from '../ui/labels.js';
import { styler, wrap } from '../ui/style.js';
import { renderAttempts, renderNewAttempt, renderResolved } from '../ui/attempts-text.js';
import { findAttempt, findBelief } from './lookup.js';

export interface AttemptsOptions {
  json?: boolean;
  /** Tries a month the person aims for (shown on the chart). */
  target?: number;
}

/** One attempt as `--json` prints it: the stored fields and the validity and rate the model used. */
export interface AttemptRecord {
  id: string;
  title: string;
  date: string;
  method: Method;
  /** Percent: the one given, else the method's default. */
  selectionRate: number;
  /** False when the rate was not given and the method's default is used. */
  selectionRateKnown: boolean;
  /** The correlation with ability the model used. */
  validity: number;
  beliefId: string | null;
  expectReplyBy: string | null;
  outcome: Attempt['outcome'];
  resolvedOn: string | null;
  entryId: string | null;
}

export function attemptRecord(attempt: Attempt): AttemptRecord {
  const { validity, selectionRate, rateKnown } = attemptInputs(attempt.method, attempt.rate);
  return {
    id: attempt.id,
    title: attempt.title,
    date: attempt.date,
    method: attempt.method,
    selectionRate,
    selectionRateKnown: rateKnown,
    validity,
    beliefId: attempt.beliefId,
    expectReplyBy: attempt.expectReplyBy,
    outcome: attempt.outcome,
    resolvedOn: attempt.resolvedOn,
    entryId: attempt.entryId,
  };
}

/** The bar and shared error the outlook uses for a belief's attempts: the belief's own, else the model's defaults. */
export function assumptionsFor(store: Store, beliefId: string | null): { bar: number; sharedErrorCorrelation: number } {
  return pointAssumptions(beliefId === null ? null : store.getBelief(beliefId));
}

/** Every attempt's belief's outlook, beliefs in the order their first attempt was made. */
export function outlooks(store: Store, attempts: readonly Attempt[]): AttemptOutlook[] {
  const byBelief = new Map<string | null, Attempt[]>();
  for (const attempt of attempts) {
    const list = byBelief.get(attempt.beliefId);
    if (list) list.push(attempt);
    else byBelief.set(attempt.beliefId, [attempt]);
  }
  return [...byBelief].map(([beliefId, list]) => outlookFor(beliefId, list, assumptionsFor(store, beliefId)));
}

/** `noisy attempts`: what is out there, and what it adds up to for someone who is good enough. */
export async function attempts(ctx: Context, options: AttemptsOptions): Promise<void> {
  const today = toIsoDay(ctx.now());
  const store = Store.openForReading(ctx.dbPath);
  try {
    const all = store.attempts.list();
    const outlook = outlooks(store, all);
    const months = triesPerMonth(all.map((a) => a.date), today);
    if (options.json) {
      printJson(ctx, { attempts: all.map(attemptRecord), outlook, triesPerMonth: months, target: options.target ?? null });
      return;
    }
    const { displayWidth } = await import('../ui/width.js');
    const statements = new Map<string, string>();
    for (const o of outlook) if (o.beliefId !== null) statements.set(o.beliefId, store.getBelief(o.beliefId)?.statement ?? o.beliefId);
    ctx.stdout.write(renderAttempts({ attempts: all, outlook, months, target: options.target ?? null, statements, today }, styler(ctx.color.stdout), displayWidth));
  } finally {
    store.close();
  }
}

export interface AddOptions {
  method?: string;
  rate?: string;
  belief?: string;
  date?: string;
  expectReplyBy?: string;
  json?: boolean;
}

/** `noisy attempts add TITLE`: records something tried or applied for, and prints its id. */
export async function addAttempt(ctx: Context, title: string | undefined, options: AddOptions): Promise<void> {
  const today = toIsoDay(ctx.now());
  // Everything given on the command line is checked before a question is asked or a file opened.
  const given = {
    title: title === undefined ? undefined : readTitle(title),
    method: options.method === undefined ? undefined : readMethod(options.method),
    rate: options.rate === undefined ? undefined : readRate(options.rate),
    date: options.date === undefined ? undefined : await readDay('--date', options.date, ctx, today, 'past'),
    expectReplyBy: options.expectReplyBy === undefined ? undefined : await readDay('--expect-reply-by', options.expectReplyBy, ctx, today, 'any'),
  };
  if ((given.title === undefined || given.method === undefined) && !ctx.interactive) {
    const missing = [given.title === undefined ? 'TITLE' : null, given.method === undefined ? '--method' : null].filter((x) => x !== null).join(' and ');
    throw new UsageError(`noisy attempts add needs ${missing}, and there is no terminal to ask on.`, [
      'For example:',
      '  noisy attempts add "MATS winter fellowship" --method written-application --rate 5',
      `Methods: ${ATTEMPT_METHODS.join(', ')}.`,
    ]);
  }
  const store = Store.open(ctx.dbPath, { create: true });
  try {
    const named = options.belief === undefined ? null : beliefNamed(store, options.belief);
    let answers: NewAttempt;
    let about = named;
    if (given.title !== undefined && given.method !== undefined) {
      answers = { title: given.title, method: given.method, rate: given.rate ?? null, date: given.date ?? today, expectReplyBy: given.expectReplyBy ?? null };
    } else {
      const { askAttempt } = await import('./attempt-questions.js');
      const beliefs = store.listBeliefs().map((b) => ({ id: b.id, statement: b.statement }));
      const { belief, ...asked } = await askAttempt(ctx, given, today, options.json ? ctx.stderr : ctx.stdout, beliefs, named ?? undefined);
      answers = asked;
      about = belief;
    }
    if (answers.expectReplyBy !== null && answers.expectReplyBy < answers.date) {
      throw new UsageError(`--expect-reply-by ${answers.expectReplyBy} is before the attempt's date (${answers.date}).`, ['A reply comes after the try: give a later day, or leave it out.']);
    }
    const unsaved: Attempt = { id: newAttemptId(), ...answers, beliefId: about?.id ?? null, outcome: 'pending', resolvedOn: null, entryId: null };
    const attempt = store.insertAttempt(unsaved, about !== null && about.id === null ? { statement: about.statement, createdAt: ctx.now().toISOString() } : null);
    if (options.json) {
      printJson(ctx, { attempt: attemptRecord(attempt) });
      return;
    }
    ctx.stdout.write(`${attempt.id}\n`);
    ctx.stderr.write(renderNewAttempt(attemptRecord(attempt), styler(ctx.color.stderr)));
  } finally {
    store.close();
  }
}

/** What `add` needs, whether from flags or questions. */
export interface NewAttempt {
  title: string;
  method: Method;
  rate: number | null;
  date: string;
  expectReplyBy: string | null;
}

export interface ResolveOptions {
  date?: string;
  json?: boolean;
}

/** `noisy attempts resolve ID OUTCOME`: how it ended. */
export async function resolveAttempt(ctx: Context, id: string, outcomeText: string, options: ResolveOptions): Promise<void> {
  const today = toIsoDay(ctx.now());
  const outcome = readOutcome(outcomeText);
  const day = options.date === undefined ? today : await readDay('--date', options.date, ctx, today, 'past');
  const store = Store.open(ctx.dbPath, { create: false });
  try {
    const attempt = findAttempt(store, id);
    if (day < attempt.date) {
      throw new UsageError(`--date ${day} is before the attempt itself (${attempt.date}).`, ['An answer comes after the try: give a later day, or leave --date out for today.']);
    }
    if (attempt.outcome === outcome && attempt.resolvedOn === day) {
      ctx.stderr.write(`${attempt.id} is already ${outcome} on ${day}; nothing changed.\n`);
      if (options.json) printJson(ctx, { attempt: attemptRecord(attempt) });
      return;
    }
    store.attempts.resolve(attempt.id, outcome, day);
    const resolved = store.attempts.get(attempt.id)!;
    if (options.json) {
      printJson(ctx, { attempt: attemptRecord(resolved) });
      return;
    }
    const record = attemptRecord(resolved);
    const chance = chanceOfAcceptanceIfGoodEnough(record.validity, record.selectionRate, assumptionsFor(store, resolved.beliefId).bar);
    ctx.stderr.write(renderResolved(record, attempt.outcome, chance, styler(ctx.color.stderr)));
    if (!ctx.interactive || resolved.entryId !== null || (outcome !== 'rejected' && outcome !== 'accepted')) return;
    const asker = await ctx.asker();
    const now = await asker.confirm({ message: outcome === 'rejected' ? REFLECT_NOW.rejected : REFLECT_NOW.accepted, default: outcome === 'rejected' });
    if (!now) {
      ctx.stderr.write(`Whenever you like: \`noisy reflect --answers FILE\` with "attemptId": "${resolved.id}" links an entry to it.\n`);
      return;
    }
    store.close();
    const { reflect } = await import('./reflect.js');
    await reflect(ctx, { attempt: { id: resolved.id, prefill: reflectionOf(resolved, outcome, day) } });
  } finally {
    store.close();
  }
}

const REFLECT_NOW = {
  rejected: 'Reflect on it now? (kind, method, rate and title are filled in)',
  accepted: 'Write a short good-news entry? (it counts in your belief as a rejection would)',
} as const;

/** The answers an entry about this attempt starts from. */
function reflectionOf(attempt: Attempt, outcome: 'rejected' | 'accepted', day: string): Record<string, unknown> {
  const packs = loadPacks();
  const kind = packs[ATTEMPT_KIND[attempt.method]].methods.includes(attempt.method) ? ATTEMPT_KIND[attempt.method] : (KINDS.find((k) => packs[k].methods.includes(attempt.method)) ?? 'application');
  return {
    outcome,
    kind,
    title: attempt.title,
    date: day,
    ...(attempt.beliefId !== null ? { belief: { id: attempt.beliefId } } : {}),
    evaluation: { method: attempt.method, selectionRate: attempt.rate },
  };
}

// ── reading what was typed ──────────────────────────────────────────────────────────────────────

/**
 * --belief: an id (b-, or a unique start of one), else a statement: the belief saying it, or (id
 * null) a new one, made when the attempt is saved. Writes nothing.
 */
function beliefNamed(store: Store, text: string): { id: string | null; statement: string } {
  const given = text.trim();
  if (given.toLowerCase().startsWith('b-')) {
    const found = findBelief(store, given);
    return { id: found.id, statement: found.statement };
  }
  const statement = normaliseText(given);
  if (statement === '') throw new UsageError('--belief is empty.', ['Give a belief id (b-…, see `noisy beliefs`) or its statement in quotes.']);
  const problems = textProblems(statement, LIMITS.shortText);
  if (problems.length > 0) throw new UsageError(`--belief ${problems.join('; ')}.`, ['Give a belief id (b-…) or a statement of ordinary text.']);
  return { id: store.beliefIdWithStatement(statement), statement };
}

export function titleProblem(text: string): string | null {
  const title = normaliseText(text);
  if (title === '') return 'A title is needed: a few words saying what you tried (e.g. "MATS winter fellowship").';
  const problems = textProblems(title, LIMITS.title);
  return problems.length === 0 ? null : `The title ${problems.join('; ')}.`;
}

function readTitle(text: string): string {
  const problem = titleProblem(text);
  if (problem) throw new UsageError(problem, ['Give the title in quotes:', '  noisy attempts add "Research engineer at X" --method cv-screen']);
  return normaliseText(text);
}

function readMethod(text: string): Method {
  const method = text.trim().toLowerCase();
  if (method === 'self-assessment') {
    throw new UsageError('--method self-assessment is a verdict on yourself, not an application.', [
      ...lines(`An attempt brings someone else's evaluation: ${ATTEMPT_METHODS.join(', ')}.`),
      '`noisy reflect` is the place for a verdict on yourself.',
    ]);
  }
  if (!isAttemptMethod(method)) {
    throw new UsageError(`--method "${flagValue(text)}" is not a kind of evaluation noisy knows.`, [
      'Use one of:',
      ...ATTEMPT_METHODS.flatMap((m) => wrap(METHOD_CHOICES[m], DETAIL_WIDTH - 26).split('\n').map((line, i) => `  ${(i === 0 ? m : '').padEnd(24)}${line}`)),
    ]);
  }
  return method;
}

/** Room for a line of an error's details: main.ts prints each after two spaces, within 80 columns. */
const DETAIL_WIDTH = 78;

/** A sentence of an error's details as the lines that fit. */
function lines(text: string): string[] {
  return wrap(text, DETAIL_WIDTH).split('\n');
}

/** What was given for a flag, quoted short enough that the message naming it fits on its line. */
function flagValue(text: string): string {
  return quoteForMessage(text, 20);
}

/** The share accepted, "5", "5%" or "0.5"; strictly between 0 and 100. */
export function rateProblem(rate: number): string | null {
  if (!Number.isFinite(rate)) return 'The rate must be a number: the percent of applicants accepted, e.g. 5.';
  if (rate <= 0) return 'A rate of 0% means nobody is ever accepted: no try could succeed. Give the percent accepted, or leave the rate out if you don\'t know.';
  if (rate > 100) return `${rate}% is more than everyone: the rate is the percent of applicants accepted, from just above 0 to just below 100.`;
  if (rate >= 100) return 'A rate of 100% means everyone is accepted: a try that cannot be turned down tells nothing. Give the percent accepted, or leave the rate out if you don\'t know.';
  return null;
}

function readRate(text: string): number {
  const cleaned = text.trim().replace(/\s*%$/, '');
  const rate = cleaned === '' ? Number.NaN : Number(cleaned);
  const problem = rateProblem(rate);
  if (problem) {
    throw new UsageError(`--rate "${flagValue(text)}" is refused; nothing was saved.`, [
      ...lines(problem),
      ...lines('Without --rate noisy uses the usual range for the method (`noisy evidence` lists them).'),
    ]);
  }
  return rate;
}

function readOutcome(text: string): Resolution {
  const outcome = text.trim().toLowerCase();
  if (outcome === 'pending') throw new UsageError('"pending" is not an outcome: an attempt is pending until it is resolved.', [`Use one of: ${RESOLUTIONS.join(', ')}.`]);
  if (!isResolution(outcome)) {
    throw new UsageError(`"${clip(text)}" is not an outcome.`, [
      `Use one of: ${RESOLUTIONS.join(', ')}.`,
      ...lines('no-reply: you stopped waiting (it counts as a rejection); withdrawn: you pulled out (it does not count).'),
    ]);
  }
  return outcome;
}

/** A day from a flag: YYYY-MM-DD or a phrase ("yesterday"); 'past' refuses a day after today. */
async function readDay(flag: string, text: string, ctx: Pick<Context, 'now'>, today: string, when: 'past' | 'any'): Promise<string> {
  const { loadDayParser } = await import('../ui/dates.js');
  const parsed = (await loadDayParser())(text, ctx.now());
  if (parsed === null) {
    throw new UsageError(`${flag} "${flagValue(text)}" is not a date noisy can read.`, [
      ...lines('Write a day as YYYY-MM-DD (e.g. 2026-11-20) or a phrase such as "yesterday" or "in 3 weeks".'),
    ]);
  }
  if (when === 'past' && parsed > today) {
    throw new UsageError(`${flag} ${parsed} is in the future (today is ${today}).`, ['Give the day it happened, or leave the flag out for today.']);
  }
  return parsed;
}
