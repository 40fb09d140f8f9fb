// The one calm line after a reflection whose answers suggest a rough time (core/safety.ts decides).
import { fileURLToPath } from 'node:url';
import type { ChalkInstance } from 'chalk';

/** docs/support.md where noisy is installed (the package ships it). */
export const SUPPORT_PAGE = fileURLToPath(new URL('../../docs/support.md', import.meta.url));

export function supportNote(c: ChalkInstance): string {
  return `\n${c.dim('If this is weighing on you, talking to someone you trust, or to a professional,')}\n${c.dim(`helps. Ways to find someone, in any country: ${SUPPORT_PAGE}`)}\n`;
}
