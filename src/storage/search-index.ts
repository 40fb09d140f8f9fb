// The SQL side of full-text search: the function the index's triggers call, and the queries.
// The tables and triggers themselves are migration 3 (migrations.ts).
import type Database from 'better-sqlite3-multiple-ciphers';
import { searchableText } from '../core/search.js';

/**
 * Registers noisy_searchable(text), which the search index's triggers call on every write. Every
 * connection that writes entries needs it (Store registers it on open); without it SQLite refuses
 * the write ("no such function: noisy_searchable") and nothing changes.
 */
export function registerSearchFunctions(db: Database.Database): void {
  db.function('noisy_searchable', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? searchableText(text) : ''));
}
