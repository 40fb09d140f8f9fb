import { CLOUDING_STATES, KINDS, METHODS, STATES, isKind, isMethod, isState, type Kind } from './domain.js';
import type { Answers, Prediction } from './entry.js';
import { addDays, isIsoDay } from './dates.js';
import { ANSWER_FIELDS, isObject, type Pack } from './pack.js';

/** Default number of days until an entry's follow-up. */
export const DEFAULT_FOLLOW_UP_DAYS = 30;

export const LIMITS = {
  title: 200,
  shortText: 2_000,
  longText: 20_000,
  tag: 40,
  tags: 20,
  /** Nobody is seen for more than a working year in one evaluation; beyond that it is a typo. */
  minutesSeen: 60 * 24 * 365,
} as const;

const TAG = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/**
 * At most this many problems are listed; a generated or hostile file could otherwise print one line
 * per list item (100 000 lines). An assumption: 20 is more than any hand-written file has.
 */
export const MAX_LISTED_PROBLEMS = 20;

/** Half of a UTF-16 surrogate pair on its own: not a character, and SQLite would store it as U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u;

export type ParseResult = { ok: true; answers: Answers } | { ok: false; errors: string[] };

/**
 * Validates an answers file (DESIGN.md) completely, collecting every problem as `path: problem`,
 * and returns normalised answers with defaults filled in. `today` is YYYY-MM-DD.
 */
export function parseAnswers(raw: unknown, packs: Readonly<Record<Kind, Pack>>, today: string): ParseResult {
  const errors: string[] = [];
  const at = (path: string, problem: string) => errors.push(`${path}: ${problem}`);
  if (!isObject(raw)) return { ok: false, errors: ['(top level): must be a JSON object like {"kind": "application", ...}'] };

  const kind = raw.kind;
  if (kind === undefined) at('kind', `is required (one of ${KINDS.join(', ')})`);
  else if (!isKind(kind)) at('kind', `must be one of ${KINDS.join(', ')}`);
  const pack = isKind(kind) ? packs[kind] : undefined;

  const r = new Reader(raw, at);
  const title = r.text('title', { required: true, max: LIMITS.title });
  let date = today;
  // When the date itself is wrong, later fields aren't compared with it (one mistake, one message).
  let dateKnown = true;
  if (raw.date !== undefined && raw.date !== null) {
    dateKnown = false;
    if (typeof raw.date !== 'string' || !isIsoDay(raw.date)) at('date', 'must be a day written YYYY-MM-DD');
    else if (raw.date > today) at('date', `is in the future; the evaluation must have happened by today (${today})`);
    else {
      date = raw.date;
      dateKnown = true;
    }
  }
  const story = r.text('story', { max: LIMITS.longText });

  let belief = { statement: pack?.defaultBelief ?? '', before: 0, after: 0 };
  if (raw.belief === undefined) at('belief', 'is required: {"statement": "...", "before": 0-100, "after": 0-100}');
  else if (!isObject(raw.belief)) at('belief', 'must be an object with "before" and "after" (0-100)');
  else {
    const b = new Reader(raw.belief, at, 'belief.');
    belief = {
      statement: b.text('statement', { max: LIMITS.shortText }) || (pack?.defaultBelief ?? ''),
      before: b.percent('before', { required: true }) ?? 0,
      after: b.percent('after', { required: true }) ?? 0,
    };
    b.rejectUnknown(['statement', 'before', 'after']);
  }

  let evaluation: Answers['evaluation'] = { method: pack?.defaultMethod ?? 'cv-screen', minutesSeen: null, whatTheySaw: '', selectionRate: null };
  if (raw.evaluation === undefined) at('evaluation', 'is required: {"method": "...", "minutesSeen": N, "selectionRate": N}');
  else if (!isObject(raw.evaluation)) at('evaluation', 'must be an object with "method"');
  else {
    const e = new Reader(raw.evaluation, at, 'evaluation.');
    const method = raw.evaluation.method;
    if (method === undefined) at('evaluation.method', `is required (one of ${METHODS.join(', ')})`);
    else if (!isMethod(method)) at('evaluation.method', `must be one of ${METHODS.join(', ')}`);
    else evaluation.method = method;
    evaluation = {
      method: evaluation.method,
      minutesSeen: e.number('minutesSeen', { min: 0, max: LIMITS.minutesSeen, nullable: true, unit: 'minutes' }),
      whatTheySaw: e.text('whatTheySaw', { max: LIMITS.shortText }),
      selectionRate: e.number('selectionRate', { min: 0, max: 100, nullable: true, unit: 'percent', exclusiveMin: true }),
    };
    e.rejectUnknown(['method', 'minutesSeen', 'whatTheySaw', 'selectionRate']);
  }

  const confounders = r.ids('confounders', pack ? pack.confounders.map((c) => c.id) : null);
  const otherConfounders = r.text('otherConfounders', { max: LIMITS.shortText });
  const aboutMe = r.percent('aboutMe', { required: true }) ?? 0;
  const notAboutMeReasons = r.ids('notAboutMeReasons', pack ? pack.notAboutMe.map((o) => o.id) : null);
  const state = r.ids('state', [...STATES]).filter(isState);
  if (state.includes('fine') && state.some((s) => CLOUDING_STATES.includes(s))) {
    at('state', '"fine" cannot be listed together with tired, hungry, low-mood, anxious or unwell');
  }
  const nextStep = r.text('nextStep', { max: LIMITS.shortText });
  const prediction = readPrediction(raw.prediction, at, dateKnown ? date : null);

  let followUpOn: string | null = addDays(today, DEFAULT_FOLLOW_UP_DAYS);
  if (raw.followUpOn === null) followUpOn = null;
  else if (raw.followUpOn !== undefined) {
    if (typeof raw.followUpOn !== 'string' || !isIsoDay(raw.followUpOn)) at('followUpOn', 'must be a day written YYYY-MM-DD, or null for no follow-up');
    else if (dateKnown && raw.followUpOn < date) at('followUpOn', `must not be before the evaluation's date (${date})`);
    else followUpOn = raw.followUpOn;
  }

  const tags = readTags(raw.tags, at);

  const extras: Record<string, string> = {};
  const extraIds = pack?.extras.map((e) => e.id) ?? [];
  for (const id of extraIds) {
    const value = r.text(id, { max: LIMITS.shortText });
    if (value) extras[id] = value;
  }
  if (raw.extras !== undefined) {
    if (!isObject(raw.extras)) at('extras', 'must be an object of text answers');
    else {
      const x = new Reader(raw.extras, at, 'extras.');
      for (const id of Object.keys(raw.extras)) {
        if (!extraIds.includes(id)) continue;
        const value = x.text(id, { max: LIMITS.shortText });
        if (value) extras[id] = value;
      }
      x.rejectUnknown(extraIds, pack ? `is not an extra question for ${pack.kind} entries` : undefined);
    }
  }
  if (pack || !isKind(kind)) r.rejectUnknown([...ANSWER_FIELDS, ...extraIds], pack ? `is not an answers-file field, nor an extra question for ${pack.kind} entries` : undefined);

  if (errors.length > 0 || !isKind(kind)) return { ok: false, errors: listed(errors) };
  return {
    ok: true,
    answers: {
      kind,
      title,
      date,
      story,
      belief,
      evaluation,
      confounders,
      otherConfounders,
      aboutMe,
      notAboutMeReasons,
      state,
      nextStep,
      prediction,
      followUpOn,
      tags,
      extras,
    },
  };
}

function listed(errors: string[]): string[] {
  if (errors.length <= MAX_LISTED_PROBLEMS) return errors;
  const more = errors.length - MAX_LISTED_PROBLEMS;
  return [...errors.slice(0, MAX_LISTED_PROBLEMS), `(and ${more} more problem${more === 1 ? '' : 's'} like these)`];
}

function readPrediction(value: unknown, at: (path: string, problem: string) => void, date: string | null): Prediction | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    at('prediction', 'must be an object {"statement", "probability", "checkOn"} or null');
    return null;
  }
  const p = new Reader(value, at, 'prediction.');
  const statement = p.text('statement', { required: true, max: LIMITS.shortText });
  const probability = p.percent('probability', { required: true }) ?? 0;
  let checkOn = '';
  if (value.checkOn === undefined) at('prediction.checkOn', 'is required: the day to check it, YYYY-MM-DD');
  else if (typeof value.checkOn !== 'string' || !isIsoDay(value.checkOn)) at('prediction.checkOn', 'must be a day written YYYY-MM-DD');
  else if (date !== null && value.checkOn < date) at('prediction.checkOn', `must not be before the evaluation's date (${date})`);
  else checkOn = value.checkOn;
  p.rejectUnknown(['statement', 'probability', 'checkOn']);
  return { statement, probability, checkOn };
}

function readTags(value: unknown, at: (path: string, problem: string) => void): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    at('tags', 'must be a list of words, e.g. ["fellowship"]');
    return [];
  }
  if (value.length > LIMITS.tags) at('tags', `has ${value.length} tags; at most ${LIMITS.tags}`);
  const tags: string[] = [];
  value.slice(0, LIMITS.tags).forEach((tag: unknown, i: number) => {
    const normal = normaliseTag(tag);
    if (normal === null) at(`tags[${i}]`, `must be one word of letters, digits, - or _ (at most ${LIMITS.tag} characters)`);
    else if (!tags.includes(normal)) tags.push(normal);
  });
  return tags;
}

/** Free text as stored: Windows and old Mac line ends become \n, outer white space goes. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** What is wrong with a piece of free text, if anything: too long, control characters, broken characters. */
export function textProblems(text: string, max: number): string[] {
  const problems: string[] = [];
  if (text.length > max) problems.push(`is ${text.length} characters long; at most ${max}`);
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text)) problems.push('contains control characters');
  if (LONE_SURROGATE.test(text)) problems.push('contains a broken character (half of a UTF-16 surrogate pair)');
  return problems;
}

/** Lower-cases a tag and drops a leading '#'; null when it is not a valid tag. */
export function normaliseTag(tag: unknown): string | null {
  if (typeof tag !== 'string') return null;
  const t = tag.trim().replace(/^#/, '').toLowerCase();
  return t.length > 0 && t.length <= LIMITS.tag && TAG.test(t) ? t : null;
}

/** Reads fields of one object, reporting problems under `prefix`. */
class Reader {
  constructor(
    private readonly object: Record<string, unknown>,
    private readonly at: (path: string, problem: string) => void,
    private readonly prefix = '',
  ) {}

  text(field: string, options: { required?: boolean; max: number }): string {
    const value = this.object[field];
    const path = this.prefix + field;
    if (value === undefined || value === null) {
      if (options.required) this.at(path, 'is required');
      return '';
    }
    if (typeof value !== 'string') {
      this.at(path, `must be text, not ${describeType(value)}`);
      return '';
    }
    const trimmed = normaliseText(value);
    if (options.required && trimmed === '') this.at(path, 'must not be empty');
    for (const problem of textProblems(trimmed, options.max)) this.at(path, problem);
    return trimmed;
  }

  percent(field: string, options: { required?: boolean }): number | null {
    return this.number(field, { min: 0, max: 100, required: options.required, unit: 'percent' });
  }

  number(
    field: string,
    options: { min: number; max: number; required?: boolean; nullable?: boolean; unit: string; exclusiveMin?: boolean },
  ): number | null {
    const value = this.object[field];
    const path = this.prefix + field;
    if (value === undefined || (value === null && options.nullable)) {
      if (options.required) this.at(path, `is required (${options.min}–${options.max})`);
      return null;
    }
    const range = `${options.exclusiveMin ? `more than ${options.min}` : options.min} to ${options.max} ${options.unit}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.at(path, `must be a number from ${range}, not ${describeType(value)}`);
      return null;
    }
    if (value < options.min || value > options.max || (options.exclusiveMin && value === options.min)) {
      this.at(path, `must be ${range} (got ${value})`);
      return null;
    }
    return value;
  }

  /** A list of ids drawn from `allowed` (null: allowed is unknown because the kind is bad). */
  ids(field: string, allowed: readonly string[] | null): string[] {
    const value = this.object[field];
    const path = this.prefix + field;
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.at(path, 'must be a list');
      return [];
    }
    const ids: string[] = [];
    value.forEach((item: unknown, i: number) => {
      if (typeof item !== 'string') this.at(`${path}[${i}]`, `must be text, not ${describeType(item)}`);
      else if (allowed && !allowed.includes(item)) this.at(`${path}[${i}]`, `"${clip(item)}" is not one of ${allowed.join(', ')}`);
      else if (!ids.includes(item)) ids.push(item);
    });
    return ids;
  }

  rejectUnknown(known: readonly string[], why = 'is not a known field'): void {
    for (const key of Object.keys(this.object)) {
      if (!known.includes(key)) this.at(this.prefix + clip(key), why);
    }
  }
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

/** Shortens user text quoted in a message. */
export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
