import { existsSync, readFileSync } from 'node:fs';
import { CommanderError } from './commander.js';
import type { Context, Input, Output } from './context.js';
import { EXIT, exitCodeFor, InterruptedError, RuntimeError, UsageError } from '../errors.js';
import { buildProgram } from './program.js';
import { storageError } from '../storage/failures.js';
import { resolveDbPath } from '../storage/paths.js';
import { passphraseFileOf, unlockJournal } from './passphrase-source.js';
import { forgetKeys } from '../storage/cipher.js';
import { wantsColor } from '../ui/colour.js';
import { safeOutput } from '../ui/terminal-safe.js';
import type { Asker } from '../ui/asker.js';

/** For bin/noisy.js, after run(): see cli/stop-signals.ts. */
export { endByCaughtSignal } from './stop-signals.js';

/** What a test (or another program) may replace; everything else comes from the process. */
export interface RunOverrides {
  stdout?: Output;
  stderr?: Output;
  stdin?: Input;
  env?: Record<string, string | undefined>;
  now?: () => Date;
  cwd?: string;
  /** Replaces the terminal prompter; also marks the session as interactive. */
  asker?: Asker;
  /** Replaces the terminal's masked passphrase prompt. */
  askSecret?: (message: string) => Promise<string>;
  /** Forces interactive mode on or off (default: stdin and stdout are terminals, or an asker was given). */
  interactive?: boolean;
}

/**
 * The single entry point: parses argv, runs one command, and maps every outcome to an exit code.
 * Nothing else in noisy decides how the process ends, but for one case: an export stopped by a
 * signal ends by that signal once run() has returned (endByCaughtSignal, cli/stop-signals.ts).
 */
export async function run(argv: readonly string[], overrides: RunOverrides = {}): Promise<number> {
  const env = overrides.env ?? process.env;
  forgetKeys();
  // Whether noisy's own colour codes may pass on each stream; known for sure once the options are read.
  const colour = { stdout: false, stderr: false };
  // Every write, from every command and from commander, goes through the one terminal-safe path.
  const stdout: Output = safeOutput(overrides.stdout ?? processOutput(process.stdout), () => colour.stdout);
  const stderr: Output = safeOutput(overrides.stderr ?? processOutput(process.stderr), () => colour.stderr);
  const cwd = overrides.cwd ?? process.cwd();
  const now = overrides.now ?? (() => new Date());
  colour.stderr = wantsColor(stderr.isTTY, env, argv.includes('--no-color') ? false : undefined);
  let dbPath: string | undefined;
  // process.stdin is made on first use (a pipe's costs a few ms): read only when it matters.
  const stdin = (): Input => overrides.stdin ?? process.stdin;
  const interactive = overrides.interactive ?? (overrides.asker !== undefined || (stdout.isTTY && Boolean(stdin().isTTY)));
  const askSecret =
    overrides.askSecret ??
    (async (message: string) => {
      const { password } = await import('@inquirer/prompts');
      return password({ message, mask: '*' }, { output: process.stderr });
    });

  const program = buildProgram({
    version: packageVersion(),
    write: { out: (text) => stdout.write(text), err: (text) => stderr.write(text) },
    context: (globals): Context => {
      colour.stdout = wantsColor(stdout.isTTY, env, globals.color);
      colour.stderr = wantsColor(stderr.isTTY, env, globals.color);
      // Resolved now, refused only when a command asks for it: `noisy evidence` works whatever HOME is.
      let located: string | UsageError;
      try {
        located = dbPath = resolveDbPath(globals.db, env, cwd);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        located = error;
      }
      const passphraseFile = passphraseFileOf(globals.passphraseFile, env);
      return {
        stdout,
        stderr,
        get stdin() {
          return stdin();
        },
        env,
        now,
        cwd,
        color: { ...colour },
        interactive,
        askSecret: interactive ? askSecret : undefined,
        asker: async () => {
          if (overrides.asker) return overrides.asker;
          const { createInquirerAsker } = await import('../ui/inquirer-asker.js');
          return createInquirerAsker();
        },
        passphraseFile,
        get dbPath() {
          if (located instanceof UsageError) throw located;
          return located;
        },
      };
    },
  });
  // An encrypted journal's key is found before the command runs (it may be asked for).
  program.hook('preAction', async (_program, action) => {
    if (NO_JOURNAL_KEY.has(action.name())) return;
    let path: string;
    try {
      path = resolveDbPath(program.opts().db, env, cwd);
    } catch {
      return; // The command reports this itself when it needs the journal.
    }
    await unlockJournal(path, {
      passphraseFile: passphraseFileOf(program.opts().passphraseFile, env),
      cwd,
      env,
      askSecret: interactive ? askSecret : undefined,
      warn: (text) => stderr.write(text),
    });
  });
  let ran: RanCommand | undefined;
  program.hook('postAction', (_program, action) => {
    ran = { name: action.name(), json: action.opts().json === true };
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // An SQLite failure the store did not translate (a damaged page met while reading, say) still
    // gets a message naming the journal.
    return await report((dbPath !== undefined && storageError(dbPath, error)) || error, stderr, colour.stderr);
  }
  await remindDueFollowUps(ran, dbPath, { stdout, stderr, now, color: colour.stderr });
  return EXIT.ok;
}

/** Commands that never open the journal, or (encrypt) need no key to read it. */
const NO_JOURNAL_KEY = new Set(['evidence', 'encrypt']);

interface RanCommand {
  name: string;
  json: boolean;
}

/**
 * After a successful command at a terminal, one line on stderr when follow-ups are due, and one
 * when attempts are past the day a reply was expected (`noisy followup` asks about both). Never for
 * --json, `followup` itself, piped output, or a journal that doesn't exist yet (no file is created
 * for this), and never allowed to change how the command ended.
 */
async function remindDueFollowUps(
  ran: RanCommand | undefined,
  dbPath: string | undefined,
  io: { stdout: Output; stderr: Output; now: () => Date; color: boolean },
): Promise<void> {
  if (!ran || ran.json || ran.name === 'followup' || !dbPath || !io.stdout.isTTY || !io.stderr.isTTY) return;
  try {
    if (!existsSync(dbPath)) return;
    const { dueCounts } = await import('../storage/journal-reader.js');
    const { toIsoDay } = await import('../core/dates.js');
    const { followUps: due, replies } = await dueCounts(dbPath, toIsoDay(io.now()));
    const { styler } = await import('../ui/style.js');
    if (due > 0) {
      const { dueReminder } = await import('../ui/followup-text.js');
      io.stderr.write(dueReminder(due, styler(io.color)));
    }
    if (replies > 0) {
      const { repliesReminder } = await import('../ui/attempts-text.js');
      io.stderr.write(repliesReminder(replies, styler(io.color)));
    }
  } catch {
    // A reminder is a courtesy: an unreadable journal is reported by the commands that need it.
  }
}

async function report(error: unknown, stderr: Output, color: boolean): Promise<number> {
  if (error instanceof CommanderError) {
    // commander already printed its message (or the help / version text).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    if (error.code === 'commander.executeSubCommandAsync') return EXIT.runtime;
    return EXIT.usage;
  }
  // Red when stderr is coloured; chalk is loaded only then.
  const label = color ? (await import('../ui/style.js')).styler(true).red('noisy:') : 'noisy:';
  if (error instanceof InterruptedError) {
    stderr.write(`${error.message}\n`);
    return exitCodeFor(error);
  }
  if (error instanceof UsageError || error instanceof RuntimeError) {
    stderr.write(`${label} ${error.message}\n`);
    for (const detail of error.details) stderr.write(`  ${detail}\n`);
    return exitCodeFor(error);
  }
  stderr.write(`${label} something went wrong: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && error.stack && process.env.NOISY_DEBUG) stderr.write(`${error.stack}\n`);
  stderr.write('  Nothing was saved by this command. If it keeps happening, run with NOISY_DEBUG=1 and report the output.\n');
  return EXIT.runtime;
}

function processOutput(stream: NodeJS.WriteStream): Output {
  // `noisy export | head` closes the pipe early: that is the reader's choice, not an error.
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    write: (text) => {
      stream.write(text);
    },
    writeBytes: (bytes) => {
      stream.write(bytes);
    },
    get isTTY() {
      return Boolean(stream.isTTY);
    },
  };
}

let version: string | undefined;
function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
