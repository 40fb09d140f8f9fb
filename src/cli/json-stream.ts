// One JSON document written in pieces, for `--json` output too large to hold twice.
import type { Output } from './context.js';
import { ChunkWriter } from './io.js';
import { safeJson } from '../ui/terminal-safe.js';

/**
 * Writes exactly what printJson writes (`JSON.stringify(value, null, 2)`, made safeJson, and a newline) in chunks,
 * walking plain arrays and objects itself so the document is never one string. `noisy history
 * --json` on 100,000 entries is about 8 MB: as one string, plus its bytes on the way out, it was
 * the largest thing the command held. Anything other than a plain array or object (strings,
 * numbers, objects with toJSON...) is left to JSON.stringify, so the bytes cannot differ.
 */
export function printJsonInChunks(out: Pick<Output, 'write'>, value: unknown): void {
  // Escaped chunk by chunk, as printJson escapes the whole: a chunk never splits a character.
  const writer = new ChunkWriter({ write: (text) => out.write(safeJson(text)) });
  if (isPlainContainer(value)) writeContainer(writer, value, '');
  // A bare value at the top: as printJson's template would show it (even "undefined").
  else writer.push(String(JSON.stringify(value, null, 2)));
  writer.push('\n');
  writer.flush();
}

type Container = readonly unknown[] | Readonly<Record<string, unknown>>;

function isPlainContainer(value: unknown): value is Container {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** JSON.stringify(value, null, 2) of a non-container, indented to sit at `indent`. */
function leaf(value: unknown, indent: string): string {
  // Finite numbers are written as String writes them; JSON.stringify says the same, only slower.
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value, null, 2) as string | undefined;
  if (text === undefined) return 'null';
  return indent === '' || !text.includes('\n') ? text : text.replace(/\n/g, `\n${indent}`);
}

function writeValue(writer: ChunkWriter, value: unknown, indent: string): void {
  if (isPlainContainer(value)) writeContainer(writer, value, indent);
  else writer.push(leaf(value, indent));
}

function writeContainer(writer: ChunkWriter, value: Container, indent: string): void {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return writer.push('[]');
    writer.push('[');
    for (let i = 0; i < value.length; i++) {
      writer.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
      const item: unknown = value[i];
      if (omitted(item)) writer.push('null');
      else writeValue(writer, item, inner);
    }
    writer.push(`\n${indent}]`);
    return;
  }
  const record = value as Readonly<Record<string, unknown>>;
  let first = true;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (omitted(item)) continue;
    writer.push(first ? `{\n${inner}` : `,\n${inner}`);
    first = false;
    writer.push(quotedKey(key));
    writeValue(writer, item, inner);
  }
  writer.push(first ? '{}' : `\n${indent}}`);
}

/** `"key": ` for each key seen: a long array of records repeats the same few keys. */
const QUOTED_KEYS = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}: `;
    // Bounded: keys are field names, but a document could use data as keys.
    if (QUOTED_KEYS.size < 1000) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}
