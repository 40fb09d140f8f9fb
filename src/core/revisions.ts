// Changing a saved entry (`noisy edit`): the patch, what changed, and the revision that keeps the
// answers as they were. Pure: no files, no database, no prompts.
import type { Answers, Entry, Revision } from './entry.js';
import { isObject } from './fields.js';

/** An entry's answers alone: what an answers file holds, and what a revision keeps. */
export function answersOf(entry: Entry): Answers {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the stored parts are left out
  const { id, createdAt, followUps, revisions, ...answers } = entry;
  return answers;
}

/**
 * RFC 7396 JSON merge patch: an object merges into an object field by field, a member set to null
 * is removed, anything else (text, numbers, lists) replaces. A patch that is not an object replaces
 * the whole target. Neither argument is changed.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * The answers document an edit patch makes of an entry's answers, to be checked like an answers
 * file. Two answers-file habits are kept: "followUpOn": null means no follow-up (removed, it would
 * fall back to the default of 30 days), and a pack's own answer may be given at the top level
 * ("venue": ...), which then replaces the one under "extras".
 */
export function patchedAnswers(answers: Answers, patch: unknown, extraIds: (kind: unknown) => readonly string[]): unknown {
  const merged = mergePatch(answers, patch);
  if (!isObject(merged) || !isObject(patch)) return merged;
  if (patch.followUpOn === null) merged.followUpOn = null;
  const extras = isObject(merged.extras) ? { ...merged.extras } : {};
  let moved = false;
  for (const id of extraIds(merged.kind)) {
    if (!(id in patch)) continue;
    if (merged[id] === undefined) delete extras[id];
    else extras[id] = merged[id];
    delete merged[id];
    moved = true;
  }
  if (moved) merged.extras = extras;
  return merged;
}

/**
 * The fields that differ between two versions of the answers, as paths ('title',
 * 'evaluation.selectionRate', 'extras.venue'), in the order of `after` then any only in `before`.
 * Lists compare whole ('tags'); a group that appears or goes is one path ('prediction').
 */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
    return keys.flatMap((key) => changedPaths(before[key], after[key], `${prefix}${key}.`));
  }
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : [prefix.slice(0, -1)];
}

/** The revision an edit leaves: the answers as they were, and which of them changed. */
export function revisionOf(previous: Answers, next: Answers, now: Date): Revision {
  return { revisedAt: now.toISOString(), changed: changedPaths(previous, next), previous };
}
