import type { Context } from '../cli/context.js';
import { printJson } from '../cli/io.js';
import { beliefPicture, evidenceItemOfEntry, type BeliefPicture } from '../core/belief-picture.js';
import { toIsoDay } from '../core/dates.js';
import { Store } from '../storage/store.js';
import { renderBeliefs } from '../ui/beliefs-text.js';
import { styler } from '../ui/style.js';

export interface BeliefsOptions {
  json?: boolean;
}

/** `noisy beliefs`: every belief with its evaluations, and where all of them together leave a calibrated person. */
export async function beliefs(ctx: Context, options: BeliefsOptions): Promise<void> {
  const today = toIsoDay(ctx.now());
  const store = Store.openForReading(ctx.dbPath);
  let pictures: BeliefPicture[];
  try {
    pictures = store.listBeliefs().map((belief) => beliefPicture(belief, [...store.iterateBeliefEntries(belief.id)].map(evidenceItemOfEntry), today));
  } finally {
    store.close();
  }
  if (options.json) {
    printJson(ctx, { beliefs: pictures.map(beliefJson) });
    return;
  }
  if (pictures.length === 0) {
    ctx.stderr.write('No beliefs yet. Each entry is about a belief; run `noisy reflect` after your\nnext hard evaluation.\n');
    return;
  }
  ctx.stdout.write(renderBeliefs(pictures, styler(ctx.color.stdout)));
}

/** The interface of issue 13, field by field in its order (the left-out evaluations last). */
export function beliefJson(p: BeliefPicture): Record<string, unknown> {
  return {
    id: p.id,
    statement: p.statement,
    before: p.before,
    now: p.now,
    bar: p.bar,
    sharedErrorCorrelation: p.sharedErrorCorrelation,
    evaluations: p.evaluations.map((e) => ({
      entryId: e.entryId,
      attemptId: e.attemptId,
      date: e.date,
      method: e.method,
      outcome: e.outcome,
      validity: e.validity,
      selectionRate: e.selectionRate,
      weight: e.weight,
    })),
    combined: {
      likelihoodRatio: p.combined.likelihoodRatio,
      warrantedBelief: p.combined.warrantedBelief,
      warrantedRange: p.combined.warrantedRange,
      assumptions: p.combined.assumptions,
    },
    leftOut: p.leftOut,
  };
}
