// The lossless backup: one JSON document, `noisy import` reads it back. Written entry by entry,
// so a large journal is never held in memory; the text is exactly safeJson(JSON.stringify(document, null, 2)).
import { EXPORT_FORMAT, EXPORT_VERSION, toExportRecord } from '../core/export-document.js';
import type { Entry } from '../core/entry.js';
import { toAttemptRecord, type Attempt } from '../core/attempts.js';
import { safeJson } from '../ui/terminal-safe.js';

/** `[\n  [\n    ` before and `\n  ]\n]` after a record stringified inside two arrays. */
const WRAPPER_HEAD = '[\n  [\n    '.length;
const WRAPPER_TAIL = '\n  ]\n]'.length;

export function* renderJson(entries: Iterable<Entry>, attempts: Iterable<Attempt> = []): Generator<string> {
  yield `{\n  "format": ${JSON.stringify(EXPORT_FORMAT)},\n  "version": ${EXPORT_VERSION},\n  "entries": [`;
  let first = true;
  for (const entry of entries) {
    // Stringified two levels down, as it sits in the document, then cut out of its wrapper: the same
    // text as indenting every line of JSON.stringify(record, null, 2), without a pass over it.
    const wrapped = JSON.stringify([[toExportRecord(entry)]], null, 2);
    const record = wrapped.slice(WRAPPER_HEAD, wrapped.length - WRAPPER_TAIL);
    // Characters a terminal must not see raw become \uXXXX escapes: the same data, safe to `cat`.
    yield `${first ? '\n' : ',\n'}    ${safeJson(record)}`;
    first = false;
  }
  yield first ? '],\n  "attempts": [' : '\n  ],\n  "attempts": [';
  first = true;
  for (const attempt of attempts) {
    const wrapped = JSON.stringify([[toAttemptRecord(attempt)]], null, 2);
    yield `${first ? '\n' : ',\n'}    ${safeJson(wrapped.slice(WRAPPER_HEAD, wrapped.length - WRAPPER_TAIL))}`;
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}
