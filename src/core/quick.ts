// `noisy reflect --quick`: the short path for the worst hour. Five questions are asked; every other
// field of the entry takes a plain, honest default, so the entry is a whole one (the same answers
// file, the same JSON) that says no more than the person said. docs/reflect.md lists the defaults.
import { isKind } from './domain.js';
import { entryFields, getPath, setPath, type EntryEnv, type Field, type Packs } from './fields.js';

/** The questions of the short path, in the order they are asked. */
export const QUICK_PATHS: readonly string[] = ['kind', 'title', 'belief.before', 'belief.after', 'evaluation.whatTheySaw'];

/**
 * Asked too when the journal holds beliefs already: which one this is about, and the statement only
 * for a new one (a first entry takes the kind's usual belief, as before).
 */
export const QUICK_BELIEF_PATHS: readonly string[] = ['belief.id', 'belief.statement'];

/**
 * The five quick questions' fields, for the answers so far (with the belief to pick when the journal
 * has beliefs). The title is asked as "what happened, in a few words", since it is the only account
 * of it the short path asks for.
 */
export function quickFields(packs: Packs, answers: Readonly<Record<string, unknown>>, pickBelief = false): Field<EntryEnv>[] {
  const pack = isKind(answers.kind) ? packs[answers.kind] : undefined;
  return entryFields(pack)
    .filter((field) => QUICK_PATHS.includes(field.path) || (pickBelief && QUICK_BELIEF_PATHS.includes(field.path)))
    .map((field) =>
      field.path === 'title'
        ? { ...field, ask: { type: 'text', message: (env: EntryEnv) => `What happened, in a few words? (e.g. "${env.pack?.titleExample ?? ''}")` } }
        : field,
    );
}

/** What "about your ability" is when it was not asked: an even split, the answer of someone who can't tell yet. */
export const QUICK_ABOUT_ME = 50;

/**
 * The quick answers with every skipped field filled: the kind's usual method, nothing known about
 * minutes seen or the share accepted (the model then uses its range for an unknown rate), nothing
 * ticked, no next step or prediction yet, the usual follow-up in 30 days. Answers already given
 * (a draft picked up) are kept.
 */
export function withQuickDefaults(answers: Readonly<Record<string, unknown>>, packs: Packs): Record<string, unknown> {
  const filled = structuredClone(answers) as Record<string, unknown>;
  const pack = isKind(filled.kind) ? packs[filled.kind] : undefined;
  const fill = (path: string, value: unknown) => {
    if (getPath(filled, path) === undefined) setPath(filled, path, value);
  };
  // A belief picked by id keeps its own statement (filled in on saving).
  if ((getPath(filled, 'belief.id') ?? null) === null) fill('belief.statement', pack?.defaultBelief ?? '');
  fill('evaluation.method', pack?.defaultMethod);
  fill('evaluation.minutesSeen', null);
  fill('evaluation.selectionRate', null);
  fill('confounders', []);
  fill('aboutMe', QUICK_ABOUT_ME);
  fill('notAboutMeReasons', []);
  fill('state', []);
  fill('nextStep', '');
  fill('prediction', null);
  fill('tags', []);
  // The date (today) and the follow-up day (in 30 days) are the answers file's own defaults.
  return filled;
}
