// Reads the first 100 bytes of a journal file (the SQLite header) to tell a journal from anything
// else, and a whole journal from one cut short, before SQLite is allowed to write to it.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

export type FileShape =
  | { kind: 'empty' }
  | { kind: 'not-sqlite' }
  | { kind: 'cut-short'; size: number; expected: number | null; pageSize: number }
  | { kind: 'sqlite'; size: number; pageSize: number };

const MAGIC = 'SQLite format 3\0';
/** A WAL file with only its 32-byte header holds no transaction. */
const WAL_HEADER_BYTES = 32;

/**
 * The shape of the file at `path` (throws the fs error when it can't be read). A journal is "cut
 * short" when it is not a whole number of pages, or shorter than its header says — unless a -wal
 * file with transactions sits beside it, which may legitimately complete it (a save or checkpoint
 * that was interrupted; SQLite finishes it on the next open).
 */
export function fileShape(path: string): FileShape {
  const shape = readShape(path);
  if (shape.kind !== 'cut-short') return shape;
  // Another noisy may be checkpointing right now: SQLite writes page 1 (with the new page count)
  // before the pages after it, so for a moment a healthy journal looks short. While its working
  // files exist, SQLite itself is the judge; once they are gone the file is settled, so look again.
  if (existsSync(`${path}-wal`) || existsSync(`${path}-shm`)) return { kind: 'sqlite', size: shape.size, pageSize: shape.pageSize };
  return readShape(path);
}

function readShape(path: string): FileShape {
  const size = statSync(path).size;
  if (size === 0) return { kind: 'empty' };
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || header.toString('latin1', 0, 16) !== MAGIC) return { kind: 'not-sqlite' };
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return { kind: 'not-sqlite' };
  if (walHasTransactions(path)) return { kind: 'sqlite', size, pageSize };
  // The page count in the header is only current when "version-valid-for" matches the change counter.
  const headerPages = header.readUInt32BE(92) === header.readUInt32BE(24) ? header.readUInt32BE(28) : 0;
  const expected = headerPages > 0 ? headerPages * pageSize : null;
  if (size % pageSize !== 0 || (expected !== null && size < expected)) return { kind: 'cut-short', size, expected, pageSize };
  return { kind: 'sqlite', size, pageSize };
}

function walHasTransactions(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > WAL_HEADER_BYTES;
  } catch {
    return false;
  }
}
