import type { Context } from '../cli/context.js';
import { parseFilterOptions, type FilterFlags } from '../cli/filters.js';
import { printJson } from '../cli/io.js';
import { toIsoDay } from '../core/dates.js';
import { calibrateFacts } from '../core/calibration.js';
import { summariseHistory, toRecord, type EntrySketch, type HistoryRecord } from '../core/history.js';
import { detectPatterns } from '../core/patterns.js';
import { Store } from '../storage/store.js';
import { renderCalibration } from '../ui/calibration-text.js';
import { describePattern, renderHistory } from '../ui/history-text.js';
import { styler } from '../ui/style.js';

export interface HistoryOptions extends FilterFlags {
  json?: boolean;
}

/** `noisy history`: an overview of the journal and the anxious-underconfidence patterns across entries. */
export async function history(ctx: Context, options: HistoryOptions): Promise<void> {
  const filter = await parseFilterOptions(options, ctx);
  const filtered = Object.keys(filter).length > 0;
  const store = Store.open(ctx.dbPath, { create: false });
  const records: HistoryRecord[] = [];
  let calibration;
  try {
    // One pass, oldest first, over the stored sketches (numbers and ids, never the text): each is
    // reduced to a small record at once, and calibration keeps only predictions and follow-ups.
    function* recording(sketches: Iterable<EntrySketch>): Generator<EntrySketch> {
      for (const sketch of sketches) {
        records.push(toRecord(sketch));
        yield sketch;
      }
    }
    calibration = calibrateFacts(recording(store.iterateSketches(filter)));
  } finally {
    store.close();
  }
  const summary = summariseHistory(records);
  const patterns = detectPatterns(records, toIsoDay(ctx.now()));

  if (options.json) {
    printJson(ctx, {
      summary: { filter, ...summary, calibration },
      patterns: patterns.map((p) => {
        const { title, explanation, suggestion } = describePattern(p);
        return { id: p.id, title, status: p.status, explanation, suggestion, entries: p.entries, threshold: p.threshold, measured: p.measured, needs: p.needs };
      }),
    });
    return;
  }
  if (records.length === 0) {
    ctx.stderr.write(
      filtered
        ? 'No entries match these filters. Try a wider date range, or run `noisy list` to see what you have.\n'
        : 'No entries yet. Run `noisy reflect` after your next hard evaluation; history shows patterns once you have a few.\n',
    );
    return;
  }
  const c = styler(ctx.color.stdout);
  ctx.stdout.write(renderHistory(summary, patterns, c, renderCalibration(calibration, c)));
}
