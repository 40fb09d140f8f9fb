import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHaveUnsafeCharacter, quoteForMessage, showInvisible, unsafeInputProblems } from '../../src/core/characters.js';
import { STYLES } from '../../src/ui/style.js';
import { safeJson, safeOutput, safeStyledText, safeText } from '../../src/ui/terminal-safe.js';

// The rule, written out again by hand from the code charts rather than with \p{Cf}: what the
// implementation must never let through.
const BIDI = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const INVISIBLE_FORMAT = [0x00ad, 0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0xfff9, 0xfffa, 0xfffb, 0xe0001, 0x1d173, 0x2028, 0x2029];

function isForbidden(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a;
  if (code >= 0x7f && code <= 0x9f) return true;
  if (code >= 0xd800 && code <= 0xdfff) return true; // a lone surrogate (a pair is read as one code point)
  if (code >= 0xe0020 && code <= 0xe007f) return true; // tag characters
  return BIDI.includes(code) || INVISIBLE_FORMAT.includes(code);
}

/** The forbidden code points in `text`, as U+XXXX. */
function forbiddenIn(text: string): string[] {
  const found: string[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (isForbidden(code)) found.push(`U+${code.toString(16).toUpperCase()}`);
  }
  return found;
}

/** Characters worth mixing in: every kind of forbidden one, joiners, and text that needs them. */
const SAMPLES = [
  '\u001b]52;c;aGFja2Vk\u0007', '\u001b[2J', '\u009b2J', '\u202e', '\u2066', '\u200f', '\u061c', '\u200b', '\ufeff', '\u00ad',
  '\u200d', '\u200c', '\u{e0041}', '\u{1d173}', '\ud800', '\udfff', '\r', '\t', '\n', '\u0000', '\u007f', '\u0085', '\u2028',
  '👩', '🏽', '\ufe0f', 'ی', 'क्', 'a', ' ', '<U+202E>', '\u0301',
];
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...SAMPLES), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('safeText', () => {
  it('never lets a forbidden code point through', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(forbiddenIn(safeText(text))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves safe text exactly as it is', () => {
    const safeUnit = fc.string({ unit: 'binary', maxLength: 1 }).filter((ch) => ch.length > 0 && ![...ch].some((c) => isForbidden(c.codePointAt(0) ?? 0)) && !/[\u200c\u200d\p{Cf}]/u.test(ch));
    fc.assert(
      fc.property(fc.array(fc.oneof(safeUnit, fc.constantFrom('\t', '\n', 'é', '中文', '👩‍👩‍👧', 'ی‌ها', '<U+202E>')), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(safeText(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('shows each unsafe character as <U+XXXX>, and keeps joiners only between visible characters', () => {
    expect(safeText('\u001b]52;c;aGk=\u0007')).toBe('<U+001B>]52;c;aGk=<U+0007>');
    expect(safeText('a\u202eb\u009bc\u{e0001}')).toBe('a<U+202E>b<U+009B>c<U+E0001>');
    expect(safeText('👩\u200d👧 and می\u200cخواهم')).toBe('👩\u200d👧 and می\u200cخواهم');
    expect(safeText('\u200dstart, end\u200d, two\u200d\u200dthere')).toBe('<U+200D>start, end<U+200D>, two<U+200D><U+200D>there');
  });

  it('is checked quickly by a class that never misses a character of the BMP', () => {
    const missed: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const ch = String.fromCharCode(code);
      if (showInvisible(ch) !== ch && !mayHaveUnsafeCharacter(ch)) missed.push(code.toString(16));
    }
    expect(missed).toEqual([]);
  });
});

describe('safeStyledText (colour on)', () => {
  const styled = new Chalk({ level: 1 });
  it('passes noisy’s own colour codes and escapes every other sequence', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom(...STYLES), (text, style) => {
        const out = safeStyledText(styled[style](`${text} [${text}]`));
        // Strip the codes noisy writes; nothing forbidden may remain.
        // eslint-disable-next-line no-control-regex -- the codes are what is checked
        const rest = out.replace(/\x1b\[(1|2|22|31|32|33|36|39)m/g, '');
        expect(forbiddenIn(rest)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    expect(safeStyledText(`${styled.bold('title')} \u001b[8mhidden\u001b]0;x\u0007`)).toBe('\u001b[1mtitle\u001b[22m <U+001B>[8mhidden<U+001B>]0;x<U+0007>');
  });

  it('knows every style src uses', () => {
    const used = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else for (const match of readFileSync(path, 'utf8').matchAll(/\bc\.([a-zA-Z]+)\(/g)) used.add(match[1] as string);
      }
    };
    walk(new URL('../../src', import.meta.url).pathname);
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((style) => !(STYLES as readonly string[]).includes(style))).toEqual([]);
  });
});

describe('safeJson', () => {
  it('keeps the document valid and equal, and writes nothing forbidden', () => {
    fc.assert(
      fc.property(fc.dictionary(hostileText, hostileText, { maxKeys: 4 }), (value) => {
        const json = safeJson(JSON.stringify(value, null, 2));
        expect(JSON.parse(json)).toEqual(value);
        expect(forbiddenIn(json)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    expect(safeJson(JSON.stringify({ '\u202e': 'a\u009b\u{e0041}' }))).toBe('{"\\u202e":"a\\u009b\\udb40\\udc41"}');
  });
});

describe('safeOutput', () => {
  it('escapes text and bytes alike, and passes safe bytes through untouched', () => {
    const writes: (string | Uint8Array)[] = [];
    const out = safeOutput({ write: (t: string) => void writes.push(t), writeBytes: (b: Uint8Array) => void writes.push(b), isTTY: true }, () => false);
    out.write('a\u202eb\n');
    const safe = Buffer.from('plain — text\n');
    out.writeBytes?.(safe);
    out.writeBytes?.(Buffer.from('x\u001b[2Jy\n'));
    expect(writes).toEqual(['a<U+202E>b\n', safe, 'x<U+001B>[2Jy\n']);
    expect(writes[1]).toBe(safe);
    expect(out.isTTY).toBe(true);
  });
});

describe('quoteForMessage', () => {
  it('is short, cut between characters, and safe', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const quoted = quoteForMessage(text);
        expect([...quoted].length).toBeLessThanOrEqual(40);
        expect(forbiddenIn(quoted)).toEqual([]);
        if (!quoted.endsWith('...')) expect(quoted).toBe(safeText(text));
      }),
      { numRuns: 2000 },
    );
    expect(quoteForMessage('k'.repeat(1_000_000))).toBe(`${'k'.repeat(37)}...`);
    expect(quoteForMessage(`${'a'.repeat(30)}\u001b\u001b`)).toBe(`${'a'.repeat(30)}...`);
  });
});

describe('unsafeInputProblems', () => {
  it('names the character and the fix for control, C1 and bidi characters, and accepts the rest', () => {
    expect(unsafeInputProblems('a\u001b]52;c;x\u0007')).toEqual(['contains a control character (<U+001B>); remove it']);
    expect(unsafeInputProblems('csi \u009b2J')).toEqual(['contains a C1 control character (<U+009B>); remove it']);
    expect(unsafeInputProblems('rtl \u202eabc')).toEqual(['contains a bidi control (<U+202E>) that reorders text; remove it']);
    expect(unsafeInputProblems('isolate \u2067x\u2069')).toEqual(['contains a bidi control (<U+2067>) that reorders text; remove it']);
    expect(unsafeInputProblems('tabs\tand\nlines, שלום with a mark\u200f, a zero\u200bwidth space, 👩‍👩‍👧')).toEqual([]);
  });
});
