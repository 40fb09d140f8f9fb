import { describe, expect, it } from 'vitest';
import { exampleAnswers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { toEntry } from '../../src/commands/reflect.js';
import { parseAnswers } from '../../src/core/answers.js';
import { loadPacks } from '../../src/packs/load.js';
import { visibleLength } from '../../src/ui/style.js';

async function saved() {
  const j = journal();
  const result = await j.cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(exampleAnswers()) });
  const entry = (JSON.parse(result.stdout) as { entry: Entry }).entry;
  return { ...j, entry };
}

/** Saves entries with chosen ids, to test prefixes. */
function insertWithIds(db: string, ids: string[]): void {
  const parsed = parseAnswers(exampleAnswers(), loadPacks(), '2026-12-01');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const store = Store.open(db, { create: true });
  for (const id of ids) store.insertEntry(toEntry(parsed.answers, new Date('2026-12-01T10:00:00Z'), id));
  store.close();
}

describe('noisy show', () => {
  it('shows the whole entry and its summary, by full id', async () => {
    const { cli, entry } = await saved();
    const result = await cli(['show', entry.id]);
    expect(result.code).toBe(0);
    const out = result.stdout;
    for (const text of [
      'Fellowship rejection',
      'Got the standard email this morning.',
      '"I can do well as a research engineer": 60% before, 15% after.',
      'a CV screen',
      'They had twice as many applicants as last year.',
      '#fellowship',
      'An AI safety fellowship',
      'How far should this move you?',
      'Worth knowing',
    ]) {
      expect(out).toContain(text);
    }
    for (const line of out.split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
  });

  it('never runs a label into its value: a long label gets a line of its own', async () => {
    const { cli, entry } = await saved();
    const lines = (await cli(['show', entry.id])).stdout.split('\n');
    const label = lines.indexOf('Which organisation or program');
    expect(label).toBeGreaterThan(0);
    expect(lines[label + 1]).toBe(`${' '.repeat(16)}An AI safety fellowship`);
    // Short labels keep at least two spaces before their value.
    expect(lines).toContain(`Kind${' '.repeat(12)}application`);
  });

  it('finds an entry by its first 4 characters, in any case', async () => {
    const { cli, entry } = await saved();
    const result = await cli(['show', entry.id.slice(0, 4).toUpperCase()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(entry.id);
  });

  it('--json prints {entry, assessment}', async () => {
    const { cli, entry } = await saved();
    const result = await cli(['show', entry.id, '--json']);
    const doc = JSON.parse(result.stdout) as { entry: Entry; assessment: { warrantedBelief: number } };
    expect(doc.entry).toEqual(entry);
    expect(typeof doc.assessment.warrantedBelief).toBe('number');
  });

  it('an ambiguous prefix exits 2 and lists the matches', async () => {
    const { cli, db } = journal();
    insertWithIds(db, ['abcd2345ef', 'abcd6789gh']);
    const result = await cli(['show', 'abcd']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"abcd" matches more than one entry: abcd2345ef, abcd6789gh.');
    expect((await cli(['show', 'abcd6'])).stdout).toContain('abcd6789gh');
  });

  it('an unknown id exits 1 and points at noisy list', async () => {
    const { cli, db } = journal();
    insertWithIds(db, ['abcd2345ef']);
    const result = await cli(['show', 'zzzz']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No entry with id zzzz');
    expect(result.stderr).toContain('noisy list');
  });

  it.each([
    ['abc', 'is too short'],
    ['not-an-id!', 'is not an entry id'],
    ['', 'is not an entry id'],
  ])('a malformed id %j exits 2', async (id, message) => {
    const { cli } = journal();
    const result = await cli(['show', id]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    for (const line of result.stderr.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('without an id exits 2', async () => {
    const { cli } = journal();
    const result = await cli(['show']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing required argument 'id'");
  });
});
