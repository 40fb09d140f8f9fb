// Full-text search, the pure part: what the index is given of each text, how a person's words
// become a query SQLite's FTS5 can always read, and the excerpt shown for each entry found. The
// index itself lives in storage (migrations.ts, store.ts); this file has no SQLite in it.
import type { Entry } from './entry.js';

/**
 * Scripts written without spaces between words. FTS5's unicode61 tokenizer splits words at spaces
 * and punctuation, so a Japanese or Chinese sentence would be one long "word", findable only from
 * its start. Each of these characters is indexed as a word of its own instead, and a query's run of
 * them becomes a phrase (the characters next to each other): any part of a sentence can be found.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * What separates those characters: ZERO WIDTH SPACE is a separator to the tokenizer (it is not a
 * letter or digit) and invisible on screen; excerpts drop it again.
 */
const SPLIT = '\u200b';

/** Control characters other than tab and newline: answers can't hold them, and the index never does. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The text the index holds for `text`: normalised, without control characters, CJK split. */
export function searchableText(text: string): string {
  return text.normalize('NFC').replace(CONTROL, ' ').replace(UNSPACED, (ch) => `${SPLIT}${ch}${SPLIT}`);
}

/** What the index holds of an entry, by column: title, story, next step, follow-ups, notes. */
export type SearchTexts = [title: string, story: string, nextStep: string, followUps: string, notes: string];

/**
 * The index's columns for `entry`: "follow-ups" is what happened, one follow-up a line; "notes" is
 * the rest of the free text (the belief, what the evaluator saw, other confounders, the prediction,
 * the pack's own questions), one a line. Text missing from an entry saved long ago counts as none.
 * The store writes this on every write of an entry; tests check it against the SQL view that
 * migration 4 filled the index with (entry_search_source).
 */
export function searchTexts(entry: Entry): SearchTexts {
  const lines = (values: readonly unknown[]) => values.filter((value) => typeof value === 'string').join('\n');
  return [
    searchableText(lines([entry.title])),
    searchableText(lines([entry.story])),
    searchableText(lines([entry.nextStep])),
    searchableText(lines(entry.followUps.map((f) => f.whatHappened))),
    searchableText(
      lines([entry.belief.statement, entry.evaluation.whatTheySaw, entry.otherConfounders, entry.prediction?.statement, ...Object.values(entry.extras)]),
    ),
  ];
}

/** A word as the tokenizer sees it: letters, digits and private-use characters ("L* N* Co"). */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const WORDY = /[\p{L}\p{N}\p{Co}]/u;

/**
 * How excerpts find words (`word`, global) and the punctuation that closes one (`closing`, from the
 * start): in any text, and in text all in ASCII, where the two find the same (a test holds them to
 * it) and the ASCII ones skip building Unicode's classes, which cost a search more than its excerpts.
 */
export const EXCERPT_PATTERNS = {
  any: { word: TOKEN, closing: /^[^\s\p{L}\p{N}]*/u },
  ascii: { word: /[A-Za-z0-9]+/g, closing: /^[^\sA-Za-z0-9]*/ },
} as const;
const ASCII = /^[\0-\x7f]*$/;

/** How the index compares words: without case or accents (unicode61, remove_diacritics 2). */
export function fold(token: string): string {
  // ASCII has no accents to take off (a test holds this to the long way).
  if (ASCII.test(token)) return token.toLowerCase();
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Turns what a person typed into an FTS5 query that can't fail to parse: every word is quoted as a
 * phrase and matched as a prefix ("interview" finds "interviews"), and all of them must be there.
 * FTS5's own operators (AND, OR, NOT, NEAR, quotes, *, -, ^, column:) are read as plain words.
 * Null when nothing in `words` could match anything (only punctuation, say).
 */
export function safeQuery(words: string): string | null {
  const terms = words
    .split(/\s+/u)
    .filter((word) => WORDY.test(word))
    .map((word) => `"${searchableText(word).replaceAll('"', '""')}"*`);
  return terms.length > 0 ? terms.join(' ') : null;
}

/**
 * For `noisy search --fts`: the person's own FTS5 query, given the same treatment of CJK and
 * control characters as the index (FTS5's syntax is all ASCII, so it is left as it is).
 */
export function rawQuery(query: string): string | null {
  return WORDY.test(query) ? searchableText(query) : null;
}

/** FTS5's operators, which are not words to mark in an excerpt. */
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

/**
 * The words to mark in excerpts, each as the folded tokens of one phrase (a CJK word is several).
 * With `fts`, the words of an FTS5 query without its operators and column names.
 */
export function highlightTerms(words: string, fts = false): string[][] {
  const text = fts ? words.replace(/[\p{L}\p{N}_]+\s*:/gu, ' ').replace(/,\s*\d+\s*\)/g, ')').replace(/[()]/g, ' ') : words;
  return text
    .split(/\s+/u)
    .filter((word) => !(fts && OPERATORS.has(word)))
    .map((word) => (searchableText(word).match(TOKEN) ?? []).map(fold))
    .filter((tokens) => tokens.length > 0);
}

/** A piece of an excerpt: plain text, or a word that matched. */
export interface ExcerptPart {
  text: string;
  match: boolean;
}

/** How many words an excerpt shows at most. */
export const EXCERPT_WORDS = 14;

/**
 * A short passage of an entry's text with the matched words marked: from the text (as the index
 * holds it: title, story, next step, follow-ups, notes) with the most matches, the window of
 * EXCERPT_WORDS words holding the most of them. The story and what followed come before the title
 * when as many words match: the title is shown beside the excerpt anyway.
 */
export function excerpt(texts: readonly string[], terms: readonly string[][], words = EXCERPT_WORDS): ExcerptPart[] {
  const order = texts.length > 1 ? [...texts.slice(1), texts[0] ?? ''] : [...texts];
  let best: { text: string; tokens: Token[]; marked: boolean[]; count: number } | null = null;
  for (const text of order) {
    const tokens = tokenize(text);
    const marked = markMatches(tokens, terms);
    const count = marked.filter(Boolean).length;
    if (best === null || count > best.count || (best.tokens.length === 0 && tokens.length > 0 && count === best.count)) best = { text, tokens, marked, count };
  }
  if (best === null || best.tokens.length === 0) return [];
  const { text, tokens, marked } = best;
  const patterns = ASCII.test(text) ? EXCERPT_PATTERNS.ascii : EXCERPT_PATTERNS.any;
  // The window with the most matches, starting a little before its first one.
  let start = 0;
  let most = -1;
  for (let i = 0; i < tokens.length; i += 1) {
    if (!marked[i]) continue;
    const from = Math.max(0, Math.min(i - 2, tokens.length - words));
    const count = marked.slice(from, from + words).filter(Boolean).length;
    if (count > most) {
      most = count;
      start = from;
    }
  }
  const end = Math.min(tokens.length, start + words);
  const parts: ExcerptPart[] = [];
  const add = (piece: string, match: boolean) => {
    const clean = piece.replaceAll(SPLIT, '').replace(/\s+/gu, ' ');
    if (clean === '') return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += clean;
    else parts.push({ text: clean, match });
  };
  if (start > 0) add('…', false);
  let at = tokens[start]!.from;
  for (let i = start; i < end; i += 1) {
    const token = tokens[i]!;
    add(text.slice(at, token.from), false);
    add(text.slice(token.from, token.to), marked[i]!);
    at = token.to;
  }
  // Keep the punctuation that closes the last word ("interview."), up to the next space.
  const tail = patterns.closing.exec(text.slice(at))?.[0] ?? '';
  add(tail, false);
  if (end < tokens.length) add('…', false);
  const first = parts[0];
  if (first && !first.match) first.text = first.text.trimStart();
  return parts;
}

interface Token {
  from: number;
  to: number;
  folded: string;
}

function tokenize(text: string): Token[] {
  const { word } = ASCII.test(text) ? EXCERPT_PATTERNS.ascii : EXCERPT_PATTERNS.any;
  return [...text.matchAll(word)].map((m) => ({ from: m.index, to: m.index + m[0].length, folded: fold(m[0]) }));
}

/** Which tokens belong to a match of one of the terms (a phrase: its tokens in a row, the last as a prefix). */
function markMatches(tokens: readonly Token[], terms: readonly string[][]): boolean[] {
  const marked = tokens.map(() => false);
  for (const term of terms) {
    for (let i = 0; i + term.length <= tokens.length; i += 1) {
      const fits = term.every((t, k) => (k === term.length - 1 ? tokens[i + k]!.folded.startsWith(t) : tokens[i + k]!.folded === t));
      if (fits) for (let k = 0; k < term.length; k += 1) marked[i + k] = true;
    }
  }
  return marked;
}

/** The excerpt as `--json` gives it: matched words between « and ». */
export function markedExcerpt(parts: readonly ExcerptPart[]): string {
  return parts.map((p) => (p.match ? `«${p.text}»` : p.text)).join('').trim();
}
