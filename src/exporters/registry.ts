// Exporters by format name. Each one turns entries into text, chunk by chunk, and never touches
// files: `noisy export` decides where the text goes and writes it atomically.
import type { Kind } from '../core/domain.js';
import type { Entry } from '../core/entry.js';
import type { Pack } from '../core/pack.js';
import { jsonExporter } from './json.js';
import { markdownExporter } from './markdown.js';

export interface ExportSettings {
  /** The question packs, for labels and the reframed summary. */
  packs: Readonly<Record<Kind, Pack>>;
}

export interface Exporter {
  /** The name given to --format. */
  readonly format: string;
  /** One line for --help. */
  readonly description: string;
  /** File name extension, without the dot. */
  readonly extension: string;
  /**
   * The document as a sequence of text chunks. Takes entries as they come (oldest first from the
   * store) and holds at most one at a time, so memory stays flat however large the journal is.
   * Every chunk is safe for a terminal: people's text is escaped (safeText, safeJson) as it goes in,
   * so `noisy export` writes the chunks to standard output without checking them again.
   */
  render(entries: Iterable<Entry>, settings: ExportSettings): Iterable<string>;
}

export const EXPORTERS: Readonly<Record<string, Exporter>> = {
  [markdownExporter.format]: markdownExporter,
  [jsonExporter.format]: jsonExporter,
};

export const EXPORT_FORMATS: readonly string[] = Object.keys(EXPORTERS);

export function findExporter(format: string): Exporter | undefined {
  return Object.hasOwn(EXPORTERS, format) ? EXPORTERS[format] : undefined;
}
