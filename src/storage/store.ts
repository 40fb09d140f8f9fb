import { closeSync, existsSync, mkdirSync, openSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Answers, Belief, Entry, FollowUp, Revision } from '../core/entry.js';
import { evidenceItemOfEntry, statementKey, type BeliefEvidenceItem, type StoredBelief } from '../core/belief-picture.js';
import { clip } from '../core/fields.js';
import { beliefIdFor } from '../core/ids.js';
import type { Kind, Method } from '../core/domain.js';
import type { Outcome } from '../core/beliefs.js';
import { mergeEntry } from '../core/merge.js';
import { mergeAttempt, type Attempt } from '../core/attempts.js';
import { historyValuesOf, type HistoryValues } from '../core/history.js';
import { searchTexts, type SearchTexts } from '../core/search.js';
import { RuntimeError, UsageError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { NOISY_APPLICATION_ID, recognise, type Recognition } from './schema.js';
import { checkWal } from './wal.js';
import { checkOwnership, makePrivate } from './ownership.js';
import { fileShape, type FileShape } from './header.js';
import { BUSY_TIMEOUT_MS, checkWritable, creationError, describeError as describe, removeUnusedJournal, storageError, type CreatedJournal } from './failures.js';
import { entryFromRow, historyReader, historyRowWriter } from './rows.js';
import { applyCipher, keyFor } from './cipher.js';
import { identityOf, replacedError, sameIdentity, type FileIdentity } from './identity.js';
import { AttemptTable } from './attempt-rows.js';
import { openReadOnly, tidyWorkingFiles } from './read-only.js';
import { countDueFollowUps } from './due-counts.js';
import { whereClause, type EntryFilter } from './entry-filter.js';
import { searchEntries, type SearchHit } from './search-query.js';

export type { EntryFilter } from './entry-filter.js';
export type { SearchHit } from './search-query.js';

/** What an import did (also `noisy import --json`). */
export interface ImportResult {
  /** Entries that were new, added whole. */
  added: number;
  /** Entries already here with nothing new: the same, or this journal has more follow-ups. */
  skipped: number;
  /** Entries already here that got follow-ups from the file. */
  merged: number;
  /** Follow-ups added to those entries. */
  followUpsAdded: number;
  /** Entries whose two versions differ (see mergeEntry): left as they were in this journal. */
  conflicts: { entryId: string; reason: string }[];
  /**
   * Beliefs: added whole (new here), joined to ours (the same statement under another id), or in
   * conflict (the same id, another statement, bar or shared error: left as they were here).
   */
  beliefs: { added: number; joined: number; conflicts: { beliefId: string; reason: string }[] };
  /** The attempts ledger: added whole, skipped, updated (resolved elsewhere), or in conflict (left as here). */
  attempts: { added: number; skipped: number; updated: number; conflicts: { attemptId: string; reason: string }[] };
}

/** What an import that added nothing did. */
export function emptyImportResult(): ImportResult {
  return { added: 0, skipped: 0, merged: 0, followUpsAdded: 0, conflicts: [], beliefs: { added: 0, joined: 0, conflicts: [] }, attempts: { added: 0, skipped: 0, updated: 0, conflicts: [] } };
}

/** An import in progress (Store.beginImport). */
export interface ImportSession {
  /**
   * Adds a belief of the file: a new one whole; one with the same id here must be the same record
   * (else a conflict, ours kept); one whose statement a belief here has joins ours (the file's
   * entries that name it go under ours).
   */
  addBelief(belief: StoredBelief): void;
  /** Adds a new entry, or merges one already here. */
  add(entry: Entry): void;
  /** Adds a new attempt, or merges one already here (mergeAttempt). */
  addAttempt(attempt: Attempt): void;
  /** Makes everything added visible at once; what was added, merged and left. */
  commit(): ImportResult;
  /** Undoes everything added; the journal is as it was before beginImport. */
  rollback(): void;
}

interface EntryRow {
  id: string;
  created_at: string;
  answers: string;
  /** The entry's follow-ups' JSON objects joined by commas, oldest first; null when it has none (see ENTRY_COLUMNS). */
  follow_ups: string | null;
  /** Its revisions (`noisy edit`), the same way. */
  revisions: string | null;
}

/**
 * The columns that make an Entry. Follow-ups come with the row rather than one query per entry:
 * group_concat of their JSON texts, which inside brackets is the JSON array. The rows are taken in
 * order by a subquery (its key, (entry_id, seq), is already that order) rather than with
 * `group_concat(... ORDER BY seq)`, which sets up a sorter for every entry, with or without
 * follow-ups: a third of the time of reading 100,000 entries.
 */
const ENTRY_COLUMNS = `entries.id AS id, entries.created_at AS created_at, entries.answers AS answers,
  (SELECT group_concat(data, ',') FROM (SELECT f.data FROM follow_ups f WHERE f.entry_id = entries.id ORDER BY f.seq)) AS follow_ups,
  (SELECT group_concat(data, ',') FROM (SELECT r.data FROM revisions r WHERE r.entry_id = entries.id ORDER BY r.seq)) AS revisions`;

/** A row of ENTRY_COLUMNS as an array (`.raw()`). */
type EntryValues = [id: string, createdAt: string, answers: string, followUps: string | null, revisions: string | null];

/** Rows iterateEntries takes from SQLite at a time. */
const READ_AHEAD_ROWS = 256;

/** The next `count` rows (fewer at the end). */
function takeRows<T>(rows: Iterator<T>, count: number): T[] {
  const page: T[] = [];
  for (let next = rows.next(); !next.done; next = rows.next()) {
    page.push(next.value);
    if (page.length === count) break;
  }
  return page;
}

/** An entry's follow-ups or revisions from their joined JSON texts (none: null). */
function listFrom<T>(joined: string | null): T[] {
  return joined === null ? [] : (JSON.parse(`[${joined}]`) as T[]);
}

/** What a belief id the journal lacks means, and whether a statement given with an id must match it. */
interface BeliefRule {
  unknownId: 'refuse' | 'create';
  agreement: boolean;
}

/** New answers (reflect): an unknown id is a mistake; an id and a statement must agree. */
const NEW_ANSWERS: BeliefRule = { unknownId: 'refuse', agreement: true };
/** Entries from a backup: a belief they name that is not here yet is made; their words stand as written. */
const STORED_ANSWERS: BeliefRule = { unknownId: 'create', agreement: false };

/** A row of Store.beliefEvidence's query: the columns of EVIDENCE_COLUMNS in order. */
type EvidenceRow = [
  beliefId: string | null,
  id: string,
  date: string,
  createdAt: string,
  kind: Kind,
  method: Method,
  before: number,
  after: number,
  minutesSeen: number | null,
  selectionRate: number | null,
  confounders: string,
  clouded: number,
  outcome: Outcome,
  attemptId: string | null,
  followUpAt: string | null,
  followUpBelief: number | null,
];

/** The latest follow-up's `column` of the history row's entry. */
const latestFollowUp = (column: string) => `(SELECT ${column} FROM follow_ups f WHERE f.entry_id = history.id ORDER BY f.seq DESC LIMIT 1)`;

/** What Store.beliefEvidence reads of each history row (EvidenceRow): its columns, the attempt it reflects on, its latest follow-up. */
const EVIDENCE_COLUMNS = `belief_id, id, date, created_at, kind, method, before, after, minutes_seen, selection_rate, confounders, clouded, outcome,
  (SELECT a.id FROM attempts a WHERE a.entry_id = history.id AND a.belief_id = history.belief_id LIMIT 1),
  CASE WHEN follow_up_count > 0 THEN ${latestFollowUp('f.answered_at')} END,
  CASE WHEN follow_up_count > 0 THEN ${latestFollowUp("json_extract(f.data, '$.beliefNow')")} END`;

interface BeliefRow {
  id: string;
  statement: string;
  bar: number | null;
  shared_error: number | null;
  created_at: string;
}

const BELIEF_COLUMNS = 'b.id AS id, b.statement AS statement, b.bar AS bar, b.shared_error AS shared_error, b.created_at AS created_at';

function beliefFromRow(row: BeliefRow): StoredBelief {
  return { id: row.id, statement: row.statement, bar: row.bar, sharedErrorCorrelation: row.shared_error, createdAt: row.created_at };
}

/**
 * The one module that owns the journal file: schema, migrations and queries. Everything it returns
 * is a domain type. Writes happen in transactions; a failed write leaves the file as it was.
 *
 * Nothing is written to a file until it is recognised as a noisy journal (schema.ts recognise):
 * the checks run on a read-only connection, after the file's owner, mode, header and -wal passed
 * theirs (checkJournalFiles, fileShape, checkWal).
 */
export class Store {
  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    /** A read-only connection that made SQLite's -wal and -shm: remove them again on close. */
    private readonly tidyOnClose = false,
    /** The file a read-write connection opened; every write first checks the path still leads to it. */
    private readonly opened: FileIdentity | null = null,
  ) {}

  /**
   * Opens the journal at `path` for a command that writes, creating it (folder 0700, file 0600)
   * when `create` is set. Without `create`, a missing or empty journal opens as an empty in-memory
   * one. A journal created here is removed again if its first open fails. A journal file of your
   * own that others can read is made private (0600) before anything is written to it.
   */
  static open(path: string, options: { create: boolean }): Store {
    if (!existsSync(path)) {
      if (!options.create) return Store.inMemory(path);
      // A new journal goes only into a folder that is yours and only yours to change.
      checkOwnership(path);
      const created = createPrivateFile(path);
      try {
        return Store.openForWriting(path, 'new');
      } catch (error) {
        if (created) removeUnusedJournal(created);
        throw error;
      }
    }
    const shape = checkJournal(path);
    if (shape === 'empty' && !options.create) return Store.inMemory(path);
    checkWritable(path);
    makePrivate(path);
    return Store.openForWriting(path, shape === 'empty' ? 'new' : 'existing');
  }

  /**
   * Opens the journal at `path` for a command that only reads: read-only, never created, never
   * checkpointed. A missing, empty or blank journal reads as empty. The one write it may make is
   * to upgrade a journal recognised as noisy's to the current schema, in one transaction.
   */
  static openForReading(path: string): Store {
    if (!existsSync(path)) return Store.inMemory(path);
    if (checkJournal(path) === 'empty') return Store.inMemory(path);
    const hadWal = existsSync(`${path}-wal`);
    let db = openReadOnly(path);
    try {
      const seen = recogniseOrRefuse(db, path);
      if (seen.kind === 'blank') {
        db.close();
        tidyWorkingFiles(path, hadWal);
        return Store.inMemory(path);
      }
      if (seen.version < SCHEMA_VERSION) {
        db.close();
        checkWritable(path, 'upgrade');
        makePrivate(path);
        Store.openForWriting(path, 'upgrade').close();
        db = openReadOnly(path);
        recogniseOrRefuse(db, path);
      }
      return new Store(db, path, !hadWal);
    } catch (error) {
      if (db.open) db.close();
      tidyWorkingFiles(path, hadWal);
      throw error;
    }
  }

  /** An empty journal in memory, at the current schema: what a missing journal reads as. */
  private static inMemory(path: string): Store {
    const db = new Database(':memory:');
    const store = new Store(db, path);
    store.setUp('new');
    return store;
  }

  /**
   * A read-write connection to a journal file that passed checkJournal: 'new' for a file noisy
   * made or an empty one (set up from scratch), 'existing' for one recognised first on a
   * read-only connection, 'upgrade' for the one write a reading command may make.
   */
  private static openForWriting(path: string, kind: 'new' | 'existing' | 'upgrade'): Store {
    if (kind === 'existing') {
      const hadWal = existsSync(`${path}-wal`);
      const probe = openReadOnly(path);
      try {
        recogniseOrRefuse(probe, path);
      } catch (error) {
        probe.close();
        tidyWorkingFiles(path, hadWal);
        throw error;
      }
      probe.close();
    }
    const { db, opened } = openIdentified(path);
    try {
      applyCipher(db, keyFor(path));
      const store = new Store(db, path, false, opened);
      store.setUp(kind);
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Connection settings, then (except for the upgrade a reading command makes) WAL mode, then the
   * migrations. Nothing here writes before the file was recognised: 'new' files are empty.
   */
  private setUp(kind: 'new' | 'existing' | 'upgrade'): void {
    const { db, path } = this;
    try {
      // Wait for other noisy processes rather than failing with SQLITE_BUSY, even on this first read
      // (busy_timeout is a connection setting; it writes nothing to the file).
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      if (kind !== 'upgrade' && db.name !== ':memory:') this.enterWalMode();
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      this.migrate();
    } catch (error) {
      if (error instanceof RuntimeError) throw error;
      throw (
        storageError(path, error) ??
        new RuntimeError(`The journal at ${path} could not be read: ${describe(error)}.`, [
          'The file was not changed. Run `noisy doctor` for details, or restore it from a backup.',
        ], { cause: error })
      );
    }
  }

  /**
   * Puts the journal in WAL mode without ever doing so to a file that is no longer the journal.
   * `noisy encrypt` (decrypt, passphrase) holds the journal's write lock while it builds the new
   * file, then renames it over the journal: a noisy that opened the old file meanwhile waits for
   * that lock, and on getting it would write to a file nobody will read again, and make -wal and
   * -shm files by the journal's name that do not belong to the new one. So the lock is taken
   * first with a transaction that writes nothing (in rollback mode it makes no file either), the
   * path is checked under it, and only then is the mode switched, without waiting: had another
   * noisy taken the lock in between, the switch fails at once and all of it is done again.
   */
  private enterWalMode(): void {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    for (;;) {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.checkStillTheJournal();
      } finally {
        this.db.exec('COMMIT');
      }
      this.db.pragma('busy_timeout = 0');
      try {
        this.db.pragma('journal_mode = WAL');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
      } finally {
        this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
      // Others are reading the journal (the switch needs them gone for a moment): a short pause.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5 + Math.random() * 20);
    }
  }

  /** Refuses to go on when the journal's path no longer leads to the file this connection opened. */
  private checkStillTheJournal(): void {
    if (this.opened === null) return;
    if (!sameIdentity(this.opened, identityOf(this.path))) throw replacedError(this.path);
  }

  /**
   * Brings the journal to the current schema and stamps noisy's application id on it, in one
   * transaction; does nothing (writes nothing) when both are there already.
   */
  private migrate(): void {
    const current = () => ({
      version: this.db.pragma('user_version', { simple: true }) as number,
      id: (this.db.pragma('application_id', { simple: true }) as number) >>> 0,
    });
    const seen = current();
    if (seen.version === SCHEMA_VERSION && seen.id === NOISY_APPLICATION_ID) return;
    this.write(() => {
      // Look again under the write lock: another noisy may have set the file up since (several
      // processes creating a new journal at once), or someone replaced it.
      const recognised = recogniseOrRefuse(this.db, this.path);
      const from = recognised.kind === 'blank' ? 0 : recognised.version;
      if (current().id !== NOISY_APPLICATION_ID) this.db.pragma(`application_id = ${NOISY_APPLICATION_ID}`);
      // A copy that lost its user_version (sqlite3 .recover) is recognised by its tables: record it.
      if (current().version !== from) this.db.pragma(`user_version = ${from}`);
      for (const step of MIGRATIONS.filter((m) => m.version > from)) {
        this.db.exec(step.sql);
        step.backfill?.(this.db);
        this.db.pragma(`user_version = ${step.version}`);
      }
    });
  }

  /**
   * Runs `fn` in an IMMEDIATE transaction (it waits for other writers up front, never half-way) and
   * turns SQLite failures (a full disk, a read-only file, damage) into messages naming the journal.
   */
  private write<T>(fn: () => T): T {
    try {
      return this.db
        .transaction(() => {
          this.checkStillTheJournal();
          return fn();
        })
        .immediate();
    } catch (error) {
      if (error instanceof RuntimeError) throw error;
      throw storageError(this.path, error) ?? error;
    }
  }

  private attemptTable: AttemptTable | undefined;

  /** The attempts ledger (`noisy attempts`). */
  get attempts(): AttemptTable {
    this.attemptTable ??= new AttemptTable(this.db, (fn) => this.write(fn));
    return this.attemptTable;
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    if (!this.db.open) return;
    this.db.close();
    if (this.tidyOnClose) tidyWorkingFiles(this.path, false);
  }

  // ── entries ────────────────────────────────────────────────────────────────────────────────

  /**
   * Saves a new entry and returns it as stored: its belief is the one `belief.id` names (which must
   * exist, and whose statement a statement given with it must match), else the one its statement
   * matches ignoring case and spacing, else a new one, made in the same transaction.
   */
  insertEntry(entry: Entry): Entry {
    return this.write(() => this.insertRow(entry, NEW_ANSWERS));
  }

  /**
   * Imports entries in one transaction (see beginImport): new ones are added, ones already here are
   * merged. For entries already in memory (tests, the benchmark's journals).
   */
  importEntries(entries: Iterable<Entry>): ImportResult {
    const session = this.beginImport();
    try {
      for (const entry of entries) session.add(entry);
    } catch (error) {
      session.rollback();
      throw error;
    }
    return session.commit();
  }

  /**
   * Starts an import: one IMMEDIATE transaction, held until `commit` or `rollback`, that entries
   * are added to one at a time as they are read (`noisy import` streams a file of any size). Until
   * the commit nobody else sees any of it, and a rollback leaves the journal exactly as it was.
   */
  beginImport(): ImportSession {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw storageError(this.path, error) ?? error;
    }
    try {
      this.checkStillTheJournal();
      this.deferIndexing();
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw storageError(this.path, error) ?? error;
    }
    const result: ImportResult = emptyImportResult();
    const exists = this.db.prepare<[string], 1>('SELECT 1 FROM entries WHERE id = ?').pluck();
    /** The file's belief ids that are another id here (the same statement). */
    const joined = new Map<string, string>();
    const finish = (sql: 'COMMIT' | 'ROLLBACK') => {
      try {
        if (!this.db.inTransaction) return;
        if (sql === 'COMMIT') this.indexAddedTexts();
        this.db.exec(sql);
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw storageError(this.path, error) ?? error;
      } finally {
        this.unindexedAbove = null;
      }
    };
    return {
      addBelief: (belief) => {
        try {
          const ours = this.getBelief(belief.id);
          if (ours) {
            const differing = (['statement', 'bar', 'sharedErrorCorrelation'] as const).filter((k) => ours[k] !== belief[k]);
            if (differing.length > 0) result.beliefs.conflicts.push({ beliefId: belief.id, reason: `different ${differing.join(', ')}` });
            // Made when either journal first met it: the earlier time, so merged journals agree.
            else if (belief.createdAt < ours.createdAt) this.statement('beliefMadeAt', 'UPDATE beliefs SET created_at = ? WHERE id = ?').run(belief.createdAt, belief.id);
            return;
          }
          const key = statementKey(belief.statement);
          const same = this.statement('beliefByKey', 'SELECT id FROM beliefs WHERE statement_key = ?').pluck().get(key) as string | undefined;
          if (same !== undefined) {
            joined.set(belief.id, same);
            result.beliefs.joined += 1;
            return;
          }
          this.statement('importBelief', 'INSERT INTO beliefs (id, statement, statement_key, bar, shared_error, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
            belief.id,
            belief.statement,
            key,
            belief.bar,
            belief.sharedErrorCorrelation,
            belief.createdAt,
          );
          result.beliefs.added += 1;
        } catch (error) {
          throw storageError(this.path, error) ?? error;
        }
      },
      add: (given) => {
        const mapped = given.belief.id !== undefined ? joined.get(given.belief.id) : undefined;
        const entry = mapped === undefined ? given : { ...given, belief: { ...given.belief, id: mapped } };
        try {
          if (!exists.get(entry.id)) {
            this.insertRow(entry, STORED_ANSWERS);
            result.added += 1;
            return;
          }
          const merge = mergeEntry(this.getEntry(entry.id)!, entry);
          if (merge.conflict !== null) result.conflicts.push({ entryId: entry.id, reason: merge.conflict });
          else if (merge.followUps.length === 0) result.skipped += 1;
          else {
            this.appendFollowUps(entry.id, merge.followUps, merge.followUpOn);
            result.merged += 1;
            result.followUpsAdded += merge.followUps.length;
          }
        } catch (error) {
          throw storageError(this.path, error) ?? error;
        }
      },
      addAttempt: (given) => {
        const mapped = given.beliefId !== null ? joined.get(given.beliefId) : undefined;
        const attempt = mapped === undefined ? given : { ...given, beliefId: mapped };
        try {
          const ours = this.attempts.get(attempt.id);
          if (!ours) {
            this.attempts.insertRow(attempt);
            result.attempts.added += 1;
            return;
          }
          const merge = mergeAttempt(ours, attempt);
          if (merge.conflict !== null) result.attempts.conflicts.push({ attemptId: attempt.id, reason: merge.conflict });
          else if (merge.take === 'ours') result.attempts.skipped += 1;
          else {
            this.attempts.replaceRow(attempt);
            result.attempts.updated += 1;
          }
        } catch (error) {
          throw storageError(this.path, error) ?? error;
        }
      },
      commit: () => {
        finish('COMMIT');
        return result;
      },
      rollback: () => finish('ROLLBACK'),
    };
  }

  /**
   * Removes this journal, made by this process for an import that then failed (and was rolled
   * back), with the folders made for it (`dirs`, outermost first). It checks first that no table
   * holds a row, so a journal someone else wrote to meanwhile stays; the store is closed after.
   */
  removeUnusedImportTarget(dirs: readonly string[]): void {
    const tables = this.db
      .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    const empty = tables.every((table) => this.db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM "${table.replace(/"/g, '""')}")`).pluck().get() === 1);
    this.close();
    if (!empty) return;
    for (const file of [`${this.path}-wal`, `${this.path}-shm`, this.path]) rmSync(file, { force: true });
    for (const dir of [...dirs].reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        return; // Not empty (someone else uses it): stop here.
      }
    }
  }

  private insertRow(given: Entry, rule: BeliefRule): Entry {
    const entry = { ...given, belief: this.resolveBelief(given.belief, given.createdAt, rule) };
    const { id, createdAt, followUps, ...answers } = entry;
    this.statement(
      'insertEntry',
      `INSERT INTO entries (id, created_at, date, kind, title, follow_up_on, answers)
       VALUES (@id, @createdAt, @date, @kind, @title, @followUpOn, @answers)`,
    ).run({
      id,
      createdAt,
      date: answers.date,
      kind: answers.kind,
      title: answers.title,
      followUpOn: answers.followUpOn,
      answers: JSON.stringify(answers),
    });
    const tag = this.statement('insertTag', 'INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?, ?)');
    for (const t of answers.tags) tag.run(id, t);
    followUps.forEach((followUp, seq) => this.insertFollowUpRow(id, seq, followUp));
    entry.revisions.forEach((revision, seq) => this.insertRevisionRow(id, seq, revision));
    this.writeDerivedRows(entry);
    return entry;
  }

  // ── beliefs ────────────────────────────────────────────────────────────────────────────────

  /**
   * The belief an entry's answers are about, with its id set: see insertEntry. `rule` says what an
   * id this journal lacks means (a mistake in new answers; a belief from another journal, in an
   * import) and whether a statement given with an id must match it.
   */
  private resolveBelief(belief: Belief, createdAt: string, rule: BeliefRule): Belief {
    const { id, ...rest } = belief;
    if (id !== undefined && id !== null) {
      const found = this.getBelief(id);
      if (found) {
        if (rest.statement === '') return { ...rest, statement: found.statement, id };
        if (rule.agreement && statementKey(rest.statement) !== statementKey(found.statement)) {
          throw new UsageError(`belief.id ${id} is "${clip(found.statement)}", but belief.statement says "${clip(rest.statement)}"; nothing was saved.`, [
            'Give one of them, or make them agree (`noisy beliefs` lists every belief).',
          ]);
        }
        return { ...rest, id };
      }
      if (rule.unknownId === 'refuse') {
        throw new UsageError(`belief.id: there is no belief ${id} in this journal; nothing was saved.`, [
          '`noisy beliefs` lists the beliefs and their ids; leave belief.id out to go',
          'by the statement (a new statement makes a new belief).',
        ]);
      }
    }
    const key = statementKey(rest.statement);
    const byStatement = this.statement('beliefByKey', 'SELECT id FROM beliefs WHERE statement_key = ?').pluck().get(key) as string | undefined;
    if (byStatement !== undefined) return { ...rest, id: byStatement };
    let newId = id ?? beliefIdFor(key);
    for (let attempt = 1; id === undefined && this.getBelief(newId); attempt++) newId = beliefIdFor(key, attempt);
    this.statement('insertBelief', 'INSERT INTO beliefs (id, statement, statement_key, bar, shared_error, created_at) VALUES (?, ?, ?, NULL, NULL, ?)').run(
      newId,
      rest.statement,
      key,
      createdAt,
    );
    return { ...rest, id: newId };
  }

  /** The id of the belief with this statement (ignoring case and spacing), or null when the journal has none. */
  beliefIdWithStatement(statement: string): string | null {
    return (this.statement('beliefByKey', 'SELECT id FROM beliefs WHERE statement_key = ?').pluck().get(statementKey(statement)) as string | undefined) ?? null;
  }

  /**
   * Saves a new attempt; with `newBelief`, about the belief with that statement, made then (in the
   * same transaction) when the journal has none. Returns the attempt as saved.
   */
  insertAttempt(attempt: Attempt, newBelief: { statement: string; createdAt: string } | null = null): Attempt {
    return this.write(() => {
      const saved = newBelief === null ? attempt : { ...attempt, beliefId: this.resolveBelief({ statement: newBelief.statement, before: 0, after: 0 }, newBelief.createdAt, NEW_ANSWERS).id! };
      this.attempts.insertRow(saved);
      return saved;
    });
  }

  /** The bar the belief with this id has set (`noisy beliefs set --bar`); null for noisy's default, or no such belief. */
  beliefBar(id: string | null | undefined): number | null {
    if (id === null || id === undefined) return null;
    return this.getBelief(id)?.bar ?? null;
  }

  getBelief(id: string): StoredBelief | null {
    const row = this.statement('getBelief', `SELECT ${BELIEF_COLUMNS} FROM beliefs b WHERE id = ?`).get(id) as BeliefRow | undefined;
    return row ? beliefFromRow(row) : null;
  }

  /** Beliefs whose id starts with `prefix` (at most `limit`), for `noisy beliefs set b-3f`. */
  findBeliefsByIdPrefix(prefix: string, limit = 10): StoredBelief[] {
    const rows = this.db
      .prepare(`SELECT ${BELIEF_COLUMNS} FROM beliefs b WHERE id >= ? AND id < ? || char(1114111) ORDER BY id LIMIT ?`)
      .all(prefix, prefix, limit) as BeliefRow[];
    return rows.map(beliefFromRow);
  }

  /**
   * Changes a belief's statement, bar or shared error (what `change` names; null: back to noisy's
   * default) and returns it as stored. A statement another belief has (ignoring case and spacing) is
   * refused: one statement, one belief. Its entries keep their own words.
   */
  updateBelief(id: string, change: { statement?: string; bar?: number | null; sharedErrorCorrelation?: number | null }): StoredBelief {
    return this.write(() => {
      const belief = this.getBelief(id);
      if (!belief) throw new RuntimeError(`No belief with id ${id} in ${this.path}.`, ['`noisy beliefs` lists your beliefs and their ids.']);
      const next = { ...belief, ...change };
      const key = statementKey(next.statement);
      const other = this.statement('beliefByKey', 'SELECT id FROM beliefs WHERE statement_key = ?').pluck().get(key) as string | undefined;
      if (other !== undefined && other !== id) {
        throw new UsageError(`Belief ${other} already says "${clip(next.statement)}"; nothing was changed.`, [
          'One statement is one belief. To put entries under it, edit them:',
          `\`noisy edit ID --answers -\` with {"belief": {"id": "${other}"}}.`,
        ]);
      }
      this.statement('updateBelief', 'UPDATE beliefs SET statement = ?, statement_key = ?, bar = ?, shared_error = ? WHERE id = ?').run(
        next.statement,
        key,
        next.bar,
        next.sharedErrorCorrelation,
        id,
      );
      return next;
    });
  }

  /** Every belief, the most recently evaluated first (then the most recently made). */
  listBeliefs(): StoredBelief[] {
    const rows = this.db
      .prepare(
        // Each belief's latest entry is the last of its entries in history_by_belief: one step into the
        // index per belief, where a max() over all of them read every entry (100,000: 35 ms, now 0.1 ms).
        `SELECT ${BELIEF_COLUMNS} FROM beliefs b
         ORDER BY (SELECT h.date || ' ' || h.created_at FROM history h WHERE h.belief_id = b.id ORDER BY h.date DESC, h.created_at DESC LIMIT 1) DESC NULLS LAST,
           b.created_at DESC, b.id`,
      )
      .all() as BeliefRow[];
    return rows.map(beliefFromRow);
  }

  /**
   * The beliefs an export with `filter` names: every belief when nothing is filtered, else those of
   * the chosen entries and (with `withAttempts`) of the attempts made in the filter's days; by id.
   */
  beliefsNamedBy(filter: EntryFilter, withAttempts: boolean): StoredBelief[] {
    const { where, params } = whereClause(filter, 'history');
    if (where === '') return this.db.prepare(`SELECT ${BELIEF_COLUMNS} FROM beliefs b ORDER BY b.id`).all().map((row) => beliefFromRow(row as BeliefRow));
    const days = [filter.since ? 'date >= @since' : '', filter.until ? 'date <= @until' : ''].filter((c) => c !== '');
    const attempts = withAttempts ? ` OR b.id IN (SELECT belief_id FROM attempts${days.length > 0 ? ` WHERE ${days.join(' AND ')}` : ''})` : '';
    const rows = this.db.prepare(`SELECT ${BELIEF_COLUMNS} FROM beliefs b WHERE b.id IN (SELECT belief_id FROM history ${where})${attempts} ORDER BY b.id`).all(params) as BeliefRow[];
    return rows.map(beliefFromRow);
  }

  /**
   * Calls `visit` with each entry `filter` chooses as evidence about its belief, oldest first, and
   * the belief's id: the items evidenceItemOfEntry makes of whole entries (a test compares the two),
   * with the attempt about the same belief that an entry reflects on. Read from the history columns,
   * never the entries' text, so every belief's picture costs one pass over a large journal.
   */
  beliefEvidence(filter: EntryFilter, visit: (beliefId: string, item: BeliefEvidenceItem) => void): void {
    if (!this.historyInStep()) {
      // Slower, and the same items: from each whole entry.
      const linked = this.db.prepare('SELECT id FROM attempts WHERE entry_id = ? AND belief_id = ? LIMIT 1').pluck();
      for (const entry of this.iterateEntries(filter)) {
        visit(entry.belief.id ?? '', { ...evidenceItemOfEntry(entry), attemptId: (linked.get(entry.id, entry.belief.id ?? '') as string | undefined) ?? null });
      }
      return;
    }
    const lists = new Map<string, string[]>();
    // Each row comes to this function as its arguments, as in scanHistory: read as rows (an object
    // with keys per row), the benchmark journal's 100,000 took 1.5 s of CPU; like this, 0.5 s.
    this.db.function(EVIDENCE_ROW_FUNCTION, { varargs: true }, (...row: unknown[]) => {
      const [beliefId, id, date, createdAt, kind, method, before, after, minutesSeen, selectionRate, confounderList, clouded, outcome, attemptId, followUpAt, followUpBelief] = row as EvidenceRow;
      let confounders = lists.get(confounderList);
      if (confounders === undefined) {
        confounders = JSON.parse(confounderList) as string[];
        lists.set(confounderList, confounders);
      }
      visit(beliefId ?? '', {
        entryId: id,
        attemptId,
        date,
        statedAt: createdAt,
        latestFollowUp: followUpAt === null ? null : { answeredAt: followUpAt, beliefNow: followUpBelief as number },
        input: { kind, method, before, after, minutesSeen, selectionRate, confounders: confounders as Entry['confounders'], clouded: clouded === 1, outcome },
      });
      return null;
    });
    const { where, params } = whereClause(filter, 'history');
    // all() only drives the statement (the rows went to the function); it returns a null per row.
    this.db.prepare(`SELECT ${EVIDENCE_ROW_FUNCTION}(${EVIDENCE_COLUMNS}) FROM history ${where} ORDER BY date, created_at, id`).pluck().all(params);
  }

  /** Entries about a belief, oldest evaluation first (whole: follow-ups included). */
  *iterateBeliefEntries(beliefId: string): Generator<Entry> {
    const sql = `SELECT ${ENTRY_COLUMNS} FROM history JOIN entries ON entries.id = history.id WHERE history.belief_id = ? ORDER BY history.date, history.created_at, history.id`;
    for (const row of this.db.prepare(sql).iterate(beliefId) as IterableIterator<EntryRow>) yield this.toEntry(row);
  }

  getEntry(id: string): Entry | null {
    const row = this.statement('getEntry', `SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ?`).get(id) as
      | EntryRow
      | undefined;
    return row ? this.toEntry(row) : null;
  }

  /** Entries whose id starts with `prefix` (at most `limit`), for `show 3fk2` style look-ups. */
  findByIdPrefix(prefix: string, limit = 10): Entry[] {
    const rows = this.db
      .prepare(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id >= ? AND id < ? || char(1114111) ORDER BY id LIMIT ?`)
      .all(prefix, prefix, limit) as EntryRow[];
    return rows.map((row) => this.toEntry(row));
  }

  /** Streams entries one at a time: memory stays flat however large the journal is. */
  *iterateEntries(filter: EntryFilter = {}): Generator<Entry> {
    const { sql, params } = selectEntries(filter, ENTRY_COLUMNS);
    // Entries are read in date order through the date index, which need not be the order of the
    // table's pages (a journal written out of order, or the benchmark's), so a page can be read
    // more than once. A plain page read again comes from the operating system's file cache for the
    // cost of a copy: SQLite's own default cache is enough, and keeps an export's memory small. An
    // encrypted page read again is decrypted again (~8 µs): a larger cache keeps more of them.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    let rows: IterableIterator<EntryValues> | undefined;
    try {
      this.db.pragma(`cache_size = ${keyFor(this.path) === null ? SCAN_CACHE_SIZE : ENCRYPTED_SCAN_CACHE_SIZE}`);
      // Rows as arrays (the columns of ENTRY_COLUMNS in order): no object with keys per row.
      rows = this.db.prepare(sql).raw(true).iterate(params) as IterableIterator<EntryValues>;
      // A few hundred rows are taken from SQLite before the first of them becomes an entry. Reading
      // alone costs the same either way, but an export that steps SQLite and renders an entry in
      // turns, row by row, spends about a quarter more CPU (100,000 entries: Markdown 9.9 → 7.4 s,
      // JSON 4.9 → 4.3 s; bench/results.md, issue 18), for a few hundred KB held.
      for (let page = takeRows(rows, READ_AHEAD_ROWS); page.length > 0; page = takeRows(rows, READ_AHEAD_ROWS)) {
        for (const [id, createdAt, answers, followUps, revisions] of page) {
          yield entryFromRow(id, createdAt, answers, listFrom<FollowUp>(followUps), listFrom<Revision>(revisions));
        }
      }
    } finally {
      // A reader that stops early (an export that fails) leaves the statement unfinished: end it.
      rows?.return?.();
      this.db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  /**
   * What `noisy history` reads of each matching entry: calls `visit` with its HISTORY_FIELDS values
   * in that order, oldest first, from the history table alone (never the entries' text). `values`
   * is valid only during the call: copy what you keep.
   */
  scanHistory(filter: EntryFilter, visit: (values: HistoryValues) => void): void {
    if (!this.historyInStep()) {
      // Slower, and the same values: worked out from each whole entry.
      for (const entry of this.iterateEntries(filter)) visit(historyValuesOf(entry));
      return;
    }
    const { columns, convert } = historyReader();
    // The columns come to a function SQLite calls for each row, as its arguments. Read as rows
    // (`.raw()`), each value costs several times as much with this driver on Node 20, which builds
    // a row array one element at a time through V8's API: for 100,000 rows of these 18 columns,
    // 0.6–1.0 s as rows against 0.25–0.4 s as arguments (measured side by side, same process).
    this.db.function(HISTORY_ROW_FUNCTION, { varargs: true }, (...values: unknown[]) => {
      convert(values);
      visit(values as HistoryValues);
      return null;
    });
    const { where, params } = whereClause(filter, 'history');
    // The table's key is (date, created_at, id), so this order is its own: SQLite steps through it
    // and calls the function row by row in that order, with no sorting first (a test checks the plan).
    const sql = `SELECT ${HISTORY_ROW_FUNCTION}(${columns.join(', ')}) FROM history ${where} ORDER BY date, created_at, id`;
    // One pass reads each page once, so a big page cache only holds pages that are done with:
    // SQLite's own default (2 MB) instead of better-sqlite3's 16 MB while it runs.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${SCAN_CACHE_SIZE}`);
    try {
      // all() only drives the statement (the rows went to the function); it returns a null per row.
      this.db.prepare(sql).pluck().all(params);
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  /** The SQL `scanHistory` (or `beliefEvidence`) runs for `filter`, for a test of its query plan. */
  historyQueryPlan(filter: EntryFilter = {}, of: 'history' | 'evidence' = 'history'): string[] {
    const columns = of === 'history' ? historyReader().columns.join(', ') : EVIDENCE_COLUMNS;
    const { where, params } = whereClause(filter, 'history');
    return this.db
      .prepare(`EXPLAIN QUERY PLAN SELECT ${columns} FROM history ${where} ORDER BY date, created_at, id`)
      .all(params)
      .map((row) => (row as { detail: string }).detail);
  }

  /**
   * Every write keeps an entry's history row in step with it; should the counts ever differ (a file
   * changed by another program), history reads the entries themselves instead (it may have opened
   * the journal read-only, so it does not mend the table).
   */
  private historyInStep(): boolean {
    return this.db.prepare('SELECT (SELECT count(*) FROM entries) = (SELECT count(*) FROM history)').pluck().get() === 1;
  }

  /**
   * Writes what is kept beside a new entry: its row in the history table and its text in the search
   * index (under `searchKey`, when it had one before: see rewriteDerivedRows).
   */
  private writeDerivedRows(entry: Entry, searchKey: number | null = null): void {
    this.historyWriter ??= historyRowWriter(this.db);
    this.historyWriter(entry);
    this.indexText(entry, searchKey);
  }

  /** Rewrites what is kept beside an entry already stored, from the entry as it is now. */
  private rewriteDerivedRows(entry: Entry): void {
    // Removed and written again rather than INSERT OR REPLACE: that makes SQLite open a statement
    // journal, and with it a savepoint, where FTS5 writes out the words it holds in memory. Once per
    // entry, in an import, that made the index ten times slower to build than writing them at the commit.
    this.statement('removeHistoryRow', 'DELETE FROM history WHERE id = ?').run(entry.id);
    this.writeDerivedRows(entry, this.unindexText(entry.id));
  }

  /**
   * The entry's text in the search index: its row of entry_text, under `key` (one that never changes;
   * null: a new one), and the same words in the FTS5 index over it, which keeps no copy of them.
   */
  private indexText(entry: Entry, key: number | null): void {
    const texts = searchTexts(entry);
    const added = this.statement('addText', 'INSERT INTO entry_text (key, entry_id, title, story, next_step, follow_ups, notes) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      key,
      entry.id,
      ...texts,
    );
    // An import indexes the rows it adds all at once, before it commits (indexAddedTexts).
    if (this.unindexedAbove !== null && Number(added.lastInsertRowid) > this.unindexedAbove) return;
    this.statement('index', 'INSERT INTO entry_search (rowid, title, story, next_step, follow_ups, notes) VALUES (?, ?, ?, ?, ?, ?)').run(
      added.lastInsertRowid,
      ...texts,
    );
  }

  /**
   * During an import: entry_text rows with a key above this are not in the FTS5 index yet. Indexing
   * them in one INSERT ... SELECT at the end costs less than one insert per entry (the text is not
   * handed to SQLite a second time), and the same transaction holds both: nothing is seen before.
   */
  private unindexedAbove: number | null = null;

  /** Starts leaving the search index of new rows for indexAddedTexts. */
  private deferIndexing(): void {
    this.unindexedAbove = this.db.prepare('SELECT coalesce(max(key), 0) FROM entry_text').pluck().get() as number;
  }

  /** Puts every row added since deferIndexing into the search index; indexing goes on row by row. */
  private indexAddedTexts(): void {
    if (this.unindexedAbove === null) return;
    this.db
      .prepare('INSERT INTO entry_search (rowid, title, story, next_step, follow_ups, notes) SELECT key, title, story, next_step, follow_ups, notes FROM entry_text WHERE key > ?')
      .run(this.unindexedAbove);
    this.unindexedAbove = null;
  }

  /** Takes an entry's text out of the search index (FTS5 is told the words to forget); its key, or null when it had none. */
  private unindexText(entryId: string): number | null {
    const old = this.statement('indexedText', 'SELECT key, title, story, next_step, follow_ups, notes FROM entry_text WHERE entry_id = ?').raw().get(entryId) as
      | [number, ...SearchTexts]
      | undefined;
    if (old === undefined) return null;
    // A row an import added is not in the index yet (indexAddedTexts): it has no words to forget.
    const indexed = this.unindexedAbove === null || old[0] <= this.unindexedAbove;
    if (indexed) this.statement('unindex', "INSERT INTO entry_search (entry_search, rowid, title, story, next_step, follow_ups, notes) VALUES ('delete', ?, ?, ?, ?, ?, ?)").run(...old);
    this.statement('removeText', 'DELETE FROM entry_text WHERE key = ?').run(old[0]);
    return old[0];
  }

  private historyWriter: ((entry: Entry) => void) | undefined;

  listEntries(filter: EntryFilter = {}): Entry[] {
    return [...this.iterateEntries(filter)];
  }

  countEntries(filter: EntryFilter = {}): number {
    const { where, params } = whereClause(filter);
    return this.db.prepare(`SELECT count(*) FROM entries ${where}`).pluck().get(params) as number;
  }

  /** Deletes an entry with its follow-ups and any unfinished follow-up draft for it. */
  deleteEntry(id: string): boolean {
    return this.write(() => {
      this.statement('deleteDraft', 'DELETE FROM drafts WHERE name = ?').run(followUpDraftName(id));
      this.unindexText(id);
      // An attempt the entry reflected on stays; it no longer points at the entry.
      this.attempts.unlinkEntryRow(id);
      return this.statement('deleteEntry', 'DELETE FROM entries WHERE id = ?').run(id).changes > 0;
    });
  }

  // ── search ─────────────────────────────────────────────────────────────────────────────────

  /**
   * The entries matching `query` (FTS5 syntax: core/search.ts makes it from a person's words), best
   * first, at most `limit`, within `filter`. A query FTS5 can't read is a UsageError.
   */
  search(query: string, filter: EntryFilter, limit: number): SearchHit[] {
    return searchEntries(this.db, this.path, query, filter, limit);
  }

  // ── follow-ups ─────────────────────────────────────────────────────────────────────────────

  /**
   * Records a follow-up answer and sets when the entry is next due (null: no more follow-ups),
   * in one transaction, dropping the draft it was typed in (if any).
   */
  addFollowUp(entryId: string, followUp: FollowUp, nextDue: string | null, draftName?: string): void {
    this.write(() => {
      this.appendFollowUps(entryId, [followUp], nextDue);
      if (draftName !== undefined) this.statement('deleteDraft', 'DELETE FROM drafts WHERE name = ?').run(draftName);
    });
  }

  /**
   * Adds follow-ups after the entry's last one and sets when it is next due (null: no more
   * follow-ups). The one way follow-ups are added: answered in noisy, or merged by an import.
   */
  private appendFollowUps(entryId: string, followUps: readonly FollowUp[], nextDue: string | null): void {
    const row = this.statement('getAnswers', 'SELECT answers FROM entries WHERE id = ?').get(entryId) as
      | { answers: string }
      | undefined;
    if (!row) throw new RuntimeError(`No entry with id ${entryId}.`);
    const seq = this.statement('nextSeq', 'SELECT count(*) FROM follow_ups WHERE entry_id = ?').pluck().get(entryId) as number;
    followUps.forEach((followUp, i) => this.insertFollowUpRow(entryId, seq + i, followUp));
    const answers = { ...(JSON.parse(row.answers) as Answers), followUpOn: nextDue };
    this.statement('setDue', 'UPDATE entries SET follow_up_on = ?, answers = ? WHERE id = ?').run(
      nextDue,
      JSON.stringify(answers),
      entryId,
    );
    // History and search read the follow-ups: rewrite what they read from the entry as stored now.
    this.rewriteDerivedRows(this.getEntry(entryId)!);
  }

  // ── revisions ──────────────────────────────────────────────────────────────────────────────

  /**
   * Replaces an entry's answers after an edit and keeps the answers it had as `revision`, in one
   * transaction. The tags, the follow-up day and what history and search read follow the new answers; the
   * follow-ups stay as they are.
   */
  reviseEntry(entryId: string, given: Answers, revision: Revision, rule: { agreement: boolean } = { agreement: false }): void {
    this.write(() => {
      const answers = { ...given, belief: this.resolveBelief(given.belief, revision.revisedAt, { unknownId: 'refuse', agreement: rule.agreement }) };
      const seq = this.statement('revisionCount', 'SELECT (SELECT count(*) FROM revisions WHERE entry_id = @id) FROM entries WHERE id = @id')
        .pluck()
        .get({ id: entryId }) as number | undefined;
      if (seq === undefined) throw new RuntimeError(`No entry with id ${entryId}.`);
      this.insertRevisionRow(entryId, seq, revision);
      this.statement(
        'setAnswers',
        'UPDATE entries SET date = @date, kind = @kind, title = @title, follow_up_on = @followUpOn, answers = @answers WHERE id = @id',
      ).run({ id: entryId, date: answers.date, kind: answers.kind, title: answers.title, followUpOn: answers.followUpOn, answers: JSON.stringify(answers) });
      this.statement('clearTags', 'DELETE FROM entry_tags WHERE entry_id = ?').run(entryId);
      const tag = this.statement('insertTag', 'INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?, ?)');
      for (const t of answers.tags) tag.run(entryId, t);
      this.rewriteDerivedRows(this.getEntry(entryId)!);
    });
  }

  private insertRevisionRow(entryId: string, seq: number, revision: Revision): void {
    this.statement('insertRevision', 'INSERT INTO revisions (entry_id, seq, revised_at, data) VALUES (?, ?, ?, ?)').run(
      entryId,
      seq,
      revision.revisedAt,
      JSON.stringify(revision),
    );
  }

  private insertFollowUpRow(entryId: string, seq: number, followUp: FollowUp): void {
    this.statement('insertFollowUp', 'INSERT INTO follow_ups (entry_id, seq, answered_at, data) VALUES (?, ?, ?, ?)').run(
      entryId,
      seq,
      followUp.answeredAt,
      JSON.stringify(followUp),
    );
  }

  /** Entries whose follow-up date is on or before `today` (YYYY-MM-DD), oldest due first. */
  dueFollowUps(today: string): Entry[] {
    const rows = this.statement(
      'due',
      `SELECT ${ENTRY_COLUMNS} FROM entries WHERE follow_up_on IS NOT NULL AND follow_up_on <= ? ORDER BY follow_up_on, created_at`,
    ).all(today) as EntryRow[];
    return rows.map((row) => this.toEntry(row));
  }

  /**
   * Entries with a follow-up date or a prediction, in id order: what `noisy followup --ics` may put
   * in a calendar (core/calendar.ts decides what of each does go in).
   */
  *iterateScheduled(): Generator<Entry> {
    const sql = `SELECT ${ENTRY_COLUMNS} FROM entries WHERE follow_up_on IS NOT NULL OR json_type(answers, '$.prediction') = 'object' ORDER BY id`;
    for (const row of this.db.prepare(sql).iterate() as IterableIterator<EntryRow>) yield this.toEntry(row);
  }

  /** The soonest follow-up after `today`, for "nothing is due; the next one is on ...". */
  nextFollowUp(today: string): { day: string; id: string; title: string } | null {
    const row = this.statement(
      'nextDue',
      'SELECT follow_up_on AS day, id, title FROM entries WHERE follow_up_on > ? ORDER BY follow_up_on, created_at LIMIT 1',
    ).get(today) as { day: string; id: string; title: string } | undefined;
    return row ?? null;
  }

  countDueFollowUps(today: string): number {
    return countDueFollowUps(this.db, today);
  }

  // ── drafts ─────────────────────────────────────────────────────────────────────────────────

  saveDraft(name: string, data: unknown, now: Date): void {
    const save = this.statement(
      'saveDraft',
      'INSERT INTO drafts (name, updated_at, data) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data',
    );
    this.write(() => save.run(name, now.toISOString(), JSON.stringify(data)));
  }

  loadDraft(name: string): { updatedAt: string; data: unknown } | null {
    const row = this.statement('loadDraft', 'SELECT updated_at, data FROM drafts WHERE name = ?').get(name) as
      | { updated_at: string; data: string }
      | undefined;
    return row ? { updatedAt: row.updated_at, data: JSON.parse(row.data) as unknown } : null;
  }

  deleteDraft(name: string): void {
    this.write(() => this.statement('deleteDraft', 'DELETE FROM drafts WHERE name = ?').run(name));
  }

  /**
   * Saves an entry about an attempt and links the attempt to it, atomically; an attempt still
   * pending is resolved with the entry's outcome on the entry's day.
   */
  insertEntryResolving(entry: Entry, attemptId: string): Entry {
    return this.write(() => {
      const stored = this.insertRow(entry, NEW_ANSWERS);
      this.attempts.resolveByEntryRow(attemptId, entry.id, entry.outcome, entry.date);
      return stored;
    });
  }

  /** Saves an entry and drops the draft it came from, atomically. */
  insertEntryFromDraft(entry: Entry, draftName: string): Entry {
    return this.write(() => {
      const stored = this.insertRow(entry, NEW_ANSWERS);
      this.statement('deleteDraft', 'DELETE FROM drafts WHERE name = ?').run(draftName);
      return stored;
    });
  }

  // ── maintenance ────────────────────────────────────────────────────────────────────────────

  integrityCheck(): string[] {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check);
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────

  private readonly statements = new Map<string, Database.Statement>();

  private statement(key: string, sql: string): Database.Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(key, statement);
    }
    return statement;
  }

  private toEntry(row: EntryRow): Entry {
    return entryFromRow(row.id, row.created_at, row.answers, listFrom<FollowUp>(row.follow_ups), listFrom<Revision>(row.revisions));
  }
}

/** The draft that keeps an unfinished follow-up of one entry. */
export function followUpDraftName(entryId: string): string {
  return `followup:${entryId}`;
}

/** The SQL function scanHistory hands each row to. */
const HISTORY_ROW_FUNCTION = 'noisy_history_row';
/** The SQL function beliefEvidence hands each row to. */
const EVIDENCE_ROW_FUNCTION = 'noisy_evidence_row';

/** Page cache for a one-pass scan, in SQLite's units (negative: KiB); SQLite's own default. */
const SCAN_CACHE_SIZE = -2000;

/**
 * Page cache for reading every entry of an encrypted journal (iterateEntries): 64 MiB. Reading the
 * 100,000 entries of the benchmark's journal costs 4.1 s of CPU with 16 MiB, 3.4 s with 64 MiB,
 * 2.6 s with 256 MiB; the plain journal's 1.4 s (bench/results.md, issue 19).
 */
const ENCRYPTED_SCAN_CACHE_SIZE = -65536;

function selectEntries(filter: EntryFilter, columns: string): { sql: string; params: Record<string, string | number> } {
  const { where, params } = whereClause(filter);
  const order = filter.newestFirst ? 'DESC' : 'ASC';
  let sql = `SELECT ${columns} FROM entries ${where} ORDER BY date ${order}, created_at ${order}, id ${order}`;
  const all: Record<string, string | number> = { ...params };
  if (filter.limit !== undefined) {
    sql += ' LIMIT @limit';
    all.limit = filter.limit;
  }
  return { sql, params: all };
}

/**
 * Creates the data directory (0700) and an empty journal file (0600) before SQLite opens it, and
 * says what it made; null when another process created the file first.
 */
function createPrivateFile(path: string): CreatedJournal | null {
  const dir = dirname(resolve(path));
  let firstDir: string | undefined;
  try {
    firstDir = mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw creationError(path, error);
  }
  const dirs: string[] = [];
  // mkdirSync returns the outermost folder it made; record it and every folder below it.
  for (let d = dir; firstDir !== undefined; d = dirname(d)) {
    dirs.unshift(d);
    if (d === firstDir || dirname(d) === d) break;
  }
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    removeUnusedJournal({ path, dirs });
    throw creationError(path, error);
  }
  return { path, dirs };
}

/**
 * The checks made before SQLite opens an existing journal file: a regular file, yours and not
 * changeable by others (in a folder that is too), a whole SQLite file, and a -wal that belongs to
 * it. Returns 'empty' for a zero-byte file (a new journal to set up), else 'sqlite'.
 */
function checkJournal(path: string): 'empty' | 'sqlite' {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new RuntimeError(`Could not read the journal at ${path}: ${describe(error)}.`);
  }
  if (!stat.isFile()) {
    throw new RuntimeError(`The journal path ${path} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}, not a journal file.`, [
      'noisy left it as it is. Point --db or $NOISY_DB at a journal file',
      '(e.g. .../journal.db).',
    ]);
  }
  checkOwnership(path);
  let shape: FileShape;
  try {
    shape = fileShape(path);
  } catch (error) {
    throw new RuntimeError(`Could not read the journal at ${path}: ${describe(error)}.`, [
      `If the file is yours, fix its permissions with: chmod 600 '${path}'`,
    ]);
  }
  if (shape.kind === 'not-sqlite') {
    // An encrypted journal looks like random bytes: with its key, SQLite is the judge of the file
    // (the header check reads plain bytes, which it has none of); its -wal is checked with the key.
    const key = keyFor(path);
    if (key !== null) {
      const wal = checkWal(path, null, key);
      if (!wal.belongs) throw strayWalError(path, wal.reason);
      return 'sqlite';
    }
    throw new RuntimeError(`The journal at ${path} is damaged, or encrypted: give the passphrase with --passphrase-file FILE.`, [
      'The file was not changed. For scripts: NOISY_PASSPHRASE_FILE=FILE.',
      'If it is not your journal, point --db or $NOISY_DB at yours, or move it away.',
    ]);
  }
  if (shape.kind === 'cut-short') {
    const expected = shape.expected === null ? `not a whole number of ${shape.pageSize}-byte pages` : `its header says ${shape.expected}`;
    throw new RuntimeError(`The journal at ${path} looks cut short (${shape.size} bytes; ${expected}).`, [
      'noisy did not change it and will not write to it: a partial copy or a failing',
      'disk can do this.',
      'Run `noisy doctor`, and restore the file from a backup if you have one.',
    ]);
  }
  const wal = checkWal(path, shape.kind === 'sqlite' ? shape.pageSize : 0);
  if (!wal.belongs && shape.kind === 'sqlite') throw strayWalError(path, wal.reason);
  if (!wal.belongs) throw strayWalError(path, 'the journal beside it is empty');
  return shape.kind === 'empty' ? 'empty' : 'sqlite';
}

function strayWalError(path: string, reason: string): RuntimeError {
  return new RuntimeError(`${path}-wal does not belong to the journal at ${path} (${reason}).`, [
    'SQLite would merge it into the journal for good; noisy left both as they are.',
    'Run `noisy doctor`: it says what to do.',
  ]);
}

/**
 * A read-write connection to the journal, and the file it opened: the path is looked up before and
 * after the open, and they must agree (else the file was swapped in between: open again).
 */
function openIdentified(path: string): { db: Database.Database; opened: FileIdentity } {
  for (let attempt = 1; ; attempt += 1) {
    const before = identityOf(path);
    let db: Database.Database;
    try {
      db = new Database(path, { fileMustExist: true });
    } catch (error) {
      throw storageError(path, error) ?? new RuntimeError(`Could not open the journal at ${path}: ${describe(error)}.`, [], { cause: error });
    }
    const after = identityOf(path);
    if (before !== null && sameIdentity(before, after)) return { db, opened: before };
    db.close();
    if (attempt === 3) throw replacedError(path);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** recognise(), turning anything but a noisy journal (or a blank new one) into the refusal that explains it. */
function recogniseOrRefuse(db: Database.Database, path: string): Extract<Recognition, { kind: 'noisy' | 'blank' }> {
  let seen: Recognition;
  try {
    seen = recognise(db);
  } catch (error) {
    throw (
      storageError(path, error) ??
      new RuntimeError(`The journal at ${path} could not be read: ${describe(error)}.`, [
        'The file was not changed. Run `noisy doctor` for details, or restore it from a backup.',
      ], { cause: error })
    );
  }
  switch (seen.kind) {
    case 'noisy':
    case 'blank':
      return seen;
    case 'newer':
      throw newerSchemaError(path, seen.version);
    case 'incomplete':
      throw new RuntimeError(`The journal at ${path} is missing part of its structure (${seen.missing.slice(0, 3).join(', ')}).`, [
        'noisy did not change it and will not use it: it could not read back a save.',
        'Run `noisy doctor`, and restore the journal from a backup if you have one.',
      ]);
    case 'foreign':
      throw new RuntimeError(
        `${path} is not a noisy journal (${seen.applicationId !== 0 ? `it belongs to another program: application id 0x${seen.applicationId.toString(16).padStart(8, '0')}` : "an SQLite database without noisy's tables"}).`,
        ['The file was not changed. Point --db or $NOISY_DB at your journal,', 'or move this file away.'],
      );
  }
}

function newerSchemaError(path: string, version: number): RuntimeError {
  return new RuntimeError(
    `The journal at ${path} was written by a newer version of noisy (schema ${version}; this one knows up to ${SCHEMA_VERSION}).`,
    ['Update noisy to read it. The file was not changed.'],
  );
}
