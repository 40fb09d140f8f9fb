import type { Kind, Method, Outcome, State } from './domain.js';

/** A belief at stake, as likely as it felt before the evaluation and right after (0–100). */
export interface Belief {
  statement: string;
  before: number;
  after: number;
  /**
   * The stored belief (`noisy beliefs`) this entry is evidence about, `b-` and 6 characters. Every
   * saved entry has one; answers may leave it out (the statement then picks or makes the belief).
   */
  id?: string;
}

export interface Evaluation {
  method: Method;
  /** Roughly how many minutes of you the evaluator saw; null when unknown. */
  minutesSeen: number | null;
  /** What they saw: a CV, one interview, a talk... free text, may be empty. */
  whatTheySaw: string;
  /** Percent of candidates the process accepts (e.g. 5 for 5%); null when unknown. */
  selectionRate: number | null;
}

export interface Prediction {
  statement: string;
  /** 0–100: how likely the person thinks it is. */
  probability: number;
  /** YYYY-MM-DD */
  checkOn: string;
}

/** Everything a person answers in `noisy reflect` (the answers file of DESIGN.md, normalised). */
export interface Answers {
  kind: Kind;
  /** A setback ('rejected', the default) or good news ('accepted': an offer, being kept on, a paper accepted). */
  outcome: Outcome;
  title: string;
  /** YYYY-MM-DD, the day of the evaluation; never in the future. */
  date: string;
  story: string;
  belief: Belief;
  evaluation: Evaluation;
  /** Noise category ids of this kind that the person ticked. */
  confounders: string[];
  /** Anything else that may have played a part, free text. */
  otherConfounders: string;
  /** 0–100: how much of the outcome the person thinks was about their ability. */
  aboutMe: number;
  /** Ids from the pack's not-about-me reasons (headcount, busy evaluator...). */
  notAboutMeReasons: string[];
  state: State[];
  nextStep: string;
  prediction: Prediction | null;
  /** YYYY-MM-DD when to look back at this entry; null for no follow-up. */
  followUpOn: string | null;
  tags: string[];
  /** Answers to the pack's own extra questions (e.g. the venue of a paper), by question id. */
  extras: Record<string, string>;
}

/** An answer given weeks later in `noisy followup`. */
export interface FollowUp {
  /** ISO timestamp of when it was answered. */
  answeredAt: string;
  beliefNow: number;
  tookNextStep: boolean;
  whatHappened: string;
  /** true / false, or null: can't tell yet (the follow-up was rescheduled). */
  predictionCameTrue: boolean | null;
}

/** One edit of a saved entry (`noisy edit`): the answers as they were before it, so nothing is lost. */
export interface Revision {
  /** ISO timestamp of the edit. */
  revisedAt: string;
  /** The fields the edit changed, as paths: 'title', 'evaluation.selectionRate', 'extras.venue'. */
  changed: string[];
  /** Every answer as it was before this edit. */
  previous: Answers;
}

/** A saved journal entry. */
export interface Entry extends Answers {
  /** Short random id, stable across export and import. */
  id: string;
  /** ISO timestamp of when it was saved. */
  createdAt: string;
  followUps: FollowUp[];
  /** Every edit, oldest first; the entry's answers are those after the last one. */
  revisions: Revision[];
}
