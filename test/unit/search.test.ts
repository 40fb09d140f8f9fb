import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCERPT_PATTERNS, excerpt, fold, highlightTerms, markedExcerpt, rawQuery, safeQuery, searchableText } from '../../src/core/search.js';
import { displayWidth, measureWidth, wrapToWidth } from '../../src/ui/search-text.js';
import stringWidth from 'string-width';

describe('safeQuery: a person\'s words as an FTS5 query', () => {
  it('quotes each word as a phrase and matches it as a prefix', () => {
    expect(safeQuery('froze interview')).toBe('"froze"* "interview"*');
  });

  it('reads FTS5 operators as plain words', () => {
    expect(safeQuery('NOT interview OR NEAR(a b)')).toBe('"NOT"* "interview"* "OR"* "NEAR(a"* "b)"*');
    expect(safeQuery('title:bad -rejection ^start')).toBe('"title:bad"* "-rejection"* "^start"*');
  });

  it('doubles quotes inside a word, so it can never close the phrase early', () => {
    expect(safeQuery('say "hello" a"b')).toBe('"say"* """hello"""* "a""b"*');
  });

  it('drops words without a letter or digit, and gives null when none are left', () => {
    expect(safeQuery('* - " ( ) interview')).toBe('"interview"*');
    expect(safeQuery('* - " ( ) 😀')).toBeNull();
    expect(safeQuery('   ')).toBeNull();
  });

  it('splits Chinese, Japanese and Korean into characters, as the index does', () => {
    expect(safeQuery('通知')).toBe(`"\u200b通\u200b\u200b知\u200b"*`);
    expect(searchableText('不採用 ok')).toBe('\u200b不\u200b\u200b採\u200b\u200b用\u200b ok');
  });

  it('removes control characters', () => {
    expect(searchableText('a\u0002b\u0003c\u0000d\u001be\tf\ng')).toBe('a b c d e\tf\ng');
  });

  it('--fts keeps the syntax, with the same treatment of characters', () => {
    expect(rawQuery('interview NOT phone')).toBe('interview NOT phone');
    expect(rawQuery('"面接"')).toBe('"\u200b面\u200b\u200b接\u200b"');
    expect(rawQuery('( * )')).toBeNull();
  });
});

describe('excerpts', () => {
  const index = (...texts: string[]) => texts.map(searchableText);

  it('marks every word that starts like a search word, case and accents aside', () => {
    const parts = excerpt(index('Title', 'I froze in the Interview, then the interviewer left. Café.'), highlightTerms('interview cafe'));
    expect(markedExcerpt(parts)).toBe('I froze in the «Interview», then the «interviewer» left. «Café».');
  });

  it('shows a window of words around the most matches, with … where it is cut', () => {
    const story = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen froze seventeen eighteen nineteen twenty twentyone twentytwo';
    expect(markedExcerpt(excerpt(index('Title', story), highlightTerms('froze'), 6))).toBe('…fifteen sixteen «froze» seventeen eighteen nineteen…');
    expect(markedExcerpt(excerpt(index('Title', story), highlightTerms('one'), 3))).toBe('«one» two three…');
  });

  it('takes the text with the most matches; the title only when nothing else matches', () => {
    expect(markedExcerpt(excerpt(index('The interview', 'Nothing here.', 'apply again', 'Got an interview at last'), highlightTerms('interview')))).toBe('Got an «interview» at last');
    expect(markedExcerpt(excerpt(index('The interview', 'Nothing here.'), highlightTerms('interview')))).toBe('The «interview»');
  });

  it('marks a run of CJK characters as one match, and drops the separators', () => {
    const parts = excerpt(index('題', '不採用の通知が来た。'), highlightTerms('通知'));
    expect(parts).toEqual([
      { text: '不採用の', match: false },
      { text: '通知', match: true },
      { text: 'が来た。', match: false },
    ]);
    expect(markedExcerpt(excerpt(index('題', '通が知'), highlightTerms('通知')))).toBe('通が知');
  });

  it('with --fts, marks the words and not the operators or column names', () => {
    expect(highlightTerms('story:froze OR NEAR(interview panel) NOT phone*', true)).toEqual([['froze'], ['interview'], ['panel'], ['phone']]);
  });

  it('never invents text: the excerpt is a piece of the text, on one line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme-ascii', maxLength: 6 }), (text, word) => {
        const plain = excerpt(index('', text), highlightTerms(word))
          .map((p) => p.text)
          .join('')
          .replace(/^…|…$/g, '');
        const flat = searchableText(text).replaceAll('\u200b', '').replace(/\s+/gu, ' ');
        expect(flat).toContain(plain.trim());
        expect(plain).not.toMatch(/\n/);
      }),
    );
  });
});

describe('excerpts of ASCII text: the quick patterns find what the Unicode ones find', () => {
  const ascii = fc.string({ unit: 'binary-ascii', maxLength: 60 });
  const matches = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => [m.index, m[0]]);

  it('the same words, at the same places, and the same punctuation closing one', () => {
    fc.assert(
      fc.property(ascii, (text) => {
        expect(matches(EXCERPT_PATTERNS.ascii.word, text)).toEqual(matches(EXCERPT_PATTERNS.any.word, text));
        expect(EXCERPT_PATTERNS.ascii.closing.exec(text)?.[0]).toBe(EXCERPT_PATTERNS.any.closing.exec(text)?.[0]);
      }),
      { numRuns: 2000 },
    );
    expect(matches(EXCERPT_PATTERNS.ascii.word, 'Ask 2 more, then-go.')).toEqual([[0, 'Ask'], [4, '2'], [6, 'more'], [12, 'then'], [17, 'go']]);
    expect(EXCERPT_PATTERNS.ascii.closing.exec('?!) then')?.[0]).toBe('?!)');
  });

  it('folds ASCII by lower-casing, as taking the accents off and lower-casing does', () => {
    const longWay = (token: string) => token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ unit: 'grapheme', maxLength: 12 })), (token) => {
        expect(fold(token)).toBe(longWay(token));
      }),
    );
    expect(fold('Café')).toBe('cafe');
    expect(fold('INTERVIEW')).toBe('interview');
  });
});

describe('wrapToWidth', () => {
  it('wraps at spaces, and breaks a run of wide characters wider than a line', () => {
    expect(wrapToWidth('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    const cjk = '不採用の通知が来た'.repeat(6);
    const lines = wrapToWidth(cjk, 20);
    expect(lines.join('')).toBe(cjk);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(20);
  });

  it('keeps every line within the width, colour codes and all', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), fc.constantFrom('通知', '\x1b[1m面接\x1b[22m', 'é', '👋🏽')), { maxLength: 30 }), fc.integer({ min: 4, max: 40 }), (words, width) => {
        for (const line of wrapToWidth(words.join(' ').replace(/\s/g, ' '), width)) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      }),
    );
  });
});

describe('displayWidth', () => {
  it('is never less than what string-width measures', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (text) => {
        expect(displayWidth(text)).toBeGreaterThanOrEqual(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['通知', '불합격', 'ｆｕｌｌ', '👋🏽', '🙂', 'é', 'e\u0301', 'plain']) expect(displayWidth(text), text).toBe(stringWidth(text));
  });

  it('takes text of one-column characters (ASCII, Latin, …) at its length, as measuring each does', () => {
    const quick = [[0x00, 0xac], [0xae, 0x2ff], [0x2010, 0x2027], [0x2030, 0x205e]];
    for (const [from, to] of quick) for (let code = from!; code <= to!; code += 1) expect(measureWidth(String.fromCharCode(code)), code.toString(16)).toBe(1);
    // Around them: the soft hyphen, a combining mark, zero-width and bidi characters, a wide one, U+FE0F.
    const near = fc.constantFrom('\xad', '\u0301', '\u0300', '\u200b', '\u200d', '\u202e', '\u2028', '\u2060', '\u3000', '通', '\ufe0f', '❤', '👋🏽');
    const units = fc.oneof(fc.integer({ min: 0, max: 0x2ff }), fc.integer({ min: 0x2000, max: 0x206f }))
      .filter((code) => code !== 0x1b) // no colour codes made by chance
      .map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.array(fc.oneof(units, near), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(displayWidth(text)).toBe(measureWidth(text));
        expect(displayWidth(`\x1b[1m${text}\x1b[22m`)).toBe(measureWidth(text));
      }),
      { numRuns: 2000 },
    );
  });
});
