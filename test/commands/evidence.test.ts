import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/core/facts.js';
import { FIGURES } from '../../src/core/figures.js';
import { journal } from '../helpers/cli.js';

describe('noisy evidence', () => {
  it('lists every figure with its value, status and source, and every cited fact', async () => {
    const { cli } = journal();
    const { code, stdout } = await cli(['evidence']);
    expect(code).toBe(0);
    for (const f of FIGURES) {
      expect(stdout).toContain(f.id);
      if (f.source) expect(stdout.replace(/\s+/g, ' ')).toContain(f.source.replace(/\s+/g, ' '));
    }
    for (const fact of FACTS) expect(stdout).toContain(fact.id);
    expect(stdout).toContain('our assumption');
    expect(stdout).toContain('published figure');
    expect(stdout.split('\n').every((line) => [...line].length <= 80)).toBe(true);
  });

  it('prints one JSON document with --json', async () => {
    const { cli } = journal();
    const { code, stdout } = await cli(['evidence', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { figures: { id: string; status: string; value: number }[]; facts: { id: string; source: string }[] };
    expect(doc.figures.map((f) => f.id)).toEqual(FIGURES.map((f) => f.id));
    expect(doc.figures.find((f) => f.id === 'validity.structured-interview')).toMatchObject({ value: 0.42, status: 'published' });
    expect(doc.facts.every((f) => f.source.length > 0)).toBe(true);
  });

  it('never touches the journal', async () => {
    const { cli, db } = journal();
    await cli(['evidence']);
    const { existsSync } = await import('node:fs');
    expect(existsSync(db)).toBe(false);
  });
});
