import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, fitToWidth, padToWidth, truncateToWidth } from '../../src/ui/width.js';
import { oneColumnEach, visibleLength } from '../../src/ui/style.js';

const graphemes = (text: string) => [...new Intl.Segmenter().segment(text)].map((s) => s.segment);

/** Titles people write: CJK, emoji (with skin tones and joiners), combining accents, Latin. */
const PIECES = ['中文', '한국어', 'カタカナ', '👩‍👩‍👧', '👍🏽', '🇯🇵', 'e\u0301', 'a', 'Z', ' ', 'ß', 'ю', 'क्ष', '—', '…'];
const title = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('displayWidth', () => {
  it('counts columns, not characters', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('中文')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('👩‍👩‍👧')).toBe(2);
    expect(displayWidth('\u001b[1mbold\u001b[22m')).toBe(4);
  });
});

describe('truncateToWidth', () => {
  it('never goes over the width, cuts only between grapheme clusters, and leaves text that fits alone', () => {
    fc.assert(
      fc.property(title, fc.integer({ min: 1, max: 60 }), (text, width) => {
        const cut = truncateToWidth(text, width);
        expect(displayWidth(cut)).toBeLessThanOrEqual(width);
        if (displayWidth(text) <= width) {
          expect(cut).toBe(text);
          return;
        }
        expect(cut.endsWith('…')).toBe(true);
        const kept = graphemes(cut.slice(0, -1));
        expect(graphemes(text).slice(0, kept.length)).toEqual(kept);
        // As much as fits: one more cluster would not.
        const next = graphemes(text)[kept.length] ?? '';
        expect(displayWidth(cut.slice(0, -1) + next) + 1).toBeGreaterThan(width);
      }),
      { numRuns: 1000 },
    );
  });

  it('never cuts inside an escaped character', () => {
    expect(truncateToWidth('ab <U+202E>cd', 6)).toBe('ab …');
    expect(truncateToWidth('ab <U+202E>cd', 12)).toBe('ab <U+202E>…');
    expect(truncateToWidth('ab <U+ is text', 7)).toBe('ab <U+…');
  });

  it('cuts a CJK title by columns', () => {
    expect(truncateToWidth('中文中文中文', 7)).toBe('中文中…');
    expect(truncateToWidth('中文中文中文', 6)).toBe('中文…');
  });
});

describe('fitToWidth and padToWidth', () => {
  it('give exactly the width asked for', () => {
    fc.assert(
      fc.property(title, fc.integer({ min: 2, max: 60 }), (text, width) => {
        expect(displayWidth(fitToWidth(text, width))).toBe(width);
      }),
      { numRuns: 1000 },
    );
    expect(padToWidth('中', 4)).toBe('中  ');
  });
});

describe('oneColumnEach: text that visibleLength measures exactly', () => {
  const inClass: string[] = [];
  for (let code = 0; code <= 0xffff; code += 1) {
    const ch = String.fromCharCode(code);
    if (oneColumnEach(ch)) inClass.push(ch);
  }

  it('leaves out what takes no column, two columns, or joins a character', () => {
    expect(inClass.length).toBeGreaterThan(1000);
    for (const ch of ['\u00ad', '\u0301', '\u0483', '\u2028', '\u200d', '\t', '\u001b', '中', '😀', '\ufe0f']) expect(oneColumnEach(ch)).toBe(false);
  });

  it('each of its characters takes one column, and any text of them as many columns as characters', () => {
    for (const ch of inClass) expect(displayWidth(ch), ch.codePointAt(0)!.toString(16)).toBe(1);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...inClass), { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        expect(oneColumnEach(text)).toBe(true);
        expect(visibleLength(text)).toBe(displayWidth(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for noisy\'s own wording in a summary', () => {
    expect(oneColumnEach('Your move — 60% → 15% · about ≈ 1.4× … “the bar”')).toBe(true);
    expect(oneColumnEach('\u001b[1mbold\u001b[22m ·')).toBe(true);
  });
});
