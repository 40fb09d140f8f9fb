// Text chunks to UTF-8 bytes in large blocks, for writing big documents (`noisy export`).
//
// Encoding each chunk straight into a block is several times faster than joining chunks into one
// long string and converting that: the join builds a rope V8 must flatten, and one non-ASCII
// character (an em dash in every entry heading) makes the whole flattened string two bytes a character.

/** Bytes per block: few system calls, and memory stays small whatever the document's size. */
export const UTF8_BLOCK_BYTES = 64 * 1024;

/** The most UTF-8 bytes one UTF-16 code unit can need (a surrogate pair is 2 units, 4 bytes). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * The UTF-8 encoding of the chunks joined, as blocks of at most about `blockBytes` (a chunk longer
 * than a block comes as a block of its own). Each block is a fresh buffer, so a caller may hold on
 * to it (an asynchronous stream does). Chunks are encoded one by one, so a surrogate pair must not
 * be split between two chunks (whole entries never are).
 */
export function* utf8Blocks(chunks: Iterable<string>, blockBytes = UTF8_BLOCK_BYTES): Generator<Buffer> {
  let block = Buffer.allocUnsafe(blockBytes);
  let used = 0;
  for (const chunk of chunks) {
    const most = chunk.length * MAX_BYTES_PER_UNIT;
    if (used + most > blockBytes && used > 0) {
      yield block.subarray(0, used);
      block = Buffer.allocUnsafe(blockBytes);
      used = 0;
    }
    if (most > blockBytes) yield Buffer.from(chunk, 'utf8');
    else used += block.write(chunk, used, 'utf8');
  }
  if (used > 0) yield block.subarray(0, used);
}
