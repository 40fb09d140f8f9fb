// `noisy history` as a person runs it: the built binary in a real 80-column terminal.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Store } from '../../src/storage/store.js';
import { journalShowingEveryPattern } from '../fixtures/journals.js';
import { tempDir } from '../helpers/cli.js';
import { spawnNoisy } from '../helpers/pty.js';

describe('noisy history in a terminal', () => {
  it('prints the overview and the patterns within 80 columns, and exits 0', async () => {
    const dir = tempDir();
    const db = join(dir, 'journal.db');
    const store = Store.open(db, { create: true });
    store.importEntries(journalShowingEveryPattern());
    store.close();

    const term = spawnNoisy(['history'], { NOISY_DB: db, HOME: dir }, { cols: 80 });
    await term.waitFor('History: 12 entries');
    await term.waitFor('Patterns');
    await term.waitFor('(pessimistic-predictions)');
    expect(await term.exit).toBe(0);
    const lines = term.output().split(/\r?\n/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(term.output()).toMatch(/you {8}[▁▂▃▄▅▆▇█]{12}/);
  });
});
