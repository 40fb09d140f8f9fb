import type { Context } from '../cli/context.js';
import { parseFilterOptions, type FilterFlags } from '../cli/filters.js';
import { printJson } from '../cli/io.js';
import { Store } from '../storage/store.js';
import { findBelief } from './lookup.js';
import { warrantedFor } from '../core/summary.js';
import { beliefBars } from '../core/belief-picture.js';
import { KIND_LABELS } from '../ui/labels.js';
import { styler } from '../ui/style.js';
import { safeText } from '../ui/terminal-safe.js';
import { displayWidth, fitToWidth } from '../ui/width.js';

export interface ListOptions extends FilterFlags {
  limit: number;
  /** A belief id or its start: only entries about it. */
  belief?: string;
  json?: boolean;
}

/** `noisy list`: the most recent entries, newest first (of those the filters let through). */
export async function list(ctx: Context, options: ListOptions): Promise<void> {
  const filter = await parseFilterOptions(options, ctx);
  const store = Store.openForReading(ctx.dbPath);
  try {
    if (options.belief !== undefined) filter.belief = findBelief(store, options.belief).id;
    const total = store.countEntries(filter);
    const entries = store.listEntries({ ...filter, newestFirst: true, limit: options.limit });
    if (options.json) {
      printJson(ctx, { total, entries });
      return;
    }
    if (entries.length === 0) {
      ctx.stderr.write(
        Object.keys(filter).length > 0
          ? 'No entries match these filters. Try a wider date range, or run `noisy list`\nwithout them to see what you have.\n'
          : 'No entries yet. Run `noisy reflect` after your next hard evaluation.\n',
      );
      return;
    }
    const c = styler(ctx.color.stdout);
    const bars = beliefBars(store.listBeliefs());
    const rows = entries.map((e) => {
      const w = warrantedFor(e, bars.get(e.belief.id ?? '') ?? null);
      return [e.id, e.date, e.outcome === 'accepted' ? `${KIND_LABELS[e.kind]} (good news)` : KIND_LABELS[e.kind], e.title, `${Math.round(e.belief.before)}→${Math.round(e.belief.after)}%`, `${Math.round(w.warrantedBelief)}%`];
    });
    const header = ['id', 'date', 'kind', 'title', 'moved', 'warranted'];
    ctx.stdout.write(table(header, rows, 80, 3, (h) => c.bold(h)));
    if (total > entries.length) {
      ctx.stderr.write(`Showing the ${entries.length} most recent of ${total}; use --limit to see more.\n`);
    }
  } finally {
    store.close();
  }
}

/**
 * A plain text table that fits `width` columns by shortening column `flex`. Cells are shown as they
 * will reach the terminal (unsafe characters escaped) and measured in columns, not characters, so
 * wide (CJK), zero-width (combining) and emoji characters keep every row aligned.
 */
export function table(header: string[], rows: string[][], width: number, flex: number, head: (s: string) => string): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => safeText(cell.replace(/\s+/g, ' '))));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => displayWidth(row[i] ?? ''))));
  const gap = 2;
  const total = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  if (total > width) widths[flex] = Math.max(10, (widths[flex] ?? 0) - (total - width));
  const line = (row: string[]) => row.map((cell, i) => fitToWidth(cell, widths[i] ?? 0)).join(' '.repeat(gap)).trimEnd();
  const [first, ...rest] = cells;
  return [head(line(first ?? [])), ...rest.map(line)].join('\n') + '\n';
}
