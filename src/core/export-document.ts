// The JSON export document: `{"format": "noisy-export", "version": 2, "beliefs": [...], "entries": [...], "attempts": [...]}`.
// Writing it (src/exporters/json.ts) and reading it back (`noisy import`) share this module, so
// what one writes the other accepts, and export → import → export gives the same bytes.
import { clip, LIMITS, parseAnswers, textProblems } from './answers.js';
import type { Kind } from './domain.js';
import type { Answers, Entry, FollowUp, Revision } from './entry.js';
import { ATTEMPT_ID, BELIEF_ID, ENTRY_ID, IdTable } from './ids.js';
import { parseStoredAttempt, type Attempt } from './attempts.js';
import { checkBar, checkSharedError, type StoredBelief } from './belief-picture.js';
import { isIsoDay } from './dates.js';
import { isObject, type Pack } from './pack.js';

export const EXPORT_FORMAT = 'noisy-export';
/**
 * The version this noisy writes. 2 added each entry's `outcome`, the `beliefs` and `attempts` lists
 * and `belief.id`; a noisy that reads only version 1 then says to update it instead of refusing the
 * new fields one by one. Files of every version up to this one are read.
 */
export const EXPORT_VERSION = 2;

/**
 * Stored entries may have any date up to the day they were written; on import we accept every
 * past day, so the "not in the future" check of the answers file is pushed out of the way.
 */
const IMPORT_TODAY = '9999-12-31';

/** ISO timestamps as `Date.prototype.toISOString` writes them (the offset form is accepted too). */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An entry with its fields in one fixed order, so the document is the same whichever order the
 * store kept them in. Every stored field is here: nothing is lost in a backup.
 */
export function toExportRecord(entry: Entry): Entry {
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    ...answersRecord(entry),
    followUps: entry.followUps.map((f) => ({
      answeredAt: f.answeredAt,
      beliefNow: f.beliefNow,
      tookNextStep: f.tookNextStep,
      whatHappened: f.whatHappened,
      predictionCameTrue: f.predictionCameTrue,
    })),
    revisions: entry.revisions.map((r) => ({ revisedAt: r.revisedAt, changed: [...r.changed], previous: answersRecord(r.previous) })),
  };
}

/** The answers of an entry (or of a revision) in the export's field order. */
function answersRecord(answers: Answers): Answers {
  return {
    kind: answers.kind,
    outcome: answers.outcome,
    title: answers.title,
    date: answers.date,
    story: answers.story,
    belief: {
      statement: answers.belief.statement,
      before: answers.belief.before,
      after: answers.belief.after,
      // The stored belief it is about (exports from before beliefs have none: import goes by the statement).
      ...(answers.belief.id !== undefined ? { id: answers.belief.id } : {}),
    },
    evaluation: {
      method: answers.evaluation.method,
      minutesSeen: answers.evaluation.minutesSeen,
      whatTheySaw: answers.evaluation.whatTheySaw,
      selectionRate: answers.evaluation.selectionRate,
    },
    confounders: [...answers.confounders],
    otherConfounders: answers.otherConfounders,
    aboutMe: answers.aboutMe,
    notAboutMeReasons: [...answers.notAboutMeReasons],
    state: [...answers.state],
    nextStep: answers.nextStep,
    prediction: answers.prediction
      ? { statement: answers.prediction.statement, probability: answers.prediction.probability, checkOn: answers.prediction.checkOn }
      : null,
    followUpOn: answers.followUpOn,
    tags: [...answers.tags],
    extras: Object.fromEntries(Object.keys(answers.extras).sort().map((key) => [key, answers.extras[key] as string])),
  };
}

/** A belief as the export writes it: every stored field, in one order (null bar or ρ: noisy's default). */
export function toBeliefRecord(belief: StoredBelief): StoredBelief {
  return { id: belief.id, statement: belief.statement, bar: belief.bar, sharedErrorCorrelation: belief.sharedErrorCorrelation, createdAt: belief.createdAt };
}

/** Checks one belief of an export; reports problems under its field names. */
function parseStoredBelief(item: unknown, at: At): StoredBelief | null {
  if (!isObject(item)) {
    at('', 'must be an object {"id", "statement", "bar", "sharedErrorCorrelation", "createdAt"}');
    return null;
  }
  let ok = true;
  const fail = (field: string, problem: string) => {
    ok = false;
    at(field, problem);
  };
  const { id, statement, bar, sharedErrorCorrelation, createdAt } = item;
  if (typeof id !== 'string' || !BELIEF_ID.test(id)) fail('id', 'must be a belief id: b- and 6 lower-case letters and digits (no 0, 1, o, l or i)');
  if (typeof statement !== 'string' || statement.trim() === '') fail('statement', 'must be text, not empty');
  else for (const problem of textProblems(statement, LIMITS.shortText)) fail('statement', problem);
  if (bar !== null && (typeof bar !== 'number' || checkBar(bar) !== null)) fail('bar', 'must be null (the default) or a percent more than 0 and less than 100');
  if (sharedErrorCorrelation !== null && (typeof sharedErrorCorrelation !== 'number' || checkSharedError(sharedErrorCorrelation) !== null)) {
    fail('sharedErrorCorrelation', 'must be null (the default) or a correlation from 0 to 0.9');
  }
  if (typeof createdAt !== 'string' || !isTimestamp(createdAt)) fail('createdAt', 'must be an ISO timestamp such as 2026-11-20T14:03:00.000Z');
  for (const key of Object.keys(item)) if (!['id', 'statement', 'bar', 'sharedErrorCorrelation', 'createdAt'].includes(key)) fail(clip(key), 'is not a field of a belief');
  if (!ok) return null;
  return { id: id as string, statement: statement as string, bar: bar as number | null, sharedErrorCorrelation: sharedErrorCorrelation as number | null, createdAt: createdAt as string };
}

/** At most this many problems are listed; a generated file could otherwise print one line per entry. */
export const MAX_IMPORT_PROBLEMS = 50;

/**
 * How far ahead of this computer's clock an imported `createdAt` may be: clocks of two computers
 * disagree by seconds to minutes, and a wrongly set time zone by up to a day. An assumption.
 */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** The JSON type a value starts with, as a streaming reader sees it before the value is complete. */
export type JsonType = 'object' | 'list' | 'text' | 'number' | 'boolean' | 'null';

/** The fields a noisy export has at its top level, in the order the exporter writes them. */
const TOP_LEVEL_FIELDS = ['format', 'version', 'exportedAt', 'beliefs', 'entries', 'attempts'];

/** The problems of an import: the first MAX_IMPORT_PROBLEMS lines, and how many there are in all. */
export interface ImportProblems {
  listed: string[];
  total: number;
}

/**
 * Checks an export document piece by piece, as a streaming reader meets it: the top-level value's
 * type, each top-level key, the `format` and `version` values, then each entry. Each entry is
 * checked as soon as it is complete and returned when it is valid, so the caller can store it and
 * let it go; problems are collected (at most MAX_IMPORT_PROBLEMS of them kept) and reported by
 * `finish` in document order: the header's first, then the entries' by index.
 */
export class ExportChecker {
  private rootType: JsonType | null = null;
  private readonly keys = new Set<string>();
  private readonly keyProblems: string[] = [];
  private format: unknown = undefined;
  private version: unknown = undefined;
  private entriesType: JsonType | null = null;
  private beliefsType: JsonType | null = null;
  /** Index of the first belief with each id. */
  private readonly seenBeliefs = new Map<string, number>();
  private readonly entryProblems: string[] = [];
  private entryProblemCount = 0;
  /** Index of the first entry with each id: a repeated id is a problem. */
  private readonly seen = new IdTable();
  private readonly seenAttempts = new Map<string, number>();
  private readonly latestCreatedAt: number;

  constructor(
    private readonly packs: Readonly<Record<Kind, Pack>>,
    now: Date,
  ) {
    this.latestCreatedAt = now.getTime() + CLOCK_SKEW_MS;
  }

  /** The type of the whole document (the first thing a reader sees). */
  root(type: JsonType): void {
    this.rootType = type;
  }

  /** A key of the top-level object, and the type its value starts with. */
  key(key: string, type: JsonType): void {
    if (this.keys.has(key)) this.keyProblems.push(`${clip(key)}: appears more than once`);
    this.keys.add(key);
    if (key === 'entries') this.entriesType = type;
    if (key === 'beliefs') this.beliefsType = type;
    if (key === 'attempts' && type !== 'list') this.keyProblems.push('attempts: must be a list of attempts (empty when there are none)');
    if (!TOP_LEVEL_FIELDS.includes(key)) this.keyProblems.push(`${clip(key)}: is not a field of a noisy export`);
  }

  /** The value of a top-level field (`format` or `version`; others are not needed whole). */
  field(key: string, value: unknown): void {
    if (key === 'format') this.format = value;
    if (key === 'version') this.version = value;
  }

  /** True while nothing is wrong so far: the caller stores valid entries only while this holds. */
  get ok(): boolean {
    return this.entryProblemCount === 0 && this.keyProblems.length === 0 && (this.rootType === null || this.rootType === 'object') && this.headerProblems(false).length === 0;
  }

  /**
   * Checks entry `index` of the `entries` list: the entry when it is valid, null when not (its
   * problems are recorded) or when `entries` is not a list at all.
   */
  entry(index: number, item: unknown): Entry | null {
    if (this.entriesType !== 'list') return null;
    const path = `entries[${index}]`;
    const entry = parseStoredEntry(item, this.packs, this.latestCreatedAt, (field, problem) => this.problem(`${path}${field ? `.${field}` : ''}: ${problem}`));
    const id = isObject(item) && typeof item.id === 'string' && ENTRY_ID.test(item.id) ? item.id : null;
    if (id !== null) {
      const first = this.seen.get(id);
      if (first !== undefined) {
        this.problem(`${path}.id: "${id}" is already used by entries[${first}]`);
        return null;
      }
      this.seen.set(id, index);
    }
    return entry;
  }

  /** Checks belief `index` of the `beliefs` list: the belief when it is valid, null when not. */
  belief(index: number, item: unknown): StoredBelief | null {
    if (this.beliefsType !== 'list') return null;
    const path = `beliefs[${index}]`;
    const belief = parseStoredBelief(item, (field, problem) => this.problem(`${path}${field ? `.${field}` : ''}: ${problem}`));
    if (belief !== null) {
      const first = this.seenBeliefs.get(belief.id);
      if (first !== undefined) {
        this.problem(`${path}.id: "${belief.id}" is already used by beliefs[${first}]`);
        return null;
      }
      this.seenBeliefs.set(belief.id, index);
    }
    return belief;
  }

  /**
   * Checks attempt `index` of the `attempts` list (`noisy attempts`; exports made before it have
   * none): the attempt when it is valid, null when not (its problems are recorded). The belief it
   * names must be one of the file's beliefs, which come before it.
   */
  attempt(index: number, item: unknown): Attempt | null {
    const path = `attempts[${index}]`;
    const attempt = parseStoredAttempt(item, (field, problem) => this.problem(`${path}${field ? `.${field}` : ''}: ${problem}`), ATTEMPT_RULES);
    if (attempt === null) return null;
    const first = this.seenAttempts.get(attempt.id);
    if (first !== undefined) {
      this.problem(`${path}.id: "${attempt.id}" is already used by attempts[${first}]`);
      return null;
    }
    this.seenAttempts.set(attempt.id, index);
    if (attempt.beliefId !== null && !this.seenBeliefs.has(attempt.beliefId)) {
      this.problem(`${path}.beliefId: "${attempt.beliefId}" is not one of the file's beliefs (listed before the entries)`);
      return null;
    }
    return attempt;
  }

  /** Every problem found, in document order; none when the document can be imported. */
  finish(): ImportProblems {
    if (this.rootType === null) return { listed: ['(top level): the file is empty; expected a JSON object written by `noisy export --format json`'], total: 1 };
    if (this.rootType !== 'object') return { listed: ['(top level): must be a JSON object written by `noisy export --format json`'], total: 1 };
    if (!this.keys.has('format') && (this.keys.has('kind') || this.keys.has('belief')) && !this.keys.has('entries')) {
      // Eighteen "not a field of a noisy export" lines would hide the one thing that is wrong.
      return { listed: [`format: must be "${EXPORT_FORMAT}"; this is an answers file for \`noisy reflect --answers\`, not a noisy export`], total: 1 };
    }
    const header = [...this.headerProblems(true), ...this.keyProblems];
    if (this.entriesType !== 'list') header.push('entries: must be a list of entries');
    if (this.beliefsType !== null && this.beliefsType !== 'list') header.push('beliefs: must be a list of beliefs');
    const all = [...header, ...this.entryProblems];
    return { listed: all.slice(0, MAX_IMPORT_PROBLEMS), total: header.length + this.entryProblemCount };
  }

  /** `format` and `version` problems; `atEnd`: a missing field counts too (it can't come any more). */
  private headerProblems(atEnd: boolean): string[] {
    const problems: string[] = [];
    if ((atEnd || this.format !== undefined) && this.format !== EXPORT_FORMAT) {
      problems.push(`format: must be "${EXPORT_FORMAT}"; this does not look like a noisy export`);
    }
    const version = this.version;
    if (typeof version === 'number' && Number.isInteger(version) && version > EXPORT_VERSION) {
      problems.push(`version: ${version} was written by a newer noisy (this one reads version ${EXPORT_VERSION}); update noisy to import it`);
    } else if ((atEnd || version !== undefined) && !(typeof version === 'number' && Number.isInteger(version) && version >= 1)) {
      problems.push(`version: must be a whole number from 1 to ${EXPORT_VERSION}`);
    }
    return problems;
  }

  private problem(line: string): void {
    this.entryProblemCount += 1;
    if (this.entryProblems.length < MAX_IMPORT_PROBLEMS) this.entryProblems.push(line);
  }
}

export type ParsedExport = { ok: true; beliefs: StoredBelief[]; entries: Entry[]; attempts: Attempt[] } | { ok: false; errors: string[] };

/** What an attempt in an export must be, besides its own fields' rules. */
const ATTEMPT_RULES = {
  isAttemptId: (id: string) => ATTEMPT_ID.test(id),
  isBeliefId: (id: string) => BELIEF_ID.test(id),
  isEntryId: (id: string) => ENTRY_ID.test(id),
  titleProblems: (title: string) => textProblems(title, LIMITS.title),
  isDay: isIsoDay,
};

/**
 * Checks a whole export document already in memory, the way `noisy import` checks one as it streams
 * in (ExportChecker): the entries when there is no problem, else every problem (at most
 * MAX_IMPORT_PROBLEMS listed) as `entries[3].belief.after: ...`. The answers part of each entry is
 * checked by the same rules as an answers file (parseAnswers), so imported entries are as sound as
 * typed ones.
 */
export function parseExportDocument(raw: unknown, packs: Readonly<Record<Kind, Pack>>, now: Date): ParsedExport {
  const checker = new ExportChecker(packs, now);
  checker.root(jsonType(raw));
  const entries: Entry[] = [];
  const beliefs: StoredBelief[] = [];
  const attempts: Attempt[] = [];
  if (isObject(raw)) {
    // In the document's order, as `noisy import` reads it: the beliefs before what names them.
    for (const [key, value] of Object.entries(raw)) {
      checker.key(key, jsonType(value));
      checker.field(key, value);
      if (!Array.isArray(value)) continue;
      if (key === 'beliefs') {
        value.forEach((item: unknown, index: number) => {
          const belief = checker.belief(index, item);
          if (belief) beliefs.push(belief);
        });
      } else if (key === 'entries') {
        value.forEach((item: unknown, index: number) => {
          const entry = checker.entry(index, item);
          if (entry) entries.push(entry);
        });
      } else if (key === 'attempts') {
        value.forEach((item: unknown, index: number) => {
          const attempt = checker.attempt(index, item);
          if (attempt) attempts.push(attempt);
        });
      }
    }
  }
  const problems = checker.finish();
  return problems.total > 0 ? { ok: false, errors: problems.listed } : { ok: true, beliefs, entries, attempts };
}

/** The JSON type of a parsed value. */
export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'object';
}

type At = (field: string, problem: string) => void;

function parseStoredEntry(item: unknown, packs: Readonly<Record<Kind, Pack>>, latestCreatedAt: number, at: At): Entry | null {
  if (!isObject(item)) {
    at('', 'must be an object (one journal entry)');
    return null;
  }
  const { id, createdAt, followUps, revisions, ...answerFields } = item;
  let ok = true;
  const fail = (field: string, problem: string) => {
    ok = false;
    at(field, problem);
  };

  if (typeof id !== 'string' || !ENTRY_ID.test(id)) fail('id', 'must be an entry id: 4 to 32 lower-case letters and digits (no 0, 1, o, l or i)');
  if (typeof createdAt !== 'string' || !isTimestamp(createdAt)) fail('createdAt', 'must be an ISO timestamp such as 2026-11-20T14:03:00.000Z');
  // A time ahead of now would sort the entry first forever: most likely a wrong clock where it was saved.
  else if (Date.parse(createdAt) > latestCreatedAt) fail('createdAt', "is in the future; check the saving computer's clock");
  // An export always carries followUpOn; a missing one would otherwise get a made-up default.
  if (!('followUpOn' in answerFields)) fail('followUpOn', 'is required: a day written YYYY-MM-DD, or null for no follow-up');
  const parsedFollowUps = readFollowUps(followUps, fail);
  const parsedRevisions = readRevisions(revisions, packs, fail);

  const result = parseAnswers(answerFields, packs, IMPORT_TODAY, { stored: true });
  if (!result.ok) {
    ok = false;
    answerProblems(result.errors, '', at);
  }
  if (!ok || !result.ok) return null;
  return { id: id as string, createdAt: createdAt as string, ...result.answers, followUps: parsedFollowUps, revisions: parsedRevisions };
}

/** parseAnswers reports `path: problem`; the path goes under `prefix` in this entry. */
function answerProblems(errors: readonly string[], prefix: string, at: At): void {
  for (const error of errors) {
    const split = error.indexOf(': ');
    if (split > 0 && !error.startsWith('(top level)')) at(prefix + error.slice(0, split), error.slice(split + 2));
    else at(prefix.replace(/\.$/, ''), error.replace(/^\(top level\): /, ''));
  }
}

/** A field path as a revision names it: 'title', 'evaluation.selectionRate', 'extras.venue'. */
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*$/;

/** An entry's revisions (`noisy edit`), oldest first; each one's answers are checked like an answers file. */
function readRevisions(value: unknown, packs: Readonly<Record<Kind, Pack>>, fail: At): Revision[] {
  // Exports written before entries could be edited have none.
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fail('revisions', 'must be a list (empty when the entry was never edited)');
    return [];
  }
  const revisions: Revision[] = [];
  value.forEach((raw: unknown, i: number) => {
    const path = `revisions[${i}]`;
    if (!isObject(raw)) {
      fail(path, 'must be an object {"revisedAt", "changed", "previous"}');
      return;
    }
    let ok = true;
    const bad = (field: string, problem: string) => {
      ok = false;
      fail(`${path}${field ? `.${field}` : ''}`, problem);
    };
    const { revisedAt, changed, previous } = raw;
    if (typeof revisedAt !== 'string' || !isTimestamp(revisedAt)) bad('revisedAt', 'must be an ISO timestamp such as 2027-01-05T09:30:00.000Z');
    if (!Array.isArray(changed) || !changed.every((c) => typeof c === 'string' && FIELD_PATH.test(c))) {
      bad('changed', 'must be a list of field paths such as ["title", "evaluation.selectionRate"]');
    }
    const answers = parseAnswers(previous, packs, IMPORT_TODAY, { stored: true });
    if (!answers.ok) answerProblems(answers.errors, 'previous.', bad);
    for (const key of Object.keys(raw)) if (!['revisedAt', 'changed', 'previous'].includes(key)) bad(clip(key), 'is not a field of a revision');
    if (ok && answers.ok) revisions.push({ revisedAt: revisedAt as string, changed: [...(changed as string[])], previous: answers.answers });
  });
  return revisions;
}

function readFollowUps(value: unknown, fail: At): FollowUp[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fail('followUps', 'must be a list (empty when there are none)');
    return [];
  }
  const followUps: FollowUp[] = [];
  value.forEach((raw: unknown, i: number) => {
    const path = `followUps[${i}]`;
    if (!isObject(raw)) {
      fail(path, 'must be an object {"answeredAt", "beliefNow", "tookNextStep", "whatHappened", "predictionCameTrue"}');
      return;
    }
    let ok = true;
    const bad = (field: string, problem: string) => {
      ok = false;
      fail(`${path}.${field}`, problem);
    };
    const { answeredAt, beliefNow, tookNextStep, whatHappened, predictionCameTrue } = raw;
    if (typeof answeredAt !== 'string' || !isTimestamp(answeredAt)) bad('answeredAt', 'must be an ISO timestamp such as 2027-01-05T09:30:00.000Z');
    if (typeof beliefNow !== 'number' || !Number.isFinite(beliefNow) || beliefNow < 0 || beliefNow > 100) bad('beliefNow', 'must be a number from 0 to 100');
    if (typeof tookNextStep !== 'boolean') bad('tookNextStep', 'must be true or false');
    if (typeof whatHappened !== 'string') bad('whatHappened', 'must be text (empty is fine)');
    else for (const problem of textProblems(whatHappened, LIMITS.longText)) bad('whatHappened', problem);
    if (predictionCameTrue !== true && predictionCameTrue !== false && predictionCameTrue !== null) {
      bad('predictionCameTrue', "must be true, false, or null (can't tell yet)");
    }
    for (const key of Object.keys(raw)) {
      if (!['answeredAt', 'beliefNow', 'tookNextStep', 'whatHappened', 'predictionCameTrue'].includes(key)) bad(clip(key), 'is not a field of a follow-up');
    }
    if (ok) {
      followUps.push({
        answeredAt: answeredAt as string,
        beliefNow: beliefNow as number,
        tookNextStep: tookNextStep as boolean,
        whatHappened: whatHappened as string,
        predictionCameTrue: predictionCameTrue as boolean | null,
      });
    }
  });
  return followUps;
}

function isTimestamp(value: string): boolean {
  return ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

