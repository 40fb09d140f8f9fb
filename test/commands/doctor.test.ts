import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/storage/store.js';
import { journal, tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';
import { giveToTestUser, runBin, snapshot } from '../helpers/faults.js';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';

async function journalWithEntries(count: number) {
  const j = journal();
  for (let i = 0; i < count; i++) {
    const saved = await j.cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers({ title: `entry ${i}`, followUpOn: i === 0 ? '2026-11-25' : null })) });
    expect(saved.code).toBe(0);
  }
  return { ...j, dir: join(j.db, '..') };
}

interface DoctorJson {
  path: string;
  healthy: boolean;
  checks: { id: string; status: string; message: string; fix?: string }[];
  inspection: { entries: number; dueFollowUps: number; drafts: { name: string }[]; files: { path: string; mode: string }[]; schemaVersion: number };
}

describe('noisy doctor', () => {
  it('reports a healthy journal: every check ok, the counts, exit 0', async () => {
    const j = await journalWithEntries(3);
    const result = await j.cli(['doctor']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`noisy doctor: ${j.db}`);
    // Checks are named in words on screen; their ids are for --json.
    for (const name of ['Folder', 'Journal file', 'Permissions', 'File format', 'Damage', 'Links']) {
      expect(result.stdout).toMatch(new RegExp(`ok +${name} `));
    }
    expect(result.stdout).toMatch(/info +Contents +3 entries; 1 follow-up due\./);
    const names = result.stdout.split('\n').flatMap((line) => (/^ {2}(ok|info|warn|problem) /.test(line) ? [line.slice(11, 24).trim()] : []));
    expect(names).toEqual(['Folder', 'Journal file', 'Permissions', 'File format', 'Damage', 'Links', 'Contents']);
    expect(result.stdout).toContain('Healthy: nothing to fix.');
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('says there is no journal yet, exit 0, and creates nothing', async () => {
    const parent = tempDir();
    const result = await journal().cli(['doctor'], { env: { NOISY_DB: join(parent, 'data', 'journal.db') } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/info +Journal file +No journal yet/);
    expect(snapshot(parent)).toEqual({});
  });

  it('warns about a journal, companion files and folder others can read, with the chmod fix, and changes nothing', async () => {
    const j = await journalWithEntries(1);
    const store = Store.open(j.db, { create: false }); // keeps -wal and -shm in place while doctor looks
    try {
      chmodSync(j.db, 0o644);
      chmodSync(`${j.db}-wal`, 0o640);
      chmodSync(j.dir, 0o755);
      const before = snapshot(j.dir);
      const result = await j.cli(['doctor']);
      expect(result.code).toBe(1);
      const said = result.stdout.replace(/\s+/g, ' ');
      expect(said).toContain(`warn Folder ${j.dir} can be opened by other people on this computer (0755). fix: chmod 700 '${j.dir}'`);
      expect(said).toContain('warn Permissions Other people on this computer can read journal.db (0644), journal.db-wal (0640).');
      expect(said).toContain(`fix: chmod 600 '${j.db}' '${j.db}-wal'`);
      expect(result.stderr).toContain(`Found 2 things to fix with the journal at ${j.db}.`);
      expect(snapshot(j.dir)).toEqual(before);
    } finally {
      store.close();
    }
  });

  it('counts entries still in the -wal file of a journal another noisy has open', async () => {
    const j = await journalWithEntries(2);
    const store = Store.open(j.db, { create: false });
    try {
      const third = await j.cli(['reflect', '--answers', '-'], { stdin: JSON.stringify(answers({ title: 'in the WAL' })) });
      expect(third.code).toBe(0);
      const result = await j.cli(['doctor', '--json']);
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as DoctorJson).inspection.entries).toBe(3);
    } finally {
      store.close();
    }
  });

  it('leaves a cleanly closed journal exactly as it was: no -wal or -shm appear', async () => {
    const j = await journalWithEntries(2);
    const before = snapshot(j.dir);
    expect(Object.keys(before)).toEqual(['journal.db']);
    expect((await j.cli(['doctor'])).code).toBe(0);
    expect(snapshot(j.dir)).toEqual(before);
  });

  it('reports an unfinished reflection', async () => {
    const j = await journalWithEntries(1);
    const store = Store.open(j.db, { create: false });
    store.saveDraft('reflect', { kind: 'application', title: 'half done' }, new Date('2026-11-30T18:02:00Z'));
    store.close();
    const result = await j.cli(['doctor', '--json']);
    const report = JSON.parse(result.stdout) as DoctorJson;
    expect(report.inspection.drafts.map((d) => d.name)).toEqual(['reflect']);
    expect(report.checks.find((c) => c.id === 'contents')?.message).toContain('an unfinished reflection from 2026-11-30 18:02 (`noisy reflect` offers to pick it up)');
  });

  it('names the command that picks up a follow-up draft, not its key', async () => {
    const j = await journalWithEntries(1);
    const store = Store.open(j.db, { create: false });
    const [entry] = store.listEntries();
    store.saveDraft(`followup:${entry?.id ?? ''}`, { beliefNow: 40 }, new Date('2026-11-30T18:02:00Z'));
    store.close();
    const out = (await j.cli(['doctor'])).stdout.replace(/\s+/g, ' ');
    expect(out).toContain(`an unfinished follow-up of entry ${entry?.id} from 2026-11-30 18:02 (\`noisy followup ${entry?.id}\` offers to pick it up)`);
    expect(out).not.toContain('followup:');
  });

  it('prints one JSON document with every check, the verdict and the modes people write', async () => {
    const j = await journalWithEntries(1);
    const result = await j.cli(['doctor', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as DoctorJson;
    expect(report.path).toBe(j.db);
    expect(report.healthy).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(['folder', 'journal', 'permissions', 'schema', 'integrity', 'references', 'contents']);
    expect(report.inspection.schemaVersion).toBe(SCHEMA_VERSION);
    expect(report.inspection.files.map((f) => f.mode)).toEqual(['0600']);
    expect(result.stderr).toBe('');
  });

  it('reads a journal in a read-only folder and says noisy cannot save there', async () => {
    const j = await journalWithEntries(1);
    giveToTestUser(join(j.dir, '..'), j.dir, j.db);
    chmodSync(j.dir, 0o500);
    const before = snapshot(j.dir);
    const result = await runBin(['doctor', '--json'], { env: { NOISY_DB: j.db }, unprivileged: true });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as DoctorJson;
    expect(report.checks.find((c) => c.id === 'folder')).toMatchObject({ status: 'problem', fix: `chmod 700 '${j.dir}'` });
    expect(report.inspection.entries).toBe(1);
    expect(snapshot(j.dir)).toEqual(before);
  });

  it('reports a folder where the journal should be as a problem', async () => {
    const parent = tempDir();
    const db = join(parent, 'journal.db');
    mkdirSync(db);
    const result = await journal().cli(['doctor'], { env: { NOISY_DB: db } });
    expect(result.code).toBe(1);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(`problem Journal file ${db} is a folder, not a journal file.`);
  });
});
