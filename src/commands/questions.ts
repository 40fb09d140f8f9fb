// Asks the fields declared in core/fields.ts: one question per field, checked with the field's own
// rule, Esc to step back one question, and the review screen that lists every answer before it is
// saved. Shared by `reflect`, `followup` and `edit`.
import type { ChalkInstance } from 'chalk';
import { parseAnswers } from '../core/answers.js';
import { isIsoDay } from '../core/dates.js';
import { isKind } from '../core/domain.js';
import type { Entry } from '../core/entry.js';
import { parseFollowUpAnswers } from '../core/followup.js';
import {
  checkField,
  clip,
  deletePath,
  entryFields,
  FOLLOW_UP_FIELDS,
  getPath,
  isObject,
  normaliseTag,
  outcomeOf,
  setPath,
  type EntryEnv,
  type Field,
  type FieldChoice,
  type FollowUpEnv,
  type Packs,
} from '../core/fields.js';
import { StepBack, type Asker } from '../ui/asker.js';
import { loadDayParser, parseFutureDay, type DayParser } from '../ui/dates.js';
import { choiceFor, describeAnswer, renderReview, REVIEW } from '../ui/review-text.js';

/** The answers being given, and how they are kept (a draft, or only in memory). */
export interface AnswerStore {
  readonly answers: Record<string, unknown>;
  set(path: string, value: unknown): void;
  /** Tracks text as it is typed, so Ctrl+C keeps it. */
  typing?(path: string): (value: string) => void;
}

/** Answers kept in memory only (`noisy edit`: the entry itself is the record until it is saved). */
export class MemoryAnswers implements AnswerStore {
  constructor(readonly answers: Record<string, unknown>) {}
  set(path: string, value: unknown): void {
    setPath(this.answers, path, value);
  }
}

/** A set of fields to ask, and what their rules and questions look at. */
export interface Form<E> {
  /** The fields for the answers so far (an entry's depend on its kind). */
  fields(answers: Readonly<Record<string, unknown>>): readonly Field<E>[];
  env(answers: Readonly<Record<string, unknown>>): E;
  /** Every problem with the answers as a whole, as `path: problem` (empty: they can be saved). */
  problems(answers: Readonly<Record<string, unknown>>): string[];
}

export interface Prompter {
  asker: Asker;
  now: Date;
  out: (text: string) => void;
  c: ChalkInstance;
  /** Loads the date-phrase parser on first use. */
  dayParser: () => Promise<DayParser>;
}

export function dayParserOnce(): () => Promise<DayParser> {
  let loading: Promise<DayParser> | undefined;
  return () => {
    loading ??= loadDayParser();
    return loading;
  };
}

/** An entry's answers (the answers file): `reflect` and `edit`; `beliefs`: the journal's, to pick from. */
export function entryForm(packs: Packs, today: string, beliefs: EntryEnv['beliefs'] = []): Form<EntryEnv> {
  const packOf = (answers: Readonly<Record<string, unknown>>) => (isKind(answers.kind) ? packs[answers.kind] : undefined);
  return {
    fields: (answers) => entryFields(packOf(answers)),
    env: (answers) => ({
      packs,
      pack: packOf(answers),
      today,
      beliefs,
      date: typeof answers.date === 'string' && isIsoDay(answers.date) && answers.date <= today ? answers.date : null,
      goodNews: outcomeOf(answers) === 'accepted',
    }),
    problems: (answers) => {
      const result = parseAnswers(answers, packs, today);
      return result.ok ? [] : result.errors;
    },
  };
}

/** A follow-up's answers: `followup`. */
export function followUpForm(entry: Entry, today: string): Form<FollowUpEnv> {
  return {
    fields: () => FOLLOW_UP_FIELDS,
    env: () => ({ entry, today }),
    problems: (answers) => {
      const result = parseFollowUpAnswers(answers, entry, today);
      return result.ok ? [] : result.errors;
    },
  };
}

const isAsked = <E>(field: Field<E>, answers: Readonly<Record<string, unknown>>, env: E) => field.asked?.(answers, env) ?? true;

/**
 * Asks every field in turn, each with its current answer as the default. Esc at a question goes
 * back to the one before it. Fields that are not asked take their `unasked` value.
 */
export async function askInTurn<E>(
  form: Form<E>,
  p: Prompter,
  store: AnswerStore,
  options: { onFirstShown?: () => void; fromLast?: boolean } = {},
): Promise<void> {
  const history: string[] = [];
  let index = 0;
  if (options.fromLast) {
    // Back from the review screen: the last question, with every earlier one to step back to.
    const env = form.env(store.answers);
    const fields = form.fields(store.answers);
    history.push(...fields.filter((f) => isAsked(f, store.answers, env)).map((f) => f.path));
    const last = history.pop();
    index = Math.max(0, fields.findIndex((f) => f.path === last));
  }
  for (;;) {
    const fields = form.fields(store.answers);
    const field = fields[index];
    if (!field) return;
    const env = form.env(store.answers);
    if (!isAsked(field, store.answers, env)) {
      if ('unasked' in field) store.set(field.path, field.unasked);
      index += 1;
      continue;
    }
    try {
      const answer = askField(field, p, store, env, history.length > 0);
      if (history.length === 0 && index === 0) setImmediate(() => options.onFirstShown?.());
      store.set(field.path, await answer);
      history.push(field.path);
      index += 1;
    } catch (error) {
      if (!(error instanceof StepBack)) throw error;
      const previous = history.pop();
      index = Math.max(0, fields.findIndex((f) => f.path === previous));
    }
  }
}

export type ReviewOutcome = 'save' | 'stop' | 'back';

/**
 * The questions, then the review screen; Esc on the review screen goes back to the last question.
 * Returns whether to save or stop.
 */
export async function askThenReview<E>(
  form: Form<E>,
  p: Prompter,
  store: AnswerStore,
  words: ReviewWords,
  options: { onFirstShown?: () => void } = {},
): Promise<'save' | 'stop'> {
  let fromLast = false;
  for (;;) {
    await askInTurn(form, p, store, { ...options, fromLast });
    const outcome = await review(form, p, store, words, { back: true });
    if (outcome !== 'back') return outcome;
    fromLast = true;
  }
}

export interface ReviewWords {
  heading: string;
  save: string;
  stop: string;
}

/**
 * The review screen: every answer on one screen, then save, change an answer (see it, answer it
 * again), or stop. Saving is offered only when the answers have no problem. With `back`, Esc
 * returns 'back' (to the last question).
 */
export async function review<E>(form: Form<E>, p: Prompter, store: AnswerStore, words: ReviewWords, options: { back?: boolean; start?: 'save' | 'change' } = {}): Promise<ReviewOutcome> {
  let next: 'save' | 'change' = options.start ?? 'save';
  for (;;) {
    const env = form.env(store.answers);
    const shown = form.fields(store.answers).filter((f) => isAsked(f, store.answers, env));
    const problems = form.problems(store.answers);
    p.out(renderReview(words.heading, shown.map((f) => ({ label: f.label, value: describeAnswer(f, getPath(store.answers, f.path), env) })), problems, p.c));
    const choices = [
      ...(problems.length === 0 ? [{ value: 'save' as const, name: words.save }] : []),
      { value: 'change' as const, name: REVIEW.change },
      { value: 'stop' as const, name: words.stop },
    ];
    let choice: 'save' | 'change' | 'stop';
    try {
      choice = await p.asker.select({ message: REVIEW.what, choices, default: problems.length === 0 ? next : 'change', back: options.back });
    } catch (error) {
      if (error instanceof StepBack) return 'back';
      throw error;
    }
    if (choice !== 'change') return choice;
    next = 'save';
    await changeOne(form, p, store, shown, env);
  }
}

/** Picks one answer and asks it again; then asks what that change made newly relevant. */
async function changeOne<E>(form: Form<E>, p: Prompter, store: AnswerStore, shown: readonly Field<E>[], env: E): Promise<void> {
  let path: string;
  try {
    path = await p.asker.select({
      message: REVIEW.which,
      choices: shown.map((f) => ({ value: f.path, name: `${f.label}: ${clip(describeAnswer(f, getPath(store.answers, f.path), env))}` })),
      back: true,
    });
  } catch (error) {
    if (error instanceof StepBack) return;
    throw error;
  }
  const field = shown.find((f) => f.path === path) as Field<E>;
  const before = new Set(shown.map((f) => f.path));
  const declared = form.fields(store.answers).map((f) => f.path);
  try {
    store.set(path, await askField(field, p, store, env, true));
    // Answers to questions that no longer exist (another kind's own questions) go.
    const now = new Set(form.fields(store.answers).map((f) => f.path));
    for (const old of declared) if (!now.has(old)) deletePath(store.answers, old);
    // A new kind or method can bring questions that were not asked before (a pack's own questions,
    // the minutes seen) and new choices for others (the noise checklist): ask those now.
    for (const follow of form.fields(store.answers)) {
      const nowEnv = form.env(store.answers);
      if (!isAsked(follow, store.answers, nowEnv)) {
        if ('unasked' in follow) store.set(follow.path, follow.unasked);
        continue;
      }
      if (!before.has(follow.path) || follow.reaskAfter?.includes(path)) store.set(follow.path, await askField(follow, p, store, nowEnv, true));
    }
  } catch (error) {
    if (!(error instanceof StepBack)) throw error;
  }
}

// ── one question ───────────────────────────────────────────────────────────────────────────────

/** The first problem a field's rule finds with an answer, as a sentence for the prompt. */
export function problemText<E>(field: Field<E>, value: unknown, env: E, answers: Readonly<Record<string, unknown>>): string | null {
  const [first] = checkField(field, value, env, answers).problems;
  if (!first) return null;
  const item = /^\[(\d+)\]$/.exec(first.sub);
  if (item && Array.isArray(value)) return `${field.label}: "${clip(String(value[Number(item[1])]))}" ${first.problem}.`;
  return `${field.label}${first.problem.startsWith('"') ? ':' : ''} ${first.problem}.`;
}

/** Asks one field with its current answer as the default, and returns the new answer as stored. */
export async function askField<E>(field: Field<E>, p: Prompter, store: AnswerStore, env: E, back: boolean): Promise<unknown> {
  const { asker } = p;
  const ask = field.ask;
  const answers = store.answers;
  const current = getPath(answers, field.path);
  const message = ask.message(env);
  const check = (value: unknown) => problemText(field, value, env, answers);
  const stored = (value: unknown) => checkField(field, value, env, answers).value;

  switch (ask.type) {
    case 'text': {
      const given = typeof current === 'string' && current !== '' ? current : ask.suggest?.(env);
      const text = await asker.text({
        message,
        default: given || undefined,
        multiline: ask.multiline,
        validate: check,
        onChange: store.typing?.(field.path),
        back,
      });
      return stored(text);
    }
    case 'number': {
      const value = await asker.number({
        message,
        min: ask.min,
        max: ask.max,
        optional: ask.optional,
        default: typeof current === 'number' && Number.isFinite(current) ? current : undefined,
        validate: (n) => check(n),
        back,
      });
      return value;
    }
    case 'select': {
      const choices = ask.choices(env);
      const chosen = await asker.select({ message, choices, default: choiceFor(choices, current)?.value ?? ask.suggest?.(env), back });
      const choice = choices.find((c) => c.value === chosen) as FieldChoice;
      return 'answer' in choice ? choice.answer : choice.value;
    }
    case 'checkbox': {
      const choices = ask.choices(env);
      const checked = Array.isArray(current) ? current.filter((v): v is string => typeof v === 'string') : [];
      const ticked = await asker.checkbox({ message, choices, checked, validate: (ids) => check([...ids]), back });
      return stored(ticked);
    }
    case 'day': {
      const parseDay = await p.dayParser();
      const none = (text: string) => ask.none === true && /^(none|no|never)$/i.test(text.trim());
      const read = (text: string): string | null | undefined => {
        if (none(text)) return null;
        const day = ask.direction === 'past' ? parseDay(text, p.now) : parseFutureDay(text, parseDay, p.now);
        return day ?? undefined;
      };
      const suggestion = typeof current === 'string' ? current : current === null && ask.none ? 'none' : ask.suggest(env);
      const text = await asker.text({
        message,
        default: suggestion || undefined,
        editable: false,
        validate: (v) => {
          const day = read(v);
          return day === undefined ? ask.unreadable : check(day);
        },
        back,
      });
      return read(text) ?? null;
    }
    case 'tags': {
      const tags = Array.isArray(current) ? current.filter((t): t is string => typeof t === 'string') : [];
      const text = await asker.text({
        message,
        default: tags.join(' ') || undefined,
        validate: (v) => check(splitTags(v)),
        onChange: store.typing?.(field.path),
        back,
      });
      return stored(splitTags(text));
    }
    case 'confirm':
      return asker.confirm({ message, default: typeof current === 'boolean' ? current : false, back });
    case 'group': {
      const wanted = await asker.confirm({ message, default: isObject(current), back });
      return wanted ? (isObject(current) ? current : {}) : null;
    }
  }
}

export function splitTags(text: string): string[] {
  return text.split(/[\s,]+/).filter((t) => t !== '').map((t) => normaliseTag(t) ?? t);
}
