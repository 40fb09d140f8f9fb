// The attempts table (schema version 8): the attempts ledger's rows and queries. Only the Store
// reaches it (Store.attempts); everything it returns is a domain type (core/attempts.ts).
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Attempt, AttemptOutcome } from '../core/attempts.js';
import type { Method } from '../core/domain.js';
import { countOverdueReplies } from './due-counts.js';

interface AttemptRow {
  id: string;
  title: string;
  date: string;
  method: string;
  rate: number | null;
  belief_id: string | null;
  expect_reply_by: string | null;
  outcome: string;
  resolved_on: string | null;
  entry_id: string | null;
}

const COLUMNS = 'id, title, date, method, rate, belief_id, expect_reply_by, outcome, resolved_on, entry_id';

function toAttempt(row: AttemptRow): Attempt {
  return {
    id: row.id,
    title: row.title,
    date: row.date,
    method: row.method as Method,
    rate: row.rate,
    beliefId: row.belief_id,
    expectReplyBy: row.expect_reply_by,
    outcome: row.outcome as AttemptOutcome,
    resolvedOn: row.resolved_on,
    entryId: row.entry_id,
  };
}

/** What an import did with attempts (Store.beginImport). */
export interface AttemptImportResult {
  added: number;
  /** Already here and the same, or this journal has it resolved and the file does not. */
  skipped: number;
  /** Already here pending, resolved in the file: the resolution was taken. */
  resolved: number;
  conflicts: { attemptId: string; reason: string }[];
}

/**
 * The attempts table's queries. `write` runs a function in the store's IMMEDIATE transaction (or
 * inside the one already open).
 */
export class AttemptTable {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly write: <T>(fn: () => T) => T,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private statement(key: string, sql: string): Database.Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(key, statement);
    }
    return statement;
  }

  /** Inserts without a transaction of its own (for imports, inside theirs). */
  insertRow(attempt: Attempt): void {
    this.statement(
      'insert',
      `INSERT INTO attempts (${COLUMNS}, created_at) VALUES (@id, @title, @date, @method, @rate, @beliefId, @expectReplyBy, @outcome, @resolvedOn, @entryId, @createdAt)`,
    ).run({ ...attempt, createdAt: this.now().toISOString() });
  }

  insert(attempt: Attempt): void {
    this.write(() => this.insertRow(attempt));
  }

  /** Inserts many in one transaction (the benchmark's ledgers, tests). */
  insertAll(attempts: Iterable<Attempt>): void {
    this.write(() => {
      for (const attempt of attempts) this.insertRow(attempt);
    });
  }

  get(id: string): Attempt | null {
    const row = this.statement('get', `SELECT ${COLUMNS} FROM attempts WHERE id = ?`).get(id) as AttemptRow | undefined;
    return row ? toAttempt(row) : null;
  }

  /** Attempts whose id starts with `prefix` (at most `limit`). */
  findByIdPrefix(prefix: string, limit = 10): Attempt[] {
    const rows = this.statement('prefix', `SELECT ${COLUMNS} FROM attempts WHERE id >= ? AND id < ? ORDER BY id LIMIT ?`).all(prefix, `${prefix}\u{ffff}`, limit) as AttemptRow[];
    return rows.map(toAttempt);
  }

  /** Every attempt, oldest first (by date, then by when it was recorded). */
  list(): Attempt[] {
    return (this.statement('list', `SELECT ${COLUMNS} FROM attempts ORDER BY date, created_at, id`).all() as AttemptRow[]).map(toAttempt);
  }

  /** Streams every attempt, oldest first: memory stays flat for long ledgers. */
  *iterate(): IterableIterator<Attempt> {
    for (const row of this.statement('iterate', `SELECT ${COLUMNS} FROM attempts ORDER BY date, created_at, id`).iterate() as IterableIterator<AttemptRow>) {
      yield toAttempt(row);
    }
  }

  count(): number {
    return this.statement('count', 'SELECT count(*) FROM attempts').pluck().get() as number;
  }

  /** Sets the outcome of an attempt (a later answer may replace an earlier one); false when it is gone. */
  resolve(id: string, outcome: Exclude<AttemptOutcome, 'pending'>, resolvedOn: string): boolean {
    return this.write(
      () =>
        this.statement('resolve', "UPDATE attempts SET outcome = ?, resolved_on = ? WHERE id = ?").run(outcome, resolvedOn, id).changes > 0,
    );
  }

  /** Overwrites the stored attempt with this one (an import's merge, inside its transaction). */
  replaceRow(attempt: Attempt): void {
    this.statement(
      'replace',
      'UPDATE attempts SET title = @title, date = @date, method = @method, rate = @rate, belief_id = @beliefId, expect_reply_by = @expectReplyBy, outcome = @outcome, resolved_on = @resolvedOn, entry_id = @entryId WHERE id = @id',
    ).run(attempt);
  }

  /** A new day to expect a reply by ("not yet: ask me again later"). */
  expectReplyBy(id: string, day: string): void {
    this.write(() => this.statement('expect', 'UPDATE attempts SET expect_reply_by = ? WHERE id = ?').run(day, id));
  }

  /** Links an attempt to the entry about it, resolving it when pending (inside the caller's transaction). */
  resolveByEntryRow(id: string, entryId: string, outcome: 'accepted' | 'rejected', day: string): void {
    // SET reads the row as it was: both CASEs see the old outcome.
    this.statement(
      'resolveByEntry',
      "UPDATE attempts SET entry_id = ?, outcome = CASE WHEN outcome = 'pending' THEN ? ELSE outcome END, resolved_on = CASE WHEN outcome = 'pending' THEN ? ELSE resolved_on END WHERE id = ?",
    ).run(entryId, outcome, day, id);
  }

  /** Links an attempt to the entry that reflects on it (inside the caller's transaction). */
  linkEntryRow(id: string, entryId: string): void {
    this.statement('link', 'UPDATE attempts SET entry_id = ? WHERE id = ?').run(entryId, id);
  }

  /** Forgets the link to a deleted entry (inside the caller's transaction). */
  unlinkEntryRow(entryId: string): void {
    this.statement('unlink', 'UPDATE attempts SET entry_id = NULL WHERE entry_id = ?').run(entryId);
  }

  delete(id: string): boolean {
    return this.write(() => this.statement('delete', 'DELETE FROM attempts WHERE id = ?').run(id).changes > 0);
  }

  /** Pending attempts whose expected reply date is before `today`, oldest first. */
  overdue(today: string): Attempt[] {
    return (
      this.statement(
        'overdue',
        `SELECT ${COLUMNS} FROM attempts WHERE outcome = 'pending' AND expect_reply_by IS NOT NULL AND expect_reply_by < ? ORDER BY expect_reply_by, created_at`,
      ).all(today) as AttemptRow[]
    ).map(toAttempt);
  }

  /** Pending attempts with an expected reply day, by that day (the calendar's replies). */
  awaitingReply(): Attempt[] {
    return (
      this.statement('awaiting', `SELECT ${COLUMNS} FROM attempts WHERE outcome = 'pending' AND expect_reply_by IS NOT NULL ORDER BY expect_reply_by, created_at`).all() as AttemptRow[]
    ).map(toAttempt);
  }

  countOverdue(today: string): number {
    return countOverdueReplies(this.db, today);
  }

  /**
   * Resolved attempts about a belief that no entry of that belief reflects on (they are evidence of
   * their own: core/belief-picture.ts's evidenceItemOfAttempt), resolved within the days given, of
   * one belief or of all; oldest first.
   */
  unreflected(days: { since?: string; until?: string; beliefId?: string } = {}): Attempt[] {
    const conditions = [
      "outcome <> 'pending'",
      'resolved_on IS NOT NULL',
      'belief_id IS NOT NULL',
      'NOT EXISTS (SELECT 1 FROM history h WHERE h.id = attempts.entry_id AND h.belief_id = attempts.belief_id)',
    ];
    const params: Record<string, string> = {};
    if (days.since) {
      conditions.push('resolved_on >= @since');
      params.since = days.since;
    }
    if (days.until) {
      conditions.push('resolved_on <= @until');
      params.until = days.until;
    }
    if (days.beliefId) {
      conditions.push('belief_id = @beliefId');
      params.beliefId = days.beliefId;
    }
    const sql = `SELECT ${COLUMNS} FROM attempts WHERE ${conditions.join(' AND ')} ORDER BY resolved_on, date, created_at, id`;
    return (this.db.prepare(sql).all(params) as AttemptRow[]).map(toAttempt);
  }

  /** Every attempt about one belief, oldest first. */
  forBelief(beliefId: string): Attempt[] {
    return (this.statement('forBelief', `SELECT ${COLUMNS} FROM attempts WHERE belief_id = ? ORDER BY date, created_at, id`).all(beliefId) as AttemptRow[]).map(toAttempt);
  }

  /** Pending attempts about one belief. */
  pendingFor(beliefId: string): Attempt[] {
    return (this.statement('pendingFor', `SELECT ${COLUMNS} FROM attempts WHERE outcome = 'pending' AND belief_id = ? ORDER BY date, created_at`).all(beliefId) as AttemptRow[]).map(
      toAttempt,
    );
  }
}
