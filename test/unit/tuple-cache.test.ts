import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TupleCache } from '../../src/core/tuple-cache.js';

describe('TupleCache', () => {
  it('finds what was set under the same numbers, and nothing under others', () => {
    const cache = new TupleCache<string>(3, 100);
    cache.set([0.1, 0.2, 0.3], 'a');
    cache.set([0.1, 0.2, 0.30000000000000004], 'b');
    expect(cache.get([0.1, 0.2, 0.3])).toBe('a');
    expect(cache.get([0.1, 0.2, 0.30000000000000004])).toBe('b');
    expect(cache.get([0.2, 0.1, 0.3])).toBeUndefined();
    cache.set([0.1, 0.2, 0.3], 'c');
    expect(cache.get([0.1, 0.2, 0.3])).toBe('c');
  });

  it('compares bits: -0 and 0 are two keys, and NaN finds itself', () => {
    const cache = new TupleCache<number>(1, 10);
    cache.set([0], 1);
    cache.set([-0], 2);
    cache.set([NaN], 3);
    expect(cache.get([0])).toBe(1);
    expect(cache.get([-0])).toBe(2);
    expect(cache.get([NaN])).toBe(3);
  });

  it('behaves as a Map of the same keys while under its capacity, and starts again empty when full', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.double({ noNaN: true }), fc.integer()), { maxLength: 200 }), (writes) => {
        const cache = new TupleCache<number>(2, 64);
        const map = new Map<string, number>();
        for (const [a, b, value] of writes) {
          const key = `${a}|${Object.is(b, -0) ? '-0' : b}`;
          if (!map.has(key) && map.size >= 64) map.clear();
          map.set(key, value);
          cache.set([a, b], value);
          for (const [k, v] of map) {
            const [x, y] = k.split('|');
            expect(cache.get([Number(x), y === '-0' ? -0 : Number(y)])).toBe(v);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a key of the wrong length', () => {
    expect(() => new TupleCache<number>(2).get([1])).toThrow(/expected 2 numbers/);
  });
});
