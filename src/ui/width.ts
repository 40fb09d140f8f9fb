// How many terminal columns text takes, and how to cut or pad it to a width. Counting characters
// is wrong for a table: 中文 takes two columns a character, an emoji two, a combining accent none.
// string-width measures (by grapheme cluster, East Asian width and emoji rules); cuts fall between
// grapheme clusters, so an accent never loses its letter and a family emoji is never split.
// Loading it sets up Unicode segmentation (tens of milliseconds): import this only where a width
// matters, never on the way to `noisy --help`.
import stringWidth from 'string-width';

/** Columns `text` takes on a terminal (colour codes take none). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

let segmenter: Intl.Segmenter | undefined;

/**
 * `text` cut to at most `width` columns, ending in `ellipsis` when something was cut; never inside a
 * grapheme cluster, nor inside an escaped character such as `<U+202E>`.
 */
export function truncateToWidth(text: string, width: number, ellipsis = '…'): string {
  if (displayWidth(text) <= width) return text;
  const room = width - displayWidth(ellipsis);
  if (room < 0) return '';
  segmenter ??= new Intl.Segmenter();
  let kept = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const columns = displayWidth(segment);
    if (used + columns > room) break;
    kept += segment;
    used += columns;
  }
  return withoutPartEscape(kept, text) + ellipsis;
}

/** `kept` without the start of an escaped character (`<U+20`) that the cut left incomplete. */
function withoutPartEscape(kept: string, text: string): string {
  const start = kept.lastIndexOf('<');
  if (start === -1 || kept.indexOf('>', start) !== -1) return kept;
  return ESCAPE.test(text.slice(start, start + 10)) ? kept.slice(0, start) : kept;
}

/** How src/core/characters.ts shows an unsafe character. */
const ESCAPE = /^<U\+[0-9A-F]{4,6}>/;

/** `text` with spaces after it up to `width` columns (text already wider is left as it is). */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** `text` cut or padded to exactly `width` columns. */
export function fitToWidth(text: string, width: number, ellipsis = '…'): string {
  return padToWidth(truncateToWidth(text, width, ellipsis), width);
}
