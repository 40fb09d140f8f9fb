// Each belief's combined picture, as `noisy beliefs`, `noisy history` and the Markdown export show
// it: one place that gathers a belief's evidence from the journal and hands it to beliefPicture, so
// the three never differ. Each picture is worked out once per command.
import { beliefPicture, evidenceItemOfAttempt, type BeliefEvidenceItem, type BeliefPicture } from '../core/belief-picture.js';
import type { EntryFilter, Store } from '../storage/store.js';

export interface PictureOptions {
  /** The evidence to use: history's filters (entries by day, kind and tag; attempts by the day they were resolved). */
  filter?: EntryFilter;
  /** Every belief, even one with no evidence in the filter (`noisy beliefs`); else only those with some. */
  all?: boolean;
}

/**
 * The pictures of the journal's beliefs, the most recently evaluated first, as of `today`. The filter
 * chooses the evidence: entries by their day, kind and tag; resolved attempts that no entry of their
 * belief reflects on by the day they were resolved, and none under --kind or --tag (attempts have no
 * kind or tag). `filter.belief` picks one belief.
 */
export function beliefPictures(store: Store, today: string, options: PictureOptions = {}): BeliefPicture[] {
  const filter = options.filter ?? {};
  const items = new Map<string, BeliefEvidenceItem[]>();
  const add = (beliefId: string, item: BeliefEvidenceItem) => {
    const list = items.get(beliefId);
    if (list) list.push(item);
    else items.set(beliefId, [item]);
  };
  store.beliefEvidence(filter, add);
  if (!filter.kind && !filter.tag) {
    const days = { ...(filter.since ? { since: filter.since } : {}), ...(filter.until ? { until: filter.until } : {}), ...(filter.belief ? { beliefId: filter.belief } : {}) };
    for (const attempt of store.attempts.unreflected(days)) {
      const item = evidenceItemOfAttempt(attempt);
      if (item !== null && attempt.beliefId !== null) add(attempt.beliefId, item);
    }
  }
  const beliefs = store.listBeliefs().filter((b) => (filter.belief === undefined || b.id === filter.belief) && (options.all === true || items.has(b.id)));
  return beliefs.map((belief) => beliefPicture(belief, items.get(belief.id) ?? [], today));
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
