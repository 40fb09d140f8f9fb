import type { Context } from '../cli/context.js';
import { UsageError } from '../errors.js';
import { printJson, readJsonInput } from '../cli/io.js';
import { parseExportDocument } from '../core/export-document.js';
import { loadPacks } from '../packs/load.js';
import { Store } from '../storage/store.js';

export interface ImportOptions {
  json?: boolean;
}

/**
 * A backup is a whole journal, far bigger than an answers file; this is a guard against reading
 * the wrong file, not a real limit (about 100,000 entries). Assumption, not a measured figure.
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** `noisy import FILE`: reads a `noisy export --format json` document back, adding entries that are new. */
export async function importEntries(ctx: Context, source: string, options: ImportOptions): Promise<void> {
  const shown = source === '-' ? 'standard input' : source;
  const raw = await readJsonInput(ctx, source, 'export', { maxBytes: MAX_IMPORT_BYTES, example: '`noisy export --format json`' });
  const parsed = parseExportDocument(raw, loadPacks());
  if (!parsed.ok) {
    const shownErrors = parsed.errors.slice(0, 50);
    throw new UsageError(`${shown} can't be imported; nothing was added. ${parsed.errors.length === 1 ? 'One problem' : `${parsed.errors.length} problems`}:`, [
      ...shownErrors,
      ...(parsed.errors.length > shownErrors.length ? [`...and ${parsed.errors.length - shownErrors.length} more.`] : []),
    ]);
  }

  // Validated first, so a bad file never creates or touches the journal.
  const store = Store.open(ctx.dbPath, { create: parsed.entries.length > 0 });
  let result: { added: number; skipped: number };
  try {
    result = store.importEntries(parsed.entries);
  } finally {
    store.close();
  }
  if (options.json) printJson(ctx, result);
  const added = `Imported ${result.added} ${result.added === 1 ? 'entry' : 'entries'} from ${shown}`;
  const skipped =
    result.skipped === 0
      ? '.'
      : `; ${result.skipped} ${result.skipped === 1 ? 'was' : 'were'} already in your journal (same id) and ${result.skipped === 1 ? 'was' : 'were'} left as ${result.skipped === 1 ? 'it was' : 'they were'}.`;
  ctx.stderr.write(`${added}${skipped}\n`);
}
