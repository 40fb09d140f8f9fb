import type { Context } from '../cli/context.js';
import { parseFilterOptions, type FilterFlags } from '../cli/filters.js';
import { printJsonInChunks } from '../cli/json-stream.js';
import { toIsoDay } from '../core/dates.js';
import { calibrateFacts } from '../core/calibration.js';
import { HistoryTable, summariseHistory } from '../core/history.js';
import { beliefBars, type BeliefPicture } from '../core/belief-picture.js';
import { beliefJson, beliefPictures } from './belief-pictures.js';
import { renderBeliefsSection } from '../ui/beliefs-text.js';
import { detectPatterns, type AttemptFact, type TryingFacts } from '../core/patterns.js';
import { addDays } from '../core/dates.js';
import { CLOUDING_STATES } from '../core/domain.js';
import { evidenceOutcome } from '../core/attempts.js';
import type { EntryFilter } from '../storage/store.js';
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
  const store = Store.openForReading(ctx.dbPath);
  let table: HistoryTable;
  let trying: TryingFacts;
  let pictures: BeliefPicture[];
  try {
    trying = tryingFacts(store, filter, toIsoDay(ctx.now()));
    // Room for every row at once: growing by doubling would hold two copies of each column for a moment.
    table = new HistoryTable(store.countEntries(filter), beliefBars(store.listBeliefs()));
    // One pass, oldest first, over the history columns (numbers and ids, never the text), each row
    // added to the table's columns at once.
    store.scanHistory(filter, (values) => table.add(values));
    // Each belief's combined picture, of the evidence the filters choose, worked out once.
    pictures = beliefPictures(store, toIsoDay(ctx.now()), { filter });
  } finally {
    store.close();
  }
  const calibration = calibrateFacts(table.calibrationFacts());
  const summary = summariseHistory(table);
  const patterns = detectPatterns(table, toIsoDay(ctx.now()), trying);

  if (options.json) {
    printJsonInChunks(ctx.stdout, {
      summary: { filter, ...summary, calibration },
      patterns: patterns.map((p) => {
        const { title, explanation, suggestion } = describePattern(p);
        return { id: p.id, title, status: p.status, explanation, suggestion, entries: p.entries, attempts: p.attempts, threshold: p.threshold, measured: p.measured, needs: p.needs };
      }),
      beliefs: pictures.map(beliefJson),
    });
    return;
  }
  if (table.length === 0) {
    ctx.stderr.write(
      filtered
        ? 'No entries match these filters. Try a wider date range, or run `noisy list`\nto see what you have.\n'
        : 'No entries yet. Run `noisy reflect` after your next hard evaluation; history\nshows patterns once you have a few.\n',
    );
    return;
  }
  const c = styler(ctx.color.stdout);
  const calibrationSection = renderCalibration(calibration, c, patterns.find((p) => p.id === 'pessimistic-predictions'));
  const sections = pictures.length > 0 ? [renderBeliefsSection(pictures, c, filtered), '', ...calibrationSection] : calibrationSection;
  ctx.stdout.write(renderHistory(summary, patterns, c, sections));
}

/** How recent the entries are that can say "rest first": the last few, from the last few weeks. */
const REST_ENTRIES = 3;
const REST_DAYS = 30;
/** The recorded states that mean worn out or unwell (not hungry or anxious: those are reasons to wait a day, not to stop). */
const REST_STATES = new Set(['tired', 'unwell']);

/**
 * The attempts ledger as the trying patterns read it: attempts in the filter's days (they have no
 * kind or tag), and whether the latest entries say the person is worn out or unwell.
 */
function tryingFacts(store: Store, filter: EntryFilter, today: string): TryingFacts {
  const attempts: AttemptFact[] = [];
  for (const a of store.attempts.iterate()) {
    if ((filter.since && a.date < filter.since) || (filter.until && a.date > filter.until)) continue;
    attempts.push({ id: a.id, date: a.date, rejectedOn: evidenceOutcome(a.outcome) === 'rejected' ? a.resolvedOn : null, entryId: a.entryId });
  }
  const recent = store.listEntries({ newestFirst: true, limit: REST_ENTRIES, since: addDays(today, -REST_DAYS) });
  const restFirst = recent.length > 0 && recent.filter((e) => e.state.some((s) => REST_STATES.has(s) && CLOUDING_STATES.includes(s))).length * 2 >= recent.length;
  return { attempts, restFirst };
}
