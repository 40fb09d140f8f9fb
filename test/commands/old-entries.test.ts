// Entries saved before the belief model's rules (issue 13): rejections at a rate of 100, and methods
// that do not fit their kind. Journals and backups hold them; they stay importable, readable and
// editable, doctor lists them with the fix, and the model leaves them out with a note until fixed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toExportRecord } from '../../src/core/export-document.js';
import { makeEntry } from '../helpers/entries.js';
import { journal } from '../helpers/cli.js';

const RATE_100 = 'ratehundrd';
const MISFIT = 'msftpaper';

/** A backup made by an older noisy: one rejection where everyone gets in, one paper judged as months in a job. */
function oldBackup(dir: string): string {
  const rejected = makeEntry({ title: 'Everyone got in but me', evaluation: { method: 'cv-screen', minutesSeen: 5, selectionRate: 50 } }, { id: RATE_100 });
  const paper = makeEntry({ kind: 'peer-review', title: 'Paper rejected', confounders: [], evaluation: { method: 'peer-review', minutesSeen: null, selectionRate: 25 } }, { id: MISFIT });
  const entries = [
    { ...toExportRecord(rejected), evaluation: { ...rejected.evaluation, selectionRate: 100 } },
    { ...toExportRecord(paper), evaluation: { ...paper.evaluation, method: 'job-performance' } },
  ];
  const file = join(dir, 'old-backup.json');
  writeFileSync(file, JSON.stringify({ format: 'noisy-export', version: 1, exportedAt: '2026-06-01T10:00:00.000Z', entries }));
  return file;
}

async function journalWithOldEntries() {
  const j = journal();
  const imported = await j.cli(['import', oldBackup(j.dir)]);
  expect(imported.code, imported.stderr).toBe(0);
  return j;
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('entries saved before the rules', () => {
  it('import from a backup, and read back in show, list and history, left out of the model with a note', async () => {
    const { cli } = await journalWithOldEntries();
    const listed = await cli(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(RATE_100);
    const rate = await cli(['show', RATE_100]);
    expect(rate.code).toBe(0);
    expect(flat(rate.stdout)).toContain(`which can't happen, so the model leaves it out. To see what it warrants, give the real share (or none, if you don't know it) with \`noisy edit ${RATE_100}\``);
    const paper = await cli(['show', MISFIT, '--json']);
    const doc = JSON.parse(paper.stdout) as { assessment: { overupdateNote: string; moveComparison: string; warrantedBelief: number; likelihoodRatio: number } };
    expect(doc.assessment).toMatchObject({ overupdateNote: 'method-does-not-fit-kind', moveComparison: 'no-move-warranted', warrantedBelief: 60, likelihoodRatio: 1 });
    const text = flat((await cli(['show', MISFIT])).stdout);
    expect(text).toContain(`This entry says months on the job evaluated a peer review, which doesn't fit, so the model leaves it out. To see what it warrants, set the method (peer review) with \`noisy edit ${MISFIT}\`.`);
    const history = await cli(['history', '--json']);
    expect(history.code, history.stderr).toBe(0);
    for (const line of [...rate.stdout.split('\n'), ...listed.stdout.split('\n')]) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('doctor lists them, in plain words at 80 columns and in --json, with `noisy edit ID` as the fix; the journal is still healthy', async () => {
    const { cli } = await journalWithOldEntries();
    const human = await cli(['doctor']);
    expect(human.code, human.stderr).toBe(0);
    const text = flat(human.stdout);
    expect(text).toContain('Old entries 2 entries were saved before noisy checked these rules, so the warranted belief leaves them out');
    expect(text).toContain(`${RATE_100} (a setback at a rate of 100%: give the real share)`);
    expect(text).toContain(`${MISFIT} (method job-performance does not fit peer-review: use peer-review)`);
    // Oldest first (the same day here, so by when saved, then id).
    expect(text).toContain(`fix: noisy edit ${MISFIT} (and the same for each)`);
    for (const line of human.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const json = JSON.parse((await cli(['doctor', '--json'])).stdout) as {
      healthy: boolean;
      checks: { id: string; status: string; fix?: string }[];
      inspection: { entriesBeforeRules: unknown[] };
    };
    expect(json.healthy).toBe(true);
    expect(json.checks.find((c) => c.id === 'old-entries')).toMatchObject({ status: 'info', fix: `noisy edit ${MISFIT} (and the same for each)` });
    expect(json.inspection.entriesBeforeRules).toEqual([
      expect.objectContaining({ id: MISFIT, kind: 'peer-review', method: 'job-performance', problems: ['method-does-not-fit-kind'] }),
      expect.objectContaining({ id: RATE_100, outcome: 'rejected', selectionRate: 100, problems: ['impossible-outcome'] }),
    ]);
  });

  it('edit names exactly what to change, and an edit that changes it is saved; then doctor no longer lists it', async () => {
    const { cli } = await journalWithOldEntries();
    const refused = await cli(['edit', MISFIT, '--answers', '-'], { stdin: '{"title": "Workshop paper rejected"}' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('evaluation.method: does not fit a peer-review entry: use one of peer-review');
    expect(refused.stderr).toContain(`Entry ${MISFIT} was saved before noisy checked this`);
    expect(refused.stderr).toContain('  {"evaluation": {"method": "peer-review"}}');
    for (const line of refused.stderr.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const fixed = await cli(['edit', MISFIT, '--answers', '-', '--json'], { stdin: '{"title": "Workshop paper rejected", "evaluation": {"method": "peer-review"}}' });
    expect(fixed.code, fixed.stderr).toBe(0);
    const doc = JSON.parse(fixed.stdout) as { entry: { title: string; evaluation: { method: string } }; assessment: { overupdateNote: string | null; likelihoodRatio: number } };
    expect(doc.entry).toMatchObject({ title: 'Workshop paper rejected', evaluation: { method: 'peer-review' } });
    expect(doc.assessment.likelihoodRatio).toBeLessThan(1);

    const rate = await cli(['edit', RATE_100, '--answers', '-'], { stdin: '{"tags": ["old"]}' });
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('  {"evaluation": {"selectionRate": null}}');
    expect((await cli(['edit', RATE_100, '--answers', '-'], { stdin: '{"tags": ["old"], "evaluation": {"selectionRate": 60}}' })).code).toBe(0);

    const json = JSON.parse((await cli(['doctor', '--json'])).stdout) as { checks: { id: string }[]; inspection: { entriesBeforeRules: unknown[] } };
    expect(json.inspection.entriesBeforeRules).toEqual([]);
    expect(json.checks.map((c) => c.id)).not.toContain('old-entries');
  });
});
