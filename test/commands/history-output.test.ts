// `noisy history` and `history --json`, byte for byte, on the fixture journals: the files under
// test/fixtures/history-output were written by the version before history read real columns
// (schema 2, the JSON sketch), so any change to what history reads or computes that alters a byte
// of its output fails here. Regenerate them (vitest -u) only for a change meant to alter the output.
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { journal } from '../helpers/cli.js';
import { calibratedJournal, journalShowingEveryPattern, randomCalibratedJournal, variedJournal } from '../fixtures/journals.js';

// Built once, in this order: fixture ids count up as entries are made.
const JOURNALS: [string, Entry[]][] = [
  ['every-pattern', journalShowingEveryPattern()],
  ['calibrated', calibratedJournal()],
  ['random-calibrated', randomCalibratedJournal(300, 4)],
  ['varied', variedJournal(1500, 5)],
  ['empty', []],
];

const RUNS: [string, string[]][] = [
  ['text', ['history']],
  ['json', ['history', '--json']],
  ['filtered-text', ['history', '--kind', 'application', '--since', '2026-03-01']],
  ['filtered-json', ['history', '--json', '--tag', 'phd', '--until', '2026-10-31']],
];

describe('history output is unchanged', () => {
  it.each(JOURNALS)('%s journal', async (name, entries) => {
    const { db, cli } = journal();
    const store = Store.open(db, { create: true });
    try {
      store.importEntries(entries);
    } finally {
      store.close();
    }
    for (const [run, argv] of RUNS) {
      const { code, stdout, stderr } = await cli(argv);
      await expect(`exit ${code}\n--- stdout\n${stdout}--- stderr\n${stderr}`).toMatchFileSnapshot(`../fixtures/history-output/${name}.${run}.txt`);
    }
  });
});
