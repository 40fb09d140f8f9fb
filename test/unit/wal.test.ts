import { copyFileSync, readFileSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { checkWal, committedFrames, walChecksum } from '../../src/storage/wal.js';
import { expectedSchema, schemaObjects } from '../../src/storage/schema.js';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { Store } from '../../src/storage/store.js';
import { tempDir } from '../helpers/cli.js';

/** A WAL database kept open (no checkpoints) with `transactions` committed inserts in its -wal. */
function openWithFrames(path: string, transactions: number): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  for (let i = 0; i < transactions; i++) db.prepare('INSERT INTO t VALUES (?)').run('y'.repeat(3000 + i));
  return db;
}

const header = (path: string) => {
  const bytes = readFileSync(`${path}-wal`).subarray(0, 32);
  const sum: [number, number] = [0, 0];
  walChecksum(bytes, 0, 24, (bytes.readUInt32BE(0) & 1) === 1, sum);
  return { bigEndian: (bytes.readUInt32BE(0) & 1) === 1, pageSize: bytes.readUInt32BE(8), salt: bytes.subarray(16, 24), checksum: sum };
};

describe('committedFrames', () => {
  it('counts the frames SQLite itself reports in the -wal', () => {
    const path = join(tempDir(), 'x.db');
    const db = openWithFrames(path, 7);
    const copy = join(tempDir(), 'copy.db');
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    // PRAGMA wal_checkpoint reports the frames in the log (an independent count).
    const { log } = (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!;
    db.close();
    const frames = committedFrames(`${copy}-wal`, header(copy));
    expect(frames.frames).toBe(log);
    expect(frames.dbPages).toBeGreaterThan(0);
  });

  it('stops at the last whole commit when the -wal is cut inside a frame', () => {
    const path = join(tempDir(), 'x.db');
    const db = openWithFrames(path, 3);
    const all = committedFrames(`${path}-wal`, header(path));
    const copy = join(tempDir(), 'cut.db');
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    db.close();
    truncateSync(`${copy}-wal`, statSync(`${copy}-wal`).size - 100);
    const cut = committedFrames(`${copy}-wal`, header(copy));
    expect(cut.frames).toBeLessThan(all.frames);
    expect(cut.frames).toBeGreaterThan(0);
  });
});

describe('checkWal', () => {
  it("accepts a journal's own -wal, with or without its -shm", () => {
    const path = join(tempDir(), 'journal.db');
    const store = Store.open(path, { create: true });
    const copy = join(tempDir(), 'journal.db');
    try {
      store.saveDraft('reflect', { title: 'in the wal' }, new Date('2026-12-01T10:00:00Z'));
      expect(checkWal(path, 4096)).toEqual({ belongs: true, why: 'in-use' });
      copyFileSync(path, copy);
      copyFileSync(`${path}-wal`, `${copy}-wal`);
    } finally {
      store.close();
    }
    expect(checkWal(copy, 4096)).toEqual({ belongs: true, why: 'fits' });
  });

  it('refuses a -wal of another page size, or one that is not a WAL', () => {
    const path = join(tempDir(), 'x.db');
    const db = openWithFrames(path, 1);
    try {
      expect(checkWal(path, 8192)).toMatchObject({ belongs: false, reason: expect.stringContaining('4096 bytes') });
    } finally {
      db.close();
    }
  });
});

describe('expectedSchema', () => {
  it('is what a journal noisy makes has, table for table and index for index', () => {
    const path = join(tempDir(), 'journal.db');
    Store.open(path, { create: true }).close();
    const db = new Database(path, { readonly: true });
    try {
      expect(schemaObjects(db)).toEqual(expectedSchema(SCHEMA_VERSION));
      expect(expectedSchema(SCHEMA_VERSION).map((o) => o.name)).toEqual(expect.arrayContaining(['entries', 'follow_ups', 'drafts', 'entry_tags', 'entries_by_date']));
    } finally {
      db.close();
    }
  });
});
