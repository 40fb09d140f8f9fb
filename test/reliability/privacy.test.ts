// Guards against the journal being readable by other people on the computer, and against noisy
// ever talking to the network.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { Store } from '../../src/storage/store.js';
import { toEntry } from '../../src/commands/reflect.js';
import { parseAnswers } from '../../src/core/answers.js';
import { loadPacks } from '../../src/packs/load.js';
import { tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { NO_NETWORK, runBin, runNode } from '../helpers/faults.js';
import { KEY, spawnNoisy } from '../helpers/pty.js';

const mode = (path: string) => statSync(path).mode & 0o777;

interface FilesWritten {
  name: string;
  /** The command, given the journal path and a scratch folder. */
  argv: (db: string, scratch: string) => string[];
  input?: string;
  /** Every file and folder the command creates, each of which must be private. */
  creates: (db: string, scratch: string) => string[];
}

// Every command that creates files.
const FILES_WRITTEN: FilesWritten[] = [
  {
    name: 'reflect creating a new journal',
    argv: () => ['reflect', '--answers', '-'],
    input: JSON.stringify(answers()),
    creates: (db) => [join(db, '..', '..'), join(db, '..'), db],
  },
  {
    name: 'export -o FILE',
    argv: (_db, scratch) => ['export', '--format', 'json', '-o', join(scratch, 'backup.json')],
    creates: (_db, scratch) => [join(scratch, 'backup.json')],
  },
  {
    name: 'export --split DIR',
    argv: (_db, scratch) => ['export', '--split', join(scratch, 'notes', 'noisy')],
    creates: (_db, scratch) => [join(scratch, 'notes', 'noisy')],
  },
];

describe.each(FILES_WRITTEN)('files made by $name', ({ argv, input, creates }) => {
  it('are private (folders 0700, files 0600) even under a permissive umask', async () => {
    const scratch = tempDir();
    const db = join(scratch, 'new', 'data', 'journal.db');
    const result = await runBin(argv(db, scratch), { env: { NOISY_DB: db }, input, shellPrefix: 'umask 000;' });
    expect(result.code, result.stderr).toBe(0);
    for (const path of creates(db, scratch)) {
      expect(mode(path).toString(8), path).toBe(statSync(path).isDirectory() ? '700' : '600');
    }
  });
});

describe('the journal while it is open', () => {
  it('has its -wal and -shm companions at 0600 too', () => {
    const db = join(tempDir(), 'data', 'journal.db');
    const store = Store.open(db, { create: true });
    try {
      const parsed = parseAnswers(answers(), loadPacks(), '2026-12-01');
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      store.insertEntry(toEntry(parsed.answers, new Date('2026-12-01T10:00:00')));
      for (const file of [db, `${db}-wal`, `${db}-shm`]) {
        expect(existsSync(file), file).toBe(true);
        expect(mode(file).toString(8), file).toBe('600');
      }
      expect(mode(join(db, '..')).toString(8)).toBe('700');
    } finally {
      store.close();
    }
  });
});

// ── no network ─────────────────────────────────────────────────────────────────────────────────

/** Real invocations of every command; a command added to program.ts must be added here. */
const INVOCATIONS: Record<string, (ctx: { id: string; attemptId: string; scratch: string }) => string[][]> = {
  reflect: () => [['reflect', '--answers', '-', '--json']],
  list: () => [['list'], ['list', '--json']],
  beliefs: () => [['beliefs'], ['beliefs', '--json']],
  search: () => [['search', 'rejection'], ['search', 'rejection', '--json']],
  edit: ({ id, scratch }) => {
    const file = join(scratch, 'changes.json');
    writeFileSync(file, JSON.stringify({ evaluation: { selectionRate: 2 } }));
    return [['edit', id, '--answers', file, '--json']];
  },
  show: ({ id }) => [['show', id], ['show', id, '--json'], ['show', id, '--revisions']],
  doctor: () => [['doctor'], ['doctor', '--json']],
  evidence: () => [['evidence'], ['evidence', '--json']],
  history: () => [['history'], ['history', '--json']],
  attempts: ({ attemptId }) => [
    ['attempts'],
    ['attempts', '--json', '--target', '4'],
    ['attempts', 'add', 'A workshop paper', '--method', 'peer-review', '--rate', '40', '--json'],
    ['attempts', 'resolve', attemptId, 'rejected', '--json'],
  ],
  followup: ({ id, scratch }) => {
    const file = join(scratch, 'followup.json');
    writeFileSync(file, JSON.stringify({ beliefNow: 45, tookNextStep: true, whatHappened: 'Two applications out.', predictionCameTrue: null }));
    return [['followup', '--json'], ['followup', id, '--answers', file, '--json']];
  },
  export: ({ scratch }) => [['export'], ['export', '--format', 'json', '-o', join(scratch, 'backup.json')], ['export', '--split', join(scratch, 'split')]],
  import: ({ scratch }) => [['import', join(scratch, 'backup.json')]],
  encrypt: ({ scratch }) => {
    writeFileSync(join(scratch, 'pass'), 'first passphrase\n');
    writeFileSync(join(scratch, 'pass2'), 'second passphrase\n');
    return [['encrypt', '--passphrase-file', join(scratch, 'pass')], ['list', '--passphrase-file', join(scratch, 'pass')]];
  },
  passphrase: ({ scratch }) => [['passphrase', '--passphrase-file', join(scratch, 'pass'), '--new-passphrase-file', join(scratch, 'pass2')]],
  decrypt: ({ scratch }) => [['decrypt', '--passphrase-file', join(scratch, 'pass2')]],
  // Last: the entry the others use goes away.
  delete: ({ id }) => [['delete', id, '--yes']],
};

function commandNames(): string[] {
  const program = buildProgram({
    version: '0.0.0',
    write: { out: () => undefined, err: () => undefined },
    context: () => {
      throw new Error('not run');
    },
  });
  return program.commands.map((c) => c.name()).sort();
}

describe('network access', () => {
  it('is caught by the guard the next test relies on (a guard that catches nothing proves nothing)', async () => {
    const log = join(tempDir(), 'network.log');
    const script = `
      const tries = [
        () => fetch('https://example.com'),
        () => require('node:net').connect(80, '127.0.0.1'),
        () => new (require('node:net').Socket)().connect(80, 'example.com'),
        () => require('node:dns').lookup('example.com', () => {}),
        () => require('node:https').get('https://example.com'),
        () => require('node:tls').connect(443, 'example.com'),
      ];
      let refused = 0;
      for (const attempt of tries) { try { attempt(); } catch { refused++; } }
      console.log(refused);`;
    const result = await runNode(['-e', script], { nodeArgs: ['--import', NO_NETWORK], env: { NOISY_NETWORK_LOG: log } });
    expect(result.stdout.trim()).toBe('6');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(6);
  });

  it('is never attempted by any noisy command', async () => {
    expect(Object.keys(INVOCATIONS).sort(), 'every command in program.ts needs an invocation in INVOCATIONS').toEqual(commandNames());
    const scratch = tempDir();
    const log = join(scratch, 'network.log');
    const db = join(scratch, 'data', 'journal.db');
    const env = { NOISY_DB: db, NOISY_NETWORK_LOG: log };
    const guarded = (args: string[], input?: string) => runBin(args, { env, input, nodeArgs: ['--import', NO_NETWORK] });

    const saved = await guarded(['reflect', '--answers', '-', '--json'], JSON.stringify(answers()));
    expect(saved.code, saved.stderr).toBe(0);
    const id = (JSON.parse(saved.stdout) as { entry: { id: string } }).entry.id;
    const tried = await guarded(['attempts', 'add', 'A fellowship', '--method', 'cv-screen']);
    expect(tried.code, tried.stderr).toBe(0);
    const attemptId = tried.stdout.trim();
    const runs = [['--help'], ['--version'], ...Object.values(INVOCATIONS).flatMap((make) => make({ id, attemptId, scratch }))];
    for (const args of runs) {
      const result = await guarded(args, JSON.stringify(answers()));
      expect(result.stderr, args.join(' ')).not.toMatch(/network access refused/);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
    expect(readFileSync(`${log}.loaded`, 'utf8').trim().split('\n')).toHaveLength(runs.length + 2);
  }, 60_000);

  it('is never attempted by the interactive prompts (inquirer, the date parser) in a terminal', async () => {
    const scratch = tempDir();
    const log = join(scratch, 'network.log');
    const terminal = spawnNoisy(['reflect'], {
      NOISY_DB: join(scratch, 'data', 'journal.db'),
      NOISY_NETWORK_LOG: log,
      NODE_OPTIONS: `--import ${NO_NETWORK}`,
      HOME: scratch,
    });
    await terminal.waitFor('Was this a setback or good news?');
    terminal.type(KEY.enter);
    await terminal.waitFor('What kind of evaluation was it?');
    terminal.type(KEY.enter);
    await terminal.waitFor('A short title');
    terminal.type('A title');
    terminal.type(KEY.enter);
    await terminal.waitFor('When did it happen?');
    terminal.type(KEY.ctrlC);
    expect(await terminal.exit).toBe(130);
    expect(terminal.output()).not.toMatch(/network access refused/);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
    expect(existsSync(`${log}.loaded`)).toBe(true);
  });
});
