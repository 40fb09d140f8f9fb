import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHaveUnsafeCharacter, quoteForMessage, showInvisible, unsafeInputProblems } from '../../src/core/characters.js';
import { SGR_CODES } from '../../src/ui/colour.js';
import { STYLES } from '../../src/ui/style.js';
import { safeJson, safeOutput, safeStyledText, safeText } from '../../src/ui/terminal-safe.js';

import { forbiddenIn, hostileText, isForbidden } from '../helpers/hostile-text.js';

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

  it("knows each style's codes as chalk writes them (without loading chalk to read them)", () => {
    const chalk = new Chalk({ level: 1 });
    for (const style of STYLES) {
      const [on, off] = SGR_CODES[style];
      expect(chalk[style]('x'), style).toBe(`\u001b[${on}mx\u001b[${off}m`);
    }
    expect(Object.keys(SGR_CODES).sort()).toEqual([...STYLES].sort());
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
    // ASCII documents take a quicker path: DEL is the one character there to escape.
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) }), (text) => {
        const json = safeJson(JSON.stringify({ text }, null, 2));
        expect(JSON.parse(json)).toEqual({ text });
        expect(forbiddenIn(json)).toEqual([]);
      }),
      { numRuns: 500 },
    );
    expect(safeJson('"a\u007fb"')).toBe('"a\\u007fb"');
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

  it("passes bytes made 'terminal-safe' (an export, escaped as it was rendered) as they are", () => {
    const writes: (string | Uint8Array)[] = [];
    const out = safeOutput({ write: (t: string) => void writes.push(t), writeBytes: (b: Uint8Array) => void writes.push(b), isTTY: false }, () => false);
    const rendered = Buffer.from('Rejected \\<U+202E\\> — plain\n');
    out.writeBytes?.(rendered, 'terminal-safe');
    expect(writes).toEqual([rendered]);
    expect(writes[0]).toBe(rendered);
  });

  it('keeps the CRLF line ends of a CRLF document, and escapes every other carriage return and control', () => {
    const writes: string[] = [];
    const out = safeOutput({ write: (t: string) => void writes.push(t), isTTY: true }, () => false);
    out.writeCrlfLines?.('BEGIN:X\r\nA:over\rwrite\r\nB:\u001b[2J\u202e\r\n\r\n');
    expect(writes).toEqual(['BEGIN:X\r\nA:over<U+000D>write\r\nB:<U+001B>[2J<U+202E>\r\n\r\n']);
    fc.assert(
      fc.property(hostileText, (text) => {
        writes.length = 0;
        out.writeCrlfLines?.(text);
        // Apart from the CRLF pairs kept, nothing forbidden reaches the terminal.
        expect(forbiddenIn((writes[0] ?? '').replace(/\r\n/g, '\n'))).toEqual([]);
      }),
    );
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
