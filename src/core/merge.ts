// Importing an entry the journal already has (the same id): the way two computers' journals, or a
// backup and a newer copy, come back together. Whatever is new is added, nothing is dropped from
// either side, and two versions that really differ are reported and left as they were.
import { toExportRecord } from './export-document.js';
import type { Entry, FollowUp } from './entry.js';

/**
 * What importing `theirs` over `ours` adds. Each kind of record kept under an entry in order
 * (follow-ups today) is merged by mergeSequence; a new kind is one more field here and one more
 * call in mergeEntry.
 */
export interface EntryMerge {
  /** Why the two versions can't be merged (the entry is then left as it was); null when they can. */
  conflict: string | null;
  /** Follow-ups to add after ours, in order. */
  followUps: FollowUp[];
  /** The entry's next follow-up day after the merge (theirs when their follow-ups are added). */
  followUpOn: string | null;
}

/** Fields named in a conflict before "and N more": keeps the line short. */
const NAMED_FIELDS = 3;

/**
 * Merges the incoming version of an entry into the stored one. The answers must be the same; the
 * follow-ups may differ only in that one side has more of them (answered later). `followUpOn` moves
 * with the follow-ups (answering one sets the next day), so it is compared only when both sides
 * have answered the same number.
 */
export function mergeEntry(ours: Entry, theirs: Entry): EntryMerge {
  // Both in the export's field order, so equal versions give equal JSON whatever order was stored.
  const a = withoutBeliefId(toExportRecord(ours));
  const b = withoutBeliefId(toExportRecord(theirs));
  const differing = (Object.keys(a) as (keyof Entry)[]).filter(
    (key) => key !== 'id' && key !== 'followUps' && key !== 'followUpOn' && JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
  const followUps = mergeSequence('follow-up', a.followUps, b.followUps);
  if ('conflict' in followUps) return { conflict: withAnswers(differing, followUps.conflict), followUps: [], followUpOn: ours.followUpOn };
  const sameCount = ours.followUps.length === theirs.followUps.length;
  if (sameCount && ours.followUpOn !== theirs.followUpOn) differing.push('followUpOn');
  if (differing.length > 0) return { conflict: withAnswers(differing, null), followUps: [], followUpOn: ours.followUpOn };
  return { conflict: null, followUps: followUps.added, followUpOn: followUps.added.length > 0 ? theirs.followUpOn : ours.followUpOn };
}

/**
 * The entry without its belief's id: two journals give one statement ids of their own (each made it
 * when it first met it), so the same entry is the same whatever id its belief has in each. What the
 * belief says (the statement) still counts.
 */
function withoutBeliefId(entry: Entry): Entry {
  const { id: _id, ...belief } = entry.belief;
  return { ...entry, belief };
}

/**
 * Two versions of a list that only ever grows at its end (follow-ups, in the order answered):
 * where both have an item at the same place it must be the same (compared as JSON, so give both in
 * one field order); the records theirs has beyond ours are added. Ours having more is fine (the
 * incoming copy is older).
 */
export function mergeSequence<T>(what: string, ours: readonly T[], theirs: readonly T[]): { added: T[] } | { conflict: string } {
  const common = Math.min(ours.length, theirs.length);
  for (let i = 0; i < common; i += 1) {
    if (JSON.stringify(ours[i]) !== JSON.stringify(theirs[i])) return { conflict: `${what} ${i + 1} differs` };
  }
  return { added: theirs.slice(common) };
}

function withAnswers(fields: string[], other: string | null): string {
  const parts: string[] = [];
  if (fields.length > 0) {
    const named = fields.slice(0, NAMED_FIELDS).join(', ');
    const more = fields.length - NAMED_FIELDS;
    parts.push(`different ${named}${more > 0 ? ` and ${more} more` : ''}`);
  }
  if (other !== null) parts.push(other);
  return parts.join('; ');
}
