import { Command, InvalidArgumentError, Option } from './commander.js';
import type { Context } from './context.js';
import { UsageError } from '../errors.js';
import { addFilterOptions } from './filters.js';
import { quoteForMessage } from '../core/characters.js';

/** What main.ts gives the program: a way to build the context once global options are known. */
export interface ProgramDeps {
  version: string;
  context: (globals: { db?: string; color: boolean; passphraseFile?: string }) => Context;
  /** Where commander itself writes help and its own errors. */
  write: { out: (text: string) => void; err: (text: string) => void };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('It must be a whole number of 1 or more.');
  return n;
}

/**
 * --json of a subcommand (`noisy attempts add|resolve`, `noisy beliefs set|rename`). Options are read
 * anywhere on the line, so the parent command's own --json takes it wherever it is written;
 * --target belongs to the attempts listing.
 */
function subcommandJson(own: boolean | undefined, command: { parent: { opts(): Record<string, unknown> } | null; name(): string }): boolean {
  const parent = command.parent?.opts() ?? {};
  if (parent.target !== undefined) throw new UsageError(`--target is for \`noisy attempts\` itself, not \`noisy attempts ${command.name()}\`.`, ['Run `noisy attempts --target N` to see the chart with your target.']);
  return own === true || parent.json === true;
}

/**
 * Declares every command. Each action imports its command lazily so `noisy --help` and
 * `noisy --version` never load SQLite, inquirer or the date parser.
 */
export function buildProgram(deps: ProgramDeps): Command<[], { db?: string; color: boolean; passphraseFile?: string }> {
  const program = new Command()
    .name('noisy')
    .description(
      'A journal for the hours after a rejection, a bad first impression, a failed trial, harsh reviews ' +
        'or a harsh verdict on yourself: see how much one noisy evaluation should really move you.',
    )
    .version(deps.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--db <path>', 'journal file (default: $NOISY_DB, else $XDG_DATA_HOME/noisy/journal.db, else ~/.local/share/noisy/journal.db)')
    .option('--no-color', 'plain output without colour (also: NO_COLOR=1)')
    .option('--passphrase-file <file>', "an encrypted journal's passphrase: the file's first line (also: NOISY_PASSPHRASE_FILE)")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: deps.write.out,
      writeErr: deps.write.err,
      outputError: (text, write) => write(commanderMessage(text)),
    })
    .exitOverride()
    .addHelpText(
      'after',
      '\nStart here:\n  noisy reflect            answer a few questions right after an evaluation\n  noisy list               see what you saved\n  noisy followup           weeks later: look back and check your predictions\n\nExit codes: 0 ok, 1 error, 2 usage error or no terminal, 130 interrupted.',
    );

  const ctx = () => deps.context(program.opts());

  program
    .command('reflect')
    .description('reflect on an evaluation right after it: guided questions, a saved entry and a reframed summary')
    .option('--answers <file>', 'take the answers from a JSON file (- for standard input) instead of asking')
    .option('--json', 'print {"entry", "assessment"} as JSON on stdout')
    .option('--quick', 'the short path: five questions, then the summary (the rest takes plain defaults)')
    .option('--full', 'print the whole summary at once (at a terminal, the details otherwise wait for Enter)')
    .addHelpText('after', '\nExamples:\n  noisy reflect\n  noisy reflect --quick\n  noisy reflect --answers examples/answers.json\n  noisy reflect --answers - --json < answers.json')
    .action(async (options) => {
      const { reflect } = await import('../commands/reflect.js');
      await reflect(ctx(), options);
    });

  addFilterOptions(
    program
      .command('list')
      .description('list recent entries, newest first')
      .addOption(new Option('-n, --limit <n>', 'how many entries to show').default(20).argParser(positiveInt))
      .option('--belief <id>', 'only entries about this belief (its id, or b- and 2 or more characters: see `noisy beliefs`)')
      .option('--json', 'print the entries as JSON'),
  )
    .addHelpText('after', '\nExamples:\n  noisy list\n  noisy list --kind application --since "3 months ago"\n  noisy list --tag fellowship --limit 50\n  noisy list --belief b-3fk2xa')
    .action(async (options) => {
      const { list } = await import('../commands/list.js');
      await list(ctx(), options);
    });

  addFilterOptions(
    program
      .command('search')
      .description('find entries by what they say: titles, stories, next steps, follow-ups and notes')
      .argument('<words...>', 'the words to look for; an entry must have all of them')
      .addOption(new Option('-n, --limit <n>', 'how many entries to show, best first').default(20).argParser(positiveInt))
      .option('--json', 'print {"results": [{"entryId", "date", "title", "excerpt", "rank"}]}')
      .option('--fts', 'read the words as an SQLite FTS5 query (AND, OR, NOT, NEAR, "a phrase", prefix*)'),
  )
    .addHelpText(
      'after',
      '\nEach word also finds longer words it starts (interview: interviews, interviewer).\n' +
        'Matched words are marked in the excerpt: «like this» when there is no colour.\n' +
        '\nExamples:\n  noisy search interview\n  noisy search "froze" --kind application --since "6 months ago"\n' +
        '  noisy search fellowship --json\n  noisy search --fts \'interview NOT phone\'',
    )
    .action(async (words, options) => {
      const { search } = await import('../commands/search.js');
      await search(ctx(), words, options);
    });

  const beliefs = program
    .command('beliefs')
    .description('every belief your entries are about: its evidence, and where all of it together leaves a calibrated person')
    .option('--json', 'print {"beliefs": [{"id", "statement", "before", "now", "bar", "sharedErrorCorrelation", "evaluations", "combined"}]}')
    .addHelpText(
      'after',
      '\nExamples:\n  noisy beliefs\n  noisy beliefs --json\n  noisy beliefs set b-3fk2xa --bar 10 --shared-error 0.5\n' +
        '  noisy beliefs rename b-3fk2xa "I can do well as a research engineer"',
    )
    .action(async (options) => {
      const { beliefs: showBeliefs } = await import('../commands/beliefs.js');
      await showBeliefs(ctx(), options);
    });

  beliefs
    .command('set')
    .description("change a belief's assumptions: the bar for doing well, and how much its evaluations share their error")
    .argument('<id>', 'belief id, or b- and its first 2 or more characters (see `noisy beliefs`)')
    .option('--bar <percent>', 'the percent of people trying for this line of work who would do well (0 < N < 100), or "default"')
    .option('--shared-error <correlation>', 'how much the evaluations share their error, 0 to 0.9, or "default"')
    .option('--json', 'print {"belief": {...}} as `noisy beliefs --json` shows it')
    .addHelpText('after', '\nExamples:\n  noisy beliefs set b-3fk2xa --bar 10\n  noisy beliefs set b-3f --shared-error 0.5\n  noisy beliefs set b-3fk2xa --bar default --shared-error default')
    .action(async (id, options, command) => {
      const { beliefsSet } = await import('../commands/beliefs.js');
      await beliefsSet(ctx(), id, { ...options, json: subcommandJson(options.json, command) });
    });

  beliefs
    .command('rename')
    .description("change a belief's statement (its entries keep their own words)")
    .argument('<id>', 'belief id, or b- and its first 2 or more characters (see `noisy beliefs`)')
    .argument('<statement>', 'the new statement, in quotes')
    .option('--json', 'print {"belief": {...}} as `noisy beliefs --json` shows it')
    .addHelpText('after', '\nExamples:\n  noisy beliefs rename b-3fk2xa "I can do well as a research engineer"')
    .action(async (id, statement, options, command) => {
      const { beliefsRename } = await import('../commands/beliefs.js');
      await beliefsRename(ctx(), id, statement, { ...options, json: subcommandJson(options.json, command) });
    });

  program
    .command('show')
    .description('show one entry in full, with its reframed summary')
    .argument('<id>', 'entry id, or its first 4 or more characters (see `noisy list`)')
    .option('--revisions', 'also list every edit: when, what changed, and the answer before')
    .option('--json', 'print {"entry", "assessment"} as JSON (entry.revisions holds every edit)')
    .action(async (id, options) => {
      const { show } = await import('../commands/show.js');
      await show(ctx(), id, options);
    });

  program
    .command('edit')
    .description('change the answers of a saved entry; the answers before are kept as a revision')
    .argument('<id>', 'entry id, or its first 4 or more characters (see `noisy list`)')
    .option('--answers <file>', 'apply a JSON merge patch of the answers (- for standard input) instead of asking')
    .option('--json', 'print {"entry", "assessment"} as JSON after the edit')
    .addHelpText(
      'after',
      '\nExamples:\n  noisy edit 7kq3\n  noisy edit 7kq3 --answers changes.json --json\n' +
        '  echo \'{"evaluation": {"selectionRate": 2}}\' | noisy edit 7kq3 --answers -\n\n' +
        'The file holds only what changes (RFC 7396): objects merge, lists and text\n' +
        'replace, and a field set to null is removed. The result is checked like an\n' +
        'answers file; on any problem nothing is changed (exit 2).',
    )
    .action(async (id, options) => {
      const { edit } = await import('../commands/edit.js');
      await edit(ctx(), id, options);
    });

  program
    .command('followup')
    .description('look back at an entry weeks later: how it feels now, what happened, did your prediction come true')
    .argument('[id]', 'entry id or its first 4 or more characters (default: walk through the entries that are due)')
    .option('--answers <file>', 'take the answers from a JSON file (- for standard input) instead of asking; needs an id')
    .option('--json', 'print {"entry", "followUp", "nextFollowUpOn", "reflection"} as JSON (without an id: the entries due)')
    .option('--ics', 'write every scheduled follow-up and prediction check as an iCalendar file, for a calendar app')
    .option('-o, --output <file>', 'with --ics: write to this file (- for standard output, the default)')
    .option('--force', 'with --ics -o: replace the file if it exists (a regular file only)')
    .addHelpText(
      'after',
      '\nExamples:\n  noisy followup\n  noisy followup 7kq3\n  noisy followup 7kq3 --answers followup.json --json\n' +
        '  noisy followup --ics -o noisy.ics --force   reminders for your calendar app\n\n' +
        'Answers file: {"beliefNow": 45, "tookNextStep": true, "whatHappened": "...", "predictionCameTrue": true}\n' +
        '(predictionCameTrue: null means "can\'t tell yet"; add "checkAgainOn": "YYYY-MM-DD" to choose when to ask again)',
    )
    .action(async (id, options) => {
      const { followup } = await import('../commands/followup.js');
      await followup(ctx(), id, options);
    });

  const attempts = program
    .command('attempts')
    .description('what you tried or applied for, and what those tries add up to if you are good enough')
    .option('--json', 'print {"attempts", "outlook"} as JSON')
    .addOption(new Option('--target <n>', 'tries a month you aim for, shown on the chart').argParser(positiveInt))
    .addHelpText(
      'after',
      '\nExamples:\n  noisy attempts\n  noisy attempts --target 4\n' +
        '  noisy attempts add "MATS winter fellowship" --method written-application --rate 5\n' +
        '  noisy attempts resolve a-7kq3 rejected',
    )
    .action(async (options) => {
      const { attempts: showAttempts } = await import('../commands/attempts.js');
      await showAttempts(ctx(), options);
    });

  attempts
    .command('add')
    .description('record something you tried or applied for; prints its id')
    .argument('[title]', 'what you tried or applied for (asked at a terminal when left out)')
    .option('--method <method>', 'the evaluation it brings first: cv-screen, written-application, unstructured-interview, structured-interview, work-trial, job-performance, conversation, peer-review')
    .option('--rate <percent>', 'the share of people who try that get through, if known (strictly between 0 and 100)')
    .option('--belief <belief>', 'the belief it bears on: its id (b-…, see noisy beliefs) or its statement (a new one is made)')
    .option('--date <date>', 'the day you sent it or did it (default: today)')
    .option('--expect-reply-by <date>', 'when you expect to hear back; noisy asks after that day')
    .option('--json', 'print {"attempt"} as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  noisy attempts add\n' +
        '  noisy attempts add "Research engineer at Acme" --method cv-screen --expect-reply-by "in 3 weeks"\n' +
        '  noisy attempts add "NeurIPS workshop paper" --method peer-review --rate 40 --json',
    )
    .action(async (title, options, command) => {
      const { addAttempt } = await import('../commands/attempts.js');
      await addAttempt(ctx(), title, { ...options, json: subcommandJson(options.json, command) });
    });

  attempts
    .command('resolve')
    .description('record how an attempt ended: accepted, rejected, no-reply (counts as a rejection) or withdrawn (left out)')
    .argument('<id>', 'attempt id (a-…), or a- and its first 2 or more characters')
    .argument('<outcome>', 'accepted, rejected, no-reply or withdrawn')
    .option('--date <date>', 'the day you heard (default: today)')
    .option('--json', 'print {"attempt"} as JSON')
    .addHelpText('after', '\nExamples:\n  noisy attempts resolve a-7kq3 rejected\n  noisy attempts resolve a-7kq3m9x2 accepted --date 2026-11-28 --json')
    .action(async (id, outcome, options, command) => {
      const { resolveAttempt } = await import('../commands/attempts.js');
      await resolveAttempt(ctx(), id, outcome, { ...options, json: subcommandJson(options.json, command) });
    });

  addFilterOptions(
    program
      .command('history')
      .description('look across your entries: how your belief moved, and patterns a single entry hides')
      .option('--json', 'print {"summary", "patterns"} as JSON, with the threshold behind each pattern'),
  )
    .addHelpText(
      'after',
      '\nPatterns: overupdating, about-me-despite-weak-evidence,\n' +
        'self-verdict-without-evidence, state-clouding, no-reality-contact,\n' +
        'pessimistic-predictions, retreat-after-rejection, few-attempts. Each needs\n' +
        'a few entries (or attempts) before it says anything;\n' +
        'until then it says how many it needs. --json shows the threshold of each.\n' +
        '\nExamples:\n  noisy history\n  noisy history --since "3 months ago" --kind application\n  noisy history --tag fellowship --json',
    )
    .action(async (options) => {
      const { history } = await import('../commands/history.js');
      await history(ctx(), options);
    });

  addFilterOptions(
    program
      .command('export')
      .description('write entries out: Markdown to reread or share, JSON to back up (standard output unless -o)')
      .option('--format <format>', 'md (one readable document) or json (every field, for backups and `noisy import`)', 'md')
      .option('-o, --output <file>', 'write to this file (- for standard output, the default)')
      .option('--split <dir>', 'write one Markdown file per entry, with YAML front matter, into this folder')
      .option('--force', 'replace files that already exist (regular files only)'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  noisy export -o journal.md                 all of it, as one Markdown document\n' +
        '  noisy export --format json -o backup.json  a full backup, for noisy import\n' +
        '  noisy export --since "3 months ago" --tag fellowship\n' +
        '  noisy export --split ~/notes/noisy         a file per entry, for a notes vault\n' +
        '\nFiles are written whole or not at all, readable only by you, and never replaced\nwithout --force.',
    )
    .action(async (options) => {
      const { exportEntries } = await import('../commands/export.js');
      await exportEntries(ctx(), options);
    });

  program
    .command('import')
    .description('add the entries of a JSON export (noisy export --format json) to this journal')
    .argument('<file>', 'the export file, or - for standard input')
    .option('--json', 'print what was added, merged and left as it was, as JSON')
    .addHelpText(
      'after',
      '\nThe whole file is checked: if anything is wrong, every problem is listed and\n' +
        'nothing is added. An entry already here (same id) gets the follow-ups it lacks;\n' +
        'one that differs is listed and left as it is (exit 1), the rest imported.\n\n' +
        'Examples:\n  noisy import backup.json\n  noisy --db new.db import backup.json',
    )
    .action(async (file, options) => {
      const { importEntries } = await import('../commands/import.js');
      await importEntries(ctx(), file, options);
    });

  program
    .command('delete')
    .description('delete one entry and its follow-ups, or one attempt (asks first)')
    .argument('<id>', 'entry id or its first 4 or more characters (see `noisy list`); an attempt id starts with a-')
    .option('-y, --yes', 'delete without asking (needed when there is no terminal)')
    .addHelpText('after', '\nExamples:\n  noisy delete 7kq3\n  noisy delete 7kq3m9x2ab --yes')
    .action(async (id, options) => {
      const { deleteEntry } = await import('../commands/delete.js');
      await deleteEntry(ctx(), id, options);
    });

  program
    .command('encrypt')
    .description('encrypt the journal with a passphrase (SQLCipher 4); nothing can recover a lost one')
    .option('--remember', "keep the journal's key in the system keyring")
    .addHelpText('after', '\nThe passphrase is the first line of --passphrase-file FILE (or $NOISY_PASSPHRASE_FILE).\n\nExamples:\n  noisy encrypt --passphrase-file ~/.noisy-pass')
    .action(async (options) => {
      const { encrypt } = await import('../commands/encrypt.js');
      await encrypt(ctx(), options);
    });

  program
    .command('decrypt')
    .description('turn an encrypted journal back into a plain one')
    .addHelpText('after', '\nExamples:\n  noisy decrypt --passphrase-file ~/.noisy-pass')
    .action(async () => {
      const { decrypt } = await import('../commands/encrypt.js');
      await decrypt(ctx());
    });

  program
    .command('passphrase')
    .description("change an encrypted journal's passphrase")
    .option('--new-passphrase-file <file>', 'the new passphrase: the first line of this file')
    .addHelpText('after', '\nExamples:\n  noisy passphrase --passphrase-file old.txt --new-passphrase-file new.txt')
    .action(async (options) => {
      const { changePassphrase } = await import('../commands/encrypt.js');
      await changePassphrase(ctx(), options);
    });

  program
    .command('evidence')
    .description('list every figure the model uses and every fact the summaries cite, with sources')
    .option('--json', 'print {"figures", "facts"} as JSON')
    .action(async (options) => {
      const { evidence } = await import('../commands/evidence.js');
      await evidence(ctx(), options);
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

/**
 * commander's own usage errors, read like noisy's: "noisy: unknown command 'refelct'". What it quotes
 * from the command line is shortened and made visible as in noisy's other messages (a pasted
 * paragraph is not echoed whole); an unknown option also says where the options are listed and how
 * to give words that start with a dash.
 */
export function commanderMessage(text: string): string {
  const message = text.replace(/^error: /, 'noisy: ').replace(/'([^'\n]*)'/g, (_, quoted: string) => `'${quoteForMessage(quoted)}'`);
  if (!message.startsWith('noisy: unknown option ')) return message;
  return `${message.endsWith('\n') ? message : `${message}\n`}  Each command lists its options in \`noisy COMMAND --help\`.\n  Words that start with - go after --, as in: noisy search -- -x\n`;
}
