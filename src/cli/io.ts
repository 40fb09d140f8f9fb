import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context, Output } from './context.js';
import { UsageError } from '../errors.js';
import { safeJson } from '../ui/terminal-safe.js';

/** Answers files are small; anything bigger than this is a mistake, not a journal entry. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export interface JsonInputOptions {
  /** Largest accepted input (default MAX_INPUT_BYTES). */
  maxBytes?: number;
  /** Where to look for the expected shape, shown when the JSON is malformed. */
  example?: string;
}

/** Reads a JSON document from a file or, for '-', standard input. Usage errors name the problem. */
export async function readJsonInput(ctx: Context, source: string, what: string, options: JsonInputOptions = {}): Promise<unknown> {
  const shown = source === '-' ? 'standard input' : source;
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  let bytes: Buffer;
  if (source === '-') {
    bytes = await readStdin(ctx, shown, what, maxBytes);
  } else {
    try {
      bytes = await readFile(resolve(ctx.cwd, source));
    } catch (error) {
      throw unreadable(error, shown, what);
    }
  }
  if (bytes.length > maxBytes) {
    throw new UsageError(`The ${what} in ${shown} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most ${maxBytes / 1024 / 1024} MB is accepted.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`The ${what} in ${shown} is not valid UTF-8 text.`, ['Save the file as UTF-8 and try again.']);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new UsageError(`The ${what} in ${shown} is not valid JSON: ${(error as Error).message}.`, [
      `See ${options.example ?? 'examples/answers.json'} for the expected shape.`,
    ]);
  }
}

function unreadable(error: unknown, shown: string, what: string): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return new UsageError(`Could not read the ${what} file ${shown}: ${reason}.`, [`Check the path, or pass - to read from standard input.`]);
}

function refuseTerminal(ctx: Context, shown: string, what: string): void {
  if (ctx.stdin.isTTY) {
    throw new UsageError(`Expected the ${what} on ${shown}, but it is a terminal.`, ['Pipe a file in (e.g. `< file.json`), or give the file name instead of -.']);
  }
}

/** Bytes read at a time by readInputChunks: few reads, and little held at once. */
export const READ_CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of a file or, for '-', standard input, a chunk at a time, for input of any size (a
 * whole journal's backup): nothing is held beyond the chunk being read. Usage errors as readJsonInput.
 */
export async function* readInputChunks(ctx: Context, source: string, what: string): AsyncGenerator<Uint8Array> {
  const shown = source === '-' ? 'standard input' : source;
  if (source === '-') {
    refuseTerminal(ctx, shown, what);
    for await (const chunk of ctx.stdin) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    return;
  }
  let fd: number;
  try {
    fd = openSync(resolve(ctx.cwd, source), 'r');
  } catch (error) {
    throw unreadable(error, shown, what);
  }
  try {
    for (;;) {
      // A new buffer each time: the reader may keep a piece of the last one (a string cut in two).
      const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
      let bytesRead: number;
      try {
        // Synchronous: the import has nothing else to do until this chunk is read.
        bytesRead = readSync(fd, buffer, 0, READ_CHUNK_BYTES, null);
      } catch (error) {
        throw unreadable(error, shown, what);
      }
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}

async function readStdin(ctx: Context, shown: string, what: string, maxBytes: number): Promise<Buffer> {
  refuseTerminal(ctx, shown, what);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) throw new UsageError(`The input on ${shown} is larger than ${maxBytes / 1024 / 1024} MB.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Writes one JSON document (never coloured) to stdout, with characters unsafe for a terminal as \uXXXX escapes. */
export function printJson(ctx: Context, value: unknown): void {
  ctx.stdout.write(`${safeJson(JSON.stringify(value, null, 2))}\n`);
}

/** Characters gathered before each write: few writes, and never a whole large document at once. */
export const CHUNK_CHARS = 64 * 1024;

/** Gathers small pieces of text into writes of about CHUNK_CHARS (one write per piece costs more than making it). */
export class ChunkWriter {
  private pending = '';
  constructor(private readonly out: Pick<Output, 'write'>) {}

  push(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.pending.length > 0) this.out.write(this.pending);
    this.pending = '';
  }
}
