import { readFileSync } from 'node:fs';
import { CommanderError } from '@commander-js/extra-typings';
import type { Context, Input, Output } from './context.js';
import { EXIT, exitCodeFor, InterruptedError, RuntimeError, UsageError } from './errors.js';
import { buildProgram } from './program.js';
import { storageError } from '../storage/failures.js';
import { resolveDbPath } from '../storage/paths.js';
import { styler, wantsColor } from '../ui/style.js';
import type { Asker } from '../ui/asker.js';

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
  /** Forces interactive mode on or off (default: stdin and stdout are terminals, or an asker was given). */
  interactive?: boolean;
}

/**
 * The single entry point: parses argv, runs one command, and maps every outcome to an exit code.
 * Nothing else in noisy decides how the process ends.
 */
export async function run(argv: readonly string[], overrides: RunOverrides = {}): Promise<number> {
  const stdout: Output = overrides.stdout ?? processOutput(process.stdout);
  const stderr: Output = overrides.stderr ?? processOutput(process.stderr);
  const stdin: Input = overrides.stdin ?? process.stdin;
  const env = overrides.env ?? process.env;
  const cwd = overrides.cwd ?? process.cwd();
  const now = overrides.now ?? (() => new Date());
  let colorErr = wantsColor(stderr.isTTY, env, argv.includes('--no-color') ? false : undefined);
  let dbPath: string | undefined;

  const program = buildProgram({
    version: packageVersion(),
    write: { out: (text) => stdout.write(text), err: (text) => stderr.write(text) },
    context: (globals): Context => {
      colorErr = wantsColor(stderr.isTTY, env, globals.color);
      return {
        stdout,
        stderr,
        stdin,
        env,
        now,
        cwd,
        color: { stdout: wantsColor(stdout.isTTY, env, globals.color), stderr: colorErr },
        interactive: overrides.interactive ?? (overrides.asker !== undefined || (Boolean(stdin.isTTY) && stdout.isTTY)),
        asker: async () => {
          if (overrides.asker) return overrides.asker;
          const { createInquirerAsker } = await import('../ui/inquirer-asker.js');
          return createInquirerAsker();
        },
        dbPath: (dbPath = resolveDbPath(globals.db, env, cwd)),
      };
    },
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // An SQLite failure the store did not translate (a damaged page met while reading, say) still
    // gets a message naming the journal.
    return report((dbPath !== undefined && storageError(dbPath, error)) || error, stderr, colorErr);
  }
}

function report(error: unknown, stderr: Output, color: boolean): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (or the help / version text).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    if (error.code === 'commander.executeSubCommandAsync') return EXIT.runtime;
    return EXIT.usage;
  }
  const c = styler(color);
  if (error instanceof InterruptedError) {
    stderr.write(`${error.message}\n`);
    return EXIT.interrupted;
  }
  if (error instanceof UsageError || error instanceof RuntimeError) {
    stderr.write(`${c.red('noisy:')} ${error.message}\n`);
    for (const detail of error.details) stderr.write(`  ${detail}\n`);
    return exitCodeFor(error);
  }
  stderr.write(`${c.red('noisy:')} something went wrong: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && error.stack && process.env.NOISY_DEBUG) stderr.write(`${error.stack}\n`);
  stderr.write('  Nothing was saved by this command. If it keeps happening, run with NOISY_DEBUG=1 and report the output.\n');
  return EXIT.runtime;
}

function processOutput(stream: NodeJS.WriteStream): Output {
  return {
    write: (text) => {
      stream.write(text);
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
