// `noisy import` brings two copies of a journal together (a backup onto an older copy, two
// computers' journals) without losing either side, and refuses a bad file without writing a byte.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { fixtureEntry, followUp } from '../fixtures/journals.js';
import { journal, tempDir } from '../helpers/cli.js';
import { snapshot } from '../helpers/faults.js';

type Journal = ReturnType<typeof journal>;

function journalWith(entries: Entry[]): Journal {
  const j = journal();
  const store = Store.open(j.db, { create: true });
  try {
    store.importEntries(entries);
  } finally {
    store.close();
  }
  return j;
}

async function exportOf(j: Journal): Promise<string> {
  const result = await j.cli(['export', '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function importInto(j: Journal, document: string, json = true) {
  return j.cli(['import', '-', ...(json ? ['--json'] : [])], { stdin: document });
}

/** The follow-ups rows of an entry as stored: seq and who answered when. */
function followUpRows(db: string, entryId: string): { seq: number; answered_at: string }[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT seq, answered_at FROM follow_ups WHERE entry_id = ? ORDER BY seq').all(entryId) as { seq: number; answered_at: string }[];
  } finally {
    d.close();
  }
}

const first = followUp({ answeredAt: '2026-07-01T12:00:00.000Z', beliefNow: 45, whatHappened: 'Applied to two more.' });
const second = followUp({ answeredAt: '2026-08-01T12:00:00.000Z', beliefNow: 60, whatHappened: 'Got an interview.' });
const third = followUp({ answeredAt: '2026-09-01T12:00:00.000Z', beliefNow: 65, whatHappened: 'And an offer.' });

describe('noisy import merges an entry the journal already has', () => {
  it('restoring a backup onto an older copy adds the follow-ups the copy lacks, in order', async () => {
    const older = fixtureEntry({ followUpOn: '2026-07-01' });
    const other = fixtureEntry({ title: 'Another one' });
    const added = fixtureEntry({ title: 'Written after the copy' });
    const newer = { ...older, followUpOn: null, followUps: [first, second] };
    const copy = journalWith([older, other]);
    const backup = journalWith([newer, other, added]);

    const result = await importInto(copy, await exportOf(backup));
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ added: 1, skipped: 1, merged: 1, followUpsAdded: 2, conflicts: [], beliefs: { added: 0, joined: 0, conflicts: [] }, attempts: { added: 0, skipped: 0, updated: 0, conflicts: [] } });
    expect(followUpRows(copy.db, older.id)).toEqual([
      { seq: 0, answered_at: first.answeredAt },
      { seq: 1, answered_at: second.answeredAt },
    ]);
    // Nothing of either side is missing: the copy now exports exactly what the backup does.
    expect(await exportOf(copy)).toBe(await exportOf(backup));
  });

  it('two journals merged into each other end up the same, whichever way round', async () => {
    const shared = fixtureEntry({ followUpOn: '2026-07-01' });
    const onlyA = fixtureEntry({ title: 'Only on the laptop' });
    const onlyB = fixtureEntry({ title: 'Only on the desktop' });
    const a = journalWith([{ ...shared, followUps: [first], followUpOn: '2026-08-01' }, onlyA]);
    const b = journalWith([{ ...shared, followUps: [first, second, third], followUpOn: null }, onlyB]);
    const fromA = await exportOf(a);
    const fromB = await exportOf(b);

    const intoA = await importInto(a, fromB);
    expect(JSON.parse(intoA.stdout)).toEqual({ added: 1, skipped: 0, merged: 1, followUpsAdded: 2, conflicts: [], beliefs: { added: 0, joined: 0, conflicts: [] }, attempts: { added: 0, skipped: 0, updated: 0, conflicts: [] } });
    const intoB = await importInto(b, fromA);
    // B is ahead on the shared entry: nothing to add there.
    expect(JSON.parse(intoB.stdout)).toEqual({ added: 1, skipped: 1, merged: 0, followUpsAdded: 0, conflicts: [], beliefs: { added: 0, joined: 0, conflicts: [] }, attempts: { added: 0, skipped: 0, updated: 0, conflicts: [] } });
    expect(await exportOf(a)).toBe(await exportOf(b));
    expect(followUpRows(a.db, shared.id).map((r) => r.seq)).toEqual([0, 1, 2]);
  });

  it('reports two versions that differ, leaves them as they were, and imports the rest', async () => {
    const retitled = fixtureEntry({ title: 'Fellowship rejection' });
    const rewritten = fixtureEntry({ followUps: [first] });
    const behind = fixtureEntry({ followUpOn: '2026-07-01' });
    const fresh = fixtureEntry({ title: 'New in the file' });
    const here = journalWith([retitled, rewritten, behind]);
    const elsewhere = journalWith([
      { ...retitled, title: 'Fellowship rejection (edited)', aboutMe: 90 },
      // The same place in the list, a different answer: neither is dropped, nothing is added.
      { ...rewritten, followUps: [{ ...first, beliefNow: 10 }, second] },
      { ...behind, followUpOn: null, followUps: [first] },
      fresh,
    ]);
    const stored = Store.open(here.db, { create: false });
    const before = stored.getEntry(retitled.id);
    stored.close();

    const result = await importInto(here, await exportOf(elsewhere));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      added: 1,
      skipped: 0,
      merged: 1,
      followUpsAdded: 1,
      conflicts: [
        { entryId: retitled.id, reason: 'different title, aboutMe' },
        { entryId: rewritten.id, reason: 'follow-up 1 differs' },
      ],
      beliefs: { added: 0, joined: 0, conflicts: [] }, attempts: { added: 0, skipped: 0, updated: 0, conflicts: [] },
    });
    const store = Store.open(here.db, { create: false });
    try {
      expect(store.getEntry(retitled.id)).toEqual(before);
      expect(store.getEntry(rewritten.id)?.followUps).toEqual([first]);
      expect(store.getEntry(behind.id)?.followUps).toEqual([first]);
      expect(store.getEntry(fresh.id)?.title).toBe('New in the file');
    } finally {
      store.close();
    }
  });

  it('calls the same follow-ups with a different next follow-up day a conflict', async () => {
    const entry = fixtureEntry({ followUps: [first], followUpOn: '2026-10-01' });
    const here = journalWith([entry]);
    const elsewhere = journalWith([{ ...entry, followUpOn: '2026-11-01' }]);
    const result = await importInto(here, await exportOf(elsewhere));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).conflicts).toEqual([{ entryId: entry.id, reason: 'different followUpOn' }]);
  });
});

describe('noisy import refuses a bad file whole', () => {
  it('leaves the journal byte for byte as it was, even after storing and merging entries before the problem', async () => {
    const behind = fixtureEntry({ followUpOn: '2026-07-01' });
    const here = journalWith([behind]);
    const many = Array.from({ length: 40 }, (_, i) => fixtureEntry({ title: `Entry ${i}` }));
    const source = journalWith([{ ...behind, followUpOn: null, followUps: [first, second] }, ...many]);
    const document = JSON.parse(await exportOf(source)) as { entries: Record<string, unknown>[] };
    // The problems come last, after everything else was stored (and must be undone).
    document.entries.push({ ...document.entries[1], id: 'badentry2', aboutMe: 'lots' });
    document.entries.push({ ...document.entries[2], id: 'badentry3', createdAt: '2099-01-01T00:00:00.000Z' });
    const dir = join(here.db, '..');
    const files = snapshot(dir);
    expect(Object.keys(files)).toEqual(['journal.db']);

    const result = await importInto(here, JSON.stringify(document, null, 2), false);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("standard input can't be imported; nothing was added. 2 problems:");
    expect(result.stderr).toContain('  entries[41].aboutMe: must be a number from 0 to 100 percent, not text');
    expect(result.stderr).toContain("  entries[42].createdAt: is in the future; check the saving computer's clock");
    expect(snapshot(dir)).toEqual(files);
  });

  it('removes a journal it created for the import, and the folders made for it', async () => {
    const source = journalWith(Array.from({ length: 5 }, (_, i) => fixtureEntry({ title: `Entry ${i}` })));
    const document = JSON.parse(await exportOf(source)) as { entries: Record<string, unknown>[] };
    (document.entries[4] as Record<string, unknown>).state = ['sleepy'];
    const root = tempDir();
    const db = join(root, 'new', 'deeper', 'journal.db');
    const result = await journal().cli(['import', '-'], { stdin: JSON.stringify(document), env: { NOISY_DB: db } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('entries[4].state[0]: "sleepy" is not one of');
    expect(readdirSync(root)).toEqual([]);
  });

  it('creates nothing for a file that is wrong from its first entry, or cut short', async () => {
    const source = journalWith([fixtureEntry(), fixtureEntry()]);
    const text = await exportOf(source);
    const root = tempDir();
    const db = join(root, 'data', 'journal.db');
    const cut = await journal().cli(['import', '-'], { stdin: text.slice(0, text.length - 40), env: { NOISY_DB: db } });
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/is not valid JSON: it ends before the document does/);
    writeFileSync(join(root, 'x.json'), text.replace('"format": "noisy-export"', '"format": "something-else"'));
    const wrong = await journal().cli(['import', join(root, 'x.json')], { env: { NOISY_DB: db } });
    expect(wrong.code).toBe(2);
    expect(existsSync(join(root, 'data'))).toBe(false);
  });
});
