// The lossless backup: one JSON document, `noisy import` reads it back. Written entry by entry,
// so a large journal is never held in memory; the text is exactly JSON.stringify(document, null, 2).
import { EXPORT_FORMAT, EXPORT_VERSION, toExportRecord } from '../core/export-document.js';
import type { Entry } from '../core/entry.js';
import type { Exporter } from './registry.js';

export function* renderJson(entries: Iterable<Entry>): Generator<string> {
  yield `{\n  "format": ${JSON.stringify(EXPORT_FORMAT)},\n  "version": ${EXPORT_VERSION},\n  "entries": [`;
  let first = true;
  for (const entry of entries) {
    // JSON.stringify escapes newlines inside strings, so every '\n' here is between tokens.
    const record = JSON.stringify(toExportRecord(entry), null, 2).replace(/\n/g, '\n    ');
    yield `${first ? '\n' : ',\n'}    ${record}`;
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}

export const jsonExporter: Exporter = {
  format: 'json',
  description: 'every stored field, for backups and `noisy import`',
  extension: 'json',
  render: (entries) => renderJson(entries),
};
