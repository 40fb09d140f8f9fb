import type { Context } from '../cli/context.js';
import { printJson, readJsonInput } from '../cli/io.js';
import { parseAnswers } from '../core/answers.js';
import { toIsoDay } from '../core/dates.js';
import { isKind } from '../core/domain.js';
import { deletePath, isObject } from '../core/fields.js';
import type { Answers, Entry } from '../core/entry.js';
import { answersOf, changedPaths, patchedAnswers, revisionOf } from '../core/revisions.js';
import { impossibleOutcome } from '../core/beliefs.js';
import { METHODS_BY_KIND, methodFitsKind } from '../core/domain.js';
import { assess } from '../core/summary.js';
import { UsageError } from '../errors.js';
import { loadPacks, type Packs } from '../packs/load.js';
import { Store } from '../storage/store.js';
import { REVIEW } from '../ui/review-text.js';
import { styler, wrap } from '../ui/style.js';
import { renderSummary } from '../ui/summary-text.js';
import { findEntry } from './lookup.js';
import { dayParserOnce, entryForm, MemoryAnswers, review, type Prompter } from './questions.js';

export interface EditOptions {
  /** A JSON merge patch (RFC 7396) of the answers, or '-' for standard input. */
  answers?: string;
  json?: boolean;
}

/**
 * `noisy edit ID`: change a saved entry's answers, on the review screen or with a patch file. The
 * answers before are kept as a revision; the assessment and history follow the new answers, and
 * follow-ups stay with the entry.
 */
export async function edit(ctx: Context, id: string, options: EditOptions): Promise<void> {
  const packs = loadPacks();
  const today = toIsoDay(ctx.now());

  if (options.answers !== undefined) {
    const shown = options.answers === '-' ? 'standard input' : options.answers;
    const patch = await readJsonInput(ctx, options.answers, 'answers');
    const store = Store.open(ctx.dbPath, { create: false });
    try {
      const entry = findEntry(store, id);
      const raw = patchedAnswers(answersOf(entry), patch, (kind) => (isKind(kind) ? packs[kind].extras.map((e) => e.id) : []));
      const agreement = isObject(raw) && beliefFromPatch(raw, patch);
      save(ctx, store, entry, checked(raw, packs, today, shown, entry), packs, options.json ?? false, agreement);
    } finally {
      store.close();
    }
    return;
  }

  if (!ctx.interactive) {
    throw new UsageError('noisy edit changes answers in a terminal, and this is not one.', [
      'Without a terminal, give the changes with --answers:',
      '  noisy edit ID --answers changes.json',
      '  noisy edit ID --answers - < changes.json   (from standard input)',
      'The file holds only what changes, e.g. {"evaluation": {"selectionRate": 2}};',
      'a field set to null is removed.',
    ]);
  }

  const store = Store.open(ctx.dbPath, { create: false });
  try {
    const entry = findEntry(store, id);
    const asker = await ctx.asker();
    const out = options.json ? ctx.stderr : ctx.stdout;
    const prompter: Prompter = {
      asker,
      now: ctx.now(),
      out: (text) => out.write(text),
      c: styler(options.json ? ctx.color.stderr : ctx.color.stdout),
      dayParser: dayParserOnce(),
    };
    const answers = new MemoryAnswers(structuredClone(answersOf(entry)) as unknown as Record<string, unknown>);
    const beliefs = store.listBeliefs().map((b) => ({ id: b.id, statement: b.statement }));
    ctx.stderr.write(`${REVIEW.backHint.replace(/ Ctrl\+C.*/, ' Ctrl+C stops without changing anything.')}\n`);
    const outcome = await review(entryForm(packs, today, beliefs), prompter, answers, {
      heading: `Editing "${entry.title}" (${entry.id})`,
      save: 'Save the changes',
      stop: 'Stop without changing anything',
    }, { start: 'change' });
    if (outcome !== 'save') {
      ctx.stderr.write(`Nothing was changed in ${entry.id}.\n`);
      return;
    }
    save(ctx, store, entry, checked(answers.answers, packs, today, 'your answers', entry), packs, options.json ?? false);
  } finally {
    store.close();
  }
}

/** The edited answers, checked exactly like an answers file (the same rules and messages). */
function checked(raw: unknown, packs: Packs, today: string, shown: string, entry: Entry): Answers {
  const result = parseAnswers(raw, packs, today);
  if (result.ok) return result.answers;
  const count = result.errors.length === 1 ? 'a problem' : `${result.errors.length} problems`;
  throw new UsageError(`The answers in ${shown} have ${count}; nothing was changed:`, [
    ...result.errors,
    ...savedBeforeTheRules(entry, raw),
    'Fix these fields and run the command again (examples/answers.json shows every',
    'field; the file holds only what changes, and null removes a field).',
  ]);
}

/**
 * An entry saved before noisy checked that its method fits its kind, or that its rate can produce
 * its outcome, is refused by any edit that leaves that as it was: say so, and give the exact change
 * that fixes it.
 */
function savedBeforeTheRules(entry: Entry, raw: unknown): string[] {
  const unchanged = (path: 'method' | 'selectionRate') => {
    const evaluation = typeof raw === 'object' && raw !== null ? (raw as { evaluation?: Record<string, unknown> }).evaluation : undefined;
    return evaluation?.[path] === entry.evaluation[path];
  };
  const change: string[] = [];
  const notes: string[] = [];
  if (!methodFitsKind(entry.kind, entry.evaluation.method) && unchanged('method')) {
    const fits = METHODS_BY_KIND[entry.kind];
    change.push(`"method": "${fits[0]}"`);
    if (fits.length > 1) notes.push(`"method" may also be ${fits.slice(1).join(', ')}.`);
  }
  if (entry.evaluation.selectionRate !== null && impossibleOutcome(entry.outcome, entry.evaluation.selectionRate) && unchanged('selectionRate')) {
    change.push('"selectionRate": null');
    notes.push('"selectionRate": null means not known; give the real share if you know it.');
  }
  if (change.length === 0) return [];
  return [
    `Entry ${entry.id} was saved before noisy checked this, so a change to it must`,
    'fix it too. Add to your changes:',
    `  {"evaluation": {${change.join(', ')}}}`,
    ...notes.flatMap((note) => wrap(note, 76, '').split('\n')),
  ];
}

/**
 * Which belief a patch means. The patched answers hold the entry's belief id and statement; a patch
 * that gives only a statement moves the entry to the belief that statement matches (or a new one), one
 * that gives only an id takes that belief's statement, and one that gives both must have them agree.
 * Returns whether they must agree.
 */
function beliefFromPatch(raw: Record<string, unknown>, patch: unknown): boolean {
  const given = isObject(patch) && isObject(patch.belief) ? patch.belief : {};
  const gives = (key: string) => given[key] !== undefined && given[key] !== null;
  if (gives('statement') && !gives('id')) deletePath(raw, 'belief.id');
  if (gives('id') && !gives('statement')) deletePath(raw, 'belief.statement');
  return gives('id') && gives('statement');
}

function save(ctx: Context, store: Store, entry: Entry, given: Answers, packs: Packs, json: boolean, agreement = false): void {
  const previous = answersOf(entry);
  // A belief named by id alone keeps the entry's own words when it is the same belief, else takes its statement.
  const next =
    given.belief.statement === '' && given.belief.id !== undefined
      ? { ...given, belief: { ...given.belief, statement: given.belief.id === previous.belief.id ? previous.belief.statement : (store.getBelief(given.belief.id)?.statement ?? '') } }
      : given;
  const changed = changedPaths(previous, next);
  let stored = entry;
  if (changed.length > 0) {
    store.reviseEntry(entry.id, next, revisionOf(previous, next, ctx.now()), { agreement });
    stored = store.getEntry(entry.id) ?? entry;
  }
  const assessment = assess(stored, packs[stored.kind], store.beliefBar(stored.belief.id));
  if (json) printJson(ctx, { entry: stored, assessment });
  else ctx.stdout.write(renderSummary(stored, assessment, styler(ctx.color.stdout)));
  ctx.stderr.write(
    changed.length === 0
      ? `Nothing changed in ${entry.id}: the answers are as they were.\n`
      : `${wrap(`Saved the changes to ${entry.id}: ${changed.join(', ')}.`, 80, '  ')}\n` +
          `The answers before are kept: \`noisy show ${entry.id} --revisions\`.\n`,
  );
}
