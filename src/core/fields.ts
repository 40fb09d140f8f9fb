// Every answer noisy asks for, declared once: its place in the answers file, its label, the rule
// that checks it (with the message a person reads when it is wrong) and how it is asked. The answers
// file (answers.ts), the follow-up file (followup.ts), the question flows, the review screen and
// `noisy edit` all read these declarations, so a rule and its wording live in one place.
// Pure: no files, no database, no prompts.

import { CLOUDING_STATES, KINDS, METHODS, OUTCOMES, STATES, isState, type Kind, type Method, type Outcome, type State } from './domain.js';
import { quoteForMessage, unsafeInputProblems } from './characters.js';
import { impossibleOutcome } from './beliefs.js';
import { addDays, isIsoDay } from './dates.js';
import { BELIEF_ID } from './ids.js';
import type { Entry } from './entry.js';
import type { Pack } from './pack.js';

// ── shared limits and free-text rules ──────────────────────────────────────────────────────────

export const LIMITS = {
  title: 200,
  shortText: 2_000,
  longText: 20_000,
  tag: 40,
  tags: 20,
  /** Nobody is seen for more than a working year in one evaluation; beyond that it is a typo. */
  minutesSeen: 60 * 24 * 365,
} as const;

/** Default number of days until an entry's follow-up. */
export const DEFAULT_FOLLOW_UP_DAYS = 30;

/** When a prediction can't be told yet and no date is given, ask again this many days later. */
export const DEFAULT_RECHECK_DAYS = 30;

/** One word: a letter or digit first, then letters (with their accents and vowel signs), digits, - or _. */
const TAG = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}_-]*$/u;

/** Half of a UTF-16 surrogate pair on its own: not a character, and SQLite would store it as U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Free text as stored: Windows and old Mac line ends become \n, outer white space goes, and
 * accented letters take their composed form (NFC), so "café" typed on any keyboard is one text.
 */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim().normalize('NFC');
}

/**
 * What is wrong with a piece of free text, if anything: too long, broken characters, or characters
 * that could take over a terminal (control characters, C1 controls, bidi controls). The one set of
 * free-text rules: every text field, follow-ups and imports use it.
 */
export function textProblems(text: string, max: number): string[] {
  const problems: string[] = [];
  if (text.length > max) problems.push(`is ${text.length} characters long; at most ${max}`);
  problems.push(...unsafeInputProblems(text));
  if (LONE_SURROGATE.test(text)) problems.push('contains a broken character (half of a UTF-16 surrogate pair)');
  return problems;
}

/**
 * Lower-cases a tag, drops a leading '#' and composes its accents (NFC: "café" with a separate
 * accent is the same tag as with a composed é); null when it is not a valid tag.
 */
export function normaliseTag(tag: unknown): string | null {
  if (typeof tag !== 'string') return null;
  const t = tag.trim().replace(/^#/, '').normalize('NFC').toLowerCase();
  return t.length > 0 && t.length <= LIMITS.tag && TAG.test(t) ? t : null;
}

/** Names a JSON value's type for a message: "text", "a list", "null", or the number itself. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return typeof value;
}

/** User text (a value, a JSON key) quoted in a message: short, with unsafe characters shown escaped. */
export function clip(text: string): string {
  return quoteForMessage(text);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ── rules ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Reports one problem. `sub` is '' for the value itself, or '[2]' for the third item of a list; the
 * caller puts the field's path in front ("tags[2]: ...").
 */
export type At = (sub: string, problem: string) => void;

/**
 * Checks a JSON value, reports every problem, and returns the value normalised (or a fallback).
 * `answers` is the whole document, for the few rules that depend on another answer.
 */
export type Read<E, T = unknown> = (value: unknown, env: E, at: At, answers: Readonly<Record<string, unknown>>) => T;

interface TextRule {
  max: number;
  required?: boolean;
}

export function readText(value: unknown, rule: TextRule, at: At): string {
  if (value === undefined || value === null) {
    if (rule.required) at('', 'is required');
    return '';
  }
  if (typeof value !== 'string') {
    at('', `must be text, not ${describeType(value)}`);
    return '';
  }
  const trimmed = normaliseText(value);
  if (rule.required && trimmed === '') at('', 'must not be empty');
  for (const problem of textProblems(trimmed, rule.max)) at('', problem);
  return trimmed;
}

interface NumberRule {
  min: number;
  max: number;
  unit: string;
  required?: boolean;
  /** null means "not known". */
  nullable?: boolean;
  exclusiveMin?: boolean;
  /** The message when a required number is missing (default: "is required (min–max)"). */
  missing?: string;
}

export function readNumber(value: unknown, rule: NumberRule, at: At): number | null {
  if (value === undefined || (value === null && rule.nullable)) {
    if (rule.required) at('', rule.missing ?? `is required (${rule.min}–${rule.max})`);
    return null;
  }
  // Worded only for a message: an import reads a few numbers in every entry.
  const range = () => `${rule.exclusiveMin ? `more than ${rule.min}` : rule.min} to ${rule.max} ${rule.unit}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    at('', `must be a number from ${range()}, not ${describeType(value)}`);
    return null;
  }
  if (value < rule.min || value > rule.max || (rule.exclusiveMin && value === rule.min)) {
    at('', `must be ${range()} (got ${value})`);
    return null;
  }
  return value;
}

const PERCENT = { min: 0, max: 100, unit: 'percent' } as const;

/** One of `allowed` (null: unknown, because what they depend on is itself wrong). */
export function readChoice<T extends string>(value: unknown, allowed: readonly T[], at: At): T | null {
  if (value === undefined) {
    at('', `is required (one of ${allowed.join(', ')})`);
    return null;
  }
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    at('', `must be one of ${allowed.join(', ')}`);
    return null;
  }
  return value as T;
}

/** A list of ids drawn from `allowed` (null: allowed is unknown because the kind is bad); duplicates dropped. */
export function readIds(value: unknown, allowed: readonly string[] | null, at: At): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    at('', 'must be a list');
    return [];
  }
  const ids: string[] = [];
  value.forEach((item: unknown, i: number) => {
    if (typeof item !== 'string') at(`[${i}]`, `must be text, not ${describeType(item)}`);
    else if (allowed && !allowed.includes(item)) at(`[${i}]`, `"${clip(item)}" is not one of ${allowed.join(', ')}`);
    else if (!ids.includes(item)) ids.push(item);
  });
  return ids;
}

export function readTags(value: unknown, at: At): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    at('', 'must be a list of words, e.g. ["fellowship"]');
    return [];
  }
  if (value.length > LIMITS.tags) at('', `has ${value.length} tags; at most ${LIMITS.tags}`);
  const tags: string[] = [];
  value.slice(0, LIMITS.tags).forEach((tag: unknown, i: number) => {
    const normal = normaliseTag(tag);
    if (normal === null) at(`[${i}]`, `must be one word of letters, digits, - or _ (at most ${LIMITS.tag} characters)`);
    else if (!tags.includes(normal)) tags.push(normal);
  });
  return tags;
}

export function readBoolean(value: unknown, missing: string, at: At): boolean | null {
  if (value === undefined) {
    at('', missing);
    return null;
  }
  if (typeof value !== 'boolean') {
    at('', `must be true or false, not ${describeType(value)}`);
    return null;
  }
  return value;
}

/** A day written YYYY-MM-DD, or null with a problem reported. */
function readDay(value: unknown, at: At, invalid = 'must be a day written YYYY-MM-DD'): string | null {
  if (typeof value !== 'string' || !isIsoDay(value)) {
    at('', invalid);
    return null;
  }
  return value;
}

// ── how a field is asked ───────────────────────────────────────────────────────────────────────

export interface FieldChoice {
  /** What the prompt returns. */
  value: string;
  name: string;
  description?: string;
  /** The value stored for it, when that is not `value` itself (true/false/null). */
  answer?: unknown;
}

/**
 * How the interactive flows ask a field. The prompt checks each answer with the field's own rule
 * (`read`), so a question refuses exactly what an answers file would.
 */
export type Ask<E> =
  | { type: 'text'; message: (env: E) => string; multiline?: boolean; suggest?: (env: E) => string }
  | { type: 'number'; message: (env: E) => string; min: number; max: number; optional?: boolean; suffix?: string }
  | { type: 'select'; message: (env: E) => string; choices: (env: E) => readonly FieldChoice[]; suggest?: (env: E) => string }
  | { type: 'checkbox'; message: (env: E) => string; choices: (env: E) => readonly FieldChoice[] }
  /** A day typed as a phrase ("yesterday", "in 6 weeks") or YYYY-MM-DD. */
  | {
      type: 'day';
      message: (env: E) => string;
      /** Which way phrases point: the day something happened, or a day to come. */
      direction: 'past' | 'future';
      /** "none" is an answer: no day (stored as null). */
      none?: boolean;
      suggest: (env: E) => string;
      unreadable: string;
    }
  | { type: 'tags'; message: (env: E) => string }
  | { type: 'confirm'; message: (env: E) => string }
  /** Yes or no to a whole group of questions (a prediction): yes asks its fields, no stores null. */
  | { type: 'group'; message: (env: E) => string };

export interface Field<E> {
  /** Where it sits in the answers file: 'title', 'belief.before', 'extras.venue'. */
  path: string;
  /** Its name on the review screen, and in front of a problem at a prompt ("Title must not be empty"). */
  label: string;
  read: Read<E>;
  ask: Ask<E>;
  /** Whether the flow asks it, given the answers so far (default: always). */
  asked?: (answers: Readonly<Record<string, unknown>>, env: E) => boolean;
  /** What it holds when it is not asked. */
  unasked?: unknown;
  /** Asked again after one of these fields changes on the review screen (its choices depend on them). */
  reaskAfter?: readonly string[];
}

// ── the entry's fields (the answers file of DESIGN.md) ─────────────────────────────────────────

export type Packs = Readonly<Record<Kind, Pack>>;

/** What the entry fields' rules and questions look at besides their own value. */
export interface EntryEnv {
  packs: Packs;
  /** The pack of the answers' kind; undefined while the kind is missing or wrong. */
  pack: Pack | undefined;
  /** YYYY-MM-DD */
  today: string;
  /** The evaluation's day, for fields that must not come before it; null when it is itself wrong. */
  date: string | null;
  /**
   * The answers come from an entry already stored or backed up: rules added since it was written (a
   * method that fits its kind, a rate its outcome can happen at) are not applied, so old entries stay
   * readable and importable; the model leaves out what it cannot use.
   */
  stored?: boolean;
  /** Good news: some questions read differently (see GOOD_NEWS_SKIPS for those not asked at all). */
  goodNews?: boolean;
  /** The journal's beliefs to pick from, most recent first (the questions only; files give an id). */
  beliefs?: readonly { id: string; statement: string }[];
}

/** An object of the answers file holding several fields ("belief": {...}). */
export interface FieldGroup {
  key: string;
  /** The message when it is missing; undefined: it may be left out, or null (no such group). */
  missing?: string;
  notObject: string;
}

export const ENTRY_GROUPS: readonly FieldGroup[] = [
  {
    key: 'belief',
    missing: 'is required: {"statement": "..." or "id": "b-...", "before": 0-100, "after": 0-100}',
    notObject: 'must be an object with "before" and "after" (0-100)',
  },
  { key: 'evaluation', missing: 'is required: {"method": "...", "minutesSeen": N, "selectionRate": N}', notObject: 'must be an object with "method"' },
  { key: 'prediction', notObject: 'must be an object {"statement", "probability", "checkOn"} or null' },
];

/** Longer names for the method menu. */
export const METHOD_CHOICES: Readonly<Record<Method, string>> = {
  'cv-screen': 'CV or résumé screen',
  'written-application': 'Written application (form, essays, statement)',
  'unstructured-interview': 'Interview, free-form conversation',
  'structured-interview': 'Interview, structured (same questions for everyone, a scoring sheet)',
  'work-trial': 'Work trial or take-home task',
  'job-performance': 'Months of actual work in the role',
  conversation: 'A conversation',
  'peer-review': 'Peer review of a paper or proposal',
  'self-assessment': 'My own judgment of myself',
};

export const STATE_LABELS: Readonly<Record<State, string>> = {
  tired: 'tired',
  hungry: 'hungry',
  'low-mood': 'low mood',
  anxious: 'anxious',
  unwell: 'unwell',
  fine: 'fine, actually',
};

const get = (answers: Readonly<Record<string, unknown>>, path: string): unknown => getPath(answers, path);
const methodOf = (answers: Readonly<Record<string, unknown>>) => get(answers, 'evaluation.method');

/** Not before the evaluation's day (when that day is known). */
function notBeforeDate(day: string | null, env: EntryEnv, at: At): string | null {
  if (day !== null && env.date !== null && day < env.date) {
    at('', `must not be before the evaluation's date (${env.date})`);
    return null;
  }
  return day;
}

/**
 * The outcome the answers give: 'rejected' when left out (every entry was a setback before good news
 * could be recorded), null when it is itself wrong (rules that depend on it then stay quiet: one
 * mistake, one message).
 */
export function outcomeOf(answers: Readonly<Record<string, unknown>>): Outcome | null {
  const value = answers.outcome;
  if (value === undefined || value === null) return 'rejected';
  return (OUTCOMES as readonly unknown[]).includes(value) ? (value as Outcome) : null;
}

const OUTCOME: Field<EntryEnv> = {
  path: 'outcome',
  label: 'Setback or good news',
  read: (v, _env, at) => (v === undefined || v === null ? 'rejected' : readChoice(v, OUTCOMES, at)),
  ask: {
    type: 'select',
    message: () => 'Was this a setback or good news?',
    choices: () => [
      { value: 'rejected', name: 'A setback', description: 'turned down, let go, harsh reviews, a harsh verdict on yourself' },
      { value: 'accepted', name: 'Good news', description: 'an offer, being kept on, a paper accepted, praise from someone who saw your work' },
    ],
    suggest: () => 'rejected',
  },
};

const KIND: Field<EntryEnv> = {
  path: 'kind',
  label: 'Kind',
  read: (v, _env, at) => readChoice(v, KINDS, at),
  ask: { type: 'select', message: () => 'What kind of evaluation was it?', choices: (env) => KINDS.map((k) => ({ value: k, name: env.packs[k].label })) },
};

/** Titles of good news, one per kind, for the title question's example. */
const GOOD_NEWS_TITLES: Readonly<Record<Kind, string>> = {
  application: 'Offer from the lab',
  'first-impression': 'A senior researcher liked my idea',
  'job-performance': 'Kept on after the trial',
  'peer-review': 'Paper accepted at the workshop',
  'self-assessment': 'Finally solved the proof',
};

const TITLE: Field<EntryEnv> = {
  path: 'title',
  label: 'Title',
  read: (v, _env, at) => readText(v, { required: true, max: LIMITS.title }, at),
  ask: {
    type: 'text',
    message: (env) =>
      env.goodNews
        ? `What happened, in a few words? (e.g. "${env.pack ? GOOD_NEWS_TITLES[env.pack.kind] : GOOD_NEWS_TITLES.application}")`
        : `A short title (e.g. "${env.pack?.titleExample ?? ''}")`,
  },
};

const DATE: Field<EntryEnv> = {
  path: 'date',
  label: 'Date',
  read: (v, env, at) => {
    if (v === undefined || v === null) return env.today;
    const day = readDay(v, at);
    if (day !== null && day > env.today) {
      at('', `is in the future; the evaluation must have happened by today (${env.today})`);
      return null;
    }
    return day;
  },
  ask: {
    type: 'day',
    message: () => 'When did it happen? (today, yesterday, last friday, or YYYY-MM-DD)',
    direction: 'past',
    suggest: () => 'today',
    unreadable: 'Write a date like 2026-11-20, "yesterday" or "last friday".',
  },
};

const STORY: Field<EntryEnv> = {
  path: 'story',
  label: 'What happened',
  read: (v, _env, at) => readText(v, { max: LIMITS.longText }, at),
  ask: { type: 'text', multiline: true, message: () => 'What happened? Write as much or as little as you like (optional).' },
};

/** The belief an answer names by id, if any (null and a missing id both mean "by its statement"). */
const beliefIdOf = (answers: Readonly<Record<string, unknown>>) => getPath(answers, 'belief.id') ?? null;

const BELIEF: Field<EntryEnv>[] = [
  {
    // A belief already in the journal, by id; null or left out: the statement picks one (matched
    // ignoring case and spacing) or makes a new one. Whether the id exists is checked on saving.
    path: 'belief.id',
    label: 'Which belief',
    read: (v, _env, at) => {
      if (v === undefined || v === null) return undefined;
      const id = typeof v === 'string' ? v.trim().toLowerCase() : '';
      if (!BELIEF_ID.test(id)) {
        at('', `must be a belief id like b-3fk2xa (\`noisy beliefs\` lists them), or left out to go by the statement${typeof v === 'string' ? '' : `, not ${describeType(v)}`}`);
        return undefined;
      }
      return id;
    },
    ask: {
      type: 'select',
      message: () => 'Which belief about yourself is this about?',
      choices: (env) => [...(env.beliefs ?? []).map((b) => ({ value: b.id, name: b.statement })), { value: 'new', name: 'A new one (you type it next)', answer: null }],
      // The one most recently evaluated.
      suggest: (env) => env.beliefs?.[0]?.id ?? 'new',
    },
    // Offered only when the journal has beliefs to pick from.
    asked: (_a, env) => (env.beliefs?.length ?? 0) > 0,
  },
  {
    path: 'belief.statement',
    label: 'Belief',
    read: (v, env, at, answers) => {
      const text = readText(v, { max: LIMITS.shortText }, at);
      // Named by id alone: the statement is the belief's own, filled in on saving.
      return text || (beliefIdOf(answers) !== null ? '' : (env.pack?.defaultBelief ?? ''));
    },
    ask: { type: 'text', message: () => 'What belief about yourself is at stake? (edit it to fit)', suggest: (env) => env.pack?.defaultBelief ?? '' },
    asked: (a) => beliefIdOf(a) === null,
    unasked: undefined,
  },
  {
    path: 'belief.before',
    label: 'Belief before',
    read: (v, _env, at) => readNumber(v, { ...PERCENT, required: true }, at),
    ask: { type: 'number', message: () => 'Before this happened, how likely did that feel? (0-100)', min: 0, max: 100, suffix: '%' },
  },
  {
    path: 'belief.after',
    label: 'Belief after',
    read: (v, _env, at) => readNumber(v, { ...PERCENT, required: true }, at),
    ask: { type: 'number', message: () => 'And how likely does it feel right now? (0-100)', min: 0, max: 100, suffix: '%' },
  },
];

/** A verdict you passed on yourself has no evaluator watching for minutes and no pool to be selected from. */
const ownVerdict = (answers: Readonly<Record<string, unknown>>) => methodOf(answers) === 'self-assessment';

const EVALUATION: Field<EntryEnv>[] = [
  {
    path: 'evaluation.method',
    label: 'Method',
    read: (v, env, at) => {
      const method = readChoice(v, METHODS, at);
      // A kind brings its own methods (a paper's reviews are not months in a job).
      if (method !== null && env.pack && !env.stored && !env.pack.methods.includes(method)) {
        at('', `does not fit a ${env.pack.kind} entry: use one of ${env.pack.methods.join(', ')}`);
        return null;
      }
      return method;
    },
    ask: {
      type: 'select',
      message: () => 'How were you evaluated?',
      choices: (env) => (env.pack?.methods ?? METHODS).map((m) => ({ value: m, name: METHOD_CHOICES[m] })),
      suggest: (env) => env.pack?.defaultMethod ?? 'cv-screen',
    },
    // A new kind brings its own methods.
    reaskAfter: ['kind'],
  },
  {
    path: 'evaluation.minutesSeen',
    label: 'Minutes seen',
    read: (v, _env, at) => readNumber(v, { min: 0, max: LIMITS.minutesSeen, nullable: true, unit: 'minutes' }, at),
    ask: { type: 'number', message: () => 'Roughly how many minutes of you did they see? (a CV: 1, an interview: 45)', min: 0, max: LIMITS.minutesSeen, optional: true, suffix: ' minutes' },
    asked: (a) => !ownVerdict(a),
    unasked: null,
  },
  {
    path: 'evaluation.whatTheySaw',
    label: 'What they saw',
    read: (v, _env, at) => readText(v, { max: LIMITS.shortText }, at),
    ask: { type: 'text', message: (env) => `${env.pack?.whatTheySawPrompt ?? 'What did they see of you?'} (optional)` },
  },
  {
    path: 'evaluation.selectionRate',
    label: 'Share accepted',
    read: (v, env, at, answers) => {
      // Nobody is turned away where everyone gets through, and nobody is taken where no one is.
      const outcome = outcomeOf(answers);
      if (v === 0 && outcome === 'accepted' && !env.stored) {
        at('', 'cannot be 0 for an acceptance (where nobody gets through, nobody is accepted): give the real share, or null if you do not know it');
        return null;
      }
      const rate = readNumber(v, { ...PERCENT, nullable: true, exclusiveMin: true }, at);
      if (rate !== null && outcome !== null && impossibleOutcome(outcome, rate) && !env.stored) {
        at('', 'cannot be 100 for a rejection (where everyone gets through, nobody is turned away): give the real share, or null if you do not know it');
        return null;
      }
      return rate;
    },
    ask: { type: 'number', message: () => 'What percent of people get through, if you know? (e.g. 5 for 5%)', min: 0.01, max: 100, optional: true, suffix: '%' },
    // Nor is there a quota in a conversation: the model treats its verdict as a judgement (see noisy evidence).
    asked: (a) => !ownVerdict(a) && methodOf(a) !== 'conversation',
    unasked: null,
  },
];

const CONFOUNDERS: Field<EntryEnv>[] = [
  {
    path: 'confounders',
    label: 'What played a part',
    read: (v, env, at) => readIds(v, env.pack ? env.pack.confounders.map((c) => c.id) : null, at),
    ask: {
      type: 'checkbox',
      message: () => 'Which of these may have played a part? (space to tick, enter when done)',
      choices: (env) => (env.pack?.confounders ?? []).map((c) => ({ value: c.id, name: c.label, description: c.hint })),
    },
    reaskAfter: ['kind'],
  },
  {
    path: 'otherConfounders',
    label: 'Anything else',
    read: (v, _env, at) => readText(v, { max: LIMITS.shortText }, at),
    ask: { type: 'text', message: () => 'Anything else that may have played a part? (optional)' },
  },
];

const ABOUT_ME: Field<EntryEnv>[] = [
  {
    path: 'aboutMe',
    label: 'About your ability',
    // Not asked about good news (nor required of it): an even split stands for "not said".
    read: (v, _env, at, answers) => (v === undefined && outcomeOf(answers) === 'accepted' ? GOOD_NEWS_ABOUT_ME : readNumber(v, { ...PERCENT, required: true }, at)),
    ask: { type: 'number', message: () => 'How much of the outcome was about your ability? (0 = none, 100 = all)', min: 0, max: 100, suffix: '%' },
  },
  {
    path: 'notAboutMeReasons',
    label: 'Not about you',
    read: (v, env, at) => readIds(v, env.pack ? env.pack.notAboutMe.map((o) => o.id) : null, at),
    ask: {
      type: 'checkbox',
      message: () => 'Could any of these have been part of it? (none is fine)',
      choices: (env) => (env.pack?.notAboutMe ?? []).map((o) => ({ value: o.id, name: o.label })),
    },
    asked: (_a, env) => (env.pack?.notAboutMe.length ?? 0) > 0,
    unasked: [],
    reaskAfter: ['kind'],
  },
];

const STATE: Field<EntryEnv> = {
  path: 'state',
  label: 'How you are',
  read: (v, _env, at) => {
    const state = readIds(v, [...STATES], at).filter(isState);
    if (state.includes('fine') && state.some((s) => CLOUDING_STATES.includes(s))) {
      at('', '"fine" cannot be listed together with tired, hungry, low-mood, anxious or unwell');
    }
    return state;
  },
  ask: {
    type: 'checkbox',
    message: () => 'How are you right now? (tick all that fit)',
    choices: () => STATES.map((st) => ({ value: st, name: STATE_LABELS[st] })),
  },
};

const NEXT: Field<EntryEnv>[] = [
  {
    path: 'nextStep',
    label: 'Next step',
    read: (v, _env, at) => readText(v, { max: LIMITS.shortText }, at),
    ask: { type: 'text', message: () => 'One next step that gets you real evidence (apply, ask, try; rest counts too)' },
  },
  {
    path: 'prediction',
    label: 'Make a prediction',
    // The group's own shape is checked by parseFields (ENTRY_GROUPS); its fields carry the rules.
    read: (v) => v,
    ask: { type: 'group', message: () => 'Make a prediction about yourself, to check later?' },
  },
  {
    path: 'prediction.statement',
    label: 'Prediction',
    read: (v, _env, at) => readText(v, { required: true, max: LIMITS.shortText }, at),
    ask: { type: 'text', message: () => 'Your prediction (e.g. "I will get an interview by March")' },
    asked: (a) => isObject(a.prediction),
  },
  {
    path: 'prediction.probability',
    label: 'How likely',
    read: (v, _env, at) => readNumber(v, { ...PERCENT, required: true }, at),
    ask: { type: 'number', message: () => 'How likely is it, honestly? (0-100)', min: 0, max: 100, suffix: '%' },
    asked: (a) => isObject(a.prediction),
  },
  {
    path: 'prediction.checkOn',
    label: 'Check on',
    read: (v, env, at) => {
      if (v === undefined) {
        at('', 'is required: the day to check it, YYYY-MM-DD');
        return null;
      }
      return notBeforeDate(readDay(v, at), env, at);
    },
    ask: {
      type: 'day',
      message: () => 'When can you tell whether it came true? (e.g. 2027-03-01, "in 8 weeks")',
      direction: 'future',
      suggest: () => '',
      unreadable: 'Write a date like 2027-03-01 or "in 8 weeks".',
    },
    asked: (a) => isObject(a.prediction),
  },
  {
    path: 'followUpOn',
    label: 'Follow-up',
    read: (v, env, at, answers) => {
      // Good news needs no check-back unless one is asked for.
      if (v === undefined) return outcomeOf(answers) === 'accepted' ? null : addDays(env.today, DEFAULT_FOLLOW_UP_DAYS);
      if (v === null) return null;
      return notBeforeDate(readDay(v, at, 'must be a day written YYYY-MM-DD, or null for no follow-up'), env, at);
    },
    ask: {
      type: 'day',
      message: () => 'When should noisy check back with you on this? (a date, or "none")',
      direction: 'future',
      none: true,
      suggest: (env) => addDays(env.today, DEFAULT_FOLLOW_UP_DAYS),
      unreadable: 'Write a date (e.g. "in 6 weeks", 2027-01-15), or "none".',
    },
  },
  {
    path: 'tags',
    label: 'Tags',
    read: (v, _env, at) => readTags(v, at),
    ask: { type: 'tags', message: () => 'Tags, to find this later (space- or comma-separated, optional)' },
  },
];

/** A pack's own extra question (e.g. the venue of a paper), stored under extras.<id>. */
function extraField(extra: Pack['extras'][number]): Field<EntryEnv> {
  return {
    path: `extras.${extra.id}`,
    label: extra.message.replace(/\s*\(optional.*\)$/i, '').replace(/\?$/, ''),
    read: (v, _env, at) => readText(v, { max: LIMITS.shortText }, at),
    ask: { type: 'text', message: () => extra.message },
  };
}

/** What "about your ability" holds for good news, where it is not asked: an even split, "not said". */
export const GOOD_NEWS_ABOUT_ME = 50;

/**
 * The questions good news skips, and what each holds then. Good news is short: what happened, the
 * evaluation, the belief before and after. Nothing about confounders or whether it was about you
 * (those are a setback's questions), nor the next step, prediction, follow-up or tags. Fields listed
 * with a value are set to it (so answers given before switching to good news do not linger unseen
 * in the model); those listed as undefined keep what was typed, and otherwise take the answers
 * file's default.
 */
const GOOD_NEWS_SKIPS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['confounders', []],
  ['otherConfounders', undefined],
  ['aboutMe', GOOD_NEWS_ABOUT_ME],
  ['notAboutMeReasons', []],
  ['state', []],
  ['nextStep', undefined],
  ['prediction', undefined],
  ['prediction.statement', undefined],
  ['prediction.probability', undefined],
  ['prediction.checkOn', undefined],
  ['followUpOn', undefined],
  ['tags', undefined],
]);

const isGoodNews = (answers: Readonly<Record<string, unknown>>): boolean => outcomeOf(answers) === 'accepted';

/** A field as the flows ask it: not at all for good news when GOOD_NEWS_SKIPS (or a pack's own question) says so. */
function withGoodNews(field: Field<EntryEnv>): Field<EntryEnv> {
  const skipped = GOOD_NEWS_SKIPS.has(field.path) || field.path.startsWith('extras.');
  if (!skipped) return field;
  const value = GOOD_NEWS_SKIPS.get(field.path);
  const asked = field.asked;
  const skip: Field<EntryEnv> = { ...field, asked: (answers, env) => !isGoodNews(answers) && (asked?.(answers, env) ?? true) };
  // A field with its own `unasked` keeps it (it is the same "not asked" value); others get good news's.
  if (!('unasked' in field) && value !== undefined) skip.unasked = value;
  return skip;
}

/**
 * The fields of an entry of this pack's kind, in the order they are asked (and checked: problems
 * are listed in this order). Adding a field to the answers file is one declaration here.
 */
export function entryFields(pack: Pack | undefined): readonly Field<EntryEnv>[] {
  if (pack === undefined) return (fieldsWithoutPack ??= Object.freeze(fieldsOf(undefined)));
  let fields = fieldsByPack.get(pack);
  if (fields === undefined) {
    fields = Object.freeze(fieldsOf(pack));
    fieldsByPack.set(pack, fields);
  }
  return fields;
}

// Made once per pack: an import reads every entry of a journal against them.
const fieldsByPack = new WeakMap<Pack, readonly Field<EntryEnv>[]>();
let fieldsWithoutPack: readonly Field<EntryEnv>[] | undefined;

function fieldsOf(pack: Pack | undefined): Field<EntryEnv>[] {
  return [OUTCOME, KIND, TITLE, DATE, ...(pack?.extras.map(extraField) ?? []), STORY, ...BELIEF, ...EVALUATION, ...CONFOUNDERS, ...ABOUT_ME, STATE, ...NEXT].map(withGoodNews);
}

/** The top-level names of the answers file; a pack's extra questions may not reuse them. */
export const ANSWER_FIELDS: readonly string[] = [
  ...new Set(entryFields(undefined).map((f) => f.path.split('.')[0] as string)),
  'extras',
];

// ── the follow-up's fields ─────────────────────────────────────────────────────────────────────

export interface FollowUpEnv {
  entry: Entry;
  today: string;
}

/**
 * When to ask again about a prediction that can't be told yet: the day the person planned to check
 * it, if that is still ahead, else DEFAULT_RECHECK_DAYS from today.
 */
export function recheckDefault(entry: Entry, today: string): string {
  const planned = entry.prediction?.checkOn;
  return planned && planned > today ? planned : addDays(today, DEFAULT_RECHECK_DAYS);
}

const pct = (n: number) => `${Math.round(n)}%`;

/** A prediction that can't be told yet is asked about again later. */
const rescheduling = (answers: Readonly<Record<string, unknown>>, env: FollowUpEnv) => env.entry.prediction !== null && answers.predictionCameTrue === null;

export const FOLLOW_UP_FIELDS: readonly Field<FollowUpEnv>[] = [
  {
    path: 'beliefNow',
    label: 'Belief now',
    read: (v, _env, at) => readNumber(v, { ...PERCENT, required: true, missing: 'is required: how likely the belief feels now, 0-100' }, at),
    ask: {
      type: 'number',
      message: ({ entry }) =>
        `How likely does "${entry.belief.statement}" feel now? (0-100; it was ${pct(entry.belief.before)} before, ${pct(entry.belief.after)} right after)`,
      min: 0,
      max: 100,
      suffix: '%',
    },
  },
  {
    path: 'tookNextStep',
    label: 'Next step taken',
    read: (v, _env, at) => readBoolean(v, 'is required: true or false', at),
    ask: {
      type: 'confirm',
      message: ({ entry }) =>
        entry.nextStep
          ? `Did you take your next step: "${entry.nextStep}"?`
          : 'Since then, did you do something that got you new evidence (applied, asked, tried something)?',
    },
  },
  {
    path: 'whatHappened',
    label: 'What happened since',
    read: (v, _env, at) => readText(v, { max: LIMITS.longText }, at),
    ask: { type: 'text', multiline: true, message: () => 'What has happened since? (optional)' },
  },
  {
    path: 'predictionCameTrue',
    label: 'Prediction came true',
    read: (v, { entry }, at) => {
      if (!entry.prediction) {
        if (v !== undefined && v !== null) at('', 'must be left out (or null): this entry has no prediction');
        return null;
      }
      if (v === undefined) {
        at('', `is required: this entry predicts "${clip(entry.prediction.statement)}"; true, false, or null if you can't tell yet`);
        return null;
      }
      if (v !== null && typeof v !== 'boolean') {
        at('', `must be true, false, or null (can't tell yet), not ${describeType(v)}`);
        return null;
      }
      return v;
    },
    ask: {
      type: 'select',
      message: ({ entry }) => `You predicted "${entry.prediction?.statement ?? ''}" at ${pct(entry.prediction?.probability ?? 0)}. Did it come true?`,
      choices: () => [
        { value: 'yes', name: 'Yes, it came true', answer: true },
        { value: 'no', name: "No, it didn't", answer: false },
        { value: 'later', name: "Can't tell yet: ask me again later", answer: null },
      ],
    },
    asked: (_a, env) => env.entry.prediction !== null,
    unasked: null,
  },
  {
    path: 'checkAgainOn',
    label: 'Ask again on',
    read: (v, env, at, answers) => {
      const came = answers.predictionCameTrue;
      if (v === undefined || v === null) return rescheduling(answers, env) ? recheckDefault(env.entry, env.today) : null;
      // With a malformed predictionCameTrue it is unclear whether a reschedule was meant: check the date only.
      const cameIsClear = came === undefined || came === null || typeof came === 'boolean';
      if (!rescheduling(answers, env) && cameIsClear) {
        at('', "is only used when a prediction can't be told yet (predictionCameTrue: null)");
        return null;
      }
      const day = readDay(v, at);
      if (day !== null && day <= env.today) {
        at('', `must be after today (${env.today})`);
        return null;
      }
      return day;
    },
    ask: {
      type: 'day',
      message: ({ entry, today }) => `When should noisy ask again? (Enter for ${recheckDefault(entry, today)}, a date, or "in 6 weeks")`,
      direction: 'future',
      suggest: ({ entry, today }) => recheckDefault(entry, today),
      unreadable: 'Write a day after today, like 2027-03-01 or "in 6 weeks".',
    },
    asked: rescheduling,
    unasked: null,
  },
];

// ── reading a whole document by its fields ─────────────────────────────────────────────────────

/** A field's value in a nested answers object ('belief.before'). */
export function getPath(target: Readonly<Record<string, unknown>>, path: string): unknown {
  // Most fields are at the top: no need to split their path (an import reads ~20 per entry).
  if (!path.includes('.')) return target[path];
  let value: unknown = target;
  for (const key of path.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** Sets a field in a nested answers object, creating the groups on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  if (!path.includes('.')) {
    target[path] = value;
    return;
  }
  const keys = path.split('.');
  const last = keys.pop() as string;
  let inner = target;
  for (const key of keys) {
    if (!isObject(inner[key])) inner[key] = {};
    inner = inner[key] as Record<string, unknown>;
  }
  inner[last] = value;
}

/** Removes a field from a nested answers object (a question that no longer applies). */
export function deletePath(target: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const inner = keys.length === 0 ? target : getPath(target, keys.join('.'));
  if (isObject(inner)) delete inner[last];
}

/** Checks one field's value with its rule: the normalised value, and every problem. */
export function checkField<E>(
  field: Field<E>,
  value: unknown,
  env: E,
  answers: Readonly<Record<string, unknown>> = {},
): { value: unknown; problems: { sub: string; problem: string }[] } {
  const problems: { sub: string; problem: string }[] = [];
  const result = field.read(value, env, (sub, problem) => problems.push({ sub, problem }), answers);
  return { value: result, problems };
}

/** Which fields the flow asks, given the answers so far. */
export function askedFields<E>(fields: readonly Field<E>[], answers: Readonly<Record<string, unknown>>, env: E): Field<E>[] {
  return fields.filter((f) => f.asked?.(answers, env) ?? true);
}
