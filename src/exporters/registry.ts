// Exporters by format name. Each one turns entries into text, chunk by chunk, and never touches
// files: `noisy export` decides where the text goes and writes it atomically. Each is loaded only
// when asked for: the Markdown one brings the belief model and Unicode width tables, which a JSON
// backup does not need.
import type { Kind } from '../core/domain.js';
import type { BeliefPicture, StoredBelief } from '../core/belief-picture.js';
import type { Entry } from '../core/entry.js';
import type { Pack } from '../core/pack.js';
import type { Attempt } from '../core/attempts.js';

export interface ExportSettings {
  /** The question packs, for labels and the reframed summary. */
  packs: Readonly<Record<Kind, Pack>>;
  /**
   * Each belief's combined picture, of the evidence the export's filters choose (the Markdown's
   * Beliefs section); asked for once, after the entries.
   */
  pictures?: () => readonly BeliefPicture[];
  /** The day the pictures are as of (YYYY-MM-DD). */
  today?: string;
  /** The journal's beliefs (the JSON backup carries them whole). */
  beliefs?: readonly StoredBelief[];
  /** The attempts ledger (`noisy attempts`) in the export's days, oldest first; read after the entries. */
  attempts?: () => Iterable<Attempt>;
}

export interface Exporter {
  /** The name given to --format. */
  readonly format: string;
  /** One line for --help. */
  readonly description: string;
  /** File name extension, without the dot. */
  readonly extension: string;
  /**
   * Loads the renderer: the document as a sequence of text chunks. Takes entries as they come (oldest first from the
   * store) and holds at most one at a time, so memory stays flat however large the journal is.
   * Every chunk is safe for a terminal: people's text is escaped (safeText, safeJson) as it goes in,
   * so `noisy export` writes the chunks to standard output without checking them again.
   */
  load(): Promise<Render>;
}

/** An exporter's renderer (see Exporter.load). */
export type Render = (entries: Iterable<Entry>, settings: ExportSettings) => Iterable<string>;

export const EXPORTERS: Readonly<Record<string, Exporter>> = {
  md: {
    format: 'md',
    description: 'a diary to reread, grouped by month',
    extension: 'md',
    load: async () => (await import('./markdown.js')).renderMarkdown,
  },
  json: {
    format: 'json',
    description: 'every stored field, for backups and `noisy import`',
    extension: 'json',
    load: async () => {
      const { renderJson } = await import('./json.js');
      return (entries, settings) => renderJson(entries, { beliefs: settings.beliefs ?? [], attempts: settings.attempts?.() ?? [] });
    },
  },
};

export const EXPORT_FORMATS: readonly string[] = Object.keys(EXPORTERS);

export function findExporter(format: string): Exporter | undefined {
  return Object.hasOwn(EXPORTERS, format) ? EXPORTERS[format] : undefined;
}
