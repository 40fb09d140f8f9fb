// The lossless backup: one JSON document, `noisy import` reads it back. Written entry by entry,
// so a large journal is never held in memory; the text is exactly safeJson(JSON.stringify(document, null, 2)).
//
// Top-level fields, in this order: format, version, beliefs, entries, attempts. The beliefs come
// first so an import knows them before the entries and attempts that name them.
import type { StoredBelief } from '../core/belief-picture.js';
import { EXPORT_FORMAT, EXPORT_VERSION, toBeliefRecord, toExportRecord } from '../core/export-document.js';
import type { Entry } from '../core/entry.js';
import { toAttemptRecord, type Attempt } from '../core/attempts.js';
import { safeJson } from '../ui/terminal-safe.js';

/** `[\n  [\n    ` before and `\n  ]\n]` after a record stringified inside two arrays. */
const WRAPPER_HEAD = '[\n  [\n    '.length;
const WRAPPER_TAIL = '\n  ]\n]'.length;

/** A record as it sits two levels down in the document (see renderJson), made safe for a terminal. */
function nested(record: unknown): string {
  // Stringified inside two arrays, then cut out of its wrapper: the same text as indenting every
  // line of JSON.stringify(record, null, 2), without a pass over it.
  const wrapped = JSON.stringify([[record]], null, 2);
  // Characters a terminal must not see raw become \uXXXX escapes: the same data, safe to `cat`.
  return safeJson(wrapped.slice(WRAPPER_HEAD, wrapped.length - WRAPPER_TAIL));
}

/** One top-level list: `"name": [` ... `]`, its items written as they come. */
function* list<T>(name: string, items: Iterable<T>, record: (item: T) => unknown, last: boolean): Generator<string> {
  yield `  "${name}": [`;
  let first = true;
  for (const item of items) {
    yield `${first ? '\n' : ',\n'}    ${nested(record(item))}`;
    first = false;
  }
  yield `${first ? ']' : '\n  ]'}${last ? '\n' : ',\n'}`;
}

export interface JsonExportParts {
  /** The journal's beliefs, whole (written by id, so the same journal always gives the same bytes). */
  beliefs?: readonly StoredBelief[];
  /** The attempts ledger, oldest first. */
  attempts?: Iterable<Attempt>;
}

export function* renderJson(entries: Iterable<Entry>, parts: JsonExportParts = {}): Generator<string> {
  yield `{\n  "format": ${JSON.stringify(EXPORT_FORMAT)},\n  "version": ${EXPORT_VERSION},\n`;
  const beliefs = [...(parts.beliefs ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  yield* list('beliefs', beliefs, toBeliefRecord, false);
  yield* list('entries', entries, toExportRecord, false);
  yield* list('attempts', parts.attempts ?? [], toAttemptRecord, true);
  yield '}\n';
}
