import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import type { Context } from './context.js';

/** What main.ts gives the program: a way to build the context once global options are known. */
export interface ProgramDeps {
  version: string;
  context: (globals: { db?: string; color: boolean }) => Context;
  /** Where commander itself writes help and its own errors. */
  write: { out: (text: string) => void; err: (text: string) => void };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more.');
  return n;
}

/**
 * Declares every command. Each action imports its command lazily so `noisy --help` and
 * `noisy --version` never load SQLite, inquirer or the date parser.
 */
export function buildProgram(deps: ProgramDeps): Command<[], { db?: string; color: boolean }> {
  const program = new Command()
    .name('noisy')
    .description(
      'A journal for the hours after a rejection, a bad first impression, a failed trial, harsh reviews\n' +
        'or a harsh verdict on yourself: see how much one noisy evaluation should really move you.',
    )
    .version(deps.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--db <path>', 'journal file (default: $NOISY_DB, else $XDG_DATA_HOME/noisy/journal.db, else ~/.local/share/noisy/journal.db)')
    .option('--no-color', 'plain output without colour (also: NO_COLOR=1)')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: deps.write.out, writeErr: deps.write.err })
    .exitOverride()
    .addHelpText(
      'after',
      '\nStart here:\n  noisy reflect            answer a few questions right after an evaluation\n  noisy list               see what you saved\n\nExit codes: 0 ok, 1 error, 2 usage error or no terminal, 130 interrupted.',
    );

  const ctx = () => deps.context(program.opts());

  program
    .command('reflect')
    .description('reflect on an evaluation right after it: guided questions, a saved entry and a reframed summary')
    .option('--answers <file>', 'take the answers from a JSON file (- for standard input) instead of asking')
    .option('--json', 'print {"entry", "assessment"} as JSON on stdout')
    .addHelpText('after', '\nExamples:\n  noisy reflect\n  noisy reflect --answers examples/answers.json\n  noisy reflect --answers - --json < answers.json')
    .action(async (options) => {
      const { reflect } = await import('../commands/reflect.js');
      await reflect(ctx(), options);
    });

  program
    .command('list')
    .description('list recent entries, newest first')
    .addOption(new Option('-n, --limit <n>', 'how many entries to show').default(20).argParser(positiveInt))
    .option('--json', 'print the entries as JSON')
    .action(async (options) => {
      const { list } = await import('../commands/list.js');
      await list(ctx(), options);
    });

  program
    .command('show')
    .description('show one entry in full, with its reframed summary')
    .argument('<id>', 'entry id, or its first 4 or more characters (see `noisy list`)')
    .option('--json', 'print {"entry", "assessment"} as JSON')
    .action(async (id, options) => {
      const { show } = await import('../commands/show.js');
      await show(ctx(), id, options);
    });

  program
    .command('doctor')
    .description('check the journal (integrity, schema version, permissions) and report, changing nothing')
    .option('--json', 'print the checks as JSON')
    .addHelpText('after', '\nExit codes: 0 healthy, 1 something to fix (each problem comes with its fix).')
    .action(async (options) => {
      const { doctor } = await import('../commands/doctor.js');
      await doctor(ctx(), options);
    });

  return program;
}
