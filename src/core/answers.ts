// The answers file (DESIGN.md): read field by field with the declarations in fields.ts, so a file,
// the questions and `noisy edit` refuse exactly the same things with the same words.
import { isKind } from './domain.js';
import type { Answers } from './entry.js';
import {
  ANSWER_FIELDS,
  ENTRY_GROUPS,
  checkField,
  clip,
  entryFields,
  getPath,
  isObject,
  outcomeOf,
  setPath,
  type EntryEnv,
  type Field,
  type FieldGroup,
  type Packs,
} from './fields.js';
import type { Pack } from './pack.js';

export {
  DEFAULT_FOLLOW_UP_DAYS,
  LIMITS,
  clip,
  describeType,
  normaliseTag,
  normaliseText,
  textProblems,
} from './fields.js';

/**
 * At most this many problems are listed; a generated or hostile file could otherwise print one line
 * per list item (100 000 lines). An assumption: 20 is more than any hand-written file has.
 */
export const MAX_LISTED_PROBLEMS = 20;

export type ParseResult = { ok: true; answers: Answers } | { ok: false; errors: string[] };

/**
 * Validates an answers file (DESIGN.md) completely, collecting every problem as `path: problem`,
 * and returns normalised answers with defaults filled in. `today` is YYYY-MM-DD. `stored`: the answers
 * of an entry already written (an import), which rules added later do not refuse (see EntryEnv).
 */
export function parseAnswers(raw: unknown, packs: Packs, today: string, options: { stored?: boolean } = {}): ParseResult {
  if (!isObject(raw)) return { ok: false, errors: ['(top level): must be a JSON object like {"kind": "application", ...}'] };
  const errors: string[] = [];
  const report = (path: string) => (sub: string, problem: string) => errors.push(`${path}${sub}: ${problem}`);

  const pack = isKind(raw.kind) ? packs[raw.kind] : undefined;
  const env: EntryEnv = { packs, pack, today, date: today, stored: options.stored === true, goodNews: outcomeOf(raw) === 'accepted' };
  const answers: Record<string, unknown> = {};
  // Last in the answers, as the answers file lists them.
  const extras: Record<string, string> = {};
  /** Groups that are missing, not objects, or null: their fields are not read. */
  const skipped = new Set<string>();
  const checkedGroups = new Set<string>();
  const { steps, knownInGroup, extraIds } = readingPlan(pack);

  for (const { field, head, tail, group } of steps) {
    if (head === 'extras' && tail !== undefined) {
      readExtra(raw, field.path, tail, (path, value) => {
        const { value: text, problems } = checkField(field, value, env);
        for (const p of problems) report(path)(p.sub, p.problem);
        if (typeof text === 'string' && text) extras[tail] = text;
      });
      continue;
    }
    if (group && !checkedGroups.has(head)) {
      checkedGroups.add(head);
      const value = raw[head];
      if (value === undefined || value === null) {
        if (group.missing === undefined) answers[head] = null;
        else errors.push(`${head}: ${group.missing}`);
        skipped.add(head);
      } else if (!isObject(value)) {
        errors.push(`${head}: ${group.notObject}`);
        skipped.add(head);
      }
    }
    if (skipped.has(head) || (group && tail === undefined)) continue;

    const { value, problems } = checkField(field, getPath(raw, field.path), env, raw);
    for (const p of problems) report(field.path)(p.sub, p.problem);
    setPath(answers, field.path, value);
    // When the date itself is wrong, later fields aren't compared with it (one mistake, one message).
    if (field.path === 'date') env.date = typeof value === 'string' ? value : null;
  }

  answers.extras = extras;

  for (const group of ENTRY_GROUPS) {
    const value = raw[group.key];
    if (!isObject(value)) continue;
    const known = knownInGroup.get(group.key);
    for (const key of Object.keys(value)) if (!known?.has(key)) errors.push(`${group.key}.${clip(key)}: is not a known field`);
  }
  if (raw.extras !== undefined) {
    if (!isObject(raw.extras)) errors.push('extras: must be an object of text answers');
    else {
      for (const key of Object.keys(raw.extras)) {
        if (!extraIds.has(key)) errors.push(`extras.${clip(key)}: ${pack ? `is not an extra question for ${pack.kind} entries` : 'is not a known field'}`);
      }
    }
  }
  const why = pack ? `is not an answers-file field, nor an extra question for ${pack.kind} entries` : 'is not a known field';
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_NAMES.has(key) && !extraIds.has(key)) errors.push(`${clip(key)}: ${why}`);
  }

  if (errors.length > 0 || !pack) return { ok: false, errors: listed(errors) };
  return { ok: true, answers: answers as unknown as Answers };
}

const TOP_LEVEL_NAMES: ReadonlySet<string> = new Set(ANSWER_FIELDS);

/** How parseAnswers reads the answers of one pack's kind: worked out once per pack (an import reads thousands). */
interface ReadingPlan {
  /** Each field in order, its path split, and the group it belongs to (belief, evaluation, prediction). */
  steps: readonly { field: Field<EntryEnv>; head: string; tail: string | undefined; group: FieldGroup | undefined }[];
  /** The field names each group may hold. */
  knownInGroup: ReadonlyMap<string, ReadonlySet<string>>;
  /** The pack's extra questions. */
  extraIds: ReadonlySet<string>;
}

const plans = new WeakMap<readonly Field<EntryEnv>[], ReadingPlan>();

function readingPlan(pack: Pack | undefined): ReadingPlan {
  const fields = entryFields(pack);
  let plan = plans.get(fields);
  if (plan === undefined) {
    plan = {
      steps: fields.map((field) => {
        const { head, tail } = splitPath(field.path);
        return { field, head, tail, group: ENTRY_GROUPS.find((g) => g.key === head) };
      }),
      knownInGroup: new Map(
        ENTRY_GROUPS.map((group) => [group.key, new Set(fields.filter((f) => f.path.startsWith(`${group.key}.`)).map((f) => f.path.slice(group.key.length + 1)))]),
      ),
      extraIds: new Set(pack?.extras.map((e) => e.id) ?? []),
    };
    plans.set(fields, plan);
  }
  return plan;
}

/** 'belief.before' as its group and field ('belief', 'before'); 'title' as 'title' alone. */
function splitPath(path: string): { head: string; tail: string | undefined } {
  const dot = path.indexOf('.');
  return dot < 0 ? { head: path, tail: undefined } : { head: path.slice(0, dot), tail: path.slice(dot + 1) };
}

/**
 * A pack's extra answer may sit at the top level ("venue": ...) or under "extras"; the one under
 * "extras" wins. `use` is called for each place it is given, with the path to report problems under.
 */
function readExtra(raw: Record<string, unknown>, path: string, id: string, use: (path: string, value: unknown) => void): void {
  if (raw[id] !== undefined) use(id, raw[id]);
  if (isObject(raw.extras) && raw.extras[id] !== undefined) use(path, raw.extras[id]);
}

function listed(errors: string[]): string[] {
  if (errors.length <= MAX_LISTED_PROBLEMS) return errors;
  const more = errors.length - MAX_LISTED_PROBLEMS;
  return [...errors.slice(0, MAX_LISTED_PROBLEMS), `(and ${more} more problem${more === 1 ? '' : 's'} like these)`];
}

