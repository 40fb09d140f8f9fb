import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DONT_KNOW, readNumberAnswer } from '../../src/core/number-answer.js';

describe('readNumberAnswer: numbers as people type them', () => {
  it.each(['65', '65%', '~65', '65 percent', ' 65 ', '65 %', 'about 65', '≈65', '６５％', '65.0', '65 per cent', 'Around 65'])('"%s" is 65', (typed) => {
    expect(readNumberAnswer(typed)).toEqual({ kind: 'number', value: 65 });
  });

  it('reads decimals and thousands', () => {
    expect(readNumberAnswer('2.5')).toEqual({ kind: 'number', value: 2.5 });
    expect(readNumberAnswer('2,5')).toEqual({ kind: 'number', value: 2.5 });
    expect(readNumberAnswer('3,000')).toEqual({ kind: 'number', value: 3000 });
    expect(readNumberAnswer('.5%')).toEqual({ kind: 'number', value: 0.5 });
  });

  it.each(['', '   ', 'not sure', 'Not sure.', 'idk', "don't know", 'don’t know', 'I dont know', 'no idea', '?'])('"%s" skips', (typed) => {
    expect(readNumberAnswer(typed)).toEqual({ kind: 'skip' });
  });

  it.each(['sixty', '65 apples', '6 5', '1e3', 'Infinity', 'NaN', '0x41', '--5', '65%%'])('"%s" is not a number', (typed) => {
    expect(readNumberAnswer(typed)).toEqual({ kind: 'invalid' });
  });

  it('reads any plain number back as itself, with or without % and spaces', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom('', '%', ' %', ' percent'), fc.constantFrom('', ' ', '~'), (n, suffix, prefix) => {
        const text = `${prefix}${String(n)}${suffix}`;
        if (/e/i.test(String(n))) return; // 1e-7: not how people type
        expect(readNumberAnswer(text)).toEqual({ kind: 'number', value: n });
      }),
    );
  });

  it('never throws, and skips only blank text and the ways of saying "I don\'t know"', () => {
    fc.assert(
      fc.property(fc.string(), (typed) => {
        const answer = readNumberAnswer(typed);
        if (answer.kind === 'skip') {
          const words = typed.normalize('NFKC').trim().toLowerCase().replace(/['’`]/g, '').replace(/\.$/, '').replace(/\s+/g, ' ');
          expect(words === '' || DONT_KNOW.includes(words)).toBe(true);
        }
        if (answer.kind === 'number') expect(Number.isFinite(answer.value)).toBe(true);
      }),
    );
  });
});
