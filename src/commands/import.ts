import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Context } from '../cli/context.js';
import { printJson } from '../cli/io.js';
import { readJsonStream } from '../cli/json-reader.js';
import { ExportChecker } from '../core/export-document.js';
import { RuntimeError, UsageError } from '../errors.js';
import { loadPacks } from '../packs/load.js';
import { emptyImportResult, Store, type ImportResult, type ImportSession } from '../storage/store.js';

export interface ImportOptions {
  json?: boolean;
}

/** Conflicts listed one per line; the JSON output has them all. */
const LISTED_CONFLICTS = 20;

/**
 * `noisy import FILE`: reads a `noisy export --format json` document back as it streams in,
 * checking each entry and storing it in one transaction: new entries are added, entries already
 * here are merged (mergeEntry). Any problem in the file stops the storing (the rest is still
 * checked, so every problem is listed) and rolls it all back: nothing is written, and a journal
 * made for this import is removed again.
 */
export async function importEntries(ctx: Context, source: string, options: ImportOptions): Promise<void> {
  const shown = source === '-' ? 'standard input' : source;
  const checker = new ExportChecker(loadPacks(), ctx.now());
  const target = new ImportTarget(ctx.dbPath);
  let result: ImportResult;
  try {
    await readJsonStream(ctx, source, 'export', '`noisy export --format json`', {
      paths: ['$.format', '$.version', '$.beliefs.*', '$.entries.*', '$.attempts.*'],
      onRoot: (type) => checker.root(type),
      onKey: (key, type) => checker.key(key, type),
      onValue: (value, key, depth, parent) => {
        if (depth === 1) {
          checker.field(key as string, value);
          return;
        }
        // Beliefs come first in an export, so the entries and attempts that name them find them here.
        if (parent === 'beliefs') {
          const belief = checker.belief(key as number, value);
          if (belief !== null && checker.ok) target.session().addBelief(belief);
          return;
        }
        if (parent === 'attempts') {
          const attempt = checker.attempt(key as number, value);
          if (attempt !== null && checker.ok) target.session().addAttempt(attempt);
          return;
        }
        const entry = checker.entry(key as number, value);
        // After the first problem, entries are only checked: all of it will be rolled back.
        if (entry !== null && checker.ok) target.session().add(entry);
      },
    });
    const problems = checker.finish();
    if (problems.total > 0) {
      throw new UsageError(`${shown} can't be imported; nothing was added. ${problems.total === 1 ? 'One problem' : `${problems.total} problems`}:`, [
        ...problems.listed,
        ...(problems.total > problems.listed.length ? [`...and ${problems.total - problems.listed.length} more.`] : []),
      ]);
    }
    result = target.commit();
  } catch (error) {
    target.abandon();
    throw error;
  }

  if (options.json) printJson(ctx, result);
  ctx.stderr.write(summary(result, shown));
  const others = [
    ...(result.beliefs.conflicts.length > 0 ? ['beliefs'] : []),
    ...(result.attempts.conflicts.length > 0 ? ['attempts'] : []),
  ];
  if (result.conflicts.length === 0 && others.length > 0) {
    throw new RuntimeError(`Some ${others.join(' and ')} differ from yours with the same id.`, [
      'Yours were kept as they were (listed above); everything else was imported.',
      ...others.map((o) => `Compare with \`noisy ${o} --json\`.`),
      'Keep the file.',
    ]);
  }
  if (result.conflicts.length > 0) {
    const n = result.conflicts.length;
    const listed = result.conflicts.slice(0, LISTED_CONFLICTS).map((c) => `${c.entryId}: ${c.reason}`);
    throw new RuntimeError(`${n === 1 ? 'One entry differs' : `${n} entries differ`} from the one with the same id here; kept as ${n === 1 ? 'it was' : 'they were'}:`, [
      ...listed,
      ...(n > listed.length ? [`...and ${n - listed.length} more (--json lists them all).`] : []),
      `Everything else was imported. Compare with \`noisy show ID\`; the file's version`,
      'was not imported, so keep the file.',
    ]);
  }
}

/**
 * The journal an import writes to, opened only when the first valid entry is ready to store: a
 * file that is wrong from the start never creates or touches the journal. If it did not exist,
 * a failed import removes it again, with the folders made for it.
 */
class ImportTarget {
  private store: Store | null = null;
  private current: ImportSession | null = null;
  private createdDirs: string[] = [];
  private created = false;

  constructor(private readonly path: string) {}

  session(): ImportSession {
    if (this.current) return this.current;
    this.created = !existsSync(this.path);
    this.createdDirs = missingFolders(dirname(resolve(this.path)));
    this.store = Store.open(this.path, { create: true });
    this.current = this.store.beginImport();
    return this.current;
  }

  commit(): ImportResult {
    const empty = emptyImportResult();
    // A failed commit leaves the store open for abandon() to roll back and clean up.
    const result = this.current?.commit() ?? empty;
    this.store?.close();
    return result;
  }

  abandon(): void {
    if (!this.store) return;
    try {
      this.current?.rollback();
    } finally {
      if (this.created) this.store.removeUnusedImportTarget(this.createdDirs);
      else this.store.close();
    }
  }
}

/** `dir` and the folders above it that don't exist yet, outermost first. */
function missingFolders(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  return missing;
}

function summary(result: ImportResult, shown: string): string {
  const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
  const lines = [`Imported ${entries(result.added)} from ${shown}.`];
  if (result.merged > 0) {
    const f = result.followUpsAdded;
    lines.push(`Added ${f} ${f === 1 ? 'follow-up' : 'follow-ups'} to ${entries(result.merged)} already here.`);
  }
  if (result.skipped > 0) lines.push(`Skipped ${entries(result.skipped)} already here, with nothing new.`);
  const b = result.beliefs;
  const beliefs = (n: number) => `${n} ${n === 1 ? 'belief' : 'beliefs'}`;
  if (b.added > 0) lines.push(`Imported ${beliefs(b.added)}.`);
  if (b.joined > 0) lines.push(`Joined ${beliefs(b.joined)} to yours with the same statement.`);
  if (b.conflicts.length > 0) {
    lines.push(`Left ${beliefs(b.conflicts.length)} as ${b.conflicts.length === 1 ? 'it was' : 'they were'} here; the file's differ:`);
    for (const c of b.conflicts.slice(0, LISTED_CONFLICTS)) lines.push(`  ${c.beliefId}: ${c.reason}`);
  }
  const a = result.attempts;
  const attempts = (n: number) => `${n} ${n === 1 ? 'attempt' : 'attempts'}`;
  if (a.added > 0) lines.push(`Imported ${attempts(a.added)}.`);
  if (a.updated > 0) lines.push(`Took the outcome of ${attempts(a.updated)} resolved in the file.`);
  if (a.conflicts.length > 0) {
    lines.push(`Left ${attempts(a.conflicts.length)} as ${a.conflicts.length === 1 ? 'it was' : 'they were'} here; the file's differ:`);
    for (const c of a.conflicts.slice(0, LISTED_CONFLICTS)) lines.push(`  ${c.attemptId}: ${c.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
