import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../src/errors.js';
import { KINDS, METHODS_BY_KIND, NOISE_CATEGORIES } from '../../src/core/domain.js';
import { validatePack } from '../../src/core/pack.js';
import { loadPacks, PROMPTS_DIR } from '../../src/packs/load.js';
import { tempDir } from '../helpers/cli.js';

/** A copy of the shipped packs in a temp dir, with one file changed by `edit`. */
function brokenPacks(kind: string, edit: (pack: Record<string, unknown>) => void): string {
  const dir = tempDir('noisy-packs-');
  cpSync(PROMPTS_DIR, dir, { recursive: true });
  const file = join(dir, `${kind}.json`);
  const pack = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(pack);
  writeFileSync(file, JSON.stringify(pack));
  return dir;
}

function loadError(dir: string): RuntimeError {
  try {
    loadPacks(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(RuntimeError);
    return error as RuntimeError;
  }
  throw new Error('expected loadPacks to fail');
}

type Item = Record<string, unknown>;

describe('question packs', () => {
  it('every shipped pack loads, with every noise category of its kind', () => {
    const packs = loadPacks();
    for (const kind of KINDS) {
      const pack = packs[kind];
      expect(pack.kind).toBe(kind);
      expect(pack.confounders.map((c) => c.id).sort()).toEqual([...NOISE_CATEGORIES[kind]].sort());
      expect(pack.methods).toContain(pack.defaultMethod);
      // The menu offers exactly the methods the model accepts for the kind.
      expect(pack.methods).toEqual(METHODS_BY_KIND[kind]);
      expect(pack.facts.length).toBeGreaterThan(0);
      for (const c of pack.confounders) {
        expect(c.label && c.hint && c.why).toBeTruthy();
      }
    }
  });

  it('a copy of the shipped packs in another directory loads the same', () => {
    const dir = brokenPacks('application', () => undefined);
    expect(loadPacks(dir)).toEqual(loadPacks());
  });

  it.each([
    ['a missing field', (p: Item) => delete p.label, 'label: must be a non-empty string'],
    ['the wrong kind', (p: Item) => (p.kind = 'peer-review'), 'kind: is "peer-review" but the file is for "application"'],
    ['an unknown kind', (p: Item) => (p.kind = 'vibes'), 'kind: must be one of application'],
    ['an unknown method', (p: Item) => ((p.methods as string[])[1] = 'astrology'), 'methods[1]: must be one of'],
    ['a default method not offered', (p: Item) => (p.defaultMethod = 'peer-review'), 'defaultMethod: must be one of the methods'],
    [
      'an unknown confounder id',
      (p: Item) => ((p.confounders as Item[])[0]!.id = 'bad-luck'),
      'confounders[0].id: must be one of little-information, off-paper-skills',
    ],
    ['a missing confounder', (p: Item) => (p.confounders as Item[]).splice(1, 1), 'confounders: is missing the category "off-paper-skills"'],
    [
      'a duplicate confounder',
      (p: Item) => (p.confounders as Item[]).push({ ...(p.confounders as Item[])[0] }),
      'confounders: lists "little-information" twice',
    ],
    ['a confounder without its why', (p: Item) => delete (p.confounders as Item[])[2]!.why, 'confounders[2].why: must be a non-empty string'],
    ['a duplicate not-about-me reason', (p: Item) => (p.notAboutMe as Item[]).push({ id: 'headcount', label: 'x' }), 'notAboutMe: lists "headcount" twice'],
    ['an unknown fact id', (p: Item) => (p.facts as string[]).push('made-up-fact'), 'facts[6]: must be the id of a fact'],
    [
      'an extra clashing with an answers field',
      (p: Item) => (p.extras = [{ id: 'story', message: 'Tell me more' }]),
      'extras[0].id: "story" is already an answers-file field',
    ],
    ['an unknown pack field', (p: Item) => (p.colour = 'blue'), 'colour: is not a pack field'],
  ])('%s is refused, naming the file and the field', (_what, edit, expected) => {
    const dir = brokenPacks('application', edit);
    const error = loadError(dir);
    expect(error.message).toContain('application.json is broken');
    expect(error.details.some((d) => d.includes('application.json: ') && d.includes(expected))).toBe(true);
  });

  it('invalid JSON names the file', () => {
    const dir = brokenPacks('peer-review', () => undefined);
    writeFileSync(join(dir, 'peer-review.json'), '{ "kind": ');
    const error = loadError(dir);
    expect(error.message).toMatch(/peer-review\.json could not be loaded: it is not valid JSON/);
  });

  it('a missing pack file names the file', () => {
    const dir = tempDir('noisy-packs-');
    const error = loadError(dir);
    expect(error.message).toContain('application.json could not be loaded');
  });

  it('lists every problem of a pack at once', () => {
    const result = validatePack({ kind: 'application', methods: [] }, 'application');
    expect('errors' in result).toBe(true);
    const errors = 'errors' in result ? result.errors : [];
    for (const field of ['methods', 'defaultMethod', 'confounders', 'notAboutMe', 'extras', 'facts', 'label', 'titleExample', 'defaultBelief', 'whatTheySawPrompt']) {
      expect(errors.some((e) => e.startsWith(`${field}:`))).toBe(true);
    }
  });

  it('refuses a pack that is not an object', () => {
    expect(validatePack([], 'application')).toEqual({ errors: ['(top level): must be a JSON object'] });
  });
});
