// Decides whether a journal's -wal file belongs to it before SQLite sees it. SQLite merges any valid
// -wal it finds beside a database into that database, and nothing in a -wal names the file it was
// written for (https://www.sqlite.org/fileformat2.html#walformat). So noisy reads it first:
//
// - a -wal with no committed transaction is ignored by SQLite too: nothing to decide;
// - a -wal that is not an SQLite WAL at all, or whose pages are not the journal's page size,
//   does not belong;
// - a -wal whose -shm (SQLite's index of it, written for this journal path by the connection
//   that wrote the -wal) records the same salts is the journal's own: a noisy has it open, or was
//   stopped before it could fold it in;
// - any other -wal (no -shm, or a -shm of another -wal) is judged by what it would do: its
//   committed pages are applied to a copy of the journal in memory, and it belongs only when that
//   copy is still a sound noisy journal (PRAGMA quick_check, and recognise()).
//
// What this cannot tell apart: a -wal copied together with its -shm from another journal, or one
// from an earlier copy of the same journal whose pages happen to fit. Both need someone who can
// already write to the journal's folder, which noisy refuses to share (see checkOwnership).
//
// An encrypted journal's -wal is judged the same way. SQLite3 Multiple Ciphers encrypts the pages
// only: the -wal's header and each frame's header (page number, salts, checksums over the
// encrypted bytes) and the -shm are as in any WAL. What differs: the journal's page size is inside
// its encrypted first page, so the -wal's own is taken and the trial copy shows whether it fits;
// and that copy is a file (the cipher works on files), written privately beside the journal from
// encrypted pages only, opened with the key, and removed.
import { closeSync, fstatSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyCipher, type JournalKey } from './cipher.js';
import { recognise } from './schema.js';

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const WAL_MAGIC = 0x377f0682;
const WAL_FORMAT = 3007000;
/** The wal-index header in the -shm: two 48-byte copies; salts at byte 32 of each. */
const SHM_HEADER_BYTES = 96;

export type WalVerdict =
  | { belongs: true; why: 'none' | 'in-use' | 'fits' }
  | { belongs: false; reason: string };

/**
 * Whether the -wal beside the journal at `path` (whose pages are `pageSize` bytes) may be used
 * with it. Reads the files; writes nothing beside the journal but, for an encrypted journal (`key`;
 * `pageSize` null: unknown), the trial copy it removes again.
 */
export function checkWal(path: string, pageSize: number | null, key: JournalKey | null = null): WalVerdict {
  // A noisy saving right now may restart its -wal, rewrite its -shm, copy pages into the journal
  // or remove both between our reads, so one refusal is not final: look again, a moment later.
  let verdict = judgeOrGone(path, pageSize, key);
  for (let attempt = 0; !verdict.belongs && attempt < LOOKS; attempt += 1) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOOK_AGAIN_MS);
    verdict = judgeOrGone(path, pageSize, key);
  }
  return verdict;
}

/** Further looks at a -wal that seems not to belong, and the pause before each (an assumption). */
const LOOKS = 3;
const LOOK_AGAIN_MS = 30;

/** judge(), where a -wal that vanished half-way was folded in by the noisy that had it: nothing left to decide. */
function judgeOrGone(path: string, pageSize: number | null, key: JournalKey | null): WalVerdict {
  try {
    return judge(path, pageSize, key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { belongs: true, why: 'none' };
    throw error;
  }
}

const NOT_A_WAL = 'it is not an SQLite write-ahead log';

function judge(path: string, pageSize: number | null, key: JournalKey | null): WalVerdict {
  const wal = readPrefix(`${path}-wal`, WAL_HEADER_BYTES);
  if (wal === null || wal.length === 0) return { belongs: true, why: 'none' };
  const header = parseHeader(wal);
  if (header === null) return { belongs: false, reason: NOT_A_WAL };
  if (pageSize !== null && header.pageSize !== pageSize) {
    return { belongs: false, reason: `its pages are ${header.pageSize} bytes and the journal's are ${pageSize}` };
  }
  const shm = readPrefix(`${path}-shm`, SHM_HEADER_BYTES);
  if (shm !== null && shmRecords(shm, wal)) return { belongs: true, why: 'in-use' };
  const committed = committedFrames(`${path}-wal`, header);
  if (committed.pages.size === 0) return { belongs: true, why: 'none' };
  return fitsJournal(path, header, committed, key) ? { belongs: true, why: 'fits' } : { belongs: false, reason: 'its saves do not fit the journal: applied to it, they would damage it' };
}

interface WalHeader {
  bigEndian: boolean;
  pageSize: number;
  salt: Buffer;
  checksum: [number, number];
}

function parseHeader(bytes: Buffer): WalHeader | null {
  if (bytes.length < WAL_HEADER_BYTES) return null;
  const magic = bytes.readUInt32BE(0);
  if ((magic & 0xfffffffe) !== WAL_MAGIC || bytes.readUInt32BE(4) !== WAL_FORMAT) return null;
  const pageSize = bytes.readUInt32BE(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  const bigEndian = (magic & 1) === 1;
  const sum: [number, number] = [0, 0];
  walChecksum(bytes, 0, 24, bigEndian, sum);
  if (sum[0] !== bytes.readUInt32BE(24) || sum[1] !== bytes.readUInt32BE(28)) return null;
  return { bigEndian, pageSize, salt: bytes.subarray(16, 24), checksum: sum };
}

/**
 * SQLite's WAL checksum over bytes [start, end) of `bytes`, continuing from `sum` (updated in
 * place): 32-bit words, big- or little-endian as the WAL header's magic says.
 */
export function walChecksum(bytes: Buffer, start: number, end: number, bigEndian: boolean, sum: [number, number]): void {
  let [s1, s2] = sum;
  for (let i = start; i < end; i += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
    const x1 = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4);
    s1 = (s1 + x0 + s2) >>> 0;
    s2 = (s2 + x1 + s1) >>> 0;
  }
  sum[0] = s1;
  sum[1] = s2;
}

/** True when the -shm's wal-index header (both copies alike, initialised) holds the -wal's salts. */
function shmRecords(shm: Buffer, walHeader: Buffer): boolean {
  if (shm.length < SHM_HEADER_BYTES) return false;
  const copy1 = shm.subarray(0, 48);
  const copy2 = shm.subarray(48, 96);
  return copy1.equals(copy2) && copy1[12] === 1 && copy1.subarray(32, 40).equals(walHeader.subarray(16, 24));
}

export interface CommittedFrames {
  /** Page number → byte offset of its newest committed copy in the -wal. */
  pages: Map<number, number>;
  /** The journal's size in pages after the last committed transaction. */
  dbPages: number;
  /** Valid frames up to and including the last commit. */
  frames: number;
}

/**
 * The frames SQLite would use: valid ones (the header's salts, an unbroken running checksum) up
 * to the last one that commits a transaction.
 */
export function committedFrames(walPath: string, header: WalHeader): CommittedFrames {
  const frameBytes = FRAME_HEADER_BYTES + header.pageSize;
  const frame = Buffer.alloc(frameBytes);
  const sum: [number, number] = [...header.checksum];
  const pending = new Map<number, number>();
  const result: CommittedFrames = { pages: new Map(), dbPages: 0, frames: 0 };
  const fd = openSync(walPath, 'r');
  try {
    const size = fstatSync(fd).size;
    for (let index = 0, offset = WAL_HEADER_BYTES; offset + frameBytes <= size; index += 1, offset += frameBytes) {
      if (readSync(fd, frame, 0, frameBytes, offset) !== frameBytes) break;
      const page = frame.readUInt32BE(0);
      if (page === 0 || !frame.subarray(8, 16).equals(header.salt)) break;
      walChecksum(frame, 0, 8, header.bigEndian, sum);
      walChecksum(frame, FRAME_HEADER_BYTES, frameBytes, header.bigEndian, sum);
      if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
      pending.set(page, offset + FRAME_HEADER_BYTES);
      const commitSize = frame.readUInt32BE(4);
      if (commitSize !== 0) {
        for (const [p, at] of pending) result.pages.set(p, at);
        pending.clear();
        result.dbPages = commitSize;
        result.frames = index + 1;
      }
    }
  } finally {
    closeSync(fd);
  }
  return result;
}

/**
 * Applies the committed pages to an in-memory copy of the journal and checks the copy: a sound
 * SQLite database (quick_check) that is still a noisy journal, or blank. Holds the whole journal
 * in memory, which is why it is the last resort.
 */
function fitsJournal(path: string, header: WalHeader, committed: CommittedFrames, key: JournalKey | null): boolean {
  const pageSize = header.pageSize;
  const image = Buffer.alloc(committed.dbPages * pageSize);
  readFileSync(path).copy(image, 0, 0, image.length);
  const fd = openSync(`${path}-wal`, 'r');
  try {
    for (const [page, offset] of committed.pages) {
      if (page <= committed.dbPages) readSync(fd, image, (page - 1) * pageSize, pageSize, offset);
    }
  } finally {
    closeSync(fd);
  }
  if (key !== null) return withKeyedCopy(path, image, key, soundJournal) ?? false;
  // An in-memory database can't be in WAL mode: mark the copy as a rollback journal (bytes 18-19).
  if (image.length >= 20) image.writeUInt16BE(0x0101, 18);
  let db: Database.Database | undefined;
  try {
    db = new Database(image, { readonly: true });
    return soundJournal(db);
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** A sound SQLite database (quick_check) that is still a noisy journal, or blank. */
function soundJournal(db: Database.Database): boolean {
  if (db.pragma('quick_check', { simple: true }) !== 'ok') return false;
  const seen = recognise(db).kind;
  return seen === 'noisy' || seen === 'newer' || seen === 'blank';
}

/**
 * Runs `look` on `image` (an encrypted journal's pages, as they are on disk) opened with `key`:
 * written to a private file beside the journal at `path` (the cipher works on files), then removed
 * with the working files SQLite made for it. Null when the copy can't be opened with the key.
 */
export function withKeyedCopy<T>(path: string, image: Buffer, key: JournalKey, look: (db: Database.Database) => T): T | null {
  const copy = join(dirname(path), `.${basename(path)}.wal-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  const files = [copy, `${copy}-wal`, `${copy}-shm`, `${copy}-journal`];
  let db: Database.Database | undefined;
  try {
    const fd = openSync(copy, 'wx', 0o600);
    try {
      for (let offset = 0; offset < image.length; ) offset += writeSync(fd, image, offset);
    } finally {
      closeSync(fd);
    }
    db = new Database(copy, { fileMustExist: true });
    applyCipher(db, key);
    return look(db);
  } catch {
    return null;
  } finally {
    db?.close();
    for (const file of files) rmSync(file, { force: true });
  }
}

/** The first `bytes` bytes of a file (fewer if it is shorter); null when it does not exist. */
function readPrefix(path: string, bytes: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
