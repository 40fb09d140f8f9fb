import { copyFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileShape } from '../../src/storage/header.js';
import { Store } from '../../src/storage/store.js';
import { toEntry } from '../../src/commands/reflect.js';
import { parseAnswers } from '../../src/core/answers.js';
import { loadPacks } from '../../src/packs/load.js';
import { answers } from '../helpers/answers.js';
import { tempDir } from '../helpers/cli.js';

/** A closed journal with enough entries to span many pages. */
function healthyJournal(): string {
  const db = join(tempDir(), 'journal.db');
  const store = Store.open(db, { create: true });
  try {
    for (let i = 0; i < 20; i++) {
      const parsed = parseAnswers(answers({ title: `entry ${i}`, story: 'words '.repeat(500) }), loadPacks(), '2026-12-01');
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      store.insertEntry(toEntry(parsed.answers, new Date('2026-12-01T10:00:00')));
    }
  } finally {
    store.close();
  }
  return db;
}

describe('fileShape', () => {
  it('calls a whole, closed journal sqlite', () => {
    expect(fileShape(healthyJournal()).kind).toBe('sqlite');
  });

  it('calls a journal shorter than its header says cut short', () => {
    const db = healthyJournal();
    const copy = `${db}.copy`;
    copyFileSync(db, copy);
    truncateSync(copy, 4096 * 3);
    expect(fileShape(copy)).toMatchObject({ kind: 'cut-short', size: 4096 * 3 });
  });

  it('leaves the judgement to SQLite while another noisy has the journal open (mid-checkpoint it looks short)', () => {
    const db = healthyJournal();
    const copy = `${db}.copy`;
    copyFileSync(db, copy);
    truncateSync(copy, 4096 * 3);
    // A connection's shared-memory file: page 1 may already carry the new page count while the
    // pages after it are still being written.
    writeFileSync(`${copy}-shm`, Buffer.alloc(32_768));
    expect(fileShape(copy).kind).toBe('sqlite');
  });
});
