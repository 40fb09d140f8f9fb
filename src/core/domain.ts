// The vocabulary of noisy: evaluation kinds, their noise categories, methods and states.
// Ids here are stable: they are stored in the journal, printed in JSON and used by scripts.
// The words a person reads about each one live in the question packs (prompts/*.json).

export const KINDS = ['application', 'first-impression', 'job-performance', 'self-assessment', 'peer-review'] as const;
export type Kind = (typeof KINDS)[number];

/** Noise categories each kind brings (DESIGN.md, "The domain, from the essay"). */
export const NOISE_CATEGORIES: Readonly<Record<Kind, readonly string[]>> = {
  application: ['little-information', 'off-paper-skills', 'interview-variance', 'preparation-luck', 'not-about-you'],
  'first-impression': ['little-information', 'appearance-reputation', 'charisma-not-skill', 'pitch-preparation', 'not-about-you'],
  'job-performance': ['different-skills', 'outside-factors', 'growth', 'not-about-you'],
  'self-assessment': ['feels-easy', 'hidden-insides', 'skewed-comparison', 'unknown-bar', 'state-clouding'],
  'peer-review': ['little-information', 'reviewer-disagreement', 'not-about-you'],
};

export const METHODS = [
  'cv-screen',
  'written-application',
  'unstructured-interview',
  'structured-interview',
  'work-trial',
  'job-performance',
  'conversation',
  'peer-review',
  'self-assessment',
] as const;
export type Method = (typeof METHODS)[number];

/**
 * What the evaluation decided: a setback (turned down, let go, a paper rejected, a harsh verdict) or
 * good news (an offer, being kept on, a paper accepted, praise from someone who saw months of work).
 */
export const OUTCOMES = ['rejected', 'accepted'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How a person feels while writing; self-judgment is clouded by the first five. */
export const STATES = ['tired', 'hungry', 'low-mood', 'anxious', 'unwell', 'fine'] as const;
export type State = (typeof STATES)[number];
export const CLOUDING_STATES: readonly State[] = ['tired', 'hungry', 'low-mood', 'anxious', 'unwell'];

/**
 * The methods that can evaluate each kind of evaluation (a paper's reviews are not months in a job).
 * New answers must keep to them; entries saved before the rule keep what they had, and the model
 * leaves out what it cannot use. The question packs (prompts/*.json) offer exactly these (a test
 * checks they agree).
 */
export const METHODS_BY_KIND: Readonly<Record<Kind, readonly Method[]>> = {
  application: ['cv-screen', 'written-application', 'unstructured-interview', 'structured-interview', 'work-trial'],
  'first-impression': ['conversation', 'unstructured-interview'],
  'job-performance': ['work-trial', 'job-performance'],
  'peer-review': ['peer-review'],
  'self-assessment': ['self-assessment'],
};

export function methodFitsKind(kind: Kind, method: Method): boolean {
  return METHODS_BY_KIND[kind].includes(method);
}

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

export function isMethod(value: unknown): value is Method {
  return typeof value === 'string' && (METHODS as readonly string[]).includes(value);
}

export function isState(value: unknown): value is State {
  return typeof value === 'string' && (STATES as readonly string[]).includes(value);
}
