// The one output path to a terminal. main.ts wraps stdout and stderr with safeOutput, so every
// message, table, summary, error and JSON document goes through it; nothing that someone else wrote
// (a JSON key, an imported title, a file name) can move the cursor, clear the screen, set the
// clipboard (OSC 52) or reverse the rest of a line. Which characters are unsafe, and their visible
// form `<U+202E>`, are defined in src/core/characters.ts.
import { hasUnsafeCharacter, mayHaveUnsafeCharacter, showInvisible, UNSAFE_CHARACTER_SOURCE, visibleForm } from '../core/characters.js';
import { SGR_CODES } from './colour.js';

export { showInvisible as safeText } from '../core/characters.js';

/** Where text goes: the shape of cli/context's Output, declared here so ui does not reach up to cli. */
export interface TextOutput {
  write(text: string): void;
  writeBytes?(bytes: Uint8Array, made?: Made): void;
  writeCrlfLines?(text: string): void;
  readonly isTTY: boolean;
}

/**
 * How bytes given to writeBytes were made. 'terminal-safe': by a producer that escapes every piece
 * of text it did not write itself as it goes (the exporters, with safeText and safeJson; tested on
 * hostile text), so they pass as they are. Anything else is checked here.
 */
export type Made = 'terminal-safe' | 'unchecked';

/**
 * The SGR codes noisy's own styler writes (bold, dim, a few colours, and their resets: ui/colour.ts,
 * held to chalk by a test). With colour on, exactly these `ESC [ n m` sequences pass; no other
 * escape sequence ever does, and with colour off not even these.
 */
const OWN_SGR_CODES: ReadonlySet<string> = new Set(Object.values(SGR_CODES).flatMap((codes) => codes.map(String)));

/** Made on first use, like the patterns in core/characters.ts: most text never needs them. */
let sgrOrUnsafe: RegExp | undefined;

/** Text for a terminal where noisy's own colours may appear: those codes pass, everything unsafe is escaped. */
export function safeStyledText(text: string): string {
  if (!hasUnsafeCharacter(text)) return text;
  sgrOrUnsafe ??= new RegExp(String.raw`\x1b\[(\d{1,3})m|${UNSAFE_CHARACTER_SOURCE}`, 'gu');
  return text.replace(sgrOrUnsafe, (match: string, code: string | undefined) => {
    if (code === undefined) return visibleForm(match);
    return OWN_SGR_CODES.has(code) ? match : `${visibleForm('\x1b')}${match.slice(1)}`;
  });
}

/**
 * Wraps a stream so that everything written to it is safe for a terminal. `colour` says whether
 * noisy's own colour codes may pass (it is decided after the options are read, hence a function).
 * Bytes are checked as text and, in the rare case something must be escaped, written as escaped text
 * instead; bytes made 'terminal-safe' (an export on stdout, escaped piece by piece as it was
 * rendered) pass as they are: checking them again took a tenth of a large export's time.
 */
export function safeOutput<T extends TextOutput>(output: T, colour: () => boolean): TextOutput {
  const writeBytes = output.writeBytes?.bind(output);
  const safe = (text: string) => (colour() ? safeStyledText(text) : showInvisible(text));
  return {
    write: (text) => output.write(safe(text)),
    // A carriage return right before a line feed moves the cursor to the start of a line the line
    // feed then leaves: it can hide nothing, and formats such as iCalendar require it. Any other
    // carriage return is escaped as usual.
    writeCrlfLines: (text) => output.write(text.split('\r\n').map(safe).join('\r\n')),
    ...(writeBytes && {
      writeBytes: (bytes: Uint8Array, made: Made = 'unchecked') => {
        if (made === 'terminal-safe') return writeBytes(bytes);
        const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
        if (hasUnsafeCharacter(text)) output.write(showInvisible(text));
        else writeBytes(bytes);
      },
    }),
    get isTTY() {
      return output.isTTY;
    },
  };
}

/**
 * A JSON document with every character a terminal must not see raw (DEL, C1 controls, format
 * characters such as bidi controls, U+2028/U+2029) written as a `\uXXXX` escape: the document
 * stays valid, means exactly the same, and prints inertly. JSON.stringify already escapes C0
 * controls and lone surrogates but leaves these raw. They can only occur inside strings, where a
 * `\uXXXX` escape is always valid. `json` is JSON.stringify's text, which has no raw C0 controls.
 */
export function safeJson(json: string): string {
  // Most documents are ASCII (one byte a character in UTF-8), where the only character JSON leaves
  // raw that a terminal must not see is DEL: two native scans, several times quicker than the regex.
  if (Buffer.byteLength(json, 'utf8') === json.length && !json.includes('\x7f')) return json;
  if (!mayHaveUnsafeCharacter(json)) return json;
  jsonUnsafe ??= new RegExp(JSON_UNSAFE_SOURCE, 'u');
  if (!jsonUnsafe.test(json)) return json;
  jsonUnsafeAll ??= new RegExp(JSON_UNSAFE_SOURCE, 'gu');
  return json.replace(jsonUnsafeAll, jsonEscape);
}

const JSON_UNSAFE_SOURCE = String.raw`[\x7f-\x9f\u2028\u2029\p{Cf}]`;
let jsonUnsafe: RegExp | undefined;
let jsonUnsafeAll: RegExp | undefined;

/** `\u202e` for each UTF-16 code unit (a surrogate pair as two escapes, as JSON writes them). */
function jsonEscape(character: string): string {
  let out = '';
  for (let i = 0; i < character.length; i += 1) out += `\\u${character.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}
