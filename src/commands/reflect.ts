import type { Context } from '../cli/context.js';
import { InterruptedError, UsageError } from '../errors.js';
import { printJson, readJsonInput } from '../cli/io.js';
import { parseAnswers } from '../core/answers.js';
import { localTime, toIsoDay } from '../core/dates.js';
import { isKind } from '../core/domain.js';
import type { Answers, Entry } from '../core/entry.js';
import { setPath } from '../core/fields.js';
import { newEntryId } from '../core/ids.js';
import type { Pack } from '../core/pack.js';
import { assess } from '../core/summary.js';
import { loadPacks, type Packs } from '../packs/load.js';
import { Store } from '../storage/store.js';
import { outlookFor, type Attempt } from '../core/attempts.js';
import { pointAssumptions } from '../core/belief-picture.js';
import { findAttempt } from './lookup.js';
import type { Asker } from '../ui/asker.js';
import { oneColumnEach, styler, visibleLength } from '../ui/style.js';
import { renderDetails, renderGlance, renderSummary } from '../ui/summary-text.js';
import { needsSupportNote } from '../core/safety.js';
import { supportNote } from '../ui/support-text.js';
import type { Draft } from './drafts.js';
import type { EntryEnv } from '../core/fields.js';
import type { Form, Prompter, ReviewWords } from './questions.js';

export interface ReflectOptions {
  /** Path of an answers file, or '-' for standard input. */
  answers?: string;
  json?: boolean;
  /** The short path: five questions, plain defaults for the rest (src/core/quick.ts). */
  quick?: boolean;
  /** The whole summary at once, instead of what matters first and the details on request. */
  full?: boolean;
  /**
   * Reflecting on an attempt just resolved (`noisy attempts resolve` at a terminal): its answers
   * filled in, and the entry linked to it when saved. Not a flag.
   */
  attempt?: { id: string; prefill: Draft };
}

export const DRAFT_NAME = 'reflect';

const REFLECT_REVIEW: ReviewWords = {
  heading: 'Your answers (nothing is saved yet)',
  save: 'Save this entry',
  stop: 'Stop here, and keep the answers as a draft',
};

/** `noisy reflect`: guided questions (or an answers file), one saved entry, a reframed summary. */
export async function reflect(ctx: Context, options: ReflectOptions): Promise<void> {
  const packs = loadPacks();
  const today = toIsoDay(ctx.now());

  if (options.answers !== undefined && options.quick) {
    throw new UsageError('--quick asks fewer questions, and with --answers no question is asked.', [
      'Use one or the other: `noisy reflect --quick` in a terminal, or `noisy reflect --answers FILE`.',
    ]);
  }

  if (options.answers !== undefined) {
    const shown = options.answers === '-' ? 'standard input' : options.answers;
    const { attemptId, rest: raw } = takeAttemptId(await readJsonInput(ctx, options.answers, 'answers'), shown);
    const answers = validated(raw, packs, today, shown);
    const store = Store.open(ctx.dbPath, { create: true });
    try {
      const given = toEntry(answers, ctx.now());
      const entry = attemptId === null ? store.insertEntry(given) : store.insertEntryResolving(given, attemptToResolve(store, attemptId).id);
      await report(ctx, entry, packs[entry.kind], options, store.beliefBar(entry.belief.id), pendingAttemptsNote(store, entry));
    } finally {
      store.close();
    }
    return;
  }

  if (!ctx.interactive) {
    throw new UsageError('noisy reflect asks its questions in a terminal, and this is not one.', [
      'Without a terminal, pass your answers with --answers:',
      '  noisy reflect --answers answers.json',
      '  noisy reflect --answers - < answers.json   (from standard input)',
      'examples/answers.json shows every field.',
    ]);
  }

  // The questions, drafts and review screen load only here: a save from an answers file needs none of them.
  const [{ askInTurn, askThenReview, dayParserOnce, entryForm }, { DraftSession }, { REVIEW }, { withQuickDefaults }] = await Promise.all([
    import('./questions.js'),
    import('./drafts.js'),
    import('../ui/review-text.js'),
    import('../core/quick.js'),
  ]);
  const store = Store.open(ctx.dbPath, { create: true });
  try {
    const asker = await ctx.asker();
    // Reflecting on an attempt starts from its answers; an older unfinished reflection stays as it is.
    const draft = options.attempt ? { answers: options.attempt.prefill, saveAsYouGo: false } : await offerDraft(ctx, store, asker);
    const session = new DraftSession(store, DRAFT_NAME, ctx.now, upgradeDraft(draft.answers, packs), draft.saveAsYouGo, ['outcome', 'kind']);
    const prompter: Prompter = {
      asker,
      now: ctx.now(),
      // With --json, standard output carries the one JSON document alone.
      out: (text) => (options.json ? ctx.stderr : ctx.stdout).write(text),
      c: styler(options.json ? ctx.color.stderr : ctx.color.stdout),
      dayParser: dayParserOnce(),
    };
    let outcome: 'save' | 'stop';
    try {
      ctx.stderr.write(`${REVIEW.backHint}\n`);
      // The journal's beliefs, most recently evaluated first, to pick from (or a new one).
      const beliefs = store.listBeliefs().map((b) => ({ id: b.id, statement: b.statement }));
      if (options.quick) {
        // Five questions, then straight to the summary: no review screen in the worst hour.
        await askInTurn(await quickForm(packs, today, beliefs), prompter, session);
        outcome = 'save';
      } else {
        // The date parser is needed from the third question on: load it while the person reads the
        // first, so that question appears at once.
        outcome = await askThenReview(entryForm(packs, today, beliefs), prompter, session, REFLECT_REVIEW, {
          onFirstShown: () => void prompter.dayParser().catch(() => undefined),
        });
      }
    } catch (error) {
      if (error instanceof InterruptedError) throw new InterruptedError(stopped(session.keep()));
      throw error;
    }
    if (outcome === 'stop') {
      ctx.stderr.write(`${stopped(session.keep())}\n`);
      return;
    }
    const given = options.quick ? withQuickDefaults(session.answers, packs) : session.answers;
    const answers = validated(given, packs, today, 'your answers');
    const unsaved = toEntry(answers, ctx.now());
    const entry = options.attempt ? store.insertEntryResolving(unsaved, options.attempt.id) : store.insertEntryFromDraft(unsaved, DRAFT_NAME);
    await report(ctx, entry, packs[entry.kind], options, store.beliefBar(entry.belief.id), (options.quick ? quickSaved(entry) : '') + pendingAttemptsNote(store, entry));
  } finally {
    store.close();
  }
}

/** The short path's questions, checked as the whole entry they become. */
async function quickForm(packs: Packs, today: string, beliefs: EntryEnv['beliefs']): Promise<Form<EntryEnv>> {
  const [{ entryForm }, { quickFields, withQuickDefaults }] = await Promise.all([import('./questions.js'), import('../core/quick.js')]);
  const full = entryForm(packs, today, beliefs);
  return {
    fields: (answers) => quickFields(packs, answers, (beliefs?.length ?? 0) > 0),
    env: full.env,
    problems: (answers) => full.problems(withQuickDefaults(answers, packs)),
  };
}

/** After a quick entry is saved: what was left out, and where to add it. */
export function quickSaved(entry: Entry): string {
  const lines = [
    'This was the short version. The questions you skipped took plain defaults: the',
    'usual method for this kind, the share accepted unknown, half about your ability,',
    'nothing ticked (docs/reflect.md lists them all).',
    `\`noisy edit ${entry.id}\` fills in any of them whenever you like.`,
  ];
  if (entry.followUpOn) {
    lines.push(`On ${entry.followUpOn}, \`noisy followup\` asks how it looks then and what happened next;`, 'add anything you left out there.');
  } else {
    lines.push(`\`noisy followup ${entry.id}\` adds how it looks later and what happened next.`);
  }
  return `${lines.join('\n')}\n`;
}

function stopped(kept: boolean): string {
  return kept
    ? 'Stopped. Nothing was saved as an entry. What you typed is kept as a draft;\n`noisy reflect` will offer to pick it up next time.'
    : 'Stopped. Nothing was saved.';
}

function validated(raw: unknown, packs: Packs, today: string, shown: string): Answers {
  const result = parseAnswers(raw, packs, today);
  if (!result.ok) {
    const count = result.errors.length === 1 ? 'a problem' : `${result.errors.length} problems`;
    throw new UsageError(`The answers in ${shown} have ${count}; nothing was saved:`, [
      ...result.errors,
      'Fix these fields and run the command again (examples/answers.json shows every field).',
    ]);
  }
  return result.answers;
}

export function toEntry(answers: Answers, now: Date, id: string = newEntryId()): Entry {
  return { ...answers, id, createdAt: now.toISOString(), followUps: [], revisions: [] };
}

/**
 * The summary, then where the entry was saved. At a terminal, what matters comes first (about 20
 * lines, so it is still on the screen to read) and the details follow when asked for; with --full,
 * or without a terminal, all of it at once.
 */
async function report(ctx: Context, entry: Entry, pack: Pack, options: ReflectOptions, bar: number | null, afterSaved = ''): Promise<void> {
  const assessment = assess(entry, pack, bar);
  if (options.json) {
    printJson(ctx, { entry, assessment });
    if (afterSaved) ctx.stderr.write(afterSaved);
    return;
  }
  const c = styler(ctx.color.stdout);
  const measure = await summaryMeasure(entry);
  // Each part's last line ends before the next message starts, whatever the part ends with.
  const write = (text: string) => ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const support = needsSupportNote(entry) ? supportNote(c) : '';
  const saved = () => ctx.stderr.write(`Saved as entry ${entry.id}. See it again with \`noisy show ${entry.id}\`.\n${afterSaved}`);
  if (options.full || !ctx.interactive || !ctx.stdout.isTTY) {
    write(renderSummary(entry, assessment, c, measure));
    if (support) ctx.stdout.write(support);
    saved();
    return;
  }
  write(renderGlance(entry, assessment, c, measure));
  // On the first screen, beside what matters.
  if (support) ctx.stdout.write(support);
  saved();
  let more: boolean;
  try {
    const asker = await ctx.asker();
    more = await asker.confirm({ message: 'Show the details? (what they had to go on, the noise, facts worth knowing)', default: true });
  } catch (error) {
    // The entry is saved already: Ctrl+C here only skips the details.
    if (error instanceof InterruptedError) return;
    throw error;
  }
  if (more) write(renderDetails(entry, assessment, c, measure));
  else ctx.stderr.write(`The details are in \`noisy show ${entry.id}\` whenever you want them.\n`);
}

/**
 * How the summary measures its lines. It quotes what was typed, which may hold wide (CJK, emoji) or
 * zero-width characters; measuring those as a terminal shows them loads Unicode tables (./width.ts,
 * longer than the rest of a save), so only when something typed is not one column a character.
 */
async function summaryMeasure(entry: Entry): Promise<(text: string) => number> {
  // Lines are measured one by one (wrap splits at line ends).
  if (textsIn(entry).every((text) => text.split('\n').every(oneColumnEach))) return visibleLength;
  return (await import('../ui/width.js')).displayWidth;
}

/** Every piece of text in a value (an entry: its answers, lists and groups included). */
function textsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(textsIn);
}

// ── drafts ─────────────────────────────────────────────────────────────────────────────────────

interface DraftStart {
  answers: Draft;
  /** False when an older draft was declined: it stays untouched unless this run is interrupted. */
  saveAsYouGo: boolean;
}

async function offerDraft(ctx: Context, store: Store, asker: Asker): Promise<DraftStart> {
  const saved = store.loadDraft(DRAFT_NAME);
  if (!saved || typeof saved.data !== 'object' || saved.data === null || Array.isArray(saved.data)) return { answers: {}, saveAsYouGo: true };
  const data = saved.data as Draft;
  const title = typeof data.title === 'string' && data.title ? ` "${data.title}"` : '';
  const resume = await asker.confirm({ message: `Pick up your unfinished reflection${title} from ${localTime(saved.updatedAt)}?`, default: true });
  if (resume) return { answers: data, saveAsYouGo: true };
  ctx.stderr.write('Starting fresh. The old draft stays until this reflection is saved or interrupted.\n');
  return { answers: {}, saveAsYouGo: false };
}

/**
 * Drafts kept by earlier versions: a pack's own answers at the top level ("organisation"), and
 * "wantsPrediction" beside the prediction. Today's flow keeps them as in an answers file.
 */
function upgradeDraft(draft: Draft, packs: Packs): Draft {
  const answers = { ...draft };
  if (typeof answers.wantsPrediction === 'boolean') {
    if (answers.prediction === undefined) answers.prediction = answers.wantsPrediction ? {} : null;
    delete answers.wantsPrediction;
  }
  const pack = isKind(answers.kind) ? packs[answers.kind] : undefined;
  for (const extra of pack?.extras ?? []) {
    if (typeof answers[extra.id] !== 'string') continue;
    setPath(answers, `extras.${extra.id}`, answers[extra.id]);
    delete answers[extra.id];
  }
  return answers;
}

// ── an entry about an attempt ──────────────────────────────────────────────────────────────────

/**
 * An answers file may name the attempt (`noisy attempts`) the entry is about: `"attemptId": "a-…"`.
 * It is not an answer (the entry does not store it): saving the entry links the attempt to it and,
 * if it was still pending, resolves it with the entry's outcome on the entry's day.
 */
function takeAttemptId(raw: unknown, shown: string): { attemptId: string | null; rest: unknown } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('attemptId' in raw)) return { attemptId: null, rest: raw };
  const { attemptId, ...rest } = raw as Record<string, unknown>;
  if (attemptId === null) return { attemptId: null, rest };
  if (typeof attemptId !== 'string') {
    throw new UsageError(`The answers in ${shown} have a problem; nothing was saved:`, ['attemptId: must be the id of an attempt (a- and 8 characters, see `noisy attempts`), or null']);
  }
  return { attemptId, rest };
}

/** The attempt an entry will resolve: it must exist and not be reflected on by another entry already. */
function attemptToResolve(store: Store, id: string): Attempt {
  const attempt = findAttempt(store, id);
  if (attempt.entryId !== null && store.getEntry(attempt.entryId) !== null) {
    throw new UsageError(`Attempt ${attempt.id} is already reflected on in entry ${attempt.entryId}; nothing was saved.`, [
      `See it with \`noisy show ${attempt.entryId}\`, or leave attemptId out to save this entry on its own.`,
    ]);
  }
  return attempt;
}

/**
 * After the summary: the attempts still out for the same belief, and what they add up to for
 * someone good enough (the outlook of `noisy attempts`); nothing when there are none.
 */
function pendingAttemptsNote(store: Store, entry: Entry): string {
  const beliefId = entry.belief.id;
  if (beliefId === undefined || beliefId === null) return '';
  const pending = store.attempts.pendingFor(beliefId).filter((a) => a.entryId !== entry.id);
  if (pending.length === 0) return '';
  const outlook = outlookFor(beliefId, pending, pointAssumptions(store.getBelief(beliefId)));
  const n = pending.length;
  const chance = Math.floor(outlook.chanceOfAtLeastOneIfGoodEnough * 100);
  return `${n === 1 ? 'One attempt' : `${n} attempts`} for this belief ${n === 1 ? 'is' : 'are'} still out: if you are good enough,\n${chance < 1 ? 'under 1%' : `${chance}%`} is the chance at least one says yes. \`noisy attempts\` shows them.\n`;
}
