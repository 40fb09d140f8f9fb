import { KINDS, METHODS, NOISE_CATEGORIES, type Kind, type Method } from './domain.js';
import { findFact } from './facts.js';
import { ANSWER_FIELDS, isObject } from './fields.js';

export { isObject };

/** The words and choices for one kind of evaluation, loaded from prompts/<kind>.json. */
export interface Pack {
  kind: Kind;
  label: string;
  titleExample: string;
  defaultBelief: string;
  defaultMethod: Method;
  /** Methods offered first for this kind (any method is accepted). */
  methods: Method[];
  whatTheySawPrompt: string;
  confounders: PackConfounder[];
  notAboutMe: PackOption[];
  /** evidence.md ids of facts the summary may cite for this kind, most fitting first. */
  facts: string[];
  /** Extra free-text questions this kind asks; answers are stored under their id. */
  extras: PackExtra[];
}

export interface PackConfounder {
  id: string;
  /** Checklist line. */
  label: string;
  /** One-line explanation shown beside it. */
  hint: string;
  /** Why it matters, for the summary. */
  why: string;
}

export interface PackOption {
  id: string;
  label: string;
}

export interface PackExtra {
  id: string;
  message: string;
}


const ID = /^[a-z][a-z0-9-]*$/;

/**
 * Checks a parsed pack file. Returns the pack, or every problem as `field: what is wrong`.
 * `expectedKind` is the kind the file name promises.
 */
export function validatePack(data: unknown, expectedKind: string): { pack: Pack } | { errors: string[] } {
  const errors: string[] = [];
  const at = (path: string, problem: string) => errors.push(`${path}: ${problem}`);
  if (!isObject(data)) return { errors: ['(top level): must be a JSON object'] };

  const text = (path: string, value: unknown): string => {
    if (typeof value !== 'string' || value.trim() === '') {
      at(path, 'must be a non-empty string');
      return '';
    }
    return value;
  };

  const kind = data.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    at('kind', `must be one of ${KINDS.join(', ')}`);
  } else if (kind !== expectedKind) {
    at('kind', `is "${kind}" but the file is for "${expectedKind}"`);
  }

  const methods: Method[] = [];
  if (!Array.isArray(data.methods) || data.methods.length === 0) {
    at('methods', 'must be a non-empty list of method ids');
  } else {
    data.methods.forEach((m: unknown, i: number) => {
      if (typeof m === 'string' && (METHODS as readonly string[]).includes(m)) methods.push(m as Method);
      else at(`methods[${i}]`, `must be one of ${METHODS.join(', ')}`);
    });
  }
  if (typeof data.defaultMethod !== 'string' || !methods.includes(data.defaultMethod as Method)) {
    at('defaultMethod', 'must be one of the methods listed in "methods"');
  }

  const confounders: PackConfounder[] = [];
  const expectedCategories = (KINDS as readonly string[]).includes(expectedKind) ? NOISE_CATEGORIES[expectedKind as Kind] : [];
  if (!Array.isArray(data.confounders)) {
    at('confounders', 'must be a list');
  } else {
    data.confounders.forEach((c: unknown, i: number) => {
      const path = `confounders[${i}]`;
      if (!isObject(c)) return at(path, 'must be an object');
      if (typeof c.id !== 'string' || !expectedCategories.includes(c.id)) {
        at(`${path}.id`, `must be one of ${expectedCategories.join(', ')}`);
      }
      confounders.push({
        id: String(c.id),
        label: text(`${path}.label`, c.label),
        hint: text(`${path}.hint`, c.hint),
        why: text(`${path}.why`, c.why),
      });
    });
    const ids = confounders.map((c) => c.id);
    for (const category of expectedCategories) {
      if (!ids.includes(category)) at('confounders', `is missing the category "${category}"`);
    }
    duplicates(ids).forEach((id) => at('confounders', `lists "${id}" twice`));
  }

  const notAboutMe = options(data.notAboutMe, 'notAboutMe', at, text);
  const extras: PackExtra[] = [];
  if (!Array.isArray(data.extras)) {
    at('extras', 'must be a list (it may be empty)');
  } else {
    data.extras.forEach((e: unknown, i: number) => {
      const path = `extras[${i}]`;
      if (!isObject(e)) return at(path, 'must be an object');
      if (typeof e.id !== 'string' || !ID.test(e.id)) at(`${path}.id`, 'must be a lowercase id like "venue"');
      else if (ANSWER_FIELDS.includes(e.id)) at(`${path}.id`, `"${e.id}" is already an answers-file field`);
      extras.push({ id: String(e.id), message: text(`${path}.message`, e.message) });
    });
    duplicates(extras.map((e) => e.id)).forEach((id) => at('extras', `lists "${id}" twice`));
  }

  const facts: string[] = [];
  if (!Array.isArray(data.facts)) {
    at('facts', 'must be a list of evidence ids');
  } else {
    data.facts.forEach((f: unknown, i: number) => {
      if (typeof f === 'string' && findFact(f)) facts.push(f);
      else at(`facts[${i}]`, 'must be the id of a fact in src/core/facts.ts');
    });
  }

  const pack: Pack = {
    kind: expectedKind as Kind,
    label: text('label', data.label),
    titleExample: text('titleExample', data.titleExample),
    defaultBelief: text('defaultBelief', data.defaultBelief),
    defaultMethod: data.defaultMethod as Method,
    methods,
    whatTheySawPrompt: text('whatTheySawPrompt', data.whatTheySawPrompt),
    confounders,
    notAboutMe,
    facts,
    extras,
  };
  const known = new Set(['kind', 'label', 'titleExample', 'defaultBelief', 'defaultMethod', 'methods', 'whatTheySawPrompt', 'confounders', 'notAboutMe', 'facts', 'extras']);
  for (const key of Object.keys(data)) if (!known.has(key)) at(key, 'is not a pack field');
  return errors.length ? { errors } : { pack };
}

function options(
  value: unknown,
  field: string,
  at: (path: string, problem: string) => void,
  text: (path: string, value: unknown) => string,
): PackOption[] {
  const result: PackOption[] = [];
  if (!Array.isArray(value)) {
    at(field, 'must be a list');
    return result;
  }
  value.forEach((o: unknown, i: number) => {
    const path = `${field}[${i}]`;
    if (!isObject(o)) return at(path, 'must be an object');
    if (typeof o.id !== 'string' || !ID.test(o.id)) at(`${path}.id`, 'must be a lowercase id like "headcount"');
    result.push({ id: String(o.id), label: text(`${path}.label`, o.label) });
  });
  duplicates(result.map((o) => o.id)).forEach((id) => at(field, `lists "${id}" twice`));
  return result;
}

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}
