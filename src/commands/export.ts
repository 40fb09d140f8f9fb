import { dirname, join, relative, resolve } from 'node:path';
import type { Context } from '../cli/context.js';
import { RuntimeError, UsageError } from '../errors.js';
import { parseFilterOptions, type FilterFlags } from '../cli/filters.js';
import { ChunkWriter } from '../cli/io.js';
import { catchingStopSignals } from '../cli/stop-signals.js';
import { removeLeftoversIn } from '../cli/temp-files.js';
import { utf8Blocks } from '../cli/utf8-blocks.js';
import { checkWritable, lstatOrNull, notRegularError, refuseJournalAsOutput, statOrNull, writeFileAtomically } from '../cli/write-file.js';
import { writeFolder } from '../cli/write-folder.js';
import type { Entry } from '../core/entry.js';
import { beliefBars } from '../core/belief-picture.js';
import { toIsoDay } from '../core/dates.js';
import { beliefPictures } from './belief-pictures.js';
import type { Attempt } from '../core/attempts.js';
import { EXPORT_FORMATS, findExporter } from '../exporters/registry.js';
import { loadPacks, type Packs } from '../packs/load.js';
import { keyFor } from '../storage/cipher.js';
import { Store, type EntryFilter } from '../storage/store.js';

export interface ExportOptions extends FilterFlags {
  /** An exporter's name (see EXPORT_FORMATS); defaults to md. */
  format?: string;
  /** A file, or '-' (the default) for standard output. */
  output?: string;
  /** A folder to write one Markdown file per entry into. */
  split?: string;
  /** Replace files that already exist. */
  force?: boolean;
}

/** `noisy export`: entries as Markdown or JSON, on stdout, in a file, or one file per entry. */
export async function exportEntries(ctx: Context, options: ExportOptions): Promise<void> {
  const format = options.format ?? 'md';
  const exporter = findExporter(format);
  if (!exporter) throw new UsageError(`--format "${format}" is not an export format.`, [`Use one of: ${EXPORT_FORMATS.join(', ')}.`]);
  if (options.split !== undefined) {
    if (format !== 'md') throw new UsageError('--split writes Markdown files, one per entry; it does not go with --format json.', ['Drop --format json, or drop --split to get one JSON document.']);
    if (options.output !== undefined) throw new UsageError('--split writes into a folder, so -o has nothing to do.', ['Use one of them: --split DIR or -o FILE.']);
  }
  if (options.output !== undefined && options.output !== '-') refuseJournalAsOutput(ctx.dbPath, resolve(ctx.cwd, options.output), 'journal-export.md');
  const filter = await parseFilterOptions(options, ctx);
  const packs = loadPacks();

  const store = Store.openForReading(ctx.dbPath);
  if (keyFor(ctx.dbPath) !== null) {
    ctx.stderr.write(
      'The journal is encrypted; this export is not: anyone who gets it can read it.\n' +
        'Keep it on an encrypted disk, or run gpg -c FILE and delete the plain copy.\n',
    );
  }
  try {
    if (options.split !== undefined) {
      const count = await writeSplit(ctx, () => store.iterateEntries(filter), packs, beliefBars(store.listBeliefs()), options.split, options.force ?? false);
      if (count === 0) ctx.stderr.write(noneHint(filter));
      return;
    }
    let count = 0;
    const counted = function* (entries: Iterable<Entry>) {
      for (const entry of entries) {
        count += 1;
        yield entry;
      }
    };
    const render = await exporter.load();
    // Attempts have no kind or tag: the days of --since/--until choose them, and a --kind or --tag export leaves them out.
    const withAttempts = !filter.kind && !filter.tag;
    const attempts = () => (withAttempts ? attemptsIn(store.attempts.iterate(), filter.since, filter.until) : []);
    // A filtered export carries only the beliefs its entries and attempts name.
    // The Markdown's Beliefs section: each belief's picture of the evidence these filters choose, once.
    const pictures = () => beliefPictures(store, toIsoDay(ctx.now()), { filter });
    const chunks = render(counted(store.iterateEntries(filter)), { packs, beliefs: store.beliefsNamedBy(filter, withAttempts), attempts, pictures, today: toIsoDay(ctx.now()) });
    const output = options.output ?? '-';
    if (output === '-') {
      writeBuffered(ctx, chunks);
      ctx.stderr.write(`Exported ${plural(count, 'entry', 'entries')}.\n`);
      if (count === 0) ctx.stderr.write(noneHint(filter));
      return;
    }
    const path = resolve(ctx.cwd, output);
    const writeOptions = { overwrite: options.force ?? false, shown: output };
    checkWritable(path, writeOptions);
    removeLeftoversIn(ctx, [dirname(path)]);
    await catchingStopSignals((stop) => writeFileAtomically(path, chunks, { ...writeOptions, stop }));
    ctx.stderr.write(`Exported ${plural(count, 'entry', 'entries')} to ${output}.\n`);
    if (count === 0) ctx.stderr.write(noneHint(filter));
  } finally {
    store.close();
  }
}

/**
 * One Markdown file per entry, all or nothing (see cli/write-folder.ts). Every name is checked
 * before anything is written.
 */
async function writeSplit(ctx: Context, entries: () => Iterable<Entry>, packs: Packs, bars: ReadonlyMap<string, number>, folder: string, force: boolean): Promise<number> {
  const { entryFileName, renderEntryFile } = await import('../exporters/markdown.js');
  const dir = resolve(ctx.cwd, folder);
  const shown = (name: string) => relative(ctx.cwd, join(dir, name)) || name;
  const existing = statOrNull(dir);
  if (existing && !existing.isDirectory()) throw new RuntimeError(`Could not write into ${folder}: it is a file, not a folder.`);
  if (existing) {
    // A first pass over the names only (one short string per entry), so a clash stops the export
    // before any file is written rather than halfway through.
    const clashes: string[] = [];
    for (const entry of entries()) {
      const name = entryFileName(entry);
      const there = lstatOrNull(join(dir, name));
      if (there && !there.isFile()) throw notRegularError(join(dir, name), shown(name), there);
      if (there) clashes.push(shown(name));
    }
    if (clashes.length > 0 && !force) {
      throw new UsageError(`${plural(clashes.length, 'file', 'files')} in ${folder} already exist, and noisy does not overwrite files unless asked:`, [
        ...clashes.slice(0, 10),
        ...(clashes.length > 10 ? [`...and ${clashes.length - 10} more.`] : []),
        'Add --force to replace them, or choose another folder.',
      ]);
    }
  }
  removeLeftoversIn(ctx, existing ? [dirname(dir), dir] : [dirname(dir)]);
  const files = function* () {
    for (const entry of entries()) yield { name: entryFileName(entry), text: renderEntryFile(entry, packs[entry.kind], packs, bars.get(entry.belief.id ?? '') ?? null) };
  };
  const count = await catchingStopSignals((stop) => writeFolder(dir, files(), { folder, shown, overwrite: force, stop }));
  ctx.stderr.write(`Wrote ${plural(count, 'file', 'files')} to ${folder}, one per entry.\n`);
  return count;
}


/**
 * The document on standard output, in 64 KB blocks. Exporters escape people's text for a terminal as
 * they render it (see registry.ts), so the blocks go out as they are, unchecked a second time.
 */
function writeBuffered(ctx: Context, chunks: Iterable<string>): void {
  if (ctx.stdout.writeBytes) {
    for (const block of utf8Blocks(chunks)) ctx.stdout.writeBytes(block, 'terminal-safe');
    return;
  }
  const writer = new ChunkWriter(ctx.stdout);
  for (const chunk of chunks) writer.push(chunk);
  writer.flush();
}

function noneHint(filter: EntryFilter): string {
  const filtered = filter.since || filter.until || filter.kind || filter.tag;
  return filtered ? 'No entries match those filters; `noisy list` shows what you have.\n' : 'The journal has no entries yet.\n';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function* attemptsIn(attempts: Iterable<Attempt>, since: string | undefined, until: string | undefined): Generator<Attempt> {
  for (const a of attempts) if ((!since || a.date >= since) && (!until || a.date <= until)) yield a;
}
