// Whether to colour, and the codes of the colours noisy uses, without chalk: chalk (with the
// terminal checks it makes as it loads) is loaded only by a command that colours what it writes
// (ui/style.ts styler), never for output that goes to a file or a pipe.

/**
 * The styles noisy's text uses. Only their codes get through to a terminal (src/ui/terminal-safe.ts);
 * a test checks that nothing in src uses another one.
 */
export const STYLES = ['bold', 'dim', 'red', 'green', 'yellow', 'cyan'] as const;
export type Style = (typeof STYLES)[number];

/** Each style's SGR codes as chalk writes them (`ESC [ n m`), to turn it on and off; a test holds them to chalk. */
export const SGR_CODES: Readonly<Record<Style, readonly [on: number, off: number]>> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

/**
 * Whether to colour a stream. chalk 5 ignores NO_COLOR, so honour it here: NO_COLOR (any
 * non-empty value) and --no-color turn colour off; FORCE_COLOR turns it on; otherwise colour
 * only a terminal.
 */
export function wantsColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
