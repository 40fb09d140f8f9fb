// Runs noisy in-process, the way a person would type it, against a temporary journal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach } from 'vitest';
import { run } from '../../src/cli/main.js';
import { InterruptedError } from '../../src/errors.js';
import { StepBack, type Asker, type CheckboxQuestion, type ConfirmQuestion, type NumberQuestion, type SelectQuestion, type TextQuestion } from '../../src/ui/asker.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  /** Answers for the prompts, in order (see scriptedAsker). Makes the run interactive. */
  answers?: Scripted[];
  /** Text on standard input (not a terminal). */
  stdin?: string;
  now?: Date;
  cwd?: string;
  /** Pretend stdout is a terminal (colour, reminders). */
  tty?: boolean;
  /** Passphrases typed at the masked prompt, in order. Makes the run interactive. */
  secrets?: string[];
}

/** A temporary data directory, removed after the test. */
export function tempDir(prefix = 'noisy-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A fresh journal: `cli(...)` runs commands against it. */
export function journal(now = new Date('2026-12-01T10:00:00')) {
  const dir = tempDir();
  const db = join(dir, 'data', 'journal.db');
  const cli = (argv: string[], options: CliOptions = {}) =>
    runCli(argv, { now, ...options, env: { NOISY_DB: db, NO_COLOR: '1', ...options.env } });
  return { dir, db, cli };
}

export async function runCli(argv: string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const asker = options.answers ? scriptedAsker(options.answers) : undefined;
  const code = await run(argv, {
    stdout: { write: (t) => void (stdout += t), isTTY: options.tty ?? false },
    stderr: { write: (t) => void (stderr += t), isTTY: options.tty ?? false },
    stdin: Object.assign(Readable.from(options.stdin !== undefined ? [Buffer.from(options.stdin)] : []), { isTTY: false }),
    env: options.env ?? {},
    now: () => options.now ?? new Date('2026-12-01T10:00:00'),
    cwd: options.cwd ?? process.cwd(),
    asker,
    askSecret: options.secrets
      ? async (message) => {
          const next = options.secrets?.shift();
          if (next === undefined) throw new Error(`no scripted passphrase left for: ${message}`);
          return next;
        }
      : undefined,
    interactive: asker !== undefined || options.secrets !== undefined,
  });
  if (options.secrets && options.secrets.length > 0) throw new Error(`${options.secrets.length} scripted passphrases were not asked for`);
  if (asker && asker.remaining() > 0) {
    throw new Error(`${asker.remaining()} scripted answers were not asked for; questions asked:\n${asker.asked.join('\n')}`);
  }
  return { code, stdout, stderr };
}

/** Press Ctrl+C at this question (after typing `typed`, for text questions). */
export const INTERRUPT = { interrupt: true as const, typed: undefined as string | undefined };
export function interruptAfterTyping(typed: string) {
  return { interrupt: true as const, typed };
}

/** Accept the question's default (Enter on a prefilled answer). */
export const DEFAULT = { useDefault: true as const };

/** Press Esc: back to the previous question (refused where the question offers no way back). */
export const BACK = { back: true as const };

export type Scripted = string | number | boolean | null | string[] | typeof INTERRUPT | typeof DEFAULT | typeof BACK;

/**
 * A prompter that answers from a script, in order. It checks that each answer fits the question
 * (a select's choices, a number's range, a text's validate), so a test can't pass by accident.
 */
export function scriptedAsker(script: Scripted[]): Asker & { asked: string[]; remaining: () => number } {
  const queue = [...script];
  const asked: string[] = [];
  const next = (message: string, back?: boolean): Scripted => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`No scripted answer for: ${message}\nAsked so far:\n${asked.join('\n')}`);
    const answer = queue.shift() as Scripted;
    if (typeof answer === 'object' && answer !== null && 'interrupt' in answer) throw new InterruptedError();
    if (typeof answer === 'object' && answer !== null && 'back' in answer) {
      if (!back) throw new Error(`"${message}" offers no way back`);
      throw new StepBack();
    }
    return answer;
  };
  const isDefault = (a: Scripted): a is typeof DEFAULT => typeof a === 'object' && a !== null && 'useDefault' in a;

  const asker = {
    asked,
    remaining: () => queue.length,
    text: async (q: TextQuestion) => {
      const peek = queue[0];
      if (typeof peek === 'object' && peek !== null && 'interrupt' in peek && peek.typed !== undefined) q.onChange?.(peek.typed);
      const a = next(q.message, q.back);
      const value = isDefault(a) ? (q.default ?? '') : a;
      if (typeof value !== 'string') throw new Error(`Text question "${q.message}" got ${JSON.stringify(value)}`);
      q.onChange?.(value);
      const problem = q.validate?.(value);
      if (problem) throw new Error(`Answer ${JSON.stringify(value)} to "${q.message}" was refused: ${problem}`);
      return value;
    },
    number: (async (q: NumberQuestion) => {
      const a = next(q.message, q.back);
      const value = isDefault(a) ? (q.default ?? null) : a;
      if (value === null && q.optional) return null;
      if (typeof value !== 'number' || value < q.min || value > q.max) throw new Error(`Number question "${q.message}" got ${JSON.stringify(value)}`);
      const problem = q.validate?.(value);
      if (problem) throw new Error(`Answer ${value} to "${q.message}" was refused: ${problem}`);
      return value;
    }) as Asker['number'],
    select: async <T extends string>(q: SelectQuestion<T>) => {
      const a = next(q.message, q.back);
      const value = isDefault(a) ? q.default : a;
      if (!q.choices.some((c) => c.value === value)) throw new Error(`"${String(value)}" is not a choice of "${q.message}"`);
      return value as T;
    },
    checkbox: async <T extends string>(q: CheckboxQuestion<T>) => {
      const a = next(q.message, q.back);
      const value = isDefault(a) ? [...(q.checked ?? [])] : a;
      if (!Array.isArray(value) || !value.every((v) => q.choices.some((c) => c.value === v))) {
        throw new Error(`${JSON.stringify(value)} are not choices of "${q.message}"`);
      }
      const problem = q.validate?.(value as T[]);
      if (problem) throw new Error(`Ticks ${JSON.stringify(value)} for "${q.message}" were refused: ${problem}`);
      return value as T[];
    },
    confirm: async (q: ConfirmQuestion) => {
      const a = next(q.message, q.back);
      const value = isDefault(a) ? (q.default ?? false) : a;
      if (typeof value !== 'boolean') throw new Error(`Confirm "${q.message}" got ${JSON.stringify(value)}`);
      return value;
    },
  };
  return asker;
}
