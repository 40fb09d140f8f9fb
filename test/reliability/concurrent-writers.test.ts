// Guards against the journaling failure people report most: two runs at once, and an entry gone.
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { JOURNAL_KINDS, readJournal, reportedIds, runBin, runNode, SAVE_LOOP, startJournal } from '../helpers/faults.js';

const WRITERS = 4;
const SAVES_PER_WRITER = 60;
const BINARIES = 6;

describe('several noisy processes saving at once', () => {
  it('keeps every entry and never shows SQLITE_BUSY, starting from a journal that does not exist yet', async () => {
    const dir = tempDir();
    const db = join(dir, 'data', 'journal.db');
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify(answers({ title: 'from the real binary' })));

    // Writers loop in-process through the built run(); a few real binaries join in, all at once.
    const loops = Array.from({ length: WRITERS }, (_, w) => runNode([SAVE_LOOP, db, `writer${w}`, String(SAVES_PER_WRITER)]));
    const binaries = Array.from({ length: BINARIES }, () => runBin(['reflect', '--answers', file, '--json'], { env: { NOISY_DB: db } }));
    const [loopResults, binaryResults] = await Promise.all([Promise.all(loops), Promise.all(binaries)]);

    const reported: string[] = [];
    for (const result of loopResults) {
      expect(result.stdout).not.toMatch(/failed/);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      reported.push(...reportedIds(result.stdout));
    }
    for (const result of binaryResults) {
      expect(result.stderr).not.toMatch(/busy|locked|SQLITE/i);
      expect(result.code).toBe(0);
      reported.push((JSON.parse(result.stdout) as { entry: { id: string } }).entry.id);
    }

    expect(reported).toHaveLength(WRITERS * SAVES_PER_WRITER + BINARIES);
    const journal = readJournal(db);
    expect(journal.integrity).toEqual(['ok']);
    expect(journal.ids.size).toBe(reported.length);
    for (const id of reported) expect(journal.ids.has(id)).toBe(true);
    // Each writer's entries are all there, in the order it saved them.
    for (let w = 0; w < WRITERS; w++) {
      const mine = journal.titles.filter((t) => t.startsWith(`writer${w} #`));
      expect(mine).toEqual(Array.from({ length: SAVES_PER_WRITER }, (_, i) => `writer${w} #${i}`));
    }
  }, 60_000);
});

// The same on an encrypted journal, its passphrase in a file: every save derives the key
// (SQLCipher's KDF, ~0.1 s of CPU), so fewer saves each.
describe('several noisy processes saving at once into an encrypted journal', () => {
  it('keeps every entry and never shows SQLITE_BUSY', async () => {
    const dir = tempDir();
    const db = join(dir, 'data', 'journal.db');
    const env = await startJournal(db, JOURNAL_KINDS[1], 'from before');
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify(answers({ title: 'from the real binary' })));
    const saves = 10;

    const loops = Array.from({ length: WRITERS }, (_, w) => runNode([SAVE_LOOP, db, `writer${w}`, String(saves)], { env }));
    const binaries = Array.from({ length: BINARIES }, () => runBin(['reflect', '--answers', file, '--json'], { env }));
    const [loopResults, binaryResults] = await Promise.all([Promise.all(loops), Promise.all(binaries)]);

    const reported: string[] = [];
    for (const result of loopResults) {
      expect(result.stdout).not.toMatch(/failed/);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      reported.push(...reportedIds(result.stdout));
    }
    for (const result of binaryResults) {
      expect(result.stderr).not.toMatch(/busy|locked|SQLITE/i);
      expect(result.code).toBe(0);
      reported.push((JSON.parse(result.stdout) as { entry: { id: string } }).entry.id);
    }
    expect(reported).toHaveLength(WRITERS * saves + BINARIES);
    const journal = readJournal(db, JOURNAL_KINDS[1].passphrase);
    expect(journal.integrity).toEqual(['ok']);
    expect(journal.ids.size).toBe(reported.length + 1);
    for (const id of reported) expect(journal.ids.has(id)).toBe(true);
    for (let w = 0; w < WRITERS; w++) {
      const mine = journal.titles.filter((t) => t.startsWith(`writer${w} #`));
      expect(mine).toEqual(Array.from({ length: saves }, (_, i) => `writer${w} #${i}`));
    }
    // Still encrypted: no story text in the file.
    expect(readFileSync(db).includes('writer0 #0')).toBe(false);
  }, 120_000);
});
