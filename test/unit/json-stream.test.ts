import { describe, expect, it } from 'vitest';
import { printJsonInChunks } from '../../src/cli/json-stream.js';
import { seededRandom } from '../helpers/random.js';

function written(value: unknown): { text: string; writes: string[] } {
  const writes: string[] = [];
  printJsonInChunks({ write: (chunk) => writes.push(chunk) }, value);
  return { text: writes.join(''), writes };
}

const asPrintJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Nested plain data of every JSON shape, with the odd values JSON.stringify treats specially. */
function generated(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth > 3 || roll < 0.35) {
    const leaves = [0, -0, 1.5, -3e-7, 1e21, Number.NaN, Infinity, null, true, false, '', 'plain', 'line\nbreak "quoted" \\ ünï 😀', new Date(0), undefined];
    return leaves[Math.floor(random() * leaves.length)];
  }
  if (roll < 0.65) return Array.from({ length: Math.floor(random() * 5) }, () => generated(random, depth + 1));
  const record: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 5); i > 0; i--) record[['a', 'b c', '"k"', '1', 'ünï'][Math.floor(random() * 5)]!] = generated(random, depth + 1);
  if (random() < 0.1) record.skipped = () => 1;
  return record;
}

describe('printJsonInChunks', () => {
  it('writes exactly what printJson writes, over 2,000 generated documents', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 2000; i++) {
      const value = { summary: generated(random, 0), patterns: [generated(random, 0), generated(random, 1)] };
      expect(written(value).text).toBe(asPrintJson(value));
    }
  });

  it('handles the edges: empty containers, toJSON, undefined in arrays, bare values at the top', () => {
    const withToJson = { toJSON: () => ({ shown: [1, 2] }) };
    for (const value of [{}, [], [[], {}], [undefined, () => 1], { a: undefined }, withToJson, { nested: withToJson }, 'text', 42, null, undefined, Object.create(null) as object]) {
      expect(written(value).text).toBe(asPrintJson(value));
    }
  });

  it('writes a large document in chunks, never as one string', () => {
    const value = { entries: Array.from({ length: 50_000 }, (_, i) => ({ entryId: `id${i}`, before: 60, after: i / 7, now: null })) };
    const { text, writes } = written(value);
    expect(text).toBe(asPrintJson(value));
    expect(writes.length).toBeGreaterThan(50);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(70 * 1024);
  });
});
