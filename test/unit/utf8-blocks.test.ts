import { describe, expect, it } from 'vitest';
import { utf8Blocks } from '../../src/cli/utf8-blocks.js';

const joined = (blocks: Iterable<Buffer>) => Buffer.concat([...blocks]);

describe('utf8Blocks', () => {
  it('gives the UTF-8 bytes of the chunks joined, whatever the characters', () => {
    const chunks = ['# noisy journal\n', '', 'café — r ≈ .30 · ', '😀 emoji ', 'end\n', '\u2028 and a lone \ud800 surrogate'];
    expect(joined(utf8Blocks(chunks, 16)).equals(Buffer.from(chunks.join(''), 'utf8'))).toBe(true);
  });

  it('keeps every block within its size, except a chunk too long for any block, which comes alone', () => {
    const chunks = ['abc', 'é'.repeat(10), 'x'.repeat(100), 'de'];
    const blocks = [...utf8Blocks(chunks, 32)];
    expect(blocks.map((b) => b.toString('utf8'))).toEqual(['abc', 'é'.repeat(10), 'x'.repeat(100), 'de']);
    expect(joined(blocks).equals(Buffer.from(chunks.join(''), 'utf8'))).toBe(true);
  });

  it('packs small chunks into blocks, and a block kept by the caller is not overwritten by the next', () => {
    const blocks = [...utf8Blocks(['ab', 'cd', 'ef', 'gh'], 8)];
    expect(blocks.map((b) => b.toString())).toEqual(['abcd', 'efgh']);
  });

  it('gives nothing for nothing', () => {
    expect([...utf8Blocks([], 16)]).toEqual([]);
    expect([...utf8Blocks(['', ''], 16)]).toEqual([]);
  });
});
