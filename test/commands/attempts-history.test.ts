import { describe, expect, it } from 'vitest';
import { journal } from '../helpers/cli.js';
import { answers as minimal, exampleAnswers } from '../helpers/answers.js';

/** A verdict passed on yourself. */
const verdict = (overrides: Record<string, unknown>) =>
  minimal({ kind: 'self-assessment', title: 'A verdict', evaluation: { method: 'self-assessment', minutesSeen: null, selectionRate: null }, confounders: [], ...overrides });

interface JsonPattern {
  id: string;
  status: string;
  entries: string[];
  attempts: string[];
  suggestion: string;
  explanation: string;
}

describe('history: the trying patterns', () => {
  it('finds retreat-after-rejection from the ledger and the entries, listing both', async () => {
    const { cli } = journal();
    // Tries every few days through October, then rejections (one an entry, one in the ledger) and silence.
    for (const day of ['2026-10-01', '2026-10-04', '2026-10-08', '2026-10-12']) {
      expect((await cli(['attempts', 'add', `Application of ${day}`, '--method', 'cv-screen', '--date', day])).code).toBe(0);
    }
    const rejected = (await cli(['attempts', 'add', 'Fellowship', '--method', 'written-application', '--date', '2026-10-02'])).stdout.trim();
    expect((await cli(['attempts', 'resolve', rejected, 'rejected', '--date', '2026-10-20'])).code).toBe(0);
    const saved = await cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify({ ...exampleAnswers(), date: '2026-10-15', followUpOn: null, prediction: null }) });
    const entryId = (JSON.parse(saved.stdout) as { entry: { id: string } }).entry.id;

    const { code, stdout } = await cli(['history', '--json']);
    expect(code).toBe(0);
    const pattern = (JSON.parse(stdout) as { patterns: JsonPattern[] }).patterns.find((p) => p.id === 'retreat-after-rejection')!;
    expect(pattern.status).toBe('found');
    expect(pattern.entries).toEqual([entryId]);
    expect(pattern.attempts).toEqual([rejected]);
    expect(pattern.suggestion).toContain('send one more application within the week');

    const text = await cli(['history']);
    expect(text.stdout).toContain('Trying less after a rejection  (retreat-after-rejection)');
    expect(text.stdout).toContain(`Attempts: ${rejected}`);
  });

  it('says resting first is a fine answer when the latest entries say tired or unwell', async () => {
    const { cli } = journal();
    for (let i = 0; i < 5; i++) {
      const answers = verdict({ state: ['tired', 'unwell'], date: `2026-11-2${i}` });
      const saved = await cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers) });
      expect(saved.code, saved.stderr).toBe(0);
    }
    const doc = JSON.parse((await cli(['history', '--json'])).stdout) as { patterns: JsonPattern[] };
    const few = doc.patterns.find((p) => p.id === 'few-attempts')!;
    expect(few.status).toBe('found');
    expect(few.suggestion).toMatch(/^Your latest entries say you are worn out or unwell: resting first is a fine answer/);
  });
});
