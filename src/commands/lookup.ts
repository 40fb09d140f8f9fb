import { RuntimeError, UsageError } from '../errors.js';
import type { Entry } from '../core/entry.js';
import { clip } from '../core/answers.js';
import { ATTEMPT_ID_PREFIX, BELIEF_ID_PREFIX, ENTRY_ID, ID_LIKE, LOOK_ALIKES } from '../core/ids.js';
import type { Attempt } from '../core/attempts.js';
import type { StoredBelief } from '../core/belief-picture.js';
import type { Store } from '../storage/store.js';

/** Finds an entry by its id or a unique start of it (at least 4 characters), like git does. */
export function findEntry(store: Store, id: string): Entry {
  const wanted = id.trim().toLowerCase();
  if (wanted.startsWith('a-')) {
    throw new UsageError(`"${clip(id)}" is an attempt id, not an entry's.`, ['`noisy attempts` lists your attempts; `noisy attempts resolve ID OUTCOME` records how one ended.']);
  }
  if (/^[a-z0-9]{1,3}$/.test(wanted)) {
    throw new UsageError(`"${clip(id)}" is too short to pick out one entry.`, ['Type at least the first 4 characters of the id (`noisy list` shows them).']);
  }
  if (!ENTRY_ID.test(wanted)) {
    // An entry imported before ids were held to their alphabet can still be found by its whole id.
    const imported = ID_LIKE.test(wanted) && wanted.length <= 32 ? store.getEntry(wanted) : null;
    if (imported) return imported;
    if (ID_LIKE.test(wanted) && LOOK_ALIKES.test(wanted)) {
      throw new UsageError(`"${clip(id)}" is not an entry id: ids never hold 0, 1, o, l or i.`, [
        'Check the id with `noisy list` (2 to 9 and the other letters are used).',
      ]);
    }
    throw new UsageError(`"${clip(id)}" is not an entry id.`, ['Ids look like 7kq3m9x2ab; `noisy list` shows them.', 'The first 4 or more characters of an id are enough.']);
  }
  const exact = store.getEntry(wanted);
  if (exact) return exact;
  const matches = store.findByIdPrefix(wanted, 6);
  if (matches.length === 1) return matches[0] as Entry;
  if (matches.length > 1) {
    throw new UsageError(`"${clip(id)}" matches more than one entry: ${matches.map((e) => e.id).join(', ')}.`, ['Type more of the id.']);
  }
  throw new RuntimeError(`No entry with id ${wanted} in ${store.path}.`, ['`noisy list` shows the ids of your entries.']);
}

/**
 * Finds an attempt by its id or a unique start of it: `a-` and at least 2 more characters. Entry ids
 * never hold '-', so a prefix can never pick the wrong kind of record.
 */
export function findAttempt(store: Store, id: string): Attempt {
  const wanted = id.trim().toLowerCase();
  if (!wanted.startsWith('a-')) {
    if (ENTRY_ID.test(wanted)) {
      throw new UsageError(`"${clip(id)}" is an entry id, not an attempt's.`, ['Attempt ids start with a- (`noisy attempts` lists them).']);
    }
    throw new UsageError(`"${clip(id)}" is not an attempt id.`, ['Attempt ids look like a-7kq3m9x2; `noisy attempts` lists them.']);
  }
  if (wanted.length < 4) {
    throw new UsageError(`"${clip(id)}" is too short to pick out one attempt.`, ['Type a- and at least 2 more characters of the id (`noisy attempts` shows them).']);
  }
  if (!ATTEMPT_ID_PREFIX.test(wanted)) {
    if (LOOK_ALIKES.test(wanted.slice(2))) {
      throw new UsageError(`"${clip(id)}" is not an attempt id: ids never hold 0, 1, o, l or i.`, ['Check the id with `noisy attempts`.']);
    }
    throw new UsageError(`"${clip(id)}" is not an attempt id.`, ['Attempt ids look like a-7kq3m9x2; `noisy attempts` lists them.']);
  }
  const exact = store.attempts.get(wanted);
  if (exact) return exact;
  const matches = store.attempts.findByIdPrefix(wanted, 6);
  if (matches.length === 1) return matches[0] as Attempt;
  if (matches.length > 1) {
    throw new UsageError(`"${clip(id)}" matches more than one attempt: ${matches.map((a) => a.id).join(', ')}.`, ['Type more of the id.']);
  }
  throw new RuntimeError(`No attempt with id ${wanted} in ${store.path}.`, ['`noisy attempts` lists your attempts with their ids.']);
}

/**
 * Finds a belief by its id or a unique start of it (`b-` and at least 2 characters). Entry ids never
 * start with `b-` (nor attempt ids, `a-`), so a prefix can only ever pick a belief.
 */
export function findBelief(store: Store, id: string): StoredBelief {
  const wanted = id.trim().toLowerCase();
  if (!wanted.startsWith('b-')) {
    const what = ENTRY_ID.test(wanted) ? ' (that looks like an entry id)' : wanted.startsWith('a-') ? ' (that looks like an attempt id)' : '';
    throw new UsageError(`"${clip(id)}" is not a belief id${what}.`, ['Belief ids start with b- (`noisy beliefs` lists them, e.g. b-3fk2xa);', 'b- and 2 or more characters are enough.']);
  }
  if (!BELIEF_ID_PREFIX.test(wanted)) {
    throw new UsageError(`"${clip(id)}" is not a belief id.`, ['A belief id is b- and 2 to 6 characters, never 0, 1, o, l or i', '(`noisy beliefs` lists them, e.g. b-3fk2xa).']);
  }
  const exact = store.getBelief(wanted);
  if (exact) return exact;
  const matches = store.findBeliefsByIdPrefix(wanted, 6);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new UsageError(`"${clip(id)}" matches more than one belief: ${matches.map((b) => b.id).join(', ')}.`, ['Type more of the id.']);
  throw new RuntimeError(`No belief with id ${wanted} in ${store.path}.`, ['`noisy beliefs` lists your beliefs and their ids.']);
}
