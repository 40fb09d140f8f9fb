// Characters that must never reach a terminal as they are, and the visible form shown instead.
// Pure, so core messages can quote what someone typed; src/ui/terminal-safe.ts applies it to
// every write to stdout and stderr, and the exporters to Markdown and YAML.
//
// The visible form is `<U+202E>`: the character's code point as Unicode writes it, never the
// character itself. Text without any of these characters is left exactly as it is.

/** Letters, marks, digits and symbols: what a joiner may sit between and still be part of a word or emoji. */
const VISIBLE = String.raw`\p{L}\p{M}\p{N}\p{S}`;

/**
 * One character that is never sent raw:
 * - C0 controls other than tab and line feed (ESC starts every terminal command; CR overwrites a line),
 *   DEL, and C1 controls U+0080–U+009F (U+009B is a one-byte CSI on some terminals);
 * - format characters (Unicode category Cf): bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E,
 *   U+200F, U+061C) that reorder what follows them, zero-width spaces, U+FEFF, tag characters...;
 * - line and paragraph separators (U+2028, U+2029), and half of a surrogate pair on its own.
 * The two joiners (U+200C, U+200D) are Cf too, but Persian, Hindi and emoji sequences need them:
 * they pass when they sit between two visible characters, and are shown escaped anywhere else.
 */
const UNSAFE_SOURCE =
  String.raw`[\0-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\p{Cs}]|(?![\u200c\u200d])\p{Cf}` +
  String.raw`|(?<![${VISIBLE}])[\u200c\u200d]|[\u200c\u200d](?![${VISIBLE}])`;

/**
 * UNSAFE_SOURCE as a RegExp with `flags`, made on first use: a Unicode-class pattern takes ~1 ms
 * to build, at every start of noisy, and most text never needs it (mayHaveUnsafeCharacter).
 */
function unsafePattern(flags: 'u' | 'gu'): RegExp {
  return (patterns[flags] ??= new RegExp(UNSAFE_SOURCE, flags));
}
const patterns: Partial<Record<'u' | 'gu', RegExp>> = {};

/**
 * Every candidate in the BMP, joiners included, listed by hand (C0, DEL, C1, U+2028/U+2029, and
 * category Cf as of Unicode 15.1): one flat class without the `u` flag scans several times faster
 * than `\p{Cf}`, and most text has none. A unit test checks it against `\p{Cf}` code point by code point.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BMP_CANDIDATE = /[\0-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/;

/** Half of a surrogate pair: beyond the BMP (emoji, and a few format characters) or broken. */
const SURROGATE = /[\ud800-\udfff]/;

/** A quick test that may say yes too often (never too rarely): then the exact test decides. */
export function mayHaveUnsafeCharacter(text: string): boolean {
  return BMP_CANDIDATE.test(text) || SURROGATE.test(text);
}

/** True when the text holds a character that must not reach a terminal raw. */
export function hasUnsafeCharacter(text: string): boolean {
  // Not global: `test` keeps no state between calls.
  return mayHaveUnsafeCharacter(text) && unsafePattern('u').test(text);
}

/** The pattern of one unsafe character, as a regular expression's source (`u` flag). */
export const UNSAFE_CHARACTER_SOURCE = UNSAFE_SOURCE;

/** `<U+202E>` for one character (a lone surrogate shows its own code unit). */
export function visibleForm(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** The text with every unsafe character replaced by its visible form; safe text comes back unchanged. */
export function showInvisible(text: string): string {
  return hasUnsafeCharacter(text) ? text.replace(unsafePattern('gu'), visibleForm) : text;
}

/** Bidi embeddings, overrides and isolates: they reorder everything after them until closed, and are rarely closed. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/u;

const C1_CONTROL = /[\x80-\x9f]/u;

/**
 * What free text (answers, follow-ups, imports) must not contain, as one problem per kind, each
 * naming the first such character: control characters, C1 controls and bidi controls. Tab and line
 * ends are text. Other format characters (a zero-width space, a left-to-right mark) are accepted and
 * shown escaped.
 */
export function unsafeInputProblems(text: string): string[] {
  const problems: string[] = [];
  const found = (pattern: RegExp) => pattern.exec(text)?.[0];
  const control = found(CONTROL);
  if (control !== undefined) problems.push(`contains a control character (${visibleForm(control)}); remove it`);
  const c1 = found(C1_CONTROL);
  if (c1 !== undefined) problems.push(`contains a C1 control character (${visibleForm(c1)}); remove it`);
  const bidi = found(BIDI_CONTROL);
  if (bidi !== undefined) problems.push(`contains a bidi control (${visibleForm(bidi)}) that reorders text; remove it`);
  return problems;
}

/**
 * Someone's text quoted in a message: unsafe characters shown escaped, at most `max` characters
 * (an escape counts as its visible length), cut with "..." between characters, never inside one or
 * inside an escape. Reads only the start of a long text.
 */
export function quoteForMessage(text: string, max = 40): string {
  // Every character is one or two code units, so this much of the text holds more than `max`
  // characters; the spare few keep a joiner near the end judged with its neighbour.
  const head = text.length > 2 * max + 8 ? text.slice(0, 2 * max + 8) : text;
  const pieces = showInvisible(head).match(PIECE) ?? [];
  const length = (list: string[]) => list.reduce((sum, piece) => sum + [...piece].length, 0);
  if (head === text && length(pieces) <= max) return pieces.join('');
  const kept: string[] = [];
  let used = 0;
  for (const piece of pieces) {
    const size = [...piece].length;
    if (used + size > max - 3) break;
    kept.push(piece);
    used += size;
  }
  return `${kept.join('')}...`;
}

/** One escape or one character of shown text. */
const PIECE = /<U\+[0-9A-F]{4,6}>|[^]/gu;
