// The review screen: every answer on one screen before it is saved (`reflect`, `followup`, `edit`).
import type { ChalkInstance } from 'chalk';
import { visibleLength, wrap } from './style.js';

const WIDTH = 80;
const LABEL = 22;

export const REVIEW = {
  what: 'What now?',
  which: 'Which answer? (Esc: back to the list)',
  change: 'Change an answer',
  empty: '(empty)',
  none: '(none)',
  unknown: 'not known',
  yes: 'yes',
  no: 'no',
  problems: 'Fix these before saving (pick "Change an answer"):',
  /** Said once before the first question of a flow. */
  backHint: 'Esc goes back one question. Ctrl+C stops; what you typed is kept as a draft.',
} as const;

/** The answers as a list of `label  value` lines, then any problem that stops them being saved. */
export function renderReview(heading: string, rows: readonly { label: string; value: string }[], problems: readonly string[], c: ChalkInstance): string {
  const out = ['', c.bold(heading)];
  for (const { label, value } of rows) {
    const name = label.length > LABEL - 2 ? `${label.slice(0, LABEL - 3)}…` : label;
    const room = WIDTH - LABEL - 2;
    // At most two lines per answer; a word longer than a line is broken so nothing runs past 80 columns.
    const clipped = visibleLength(value) > room * 2 ? `${[...value].slice(0, room * 2 - 1).join('')}…` : value;
    const shown = clipped.replace(new RegExp(`(\\S{${room}})(?=\\S)`, 'gu'), '$1 ');
    out.push(`  ${c.dim(name.padEnd(LABEL))}${wrap(shown, WIDTH, ' '.repeat(LABEL + 2))}`);
  }
  if (problems.length > 0) {
    out.push('', c.yellow(REVIEW.problems));
    for (const problem of problems) out.push(`  ${wrap(problem, WIDTH - 2, '    ')}`);
  }
  return out.join('\n') + '\n\n';
}
