// Entries written before the belief model's rules (issue 13): a rejection at a rate of 100 and a
// method that does not fit the kind. New answers refuse them; stored ones must stay readable and
// importable, and the model leaves them out with a note instead of failing.
import { describe, expect, it } from 'vitest';
import { parseExportDocument, toExportRecord } from '../../src/core/export-document.js';
import { assess } from '../../src/core/summary.js';
import { styler } from '../../src/ui/style.js';
import { renderSummary } from '../../src/ui/summary-text.js';
import { makeEntry, packs } from '../helpers/entries.js';

const NOW = new Date('2027-06-01T00:00:00Z');

function oldEntry() {
  const entry = makeEntry({ kind: 'peer-review', confounders: [], evaluation: { method: 'peer-review', minutesSeen: null, selectionRate: 25 } });
  // As an older noisy let it be saved: months in a job on a paper, everyone accepted yet rejected.
  return { ...entry, evaluation: { ...entry.evaluation, method: 'job-performance' as const, selectionRate: 100 } };
}

describe('entries saved before the rules', () => {
  it('are imported as they are', () => {
    const entry = oldEntry();
    const parsed = parseExportDocument({ format: 'noisy-export', version: 1, entries: [toExportRecord(entry)] }, packs, NOW);
    expect(parsed.ok, parsed.ok ? '' : parsed.errors.join('\n')).toBe(true);
    if (parsed.ok) expect(parsed.entries[0]?.evaluation).toMatchObject({ method: 'job-performance', selectionRate: 100 });
  });

  it('written before good news could be recorded (no outcome) are imported as rejections; exports carry the outcome', () => {
    const { outcome, ...before } = toExportRecord(makeEntry());
    expect(outcome).toBe('rejected');
    const parsed = parseExportDocument({ format: 'noisy-export', version: 1, entries: [before] }, packs, NOW);
    expect(parsed.ok, parsed.ok ? '' : parsed.errors.join('\n')).toBe(true);
    if (parsed.ok) expect(parsed.entries[0]?.outcome).toBe('rejected');
    const good = toExportRecord(makeEntry({ outcome: 'accepted' }));
    expect(Object.keys(good).slice(0, 4)).toEqual(['id', 'createdAt', 'kind', 'outcome']);
    const back = parseExportDocument({ format: 'noisy-export', version: 1, entries: [good] }, packs, NOW);
    expect(back.ok && back.entries[0]?.outcome).toBe('accepted');
  });

  it('are assessed without a move, and the summary says why', () => {
    const entry = oldEntry();
    const assessment = assess(entry, packs[entry.kind]);
    expect(assessment.overupdateNote).toBe('impossible-outcome');
    expect(assessment.warrantedBelief).toBe(entry.belief.before);
    expect(assessment.moveComparison).toBe('no-move-warranted');
    const text = renderSummary(entry, assessment, styler(false)).replace(/\s+/g, ' ');
    expect(text).toContain("which can't happen, so the model leaves it out");
  });
});
