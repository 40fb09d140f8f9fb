import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/core/ids.js';

const ALPHABET = '23456789abcdefghijklmnopqrstuvwxyz';
const id = fc.oneof(
  fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 0, maxLength: 12 }),
  // Near neighbours: the same letters in other lengths and orders.
  fc.constantFrom('2', '22', '222', 'zz', 'zzzzzzzzzz', 'zzzzzzzzzzz', '2zzzzzzzzz', 'z2', '2z'),
  fc.string({ maxLength: 6 }),
);

describe('IdTable', () => {
  it('gives back what a Map would, for any ids, through its growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.integer({ min: 0, max: 2 ** 31 - 1 })), { maxLength: 3000 }), fc.array(id, { maxLength: 50 }), (writes, reads) => {
        const table = new IdTable();
        const map = new Map<string, number>();
        for (const [key, value] of writes) {
          expect(table.get(key)).toBe(map.get(key));
          table.set(key, value);
          map.set(key, value);
        }
        for (const key of [...reads, ...map.keys()]) expect(table.get(key)).toBe(map.get(key));
      }),
      { numRuns: 60 },
    );
  });
});
