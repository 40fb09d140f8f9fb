// Text a terminal must never see raw, and generated text full of it, for the tests of everything
// that prints what someone else wrote (terminal-safe.ts, the exporters).
import fc from 'fast-check';

// The rule, written out again by hand from the code charts rather than with \p{Cf}: what the
// implementation must never let through.
const BIDI = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const INVISIBLE_FORMAT = [0x00ad, 0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0xfff9, 0xfffa, 0xfffb, 0xe0001, 0x1d173, 0x2028, 0x2029];

export function isForbidden(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a;
  if (code >= 0x7f && code <= 0x9f) return true;
  if (code >= 0xd800 && code <= 0xdfff) return true; // a lone surrogate (a pair is read as one code point)
  if (code >= 0xe0020 && code <= 0xe007f) return true; // tag characters
  return BIDI.includes(code) || INVISIBLE_FORMAT.includes(code);
}

/** The forbidden code points in `text`, as U+XXXX. */
export function forbiddenIn(text: string): string[] {
  const found: string[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (isForbidden(code)) found.push(`U+${code.toString(16).toUpperCase()}`);
  }
  return found;
}

/** Characters worth mixing in: every kind of forbidden one, joiners, and text that needs them. */
export const SAMPLES = [
  '\u001b]52;c;aGFja2Vk\u0007', '\u001b[2J', '\u009b2J', '\u202e', '\u2066', '\u200f', '\u061c', '\u200b', '\ufeff', '\u00ad',
  '\u200d', '\u200c', '\u{e0041}', '\u{1d173}', '\ud800', '\udfff', '\r', '\t', '\n', '\u0000', '\u007f', '\u0085', '\u2028',
  '👩', '🏽', '\ufe0f', 'ی', 'क्', 'a', ' ', '<U+202E>', '\u0301',
];
export const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...SAMPLES), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 30 })
  .map((parts) => parts.join(''));
