// The review screen: every answer on one screen before it is saved (`reflect`, `followup`, `edit`).
import type { ChalkInstance } from 'chalk';
import type { Answers, Entry } from '../core/entry.js';
import { entryFields, getPath, isObject, type EntryEnv, type Field, type FieldChoice, type Packs } from '../core/fields.js';
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
    const shown = breakLongWords(clipped, room);
    out.push(`  ${c.dim(name.padEnd(LABEL))}${wrap(shown, WIDTH, ' '.repeat(LABEL + 2))}`);
  }
  if (problems.length > 0) {
    out.push('', c.yellow(REVIEW.problems));
    for (const problem of problems) out.push(`  ${wrap(problem, WIDTH - 2, '    ')}`);
  }
  return out.join('\n') + '\n\n';
}

/** Breaks words longer than `room` columns, so wrapped text never runs past its margin. */
export function breakLongWords(text: string, room: number): string {
  return text.replace(new RegExp(`(\\S{${room}})(?=\\S)`, 'gu'), '$1 ');
}

/** An answer in a few words, for the review screen. */
export function describeAnswer<E>(field: Field<E>, value: unknown, env: E): string {
  const ask = field.ask;
  switch (ask.type) {
    case 'text':
    case 'tags':
    case 'day':
      if (ask.type === 'tags') return Array.isArray(value) && value.length > 0 ? value.map((t) => `#${String(t)}`).join(' ') : REVIEW.none;
      if (ask.type === 'day') return typeof value === 'string' ? value : REVIEW.none;
      return typeof value === 'string' && value !== '' ? firstLine(value) : REVIEW.empty;
    case 'number':
      return typeof value === 'number' ? `${value}${ask.suffix ?? ''}` : REVIEW.unknown;
    case 'select': {
      const choice = choiceFor(ask.choices(env), value);
      return choice ? choice.name : REVIEW.empty;
    }
    case 'checkbox': {
      const names = ask.choices(env).filter((c) => Array.isArray(value) && value.includes(c.value)).map((c) => c.name);
      return names.length > 0 ? names.join('; ') : REVIEW.none;
    }
    case 'confirm':
      return value === true ? REVIEW.yes : value === false ? REVIEW.no : REVIEW.empty;
    case 'group':
      return isObject(value) ? REVIEW.yes : REVIEW.no;
  }
}

function firstLine(text: string): string {
  const lines = text.split('\n');
  return lines.length > 1 ? `${lines[0]} …` : text;
}

export function choiceFor(choices: readonly FieldChoice[], current: unknown): FieldChoice | undefined {
  if (current === undefined) return undefined;
  return choices.find((c) => ('answer' in c ? c.answer === current : c.value === current));
}

/** One answer an edit changed: its label, and what it was before and after, as on the review screen. */
export interface RevisionChange {
  label: string;
  from: string;
  to: string;
}

/**
 * Every edit of an entry, oldest first, as changes worded for a person: each changed answer from
 * what it was to what the next version made it (the last edit's "to" is the entry as it is now).
 */
export function revisionChanges(entry: Entry, packs: Packs): { revisedAt: string; changes: RevisionChange[] }[] {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the answers alone
  const { id, createdAt, followUps, revisions, ...current } = entry;
  return revisions.map((revision, i) => {
    const after: Answers = revisions[i + 1]?.previous ?? current;
    return {
      revisedAt: revision.revisedAt,
      changes: revision.changed.map((path) => {
        const from = describePath(path, revision.previous, packs);
        return { label: from.label, from: from.value, to: describePath(path, after, packs).value };
      }),
    };
  });
}

function describePath(path: string, answers: Answers, packs: Packs): { label: string; value: string } {
  const raw = answers as unknown as Record<string, unknown>;
  const pack = packs[answers.kind];
  const env: EntryEnv = { packs, pack, today: answers.date, date: answers.date };
  const field = entryFields(pack).find((f) => f.path === path);
  const value = getPath(raw, path);
  if (!field) return { label: path, value: value === undefined ? REVIEW.none : JSON.stringify(value) };
  return { label: field.label, value: describeAnswer(field, value, env) };
}
