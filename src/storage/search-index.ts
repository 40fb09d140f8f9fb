// The SQL side of how older journals got their full-text index: the function migration 4's view
// (entry_search_source) calls. Since version 7 the store writes each entry's text itself, from
// core/search.ts searchTexts, which tests check against that view.
import type Database from 'better-sqlite3-multiple-ciphers';
import { searchableText } from '../core/search.js';

/**
 * Registers noisy_searchable(text), which the view entry_search_source calls: step 4 of the
 * migrations fills the index of a journal from before search with it.
 */
export function registerSearchFunctions(db: Database.Database): void {
  db.function('noisy_searchable', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? searchableText(text) : ''));
}
