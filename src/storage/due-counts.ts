// What `noisy followup` would ask about today, counted on an open connection: follow-ups due and
// attempts past the day a reply was expected. Apart from store.ts so that the reminder after a
// command at a terminal (cli/main.ts) can count them without loading the whole store.
import type Database from 'better-sqlite3-multiple-ciphers';

/** Entries whose next follow-up falls on or before `today` (YYYY-MM-DD). */
export function countDueFollowUps(db: Database.Database, today: string): number {
  return db.prepare('SELECT count(*) FROM entries WHERE follow_up_on IS NOT NULL AND follow_up_on <= ?').pluck().get(today) as number;
}

/** Pending attempts whose reply was expected before `today` (YYYY-MM-DD). */
export function countOverdueReplies(db: Database.Database, today: string): number {
  return db.prepare("SELECT count(*) FROM attempts WHERE outcome = 'pending' AND expect_reply_by IS NOT NULL AND expect_reply_by < ?").pluck().get(today) as number;
}
