// The real prompter: @inquirer/prompts behind the small Asker interface. Loaded lazily by main.ts
// only when a command needs to ask something.
import { styleText } from 'node:util';
import { checkbox, confirm, select } from '@inquirer/prompts';
import { readNumberAnswer } from '../core/number-answer.js';
import { InterruptedError } from '../errors.js';
import { StepBack, type Asker, type Choice, type NumberQuestion } from './asker.js';
import { safeText } from './terminal-safe.js';
import { textPrompt } from './text-prompt.js';

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

type PromptContext = PromptStreams & { signal?: AbortSignal };

/** Ctrl+C (and a closed terminal) reject with ExitPromptError; noisy calls that an interrupt. */
async function guard<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      throw new InterruptedError();
    }
    throw error;
  }
}

/**
 * Runs one prompt. With `back`, Esc cancels it and it rejects with StepBack: every inquirer prompt
 * takes an AbortSignal, so one key works the same in text, number, list and checklist questions.
 */
async function ask<T>(streams: PromptStreams, back: boolean | undefined, run: (context: PromptContext) => Promise<T>): Promise<T> {
  if (!back) return guard(run(streams));
  const controller = new AbortController();
  const input = (streams.input ?? process.stdin) as NodeJS.ReadableStream;
  // readline (which every prompt opens on this stream) emits a keypress for Esc pressed on its own.
  const onKey = (_text: unknown, key?: { name?: string }) => {
    if (key?.name === 'escape') controller.abort();
  };
  input.on('keypress', onKey);
  try {
    return await run({ ...streams, signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted) throw new StepBack();
    return guard(Promise.reject(error));
  } finally {
    input.removeListener('keypress', onKey);
  }
}

/** The key help under a list or checklist, with "esc back" added when going back is possible. */
function keysHelp(back: boolean | undefined): { style: { keysHelpTip: (keys: [string, string][]) => string } } {
  return {
    style: {
      keysHelpTip: (keys) =>
        [...keys, ...(back ? ([['esc', 'back']] as [string, string][]) : [])]
          .map(([key, action]) => `${styleText('bold', key)} ${styleText('dim', action)}`)
          .join(styleText('dim', ' • ')),
    },
  };
}

/**
 * Inquirer draws on the terminal itself, not through noisy's outputs: questions and choices can hold
 * someone's text (an entry's title, a belief), so they are made safe here. What is typed is made
 * safe where text-prompt draws it.
 */
const safeChoice = <T extends string>(c: Choice<T>) => ({ value: c.value, name: safeText(c.name), description: c.description === undefined ? undefined : safeText(c.description) });

export function createInquirerAsker(streams: () => PromptStreams = () => ({})): Asker {
  const asker = {
    text: (q) =>
      ask(streams(), q.back, (context) =>
        textPrompt(
          {
            message: safeText(q.message),
            default: q.default,
            editable: q.editable ?? true,
            multiline: q.multiline,
            validate: q.validate,
            onChange: q.onChange,
            back: q.back,
          },
          context,
        ),
      ),
    number: (async (q: NumberQuestion) => {
      // A text line read by readNumberAnswer, not inquirer's number prompt: people type "65%",
      // "~65" or "not sure", and each of those should just work.
      const problem = (text: string): string | null => {
        const answer = readNumberAnswer(text);
        if (answer.kind === 'invalid') return `Type a number from ${q.min} to ${q.max} (65, 65% and ~65 all work).`;
        if (answer.kind === 'skip') return q.optional ? (q.validate?.(null) ?? null) : `Enter a number from ${q.min} to ${q.max}.`;
        if (answer.value < q.min || answer.value > q.max) return `Enter a number from ${q.min} to ${q.max}.`;
        return q.validate?.(answer.value) ?? null;
      };
      const text = await ask(streams(), q.back, (context) =>
        textPrompt(
          {
            message: safeText(q.optional ? `${q.message} (optional: Enter skips)` : q.message),
            default: q.default === undefined ? undefined : String(q.default),
            editable: false,
            validate: problem,
            back: q.back,
          },
          context,
        ),
      );
      const answer = readNumberAnswer(text);
      return answer.kind === 'number' ? answer.value : null;
    }) as Asker['number'],
    select: (q) =>
      ask(streams(), q.back, (context) =>
        select(
          {
            message: safeText(q.message),
            choices: q.choices.map(safeChoice),
            default: q.default,
            pageSize: 10,
            theme: keysHelp(q.back),
          },
          context,
        ),
      ),
    checkbox: (q) =>
      ask(streams(), q.back, (context) =>
        checkbox(
          {
            message: safeText(q.message),
            choices: q.choices.map((c) => ({ ...safeChoice(c), checked: q.checked?.includes(c.value) ?? false })),
            pageSize: 10,
            theme: keysHelp(q.back),
            validate: (items) => q.validate?.(items.map((item) => item.value)) ?? true,
          },
          context,
        ),
      ),
    confirm: (q) => ask(streams(), q.back, (context) => confirm({ message: safeText(q.message), default: q.default }, context)),
  } satisfies Asker;
  return asker;
}
