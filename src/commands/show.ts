import type { ChalkInstance } from 'chalk';
import type { Context } from '../cli/context.js';
import { printJson } from '../cli/io.js';
import { localTime } from '../core/dates.js';
import type { Entry } from '../core/entry.js';
import { assess } from '../core/summary.js';
import { loadPacks, type Packs } from '../packs/load.js';
import { Store } from '../storage/store.js';
import { renderEntry } from '../ui/entry-text.js';
import { breakLongWords, revisionChanges } from '../ui/review-text.js';
import { styler, wrap } from '../ui/style.js';
import { renderSummary } from '../ui/summary-text.js';
import { displayWidth } from '../ui/width.js';
import { findEntry } from './lookup.js';

export interface ShowOptions {
  /** Also list every edit of the entry. */
  revisions?: boolean;
  json?: boolean;
}

/** `noisy show ID`: the whole entry as answered, then its reframed summary (and its edits). */
export async function show(ctx: Context, id: string, options: ShowOptions): Promise<void> {
  const store = Store.openForReading(ctx.dbPath);
  try {
    const entry = findEntry(store, id);
    const packs = loadPacks();
    const pack = packs[entry.kind];
    const assessment = assess(entry, pack, store.beliefBar(entry.belief.id));
    if (options.json) {
      printJson(ctx, { entry, assessment });
      return;
    }
    const c = styler(ctx.color.stdout);
    ctx.stdout.write(renderEntry(entry, pack, c));
    ctx.stdout.write('\n' + c.dim('─'.repeat(40)) + '\n');
    ctx.stdout.write(renderSummary(entry, assessment, c, displayWidth));
    if (options.revisions) ctx.stdout.write(renderRevisions(entry, packs, c));
    else if (entry.revisions.length > 0) {
      const times = entry.revisions.length === 1 ? 'once' : `${entry.revisions.length} times`;
      ctx.stderr.write(`Edited ${times}; \`noisy show ${entry.id} --revisions\` lists what changed.\n`);
    }
  } finally {
    store.close();
  }
}

const WIDTH = 80;
const LABEL = 20;

/** Every edit, oldest first: when, and each changed answer from what it was to what it became. */
export function renderRevisions(entry: Entry, packs: Packs, c: ChalkInstance): string {
  const out = ['', c.bold('Edits, oldest first')];
  if (entry.revisions.length === 0) out.push('  This entry has not been edited.');
  for (const revision of revisionChanges(entry, packs)) {
    out.push('', `  ${c.bold(localTime(revision.revisedAt))}`);
    for (const change of revision.changes) {
      const label = change.label.length > LABEL - 2 ? `${change.label.slice(0, LABEL - 3)}…` : change.label;
      const text = breakLongWords(`${change.from} → ${change.to}`, WIDTH - LABEL - 4);
      out.push(`    ${c.dim(label.padEnd(LABEL))}${wrap(text, WIDTH, ' '.repeat(LABEL + 4))}`);
    }
  }
  return out.join('\n') + '\n';
}
