// A stored belief and where all of its evidence leaves a calibrated person (`noisy beliefs`,
// `history`, the export). Pure: the entries come in, the picture goes out. The arithmetic is the
// combined model of beliefs.ts; each entry's inputs come from warranted.ts's entryEvidence, the same
// start an entry's own figures have, so a belief with one recent evaluation gives exactly that
// entry's figures.

import { ageInYears, ageWeight, combine, impossibleOutcome, MAX_SHARED_ERROR, type Outcome, type Span, type UncertainEvidence } from './beliefs.js';
import { figure } from './figures.js';
import { oncePerDay } from './dates.js';
import { CLOUDING_STATES, methodFitsKind, type Method } from './domain.js';
import type { Entry } from './entry.js';
import { ATTEMPT_KIND, evidenceOutcome, type Attempt } from './attempts.js';
import { entryEvidence, factorRange, moveComparisonOf, type MoveComparison, type OverupdateNote, type WarrantedInput } from './warranted.js';

/** A belief as the journal stores it. */
export interface StoredBelief {
  /** `b-` and 6 characters (ids.ts). */
  id: string;
  statement: string;
  /** b, percent of people trying for this line of work who would do well; null: noisy's default (model.bar) and its range. */
  bar: number | null;
  /** ρ, 0 to MAX_SHARED_ERROR; null: noisy's default (model.shared-error) and its range. */
  sharedErrorCorrelation: number | null;
  /** ISO timestamp. */
  createdAt: string;
}

/**
 * The key two statements are matched by: the same words ignoring case and spacing ("I can do  well"
 * and "i can do well" are one belief). Letters with accents are composed first (NFC).
 */
export function statementKey(statement: string): string {
  return statement.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** What is wrong with a bar (percent), or null: strictly between 0 and 100. */
export function checkBar(bar: number): string | null {
  return Number.isFinite(bar) && bar > 0 && bar < 100 ? null : 'must be more than 0 and less than 100 (a percent)';
}

/** What is wrong with a shared-error correlation, or null: 0 to MAX_SHARED_ERROR (capped below 1). */
export function checkSharedError(rho: number): string | null {
  return Number.isFinite(rho) && rho >= 0 && rho <= MAX_SHARED_ERROR ? null : `must be from 0 to ${MAX_SHARED_ERROR} (a correlation)`;
}

/** One entry (or, later, one attempt) as evidence about a belief. */
export interface BeliefEvidenceItem {
  entryId: string | null;
  attemptId: string | null;
  /** The evaluation's day, YYYY-MM-DD. */
  date: string;
  /** When the entry was written (ISO): its `after` was stated then. */
  statedAt: string;
  /** The latest follow-up's belief and when it was given; null without follow-ups. */
  latestFollowUp: { answeredAt: string; beliefNow: number } | null;
  /** The entry's answers as the warranted update reads them (before and after included). */
  input: WarrantedInput;
}

/** One evaluation the combined update uses (the `evaluations` of `noisy beliefs --json`). */
export interface BeliefEvaluation {
  entryId: string | null;
  attemptId: string | null;
  date: string;
  method: Method;
  outcome: Outcome;
  /** The effective validity the model used, after every discount and ageing; 0–1. */
  validity: number;
  /** Percent, 0–100. */
  selectionRate: number;
  /** The multiplier ageing put on validity (1 = none). */
  weight: number;
}

export interface BeliefPicture {
  id: string;
  statement: string;
  /** Percent: the belief before the earliest evaluation; null for a belief with no entries. */
  before: number | null;
  /** Percent: the latest the person stated (an entry's after, or a follow-up); null with no entries. */
  now: number | null;
  /** b in percent, as used. */
  bar: number;
  /** ρ, 0–1, as used. */
  sharedErrorCorrelation: number;
  evaluations: BeliefEvaluation[];
  combined: {
    likelihoodRatio: number;
    /** Percent; null for a belief with no entries. */
    warrantedBelief: number | null;
    warrantedRange: { low: number; high: number } | null;
    /** Ids of the assumption figures (`noisy evidence`) behind the result. */
    assumptions: string[];
  };
  /** Evaluations the model cannot use (a rejection where everyone gets in), with why. */
  leftOut: { entryId: string | null; attemptId: string | null; reason: LeftOutReason }[];
}

/** Why the model leaves an evaluation out (old entries only: new answers are refused). */
export type LeftOutReason = 'impossible-outcome' | 'method-does-not-fit-kind';

/** Why the model cannot use this item, or null. */
export function leftOutReason(item: BeliefEvidenceItem): LeftOutReason | null {
  if (impossibleOutcome(item.input.outcome ?? 'rejected', item.input.selectionRate ?? 50)) return 'impossible-outcome';
  if (!methodFitsKind(item.input.kind, item.input.method)) return 'method-does-not-fit-kind';
  return null;
}

/** How the person's move compares with the warranted one (not in the JSON: the human text's words). */
export interface BeliefMove {
  comparison: MoveComparison;
  /** actual / warranted move in log-odds, at the point and over the range; null when no move is warranted. */
  factor: number | null;
  factorRange: { low: number; high: number } | null;
}

const FIG = {
  bar: figure('model.bar').value,
  barLow: figure('model.bar.low').value,
  barHigh: figure('model.bar.high').value,
  sharedError: figure('model.shared-error').value,
  sharedErrorLow: figure('model.shared-error.low').value,
  sharedErrorHigh: figure('model.shared-error.high').value,
  yearly: figure('model.yearly-carryover').value,
  beliefClamp: figure('model.belief-clamp').value,
  negligibleShift: figure('model.negligible-shift').value,
};

/** The bar a belief uses, with the range tried around it (a point when the person chose it). */
export function barSpan(belief: Pick<StoredBelief, 'bar'>): Span {
  return belief.bar === null ? { point: FIG.bar, low: FIG.barLow, high: FIG.barHigh } : { point: belief.bar, low: belief.bar, high: belief.bar };
}

/** The shared-error correlation a belief uses, with its range (a point when the person chose it). */
export function sharedErrorSpan(belief: Pick<StoredBelief, 'sharedErrorCorrelation'>): Span {
  const rho = belief.sharedErrorCorrelation;
  return rho === null ? { point: FIG.sharedError, low: FIG.sharedErrorLow, high: FIG.sharedErrorHigh } : { point: rho, low: rho, high: rho };
}

/**
 * The bar and shared error at their points: the belief's own where it has them, else noisy's (also
 * for attempts about no belief). The outlook of `noisy attempts` and its chances use these.
 */
export function pointAssumptions(belief: Pick<StoredBelief, 'bar' | 'sharedErrorCorrelation'> | null): { bar: number; sharedErrorCorrelation: number } {
  return { bar: belief?.bar ?? FIG.bar, sharedErrorCorrelation: belief?.sharedErrorCorrelation ?? FIG.sharedError };
}

/** The bars beliefs have set, by belief id (those on noisy's default are left out): for entries' own figures. */
export function beliefBars(beliefs: readonly Pick<StoredBelief, 'id' | 'bar'>[]): Map<string, number> {
  const bars = new Map<string, number>();
  for (const b of beliefs) if (b.bar !== null) bars.set(b.id, b.bar);
  return bars;
}

/** Earliest evaluation first: by day, then by when it was written. */
function byDate(a: BeliefEvidenceItem, b: BeliefEvidenceItem): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.statedAt < b.statedAt ? -1 : a.statedAt > b.statedAt ? 1 : 0;
}

/** The belief before the earliest evaluation, and the latest one stated (an entry's after or a follow-up). */
export function statedBeliefs(all: readonly BeliefEvidenceItem[]): { before: number | null; now: number | null } {
  // An attempt resolved without an entry states no belief.
  const items = all.filter((item) => item.entryId !== null);
  if (items.length === 0) return { before: null, now: null };
  const first = [...items].sort(byDate)[0]!;
  let latestAt = '';
  let now = first.input.after;
  for (const item of items) {
    if (item.statedAt >= latestAt) {
      latestAt = item.statedAt;
      now = item.input.after;
    }
    const f = item.latestFollowUp;
    if (f && f.answeredAt >= latestAt) {
      latestAt = f.answeredAt;
      now = f.beliefNow;
    }
  }
  return { before: first.input.before, now };
}

/** One item's inputs for the model, aged by `weightOf` (the weight of a day's evidence); null when the model leaves it out. */
export function agedEvidence(item: BeliefEvidenceItem, weightOf: (date: string) => number): { evidence: UncertainEvidence; evaluation: BeliefEvaluation; figuresUsed: string[] } | null {
  const e = entryEvidence(item.input);
  if (e.impossible) return null;
  const weight = weightOf(item.date);
  const validity: Span = { point: e.validity.point * weight, low: e.validity.low * weight, high: e.validity.high * weight };
  return {
    evidence: { outcome: e.outcome, validity, selectionRate: e.selectionRate },
    evaluation: {
      entryId: item.entryId,
      attemptId: item.attemptId,
      date: item.date,
      method: item.input.method,
      outcome: e.outcome,
      validity: validity.point,
      selectionRate: e.selectionRate.point,
      weight,
    },
    figuresUsed: weight < 1 ? [...e.figuresUsed, 'model.yearly-carryover'] : e.figuresUsed,
  };
}

/**
 * Where all of a belief's evidence leaves a calibrated person who was at `before` (the belief before
 * the earliest evaluation), as of `today` (YYYY-MM-DD; older evidence counts less).
 */
export function beliefPicture(belief: StoredBelief, items: readonly BeliefEvidenceItem[], today: string): BeliefPicture {
  const sorted = [...items].sort(byDate);
  const { before, now } = statedBeliefs(sorted);
  const bar = barSpan(belief);
  const rho = sharedErrorSpan(belief);
  const evaluations: BeliefEvaluation[] = [];
  const evidence: UncertainEvidence[] = [];
  const leftOut: BeliefPicture['leftOut'] = [];
  const used = new Set<string>(['model.bar']);
  // Ageing counts whole years from `today`: once per distinct day.
  const weightOf = oncePerDay((date) => ageWeight(ageInYears(date, today), FIG.yearly));
  for (const item of sorted) {
    const reason = leftOutReason(item);
    const aged = reason === null ? agedEvidence(item, weightOf) : null;
    if (aged === null) {
      leftOut.push({ entryId: item.entryId, attemptId: item.attemptId, reason: reason ?? 'impossible-outcome' });
      continue;
    }
    evaluations.push(aged.evaluation);
    evidence.push(aged.evidence);
    for (const id of aged.figuresUsed) used.add(id);
  }
  if (belief.bar === null) for (const id of ['model.bar.low', 'model.bar.high']) used.add(id);
  // With one evaluation (or none) there is nothing for the error to be shared with.
  if (belief.sharedErrorCorrelation === null && evidence.length > 1) for (const id of ['model.shared-error', 'model.shared-error.low', 'model.shared-error.high']) used.add(id);
  const margin = FIG.beliefClamp;
  const clamped = (p: number) => p < margin || p > 100 - margin;
  if (before !== null && (clamped(before) || (now !== null && clamped(now)))) used.add('model.belief-clamp');
  const assumptions = [...used].filter((id) => figure(id).status === 'assumption');

  let combined: BeliefPicture['combined'];
  if (evidence.length > 0 && before === null) {
    // Only resolved attempts, no stated belief: the evidence has its ratio, but no one to move.
    const { likelihoodRatio } = combine(evidence, { bar, sharedErrorCorrelation: rho }, 50, margin);
    combined = { likelihoodRatio, warrantedBelief: null, warrantedRange: null, assumptions };
  } else if (before === null) {
    combined = { likelihoodRatio: 1, warrantedBelief: null, warrantedRange: null, assumptions };
  } else if (evidence.length === 0) {
    combined = { likelihoodRatio: 1, warrantedBelief: before, warrantedRange: { low: before, high: before }, assumptions };
  } else {
    const result = combine(evidence, { bar, sharedErrorCorrelation: rho }, before, margin);
    combined = { likelihoodRatio: result.likelihoodRatio, warrantedBelief: result.warrantedBelief, warrantedRange: result.warrantedRange, assumptions };
  }
  return {
    id: belief.id,
    statement: belief.statement,
    before,
    now,
    bar: bar.point,
    sharedErrorCorrelation: rho.point,
    evaluations,
    combined,
    leftOut,
  };
}

const logit = (percent: number): number => Math.log(percent / (100 - percent));

/** The person's move (before → now) against the warranted one, in the bands an entry uses. */
export function beliefMove(picture: BeliefPicture): BeliefMove {
  const { before, now, combined } = picture;
  if (before === null || now === null || combined.warrantedRange === null) return { comparison: 'no-move-warranted', factor: null, factorRange: null };
  const margin = FIG.beliefClamp;
  const clamp = (p: number) => Math.min(100 - margin, Math.max(margin, p));
  const actualShift = logit(clamp(now)) - logit(clamp(before));
  const warrantedShift = Math.log(combined.likelihoodRatio);
  if (!(Math.abs(warrantedShift) >= FIG.negligibleShift)) return { comparison: 'no-move-warranted', factor: null, factorRange: null };
  let factor = actualShift / warrantedShift;
  if (Object.is(factor, -0)) factor = 0;
  const note: OverupdateNote | null = factor < 0 ? 'moved-opposite-way' : null;
  return { comparison: moveComparisonOf(factor, note), factor, factorRange: factorRange(actualShift, before, combined.warrantedRange, factor, margin) };
}

/** A saved entry as evidence about its belief. */
export function evidenceItemOfEntry(entry: Entry): BeliefEvidenceItem {
  const latest = entry.followUps.at(-1);
  return {
    entryId: entry.id,
    attemptId: null,
    date: entry.date,
    statedAt: entry.createdAt,
    latestFollowUp: latest ? { answeredAt: latest.answeredAt, beliefNow: latest.beliefNow } : null,
    input: {
      kind: entry.kind,
      method: entry.evaluation.method,
      before: entry.belief.before,
      after: entry.belief.after,
      minutesSeen: entry.evaluation.minutesSeen,
      selectionRate: entry.evaluation.selectionRate,
      confounders: entry.confounders,
      clouded: entry.state.some((s) => CLOUDING_STATES.includes(s)),
      outcome: entry.outcome,
    },
  };
}

/**
 * A resolved attempt (`noisy attempts`) as evidence about its belief, when no entry reflects on it:
 * its outcome (no-reply counts as a rejection, withdrawn and pending not at all: evidenceOutcome),
 * method and rate, on the day it was resolved. It states no belief of its own.
 */
export function evidenceItemOfAttempt(attempt: Attempt): BeliefEvidenceItem | null {
  const outcome = evidenceOutcome(attempt.outcome);
  if (outcome === null || attempt.resolvedOn === null) return null;
  return {
    entryId: null,
    attemptId: attempt.id,
    date: attempt.resolvedOn,
    statedAt: '',
    latestFollowUp: null,
    input: {
      kind: ATTEMPT_KIND[attempt.method],
      method: attempt.method,
      before: 50,
      after: 50,
      minutesSeen: null,
      selectionRate: attempt.rate,
      confounders: [],
      clouded: false,
      outcome,
    },
  };
}

/**
 * Everything about one belief: its entries, each with the attempt it reflects on, and the resolved
 * attempts no entry (of this belief) reflects on. An attempt and its entry count once.
 */
export function beliefEvidence(entries: readonly Entry[], attempts: readonly Attempt[]): BeliefEvidenceItem[] {
  const here = new Set(entries.map((e) => e.id));
  const attemptOf = new Map<string, string>();
  for (const a of attempts) if (a.entryId !== null && here.has(a.entryId)) attemptOf.set(a.entryId, a.id);
  const items = entries.map((e) => ({ ...evidenceItemOfEntry(e), attemptId: attemptOf.get(e.id) ?? null }));
  for (const a of attempts) {
    if (a.entryId !== null && here.has(a.entryId)) continue;
    const item = evidenceItemOfAttempt(a);
    if (item) items.push(item);
  }
  return items;
}
