import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { KINDS, type Kind } from '../core/domain.js';
import { validatePack, type Pack } from '../core/pack.js';
import { RuntimeError } from '../errors.js';

/** prompts/ sits beside dist/ and src/ in the package. */
export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

export type Packs = Readonly<Record<Kind, Pack>>;

/** Loads and validates every question pack; a broken pack is an error naming its file and field. */
export function loadPacks(dir: string = PROMPTS_DIR): Packs {
  const packs: Partial<Record<Kind, Pack>> = {};
  for (const kind of KINDS) packs[kind] = loadPack(kind, dir);
  return packs as Packs;
}

export function loadPack(kind: Kind, dir: string = PROMPTS_DIR): Pack {
  const file = join(dir, `${kind}.json`);
  const shown = relative(process.cwd(), file) || file;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : (error as Error).message;
    throw new RuntimeError(`The question pack ${shown} could not be loaded: ${reason}.`, [
      'Reinstall noisy, or fix the file if you edited it.',
    ]);
  }
  const result = validatePack(data, kind);
  if ('errors' in result) {
    throw new RuntimeError(
      `The question pack ${shown} is broken:`,
      result.errors.map((e) => `${shown}: ${e}`),
    );
  }
  return result.pack;
}
