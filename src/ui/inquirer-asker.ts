// The real prompter: @inquirer/prompts behind the small Asker interface. Loaded lazily by main.ts
// only when a command needs to ask something.
import { checkbox, confirm, number, select } from '@inquirer/prompts';
import { InterruptedError } from '../errors.js';
import type { Asker, NumberQuestion } from './asker.js';
import { textPrompt } from './text-prompt.js';

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

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

export function createInquirerAsker(streams: () => PromptStreams = () => ({})): Asker {
  const asker = {
    text: (q) =>
      guard(
        textPrompt(
          { message: q.message, default: q.default, editable: q.editable ?? true, multiline: q.multiline, validate: q.validate, onChange: q.onChange },
          streams(),
        ),
      ),
    number: (async (q: NumberQuestion) => {
      const value = await guard(
        number(
          {
            message: q.message,
            default: q.default,
            min: q.min,
            max: q.max,
            step: 'any',
            required: !q.optional,
            validate: (v) => (v === undefined && !q.optional ? `Enter a number from ${q.min} to ${q.max}.` : true),
          },
          streams(),
        ),
      );
      return value ?? null;
    }) as Asker['number'],
    select: (q) =>
      guard(
        select(
          {
            message: q.message,
            choices: q.choices.map((c) => ({ value: c.value, name: c.name, description: c.description })),
            default: q.default,
            pageSize: 10,
          },
          streams(),
        ),
      ),
    checkbox: (q) =>
      guard(
        checkbox(
          {
            message: q.message,
            choices: q.choices.map((c) => ({ value: c.value, name: c.name, description: c.description, checked: q.checked?.includes(c.value) ?? false })),
            pageSize: 10,
          },
          streams(),
        ),
      ),
    confirm: (q) => guard(confirm({ message: q.message, default: q.default }, streams())),
  } satisfies Asker;
  return asker;
}
