// What `noisy search` prints: each entry found, with its excerpt, the matched words marked.
import type { ChalkInstance } from 'chalk';
import type { ExcerptPart } from '../core/search.js';

export interface SearchLine {
  entryId: string;
  date: string;
  title: string;
  parts: ExcerptPart[];
}

const WIDTH = 80;
const INDENT = '    ';

/**
 * One block per entry: id, date and title on a line, then the excerpt indented below it. Matched
 * words are bold and coloured when colour is on (`c`: a chalk; null for no colour), and between «
 * and » when it is off, so they show either way. Every line fits 80 columns, measured as the
 * terminal shows it (wide characters: 2).
 */
export function renderSearchResults(lines: readonly SearchLine[], c: ChalkInstance | null): string {
  const colour = c !== null && c.level > 0 ? c : null;
  const marked = (part: ExcerptPart) => (part.match ? (colour ? colour.bold.yellow(part.text) : `«${part.text}»`) : part.text);
  return lines
    .map((line) => {
      const head = `${colour ? colour.bold(line.entryId) : line.entryId}  ${line.date}  `;
      const title = fit(line.title.replace(/\s+/g, ' '), WIDTH - displayWidth(head));
      const excerpt = wrapToWidth(line.parts.map(marked).join('').trim(), WIDTH - INDENT.length).map((l) => INDENT + l);
      return [head + title, ...excerpt].join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

/** What a search that found nothing says (`words` quoted short already), within 80 columns. */
export function noMatches(words: string, filtered: boolean): string {
  const said = filtered
    ? `Nothing matches "${words}" with these filters. Try without them, or other words.`
    : `Nothing in your journal matches "${words}". Try fewer or shorter words.`;
  return `${wrapToWidth(said, WIDTH).join('\n')}\n`;
}

export function showingFirst(shown: number): string {
  return `Showing the best ${shown}; use --limit to see more.\n`;
}

/**
 * Characters a terminal shows two columns wide: Unicode's East Asian Wide and Fullwidth ranges
 * (Unicode 17, as string-width reads them), which take in CJK, kana, Hangul and most emoji.
 * string-width is exact for every case, but loading it takes longer than a whole search; a test
 * holds this to it.
 */
// eslint-disable-next-line no-misleading-character-class -- ranges of code points, some of them marks (checked first by ZERO)
const WIDE = /[\u1100-\u115f\u231a-\u231b\u2329-\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd-\u25fe\u2614-\u2615\u2630-\u2637\u2648-\u2653\u267f\u268a-\u268f\u2693\u26a1\u26aa-\u26ab\u26bd-\u26be\u26c4-\u26c5\u26ce\u26d4\u26ea\u26f2-\u26f3\u26f5\u26fa\u26fd\u2705\u270a-\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b-\u2b1c\u2b50\u2b55\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u2ff0-\u303e\u3041-\u3096\u3099-\u30ff\u3105-\u312f\u3131-\u318e\u3190-\u31e5\u31ef-\u321e\u3220-\u3247\u3250-\ua48c\ua490-\ua4c6\ua960-\ua97c\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe52\ufe54-\ufe66\ufe68-\ufe6b\uff01-\uff60\uffe0-\uffe6\u{16fe0}-\u{16fe4}\u{16ff0}-\u{16ff6}\u{17000}-\u{18cda}\u{18cff}-\u{18d20}\u{18d80}-\u{18df2}\u{18e00}-\u{19191}\u{191a0}-\u{191d2}\u{1aff0}-\u{1aff3}\u{1aff5}-\u{1affb}\u{1affd}-\u{1affe}\u{1b000}-\u{1b128}\u{1b132}\u{1b150}-\u{1b152}\u{1b155}\u{1b164}-\u{1b168}\u{1b170}-\u{1b2fb}\u{1d300}-\u{1d356}\u{1d360}-\u{1d376}\u{1f004}\u{1f0cf}\u{1f18e}\u{1f191}-\u{1f19a}\u{1f1ae}\u{1f200}-\u{1f202}\u{1f210}-\u{1f23b}\u{1f240}-\u{1f248}\u{1f250}-\u{1f251}\u{1f260}-\u{1f265}\u{1f300}-\u{1f320}\u{1f32d}-\u{1f335}\u{1f337}-\u{1f37c}\u{1f37e}-\u{1f393}\u{1f3a0}-\u{1f3ca}\u{1f3cf}-\u{1f3d3}\u{1f3e0}-\u{1f3f0}\u{1f3f4}\u{1f3f8}-\u{1f43e}\u{1f440}\u{1f442}-\u{1f4fc}\u{1f4ff}-\u{1f53d}\u{1f54b}-\u{1f54e}\u{1f550}-\u{1f567}\u{1f57a}\u{1f595}-\u{1f596}\u{1f5a4}\u{1f5fb}-\u{1f64f}\u{1f680}-\u{1f6c5}\u{1f6cc}\u{1f6d0}-\u{1f6d2}\u{1f6d5}-\u{1f6d9}\u{1f6dc}-\u{1f6df}\u{1f6eb}-\u{1f6ec}\u{1f6f4}-\u{1f6fc}\u{1f7da}\u{1f7e0}-\u{1f7eb}\u{1f7f0}\u{1f90c}-\u{1f93a}\u{1f93c}-\u{1f945}\u{1f947}-\u{1f9ff}\u{1fa70}-\u{1fa7c}\u{1fa80}-\u{1fac6}\u{1fac8}\u{1facc}-\u{1fadd}\u{1fadf}-\u{1faeb}\u{1faef}-\u{1fafa}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u;
/** Characters that take no column of their own: combining marks, joiners, variation selectors, skin tones. */
const ZERO = /[\p{Mn}\p{Me}\p{Cf}\u{1f3fb}-\u{1f3ff}]/u;
/** After a character, asks for it as an emoji: two columns (❤️). */
const EMOJI_STYLE = '\ufe0f';
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Characters measureWidth counts as one column each, whatever comes after them (none is wide or
 * zero-width, nor U+FE0F): ASCII, Latin (but the soft hyphen, a format character), and the general
 * punctuation of excerpts (…) short of the format characters. Testing these with one flat class
 * spares a search the Unicode classes below (a test holds the two ways equal).
 */
const ONE_COLUMN_EACH = /^[\0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e]*$/;

/** Columns `text` takes in a terminal, colour codes left out. */
export function displayWidth(text: string): number {
  const plain = text.replace(ANSI, '');
  return ONE_COLUMN_EACH.test(plain) ? plain.length : measureWidth(plain);
}

/** Columns `plain` (no colour codes) takes, character by character. */
export function measureWidth(plain: string): number {
  let width = 0;
  let previous = 0;
  for (const ch of plain) {
    if (ch === EMOJI_STYLE && previous === 1) width += 1;
    previous = ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
    width += previous;
  }
  return width;
}

/** Shortens `text` to `width` columns, ending with … when cut. */
function fit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * Wraps text (which may hold colour codes) to lines of at most `width` columns: at spaces where it
 * can, and inside a word only when one word is wider than a line (Chinese or Japanese without spaces).
 */
export function wrapToWidth(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const word of text.split(' ')) {
    const gap = line === '' ? '' : ' ';
    if (displayWidth(line + gap + word) <= width) {
      line += gap + word;
      continue;
    }
    if (line !== '') push();
    if (displayWidth(word) <= width) {
      line = word;
      continue;
    }
    // One word wider than a line: break it by characters, keeping colour codes whole.
    // eslint-disable-next-line no-control-regex
    for (const piece of word.match(/\x1b\[[0-9;]*m|[\s\S]/gu) ?? []) {
      if (displayWidth(line + piece) > width) push();
      line += piece;
    }
  }
  if (line !== '') push();
  return lines;
}
