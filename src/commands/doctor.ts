import { basename, dirname, relative } from 'node:path';
import type { Context } from '../cli/context.js';
import { findLeftovers, leftoverLabel } from '../cli/temp-files.js';
import { RuntimeError } from '../errors.js';
import { printJson } from '../cli/io.js';
import { toIsoDay } from '../core/dates.js';
import { METHODS_BY_KIND } from '../core/domain.js';
import { inspectJournal, type EntryBeforeRules, type JournalInspection } from '../storage/inspect.js';
import { styler, wrap } from '../ui/style.js';

export interface DoctorOptions {
  json?: boolean;
}

/** ok: fine; info: worth knowing; warn: fix it (privacy); problem: noisy can't use the journal as it is. */
export type CheckStatus = 'ok' | 'info' | 'warn' | 'problem';

export interface Check {
  id: 'folder' | 'journal' | 'permissions' | 'wal' | 'schema' | 'integrity' | 'references' | 'contents' | 'old-entries' | 'leftovers';
  status: CheckStatus;
  message: string;
  /** A command or step that fixes it. */
  fix?: string;
}

/** `noisy doctor`: checks the journal and reports, changing nothing. Exit 1 when something needs fixing. */
export async function doctor(ctx: Context, options: DoctorOptions): Promise<void> {
  const inspection = inspectJournal(ctx.dbPath, toIsoDay(ctx.now()));
  const checks = [...diagnose(inspection), ...leftoverExports(ctx)];
  const needsFixing = checks.filter((c) => c.status === 'warn' || c.status === 'problem');
  const { keyringState } = await import('../storage/keyring.js');
  const keyring = await keyringState(inspection.path, ctx.env);
  if (options.json) {
    printJson(ctx, {
      path: inspection.path,
      healthy: needsFixing.length === 0,
      encrypted: inspection.encrypted,
      keyring,
      checks,
      inspection: withOctalModes(inspection),
    });
  } else {
    ctx.stdout.write(render(inspection.path, checks, needsFixing.length, ctx.color.stdout));
  }
  if (needsFixing.length > 0) {
    const count = needsFixing.length === 1 ? 'one thing' : `${needsFixing.length} things`;
    throw new RuntimeError(`Found ${count} to fix with the journal at ${inspection.path}.`);
  }
}

/** Turns what was found into checks, each with its verdict and, where there is one, the fix. */
export function diagnose(j: JournalInspection): Check[] {
  return collectChecks(j).sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
}

const ORDER: readonly Check['id'][] = ['folder', 'journal', 'permissions', 'wal', 'schema', 'integrity', 'references', 'contents', 'old-entries'];

/**
 * What each check is called on screen: words a person knows. The ids stay in --json, where scripts
 * rely on them. At most 12 characters, so the messages line up at column 24.
 */
export const CHECK_NAMES: Readonly<Record<Check['id'], string>> = {
  folder: 'Folder',
  journal: 'Journal file',
  permissions: 'Permissions',
  wal: 'Working file',
  schema: 'File format',
  integrity: 'Damage',
  references: 'Links',
  contents: 'Contents',
  'old-entries': 'Old entries',
  leftovers: 'Stray copies',
};

function collectChecks(j: JournalInspection): Check[] {
  const checks: Check[] = [];
  const { folder } = j;
  const q = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
  const folderProblem = j.ownership.find((p) => p.what === 'folder');

  if (!folder.exists) {
    checks.push({ id: 'folder', status: 'info', message: `${folder.path} does not exist yet; noisy creates it (private to you) at the first save.` });
  } else if (!folder.isFolder) {
    checks.push({ id: 'folder', status: 'problem', message: `${folder.path} is a file, so the journal can't live inside it.`, fix: 'Choose another place with --db PATH or $NOISY_DB.' });
  } else if (folderProblem) {
    checks.push({ id: 'folder', status: 'problem', message: `${folder.path} ${folderProblem.problem}. noisy will not use a journal there.`, fix: `${folderProblem.fix} (or keep the journal in a folder of your own: --db PATH)` });
  } else if (!folder.writable) {
    checks.push({ id: 'folder', status: 'problem', message: `${folder.path} is not writable by you, so noisy can't save.`, fix: `chmod 700 ${q(folder.path)}` });
  } else if (folder.mode !== null && (folder.mode & 0o077) !== 0) {
    checks.push({ id: 'folder', status: 'warn', message: `${folder.path} can be opened by other people on this computer (${octal(folder.mode)}).`, fix: `chmod 700 ${q(folder.path)}` });
  } else {
    checks.push({ id: 'folder', status: 'ok', message: `${folder.path} (${octal(folder.mode ?? 0)}, private)` });
  }

  if (j.type === 'missing') {
    checks.push({ id: 'journal', status: 'info', message: 'No journal yet: noisy creates it at the first save (`noisy reflect`).' });
    return checks;
  }
  if (j.type !== 'file') {
    checks.push({
      id: 'journal',
      status: 'problem',
      message: `${j.path} is ${j.type === 'folder' ? 'a folder' : 'not a regular file'}, not a journal file. noisy leaves it alone.`,
      fix: 'Point --db or $NOISY_DB at your journal file, or move this out of the way.',
    });
    return checks;
  }

  const loose = j.files.filter((f) => (f.mode & 0o077) !== 0);
  const fileProblems = j.ownership.filter((p) => p.what === 'file');
  if (fileProblems.length > 0) {
    checks.push({
      id: 'permissions',
      status: 'problem',
      message: `${fileProblems.map((p) => `${basename(p.path)} ${p.problem}`).join('; ')}. noisy will not use the journal so.`,
      fix: fileProblems.map((p) => p.fix).join(' && '),
    });
  } else if (loose.length > 0) {
    checks.push({
      id: 'permissions',
      status: 'warn',
      message: `Other people on this computer can read ${loose.map((f) => `${basename(f.path)} (${octal(f.mode)})`).join(', ')}.`,
      fix: `chmod 600 ${loose.map((f) => q(f.path)).join(' ')}`,
    });
  } else {
    checks.push({ id: 'permissions', status: 'ok', message: `${j.files.map((f) => `${basename(f.path)} ${octal(f.mode)}`).join(', ')} (private)` });
  }

  const size = j.files[0]?.size ?? 0;
  if (j.header === 'empty') {
    checks.push({ id: 'journal', status: 'info', message: `${j.path} is an empty file; noisy sets it up at the next save.` });
    return checks;
  }
  if (j.header === 'unreadable') {
    checks.push({ id: 'journal', status: 'problem', message: `${j.path} can't be read by you.`, fix: `chmod 600 ${q(j.path)} (as its owner)` });
    return checks;
  }
  if (j.header === 'not-sqlite') {
    checks.push({
      id: 'journal',
      status: 'problem',
      message: `${j.path} is damaged, or encrypted (it is not plain SQLite). noisy will not write over it.`,
      fix: 'If it is encrypted, give its passphrase: noisy doctor --passphrase-file FILE. If it is damaged, restore it from a backup; if it is not your journal, point --db or $NOISY_DB at yours.',
    });
    return checks;
  }
  if (j.encrypted && j.schemaVersion === null) {
    checks.push({
      id: 'journal',
      status: 'problem',
      message: `${j.path} did not open: wrong passphrase, or not a noisy journal. noisy will not write over it.`,
      fix: 'Give the passphrase it was encrypted with (--passphrase-file FILE); if it is damaged, restore it from a backup.',
    });
    return checks;
  }
  if (j.header === 'cut-short') {
    checks.push({
      id: 'journal',
      status: 'problem',
      message: `${j.path} looks cut short (${size} bytes: less than its header says, or not a whole number of pages). noisy will not write to it.`,
      fix: restore(j.path),
    });
    return checks;
  }
  if (j.openError !== null && j.schemaVersion === null) {
    checks.push({ id: 'journal', status: 'problem', message: `${j.path} can't be opened: ${j.openError}.`, fix: restore(j.path) });
    return checks;
  }
  const wal = `${basename(j.path)}-wal`;
  if (j.wal?.belongs === false) {
    const shm = j.files.some((f) => f.path === `${j.path}-shm`);
    checks.push({
      id: 'wal',
      status: 'problem',
      message: `${wal} does not belong to this journal (${j.wal.reason}). SQLite would merge it in for good; noisy will not use the journal while it is there.`,
      fix: `With no noisy running, move it aside: mv ${q(`${j.path}-wal`)} ${q(`${j.path}-wal.stray`)}${shm ? ` ${q(`${j.path}-shm`)} ${q(`${j.path}-shm.stray`)}` : ''}`,
    });
  } else if (j.wal?.belongs) {
    checks.push({ id: 'wal', status: 'ok', message: `${wal} holds saves not yet folded into the journal (a noisy has it open, or was stopped); it belongs to it.` });
  }
  const seen = j.recognition;
  if (seen?.kind === 'foreign') {
    const what = seen.applicationId !== 0 ? `another program's database (application id 0x${seen.applicationId.toString(16).padStart(8, '0')})` : "an SQLite database without noisy's tables";
    checks.push({
      id: 'journal',
      status: 'problem',
      message: `${j.path} is not a noisy journal: it is ${what}. noisy will not write to it.`,
      fix: 'Point --db or $NOISY_DB at your journal, or move this file away.',
    });
    return checks;
  }
  if (seen?.kind === 'blank') {
    checks.push({ id: 'journal', status: 'info', message: `${j.path} is an empty SQLite database; noisy sets it up at the next save.` });
    return checks;
  }
  checks.push({ id: 'journal', status: 'ok', message: `${j.path}: ${j.encrypted ? 'an encrypted (SQLCipher 4)' : 'an'} SQLite database, ${kilobytes(size)}` });
  if (seen?.kind === 'incomplete') {
    checks.push({
      id: 'schema',
      status: 'problem',
      message: `Schema version ${seen.version}, but missing ${seen.missing.join(', ')}. noisy will not use it: it could not read back a save.`,
      fix: restore(j.path),
    });
    return checks;
  }

  const version = seen?.kind === 'noisy' ? seen.version : (j.schemaVersion ?? 0);
  if (version > j.knownSchemaVersion) {
    checks.push({
      id: 'schema',
      status: 'problem',
      message: `It was written by a newer version of noisy (schema ${version}; this one knows up to ${j.knownSchemaVersion}).`,
      fix: 'Update noisy to use it. This noisy will not change it.',
    });
  } else if (version < j.knownSchemaVersion) {
    checks.push({ id: 'schema', status: 'info', message: `Schema version ${version}; the next noisy command that opens it upgrades it to ${j.knownSchemaVersion}.` });
  } else {
    checks.push({ id: 'schema', status: 'ok', message: `Schema version ${version}, the one this noisy writes.` });
  }

  const integrity = j.integrity ?? [];
  if (j.openError !== null || integrity.join() !== 'ok') {
    const found = j.openError ?? integrity.slice(0, 3).join('; ');
    checks.push({ id: 'integrity', status: 'problem', message: `The database is damaged: ${found}.`, fix: restore(j.path) });
  } else {
    checks.push({ id: 'integrity', status: 'ok', message: "None found (SQLite's integrity check)." });
  }
  if ((j.foreignKeyProblems ?? 0) > 0) {
    checks.push({ id: 'references', status: 'problem', message: `${j.foreignKeyProblems} rows point at entries that don't exist (SQLite's foreign key check).`, fix: restore(j.path) });
  } else if (j.foreignKeyProblems === 0) {
    checks.push({ id: 'references', status: 'ok', message: "Every follow-up and edit belongs to an entry (SQLite's foreign key check)." });
  }

  if (j.entries !== null) {
    const parts = [plural(j.entries, 'entry', 'entries')];
    for (const draft of j.drafts ?? []) parts.push(draftWords(draft.name, draft.updatedAt.slice(0, 16).replace('T', ' ')));
    if (j.dueFollowUps) parts.push(`${plural(j.dueFollowUps, 'follow-up', 'follow-ups')} due`);
    checks.push({ id: 'contents', status: 'info', message: `${parts.join('; ')}.` });
  }
  const old = oldEntriesCheck(j.entriesBeforeRules ?? []);
  if (old) checks.push(old);
  return checks;
}

/** At most this many entries saved before the rules are named in the human report (--json has all). */
const LISTED_OLD_ENTRIES = 5;

/**
 * Entries saved before noisy checked that a rate can produce the outcome and that a method fits its
 * kind. Nothing is wrong with the journal (info: doctor still says healthy), but the model leaves
 * them out until they are fixed, and `noisy edit` fixes them.
 */
function oldEntriesCheck(entries: readonly EntryBeforeRules[]): Check | null {
  if (entries.length === 0) return null;
  const listed = entries.slice(0, LISTED_OLD_ENTRIES).map((e) => `${e.id} (${e.problems.map((p) => oldProblemWords(e, p)).join('; ')})`);
  const more = entries.length - listed.length;
  const count = entries.length === 1 ? 'One entry was' : `${entries.length} entries were`;
  return {
    id: 'old-entries',
    status: 'info',
    message: `${count} saved before noisy checked these rules, so the warranted belief leaves ${entries.length === 1 ? 'it' : 'them'} out: ${listed.join(', ')}${more > 0 ? `, and ${more} more (--json lists them all)` : ''}.`,
    fix: `noisy edit ${entries[0]!.id}${entries.length > 1 ? ' (and the same for each)' : ''}`,
  };
}

function oldProblemWords(e: EntryBeforeRules, problem: EntryBeforeRules['problems'][number]): string {
  if (problem === 'impossible-outcome') {
    return e.outcome === 'accepted' ? 'good news at a rate of 0%: give the real share' : 'a setback at a rate of 100%: give the real share';
  }
  return `method ${e.method} does not fit ${e.kind}: use ${METHODS_BY_KIND[e.kind].join(' or ')}`;
}

/**
 * Temporary files that exports killed part-way (SIGKILL, a power cut) left behind: each holds the
 * text of the entries exported. Exports can go anywhere, and doctor keeps no record of where, so it
 * looks where it can: beside the journal and in the current folder (cli/temp-files.ts says how it
 * tells them from anything else). The next export into their folder removes them too.
 */
function leftoverExports(ctx: Context): Check[] {
  const found = [...new Set([dirname(ctx.dbPath), ctx.cwd])].flatMap((folder) => findLeftovers(folder));
  if (found.length === 0) return [];
  const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
  const what = found.length === 1 ? 'A temporary file' : `${found.length} temporary files`;
  return [
    {
      id: 'leftovers',
      status: 'warn',
      message: `${what} left by an export that was stopped part-way ${found.length === 1 ? 'holds' : 'hold'} a copy of your entries: ${found.map((f) => leftoverLabel(f, ctx.cwd)).join(', ')}. The next export into that folder also removes ${found.length === 1 ? 'it' : 'them'}.`,
      fix: `rm ${found.some((f) => f.folder) ? '-r ' : ''}${found.map((f) => quote(relative(ctx.cwd, f.path) || f.path)).join(' ')}`,
    },
  ];
}

/**
 * A draft in words, with the command that picks it up. Drafts are stored by command, and by entry
 * for the commands about one entry ("followup:7kq3m9x2ab").
 */
export function draftWords(name: string, when: string): string {
  const [command = name, entryId] = name.split(':', 2);
  const what = command === 'reflect' ? 'reflection' : command === 'followup' ? 'follow-up' : command === 'edit' ? 'edit' : command;
  const of = entryId ? ` of entry ${entryId}` : '';
  return `an unfinished ${what}${of} from ${when} (\`noisy ${command}${entryId ? ` ${entryId}` : ''}\` offers to pick it up)`;
}

function restore(path: string): string {
  return `Restore the journal from a backup (see "Your data" in the README). Keep this file: \`sqlite3 '${path}' .recover\` may rescue what is still readable.`;
}

function render(path: string, checks: Check[], toFix: number, color: boolean): string {
  const c = styler(color);
  const badge: Record<CheckStatus, string> = { ok: c.green('ok     '), info: c.cyan('info   '), warn: c.yellow('warn   '), problem: c.red('problem') };
  const lines = [c.bold(`noisy doctor: ${path}`), ''];
  const indent = ' '.repeat(24);
  for (const check of checks) {
    lines.push(`  ${badge[check.status]}  ${CHECK_NAMES[check.id].padEnd(13)}${wrap(check.message, 80, indent)}`);
    if (check.fix) lines.push(`${indent}${c.bold('fix:')} ${wrap(check.fix, 80, `${indent}     `)}`);
  }
  lines.push('');
  lines.push(toFix === 0 ? c.green('Healthy: nothing to fix.') : c.yellow(`${toFix === 1 ? 'One thing' : `${toFix} things`} to fix; see "fix:" above. noisy doctor changed nothing.`));
  return `${lines.join('\n')}\n`;
}

/** Permission bits as people write them (0600) in the JSON report. */
function withOctalModes(j: JournalInspection) {
  return {
    ...j,
    folder: { ...j.folder, mode: j.folder.mode === null ? null : octal(j.folder.mode) },
    files: j.files.map((f) => ({ ...f, mode: octal(f.mode) })),
  };
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

function kilobytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
