// Builds stored-shape entries for pure tests, through the same validation an answers file gets.
import { parseAnswers } from '../../src/core/answers.js';
import type { Entry, FollowUp } from '../../src/core/entry.js';
import { loadPacks } from '../../src/packs/load.js';
import { answers } from './answers.js';

export const packs = loadPacks();

let counter = 0;

/** A valid entry from answers(overrides); ids are distinct and valid unless given. */
export function makeEntry(overrides: Record<string, unknown> = {}, stored: { id?: string; createdAt?: string; followUps?: FollowUp[] } = {}): Entry {
  const result = parseAnswers(answers(overrides), packs, '2026-12-31');
  if (!result.ok) throw new Error(`test entry is invalid:\n${result.errors.join('\n')}`);
  counter += 1;
  return {
    id: stored.id ?? `test${idDigits(counter)}`,
    createdAt: stored.createdAt ?? '2026-11-20T14:03:00.000Z',
    ...result.answers,
    followUps: stored.followUps ?? [],
    revisions: [],
  };
}

const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

function idDigits(n: number): string {
  let out = '';
  do {
    out = ALPHABET[n % ALPHABET.length] + out;
    n = Math.floor(n / ALPHABET.length);
  } while (n > 0);
  return out.padStart(6, '2');
}
