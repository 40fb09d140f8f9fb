import type { Context } from '../cli/context.js';
import { printJson } from '../cli/io.js';
import { checkBar, checkSharedError, type BeliefPicture } from '../core/belief-picture.js';
import { beliefJson, beliefPictures } from './belief-pictures.js';
import { MAX_SHARED_ERROR } from '../core/beliefs.js';
import { clip, LIMITS, normaliseText, textProblems } from '../core/answers.js';
import { UsageError } from '../errors.js';
import { findBelief } from './lookup.js';
import { toIsoDay } from '../core/dates.js';
import { Store } from '../storage/store.js';
import { renderBelief, renderBeliefs } from '../ui/beliefs-text.js';
import { styler } from '../ui/style.js';

export interface BeliefsOptions {
  json?: boolean;
}

/** `noisy beliefs`: every belief with its evaluations, and where all of them together leave a calibrated person. */
export async function beliefs(ctx: Context, options: BeliefsOptions): Promise<void> {
  const today = toIsoDay(ctx.now());
  const store = Store.openForReading(ctx.dbPath);
  let pictures: BeliefPicture[];
  try {
    pictures = beliefPictures(store, today, { all: true });
  } finally {
    store.close();
  }
  if (options.json) {
    printJson(ctx, { beliefs: pictures.map(beliefJson) });
    return;
  }
  if (pictures.length === 0) {
    ctx.stderr.write('No beliefs yet. Each entry is about a belief; run `noisy reflect` after your\nnext hard evaluation.\n');
    return;
  }
  ctx.stdout.write(renderBeliefs(pictures, styler(ctx.color.stdout)));
}

export interface BeliefsSetOptions {
  bar?: string;
  sharedError?: string;
  json?: boolean;
}

/** `noisy beliefs set ID --bar N --shared-error R`: a belief's own assumptions ("default": noisy's again). */
export async function beliefsSet(ctx: Context, id: string, options: BeliefsSetOptions): Promise<void> {
  if (options.bar === undefined && options.sharedError === undefined) {
    throw new UsageError('Nothing to set: give --bar, --shared-error, or both.', [
      'e.g. noisy beliefs set b-3fk2xa --bar 10 --shared-error 0.5',
      '("default" puts back noisy\'s own: --bar default).',
    ]);
  }
  const change: { bar?: number | null; sharedErrorCorrelation?: number | null } = {};
  if (options.bar !== undefined) change.bar = parseSetting(options.bar, '--bar', checkBar);
  if (options.sharedError !== undefined) change.sharedErrorCorrelation = parseSetting(options.sharedError, '--shared-error', checkSharedError);
  await changeBelief(ctx, id, change, options.json ?? false);
}

export interface BeliefsRenameOptions {
  json?: boolean;
}

/** `noisy beliefs rename ID STATEMENT`: new words for a belief; its entries keep their own. */
export async function beliefsRename(ctx: Context, id: string, statement: string, options: BeliefsRenameOptions): Promise<void> {
  const text = normaliseText(statement);
  const problems = text === '' ? ['must not be empty'] : textProblems(text, LIMITS.shortText);
  if (problems.length > 0) throw new UsageError(`The new statement ${problems[0]}; nothing was changed.`, ['e.g. noisy beliefs rename b-3fk2xa "I can do well as a research engineer"']);
  await changeBelief(ctx, id, { statement: text }, options.json ?? false);
}

async function changeBelief(ctx: Context, id: string, change: Parameters<Store['updateBelief']>[1], json: boolean): Promise<void> {
  const today = toIsoDay(ctx.now());
  const store = Store.open(ctx.dbPath, { create: false });
  let picture: BeliefPicture;
  try {
    const belief = store.updateBelief(findBelief(store, id).id, change);
    picture = beliefPictures(store, today, { filter: { belief: belief.id }, all: true })[0]!;
  } finally {
    store.close();
  }
  if (json) printJson(ctx, { belief: beliefJson(picture) });
  else ctx.stdout.write(`${renderBelief(picture, styler(ctx.color.stdout))}\n`);
  ctx.stderr.write(`Saved. \`noisy beliefs\` shows every belief.\n`);
}

/** A setting's value: "default" (null), or a number its check accepts (a UsageError naming the flag otherwise). */
function parseSetting(text: string, flag: string, check: (n: number) => string | null): number | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'default') return null;
  const n = trimmed === '' ? Number.NaN : Number(trimmed);
  const problem = Number.isFinite(n) ? check(n) : 'is not a number';
  if (problem !== null) throw new UsageError(`${flag} "${clip(text)}" ${problem}.`, [...SETTING_HELP[flag]!, 'Nothing was changed.']);
  return n;
}

const SETTING_HELP: Record<string, string[]> = {
  '--bar': ['--bar is the percent of people trying for this line of work who would do well:', 'more than 0, less than 100 (e.g. 10), or "default".'],
  '--shared-error': [`--shared-error is a correlation from 0 (each evaluation independent) to ${MAX_SHARED_ERROR}`, '(e.g. 0.5), or "default".'],
};
