// The JSON export document: `{"format": "noisy-export", "version": 1, "entries": [...]}`.
// Writing it (src/exporters/json.ts) and reading it back (`noisy import`) share this module, so
// what one writes the other accepts, and export → import → export gives the same bytes.
import { clip, LIMITS, parseAnswers, textProblems } from './answers.js';
import type { Kind } from './domain.js';
import type { Entry, FollowUp } from './entry.js';
import { ENTRY_ID } from './ids.js';
import { isObject, type Pack } from './pack.js';

export const EXPORT_FORMAT = 'noisy-export';
export const EXPORT_VERSION = 1;

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
    kind: entry.kind,
    title: entry.title,
    date: entry.date,
    story: entry.story,
    belief: { statement: entry.belief.statement, before: entry.belief.before, after: entry.belief.after },
    evaluation: {
      method: entry.evaluation.method,
      minutesSeen: entry.evaluation.minutesSeen,
      whatTheySaw: entry.evaluation.whatTheySaw,
      selectionRate: entry.evaluation.selectionRate,
    },
    confounders: [...entry.confounders],
    otherConfounders: entry.otherConfounders,
    aboutMe: entry.aboutMe,
    notAboutMeReasons: [...entry.notAboutMeReasons],
    state: [...entry.state],
    nextStep: entry.nextStep,
    prediction: entry.prediction
      ? { statement: entry.prediction.statement, probability: entry.prediction.probability, checkOn: entry.prediction.checkOn }
      : null,
    followUpOn: entry.followUpOn,
    tags: [...entry.tags],
    extras: Object.fromEntries(Object.keys(entry.extras).sort().map((key) => [key, entry.extras[key] as string])),
    followUps: entry.followUps.map((f) => ({
      answeredAt: f.answeredAt,
      beliefNow: f.beliefNow,
      tookNextStep: f.tookNextStep,
      whatHappened: f.whatHappened,
      predictionCameTrue: f.predictionCameTrue,
    })),
  };
}

export type ParsedExport = { ok: true; entries: Entry[] } | { ok: false; errors: string[] };

/**
 * Validates a whole export document, collecting every problem as `entries[3].belief.after: ...`,
 * and returns its entries only when there is none. The answers part of each entry is checked by
 * the same rules as an answers file (parseAnswers), so imported entries are as sound as typed ones.
 */
export function parseExportDocument(raw: unknown, packs: Readonly<Record<Kind, Pack>>): ParsedExport {
  if (!isObject(raw)) return { ok: false, errors: ['(top level): must be a JSON object written by `noisy export --format json`'] };
  if (raw.format === undefined && ('kind' in raw || 'belief' in raw) && !('entries' in raw)) {
    // Eighteen "not a field of a noisy export" lines would hide the one thing that is wrong.
    return { ok: false, errors: [`format: must be "${EXPORT_FORMAT}"; this is an answers file for \`noisy reflect --answers\`, not a noisy export`] };
  }
  const errors: string[] = [];
  if (raw.format !== EXPORT_FORMAT) {
    errors.push(`format: must be "${EXPORT_FORMAT}"; this does not look like a noisy export`);
  }
  if (typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version > EXPORT_VERSION) {
    errors.push(`version: ${raw.version} was written by a newer noisy (this one reads version ${EXPORT_VERSION}); update noisy to import it`);
  } else if (raw.version !== EXPORT_VERSION) {
    errors.push(`version: must be ${EXPORT_VERSION}`);
  }
  for (const key of Object.keys(raw)) {
    if (!['format', 'version', 'exportedAt', 'entries'].includes(key)) errors.push(`${clip(key)}: is not a field of a noisy export`);
  }
  if (!Array.isArray(raw.entries)) {
    errors.push('entries: must be a list of entries');
    return { ok: false, errors };
  }

  const entries: Entry[] = [];
  const seen = new Map<string, number>();
  raw.entries.forEach((item: unknown, index: number) => {
    const path = `entries[${index}]`;
    const entry = parseStoredEntry(item, packs, (field, problem) => errors.push(`${path}${field ? `.${field}` : ''}: ${problem}`));
    const id = isObject(item) && typeof item.id === 'string' && ENTRY_ID.test(item.id) ? item.id : null;
    if (id !== null) {
      const first = seen.get(id);
      if (first !== undefined) errors.push(`${path}.id: "${id}" is already used by entries[${first}]`);
      else seen.set(id, index);
    }
    if (entry) entries.push(entry);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}

type At = (field: string, problem: string) => void;

function parseStoredEntry(item: unknown, packs: Readonly<Record<Kind, Pack>>, at: At): Entry | null {
  if (!isObject(item)) {
    at('', 'must be an object (one journal entry)');
    return null;
  }
  const { id, createdAt, followUps, ...answerFields } = item;
  let ok = true;
  const fail = (field: string, problem: string) => {
    ok = false;
    at(field, problem);
  };

  if (typeof id !== 'string' || !ENTRY_ID.test(id)) fail('id', 'must be an entry id: 4 to 32 lower-case letters and digits (no 0, 1, o, l or i)');
  if (typeof createdAt !== 'string' || !isTimestamp(createdAt)) fail('createdAt', 'must be an ISO timestamp such as 2026-11-20T14:03:00.000Z');
  // An export always carries followUpOn; a missing one would otherwise get a made-up default.
  if (!('followUpOn' in answerFields)) fail('followUpOn', 'is required: a day written YYYY-MM-DD, or null for no follow-up');
  const parsedFollowUps = readFollowUps(followUps, fail);

  const result = parseAnswers(answerFields, packs, IMPORT_TODAY);
  if (!result.ok) {
    for (const error of result.errors) {
      ok = false;
      // parseAnswers reports `path: problem`; the path goes under this entry.
      const split = error.indexOf(': ');
      if (split > 0 && !error.startsWith('(top level)')) at(error.slice(0, split), error.slice(split + 2));
      else at('', error.replace(/^\(top level\): /, ''));
    }
  }
  if (!ok || !result.ok) return null;
  return { id: id as string, createdAt: createdAt as string, ...result.answers, followUps: parsedFollowUps };
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

