import type { Context } from '../cli/context.js';
import { printJson } from '../cli/io.js';
import { assess } from '../core/summary.js';
import { loadPacks } from '../packs/load.js';
import { Store } from '../storage/store.js';
import { renderEntry } from '../ui/entry-text.js';
import { styler } from '../ui/style.js';
import { renderSummary } from '../ui/summary-text.js';
import { findEntry } from './lookup.js';

export interface ShowOptions {
  json?: boolean;
}

/** `noisy show ID`: the whole entry as answered, then its reframed summary. */
export async function show(ctx: Context, id: string, options: ShowOptions): Promise<void> {
  const store = Store.openForReading(ctx.dbPath);
  try {
    const entry = findEntry(store, id);
    const pack = loadPacks()[entry.kind];
    const assessment = assess(entry, pack);
    if (options.json) {
      printJson(ctx, { entry, assessment });
      return;
    }
    const c = styler(ctx.color.stdout);
    ctx.stdout.write(renderEntry(entry, pack, c));
    ctx.stdout.write('\n' + c.dim('─'.repeat(40)) + '\n');
    ctx.stdout.write(renderSummary(entry, assessment, c));
  } finally {
    store.close();
  }
}
