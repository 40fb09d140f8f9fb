// oncePerDay: the per-row date work of history and the beliefs' pictures, done once per distinct day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, oncePerDay } from '../../src/core/dates.js';

describe('oncePerDay', () => {
  it('gives what the function gives, calling it once for each distinct day', () => {
    const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(day, { maxLength: 60 }), fc.integer({ min: -400, max: 400 }), (days, n) => {
        const asked: string[] = [];
        const shift = oncePerDay((d) => {
          asked.push(d);
          return addDays(d, n);
        });
        // Each day twice: the second time comes from what was kept.
        expect([...days, ...days].map(shift)).toEqual([...days, ...days].map((d) => addDays(d, n)));
        expect(asked).toEqual([...new Set(days)]);
      }),
    );
  });

  it('keeps a value that is undefined too', () => {
    let calls = 0;
    const nothing = oncePerDay(() => {
      calls += 1;
      return undefined;
    });
    nothing('2026-01-01');
    nothing('2026-01-01');
    expect(calls).toBe(1);
  });
});
