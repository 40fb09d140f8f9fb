// Commands that read a little and quickly (`noisy search`, and the reminder of due follow-ups after
// a command at a terminal) read the journal here, loading only what they need: the read-only
// connection, the recognition of a journal at the current schema, and their queries. Anything else
// (no journal, an empty or encrypted one, a -wal beside it, an older schema, a file that is not a
// noisy journal) goes the way every reading command goes, Store.openForReading, which loads the
// whole store (the migrations, the model behind history) and has the words for every refusal.
// Tests hold the two ways to the same answers.
import { existsSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { keyFor } from './cipher.js';
import { countDueFollowUps, countOverdueReplies } from './due-counts.js';
import type { EntryFilter } from './entry-filter.js';
import { fileShape } from './header.js';
import { checkOwnership } from './ownership.js';
import { openReadOnly, tidyWorkingFiles } from './read-only.js';
import { isCurrentJournal } from './schema-objects.js';
import { searchEntries, type SearchHit } from './search-query.js';
import type { Store } from './store.js';

/** Which way the journal was read (for the tests that compare the two). */
export type ReadPath = 'direct' | 'store';

/**
 * `read` on a connection to the journal at `path` opened as Store.openForReading would open it,
 * when nothing more is to be done first (openIfCurrent); else `viaStore` on Store.openForReading.
 */
async function readJournal<T>(path: string, read: (db: Database.Database) => T, viaStore: (store: Store) => T): Promise<{ value: T; path: ReadPath }> {
  const db = openIfCurrent(path);
  if (db !== null) {
    try {
      return { value: read(db), path: 'direct' };
    } finally {
      db.close();
      tidyWorkingFiles(path, false);
    }
  }
  const { Store } = await import('./store.js');
  const store = Store.openForReading(path);
  try {
    return { value: viaStore(store), path: 'store' };
  } finally {
    store.close();
  }
}

/** The entries of the journal at `path` matching `query`, best first (see searchEntries). */
export async function searchJournal(path: string, query: string, filter: EntryFilter, limit: number): Promise<{ hits: SearchHit[]; path: ReadPath }> {
  const { value, path: way } = await readJournal(
    path,
    (db) => searchEntries(db, path, query, filter, limit),
    (store) => store.search(query, filter, limit),
  );
  return { hits: value, path: way };
}

/** What `noisy followup` would ask about on `today`: follow-ups due, and attempts past the day a reply was expected. */
export async function dueCounts(path: string, today: string): Promise<{ followUps: number; replies: number; path: ReadPath }> {
  const { value, path: way } = await readJournal(
    path,
    (db) => ({ followUps: countDueFollowUps(db, today), replies: countOverdueReplies(db, today) }),
    (store) => ({ followUps: store.countDueFollowUps(today), replies: store.attempts.countOverdue(today) }),
  );
  return { ...value, path: way };
}

/**
 * A read-only connection to the journal at `path` when Store.openForReading would open it as it is,
 * with no more to do: a plain noisy journal at the current schema, its own and only its owner's,
 * whole, with no -wal beside it and no key given for it. Null otherwise, having changed nothing
 * (the working files its connection made are tidied away), so that Store.openForReading decides.
 * The checks are Store's own, in its order (checkJournal, recognise); any failure among them is
 * left for Store to report in its words.
 */
function openIfCurrent(path: string): Database.Database | null {
  try {
    if (!statSync(path).isFile() || existsSync(`${path}-wal`) || keyFor(path) !== null) return null;
    checkOwnership(path);
    if (fileShape(path).kind !== 'sqlite') return null;
  } catch {
    return null;
  }
  let db: Database.Database | null = null;
  try {
    db = openReadOnly(path);
    if (isCurrentJournal(db)) return db;
  } catch {
    // Store opens it again and says what is wrong.
  }
  db?.close();
  tidyWorkingFiles(path, false);
  return null;
}
