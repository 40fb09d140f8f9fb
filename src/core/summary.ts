import { CLOUDING_STATES, type Method, type State } from './domain.js';
import type { Entry, Prediction } from './entry.js';
import { factFits, findFact, type Fact } from './facts.js';
import type { Pack } from './pack.js';
import { warrantedUpdate, type WarrantedUpdate } from './warranted.js';

/** How much of the person the evaluator saw, in rough bands. */
export type InformationLevel = 'unknown' | 'minutes' | 'under-an-hour' | 'hours' | 'days' | 'weeks-or-more';

export interface NoiseNote {
  id: string;
  label: string;
  why: string;
  /** 'you': ticked by the person; 'answers': follows from their other answers (e.g. minutes seen). */
  from: 'you' | 'answers';
}

/**
 * The reframed reading of one entry: what the summary shows, and what --json prints as `assessment`.
 * The warranted-update figures (validity, selectionRate, likelihoodRatio, warrantedBelief,
 * overupdateFactor, assumptions...) sit at its top level.
 */
export interface Assessment extends WarrantedUpdate {
  noise: NoiseNote[];
  information: {
    method: Method;
    minutesSeen: number | null;
    level: InformationLevel;
    whatTheySaw: string;
    selectionRate: number | null;
  };
  aboutMe: {
    percent: number;
    /** High "about me" on an evaluation that saw little or had several confounders. */
    heavyForTheEvidence: boolean;
    notAboutMeReasons: { id: string; label: string }[];
    otherConfounders: string;
  };
  facts: Fact[];
  nextStep: string;
  /** States that cloud self-judgment, as reported. */
  cloudedBy: State[];
  /** Exhausted, unwell or low: rest is a fine next step too. */
  restIsFine: boolean;
  prediction: Prediction | null;
}

/** Evaluations that saw less than this much of a person carry little information. */
export const LITTLE_INFORMATION_MINUTES = 60;
/** "Mostly about me" starts here (percent). */
export const MOSTLY_ABOUT_ME = 60;
/** This many confounders ticked counts as "several". */
export const SEVERAL_CONFOUNDERS = 2;

const REST_STATES: readonly State[] = ['tired', 'unwell', 'low-mood'];

export function informationLevel(minutes: number | null): InformationLevel {
  if (minutes === null) return 'unknown';
  if (minutes < 15) return 'minutes';
  if (minutes < LITTLE_INFORMATION_MINUTES) return 'under-an-hour';
  if (minutes < 8 * 60) return 'hours';
  if (minutes < 5 * 8 * 60) return 'days';
  return 'weeks-or-more';
}

/**
 * The warranted update for an entry's answers: a rejection lowers it, an acceptance raises it.
 * `bar`: the bar its belief has (`noisy beliefs set`); null or left out, noisy's default and its
 * range. A belief's picture uses the same bar, so one evaluation gives the same figures there.
 */
export function warrantedFor(entry: Pick<Entry, 'kind' | 'outcome' | 'belief' | 'evaluation' | 'confounders' | 'state'>, bar: number | null = null): WarrantedUpdate {
  return warrantedUpdate({
    ...(bar === null ? {} : { bar }),
    kind: entry.kind,
    outcome: entry.outcome,
    method: entry.evaluation.method,
    before: entry.belief.before,
    after: entry.belief.after,
    minutesSeen: entry.evaluation.minutesSeen,
    selectionRate: entry.evaluation.selectionRate,
    confounders: entry.confounders,
    clouded: entry.state.some((s) => CLOUDING_STATES.includes(s)),
  });
}

/**
 * Composes the reframed reading of an entry. Pure: same entry, pack and bar, same assessment.
 * `bar`: its belief's own bar, if set (see warrantedFor).
 */
export function assess(entry: Entry, pack: Pack, bar: number | null = null): Assessment {
  const level = informationLevel(entry.evaluation.minutesSeen);
  const thin = level === 'minutes' || level === 'under-an-hour';
  // The noise notes and facts of a pack are written for setbacks ("some rejections are decided by
  // budget"): read beside good news they would explain it away. Good news gets neither; its
  // confounders, if an answers file gives any, still lower the validity the model uses.
  const goodNews = entry.outcome === 'accepted';

  const noise: NoiseNote[] = goodNews ? [] : pack.confounders
    .filter((c) => entry.confounders.includes(c.id))
    .map((c) => ({ id: c.id, label: c.label, why: c.why, from: 'you' as const }));
  const little = pack.confounders.find((c) => c.id === 'little-information');
  if (!goodNews && thin && little && !entry.confounders.includes(little.id)) {
    noise.unshift({ id: little.id, label: little.label, why: little.why, from: 'answers' });
  }
  const clouding = pack.confounders.find((c) => c.id === 'state-clouding');
  const cloudedBy = entry.state.filter((s) => CLOUDING_STATES.includes(s));
  if (!goodNews && clouding && cloudedBy.length > 0 && !entry.confounders.includes(clouding.id)) {
    noise.push({ id: clouding.id, label: clouding.label, why: clouding.why, from: 'answers' });
  }

  const heavyForTheEvidence =
    !goodNews &&
    entry.aboutMe >= MOSTLY_ABOUT_ME && (thin || entry.confounders.length >= SEVERAL_CONFOUNDERS);

  const warranted = warrantedFor(entry, bar);
  // Every field spelt out rather than `...warranted`: V8 copies a spread this wide slowly (~30 µs,
  // more than the whole model), and `noisy export` assesses every entry. Same keys, same order.
  return {
    method: warranted.method,
    outcome: warranted.outcome,
    baseValidity: warranted.baseValidity,
    validity: warranted.validity,
    validityRange: warranted.validityRange,
    validityDiscount: warranted.validityDiscount,
    selectionRate: warranted.selectionRate,
    selectionRateKnown: warranted.selectionRateKnown,
    bar: warranted.bar,
    likelihoodRatio: warranted.likelihoodRatio,
    warrantedBelief: warranted.warrantedBelief,
    warrantedRange: warranted.warrantedRange,
    actualShift: warranted.actualShift,
    warrantedShift: warranted.warrantedShift,
    overupdateFactor: warranted.overupdateFactor,
    overupdateRange: warranted.overupdateRange,
    overupdateNote: warranted.overupdateNote,
    moveComparison: warranted.moveComparison,
    evidenceStrength: warranted.evidenceStrength,
    figuresUsed: warranted.figuresUsed,
    assumptions: warranted.assumptions,
    noise,
    information: {
      method: entry.evaluation.method,
      minutesSeen: entry.evaluation.minutesSeen,
      level,
      whatTheySaw: entry.evaluation.whatTheySaw,
      selectionRate: entry.evaluation.selectionRate,
    },
    aboutMe: {
      percent: entry.aboutMe,
      heavyForTheEvidence,
      notAboutMeReasons: pack.notAboutMe.filter((o) => entry.notAboutMeReasons.includes(o.id)),
      otherConfounders: entry.otherConfounders,
    },
    facts: goodNews ? [] : pickFacts(entry, pack),
    nextStep: entry.nextStep,
    cloudedBy,
    restIsFine: entry.state.some((s) => REST_STATES.includes(s)),
    prediction: entry.prediction,
  };
}

/**
 * One or two facts about this entry's method of evaluation: the pack's list is ordered by fit; the
 * entry's id picks a stable rotation so a person who writes often doesn't read the same line every
 * time. None when the pack has nothing about the method: better no fact than one about another method.
 */
function pickFacts(entry: Entry, pack: Pack): Fact[] {
  const facts = pack.facts
    .map(findFact)
    .filter((f): f is Fact => f !== undefined && factFits(f, entry.evaluation.method));
  if (facts.length <= 2) return facts;
  const first = facts[0] as Fact;
  const rest = facts.slice(1);
  const second = rest[hash(entry.id) % rest.length] as Fact;
  return [first, second];
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}
