import { Chalk, type ChalkInstance } from 'chalk';

export { STYLES, wantsColor } from './colour.js';

/** A chalk that is silent when colour is off (NO_COLOR, --no-color, or not a terminal). */
export function styler(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

/**
 * Wraps text to `width` columns, keeping `indent` on continuation lines. A word longer than a line
 * is cut between characters. `measure` counts columns: the default counts characters, right for
 * noisy's own wording; text someone typed is measured with displayWidth (./width.ts).
 */
export function wrap(text: string, width: number, indent = '', measure: (text: string) => number = visibleLength): string {
  const out: string[] = [];
  const room = width - indent.length;
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/).flatMap((w) => cutToRoom(w, room, measure))) {
      if (line && measure(line) + 1 + measure(word) > room) {
        out.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(line);
  }
  return out.map((l, i) => (i === 0 ? l : indent + l)).join('\n');
}

/** A word cut into pieces that fit `room` columns, between grapheme clusters (an accent stays with its letter). */
function cutToRoom(word: string, room: number, measure: (text: string) => number): string[] {
  if (room < 1 || measure(word) <= room) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const { segment } of new Intl.Segmenter().segment(word)) {
    if (piece && measure(piece + segment) > room) {
      pieces.push(piece);
      piece = segment;
    } else {
      piece += segment;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Characters without colour codes: right for noisy's own wording. Text someone typed may hold wide
 * (CJK, emoji) or zero-width characters: measure it with displayWidth in ./width.ts.
 */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/**
 * Characters that each take one column and never join the next into one: printable ASCII, Latin
 * (U+00AD, the soft hyphen, takes none), Greek, Cyrillic without its combining signs, and the
 * punctuation, arrows and maths noisy's own wording uses (— · … ≈ →). A test holds every one of them
 * to string-width.
 */
const ONE_COLUMN_EACH = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2200-\u22ff]*$/;

/**
 * True when every character of `text` (colour codes aside) takes one column on its own: then
 * visibleLength measures it as a terminal shows it, and ./width.ts (slow to load) is not needed.
 */
export function oneColumnEach(text: string): boolean {
  return ONE_COLUMN_EACH.test(text.replace(ANSI, ''));
}
