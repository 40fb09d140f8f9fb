import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt, highlightTerms, markedExcerpt, rawQuery, safeQuery, searchableText } from '../../src/core/search.js';
import { displayWidth, wrapToWidth } from '../../src/ui/search-text.js';
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
});
