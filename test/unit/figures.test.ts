import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src/core/domain.js';
import { FACTS } from '../../src/core/facts.js';
import { FIGURES, figure } from '../../src/core/figures.js';
import { selectionRateFigureIds, validityFigureId, validityFigureIds } from '../../src/core/warranted.js';

// docs/evidence.md is part of the project: its figures table is FIGURES, and its sourced-facts table
// holds every row a figure or a fact cites. Nothing UNVERIFIED may be cited.
const EVIDENCE_DOC = readFileSync(new URL('../../docs/evidence.md', import.meta.url), 'utf8');
const FACT_ROWS = EVIDENCE_DOC.slice(EVIDENCE_DOC.indexOf('## Sourced facts'))
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| id ') && !line.startsWith('|---'))
  .map((line) => line.split('|').map((cell) => cell.trim()));
const VERIFIED_EVIDENCE_IDS = new Set(FACT_ROWS.filter((cells) => !/UNVERIFIED/.test(cells.at(-2) ?? '')).map((cells) => cells[1]!));

/** The figures table as docs/evidence.md should show it. */
function figuresTable(): string {
  const value = (f: (typeof FIGURES)[number]): string =>
    f.unit === 'correlation' ? `r = ${f.value}` : f.unit === 'percent' ? `${f.value}%` : f.unit === 'minutes' ? `${f.value} min` : String(f.value);
  const rows = FIGURES.map((f) => `| \`${f.id}\` | ${value(f)} | ${f.status} | ${f.evidenceId ? `\`${f.evidenceId}\`` : '—'} |`);
  return ['| id | value | status | evidence |', '|---|---|---|---|', ...rows].join('\n');
}

describe('docs/evidence.md', () => {
  it('lists every figure with its value, status and evidence row, exactly as FIGURES has them', () => {
    const start = EVIDENCE_DOC.indexOf('\n', EVIDENCE_DOC.indexOf('<!-- figures:')) + 1;
    const end = EVIDENCE_DOC.indexOf('\n<!-- /figures -->');
    expect(EVIDENCE_DOC.slice(start, end), `docs/evidence.md's figures table should read:\n${figuresTable()}`).toBe(figuresTable());
  });

  it('has a sourced row for every evidence id a figure or a fact cites', () => {
    expect(VERIFIED_EVIDENCE_IDS.size).toBeGreaterThan(20);
    for (const f of FIGURES) if (f.evidenceId !== null) expect(VERIFIED_EVIDENCE_IDS, f.id).toContain(f.evidenceId);
    for (const fact of FACTS) expect(VERIFIED_EVIDENCE_IDS, fact.id).toContain(fact.id);
  });
});

describe('FIGURES', () => {
  it('has unique ids, and figure() finds each of them', () => {
    const ids = FIGURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FIGURES) expect(figure(f.id)).toBe(f);
  });

  it('throws on an unknown id', () => {
    expect(() => figure('validity.astrology')).toThrow(/Unknown figure id: validity\.astrology/);
  });

  it('is frozen, so no caller can change a constant of the model', () => {
    expect(Object.isFrozen(FIGURES)).toBe(true);
    for (const f of FIGURES) expect(Object.isFrozen(f)).toBe(true);
  });

  it.each(FIGURES.map((f) => [f.id, f] as const))('%s is well-formed', (_id, f) => {
    expect(['published', 'derived', 'assumption']).toContain(f.status);
    expect(Number.isFinite(f.value)).toBe(true);
    expect(f.meaning.length).toBeGreaterThan(20);
    expect(f.meaning).not.toMatch(/unverified/i);
    if (f.status !== 'assumption') {
      // A number shown as sourced must name its source and its evidence row.
      expect(f.source).toBeTruthy();
      expect(f.evidenceId).toBeTruthy();
    }
    if (f.evidenceId !== null) {
      expect(VERIFIED_EVIDENCE_IDS.has(f.evidenceId)).toBe(true);
      expect(f.source).toBeTruthy();
    }
    if (f.unit === 'correlation') expect(f.value).toBeGreaterThanOrEqual(0);
    if (f.unit === 'correlation') expect(f.value).toBeLessThan(1);
    if (f.unit === 'percent') expect(f.value).toBeGreaterThan(0);
    if (f.unit === 'percent') expect(f.value).toBeLessThanOrEqual(100);
  });

  it('carries the published selection figures as evidence.md reports them', () => {
    expect(figure('validity.structured-interview')).toMatchObject({ value: 0.42, status: 'published', evidenceId: 'sackett-interview' });
    expect(figure('validity.unstructured-interview')).toMatchObject({ value: 0.19, status: 'published', evidenceId: 'sackett-interview' });
    expect(figure('validity.structured-interview.high')).toMatchObject({ value: 0.51, status: 'published', evidenceId: 'sh98' });
    expect(figure('validity.unstructured-interview.high')).toMatchObject({ value: 0.38, status: 'published', evidenceId: 'sh98' });
    expect(figure('validity.self-assessment')).toMatchObject({ value: 0.29, status: 'published', evidenceId: 'mabe-west' });
    expect(figure('rate.screening.low')).toMatchObject({ value: 4.3, evidenceId: 'rate-mats' });
    expect(figure('rate.screening.high')).toMatchObject({ value: 33, evidenceId: 'rate-mats' });
  });

  it('carries the corrected citations: work samples, experience and job tryouts differ between the two meta-analyses', () => {
    // Work samples: .33 (Sackett 2022) and .54 (Schmidt & Hunter 1998), borrowed for work trials.
    expect(figure('validity.work-trial')).toMatchObject({ value: 0.33, evidenceId: 'sackett-other', status: 'assumption' });
    expect(figure('validity.work-trial.high')).toMatchObject({ value: 0.54, evidenceId: 'sh98', status: 'assumption' });
    // Years of experience: .18 (S&H) and .07 (Sackett), borrowed for CV screens.
    expect(figure('validity.cv-screen')).toMatchObject({ value: 0.18, evidenceId: 'sh98' });
    expect(figure('validity.cv-screen.low')).toMatchObject({ value: 0.07, evidenceId: 'sackett-other' });
    // A job tryout: .44 (S&H), borrowed for months in the job.
    expect(figure('validity.job-performance')).toMatchObject({ value: 0.44, evidenceId: 'sh98' });
    expect(figure('validity.work-trial').meaning).toContain('.44');
  });

  it('derives peer review from reviewer agreement, as agreement about a paper, and keeps it below CV screens', () => {
    const agreement = figure('peer-review.reviewer-agreement');
    expect(agreement).toMatchObject({ value: 0.34, status: 'published', evidenceId: 'journal-irr' });
    const link = figure('peer-review.paper-to-author').value;
    expect(figure('validity.peer-review').value).toBeCloseTo(Math.sqrt(agreement.value) * link, 3);
    expect(figure('validity.peer-review.high').value).toBeCloseTo(Math.sqrt(figure('peer-review.committee-agreement').value) * link, 3);
    expect(figure('validity.peer-review.high').value).toBeLessThan(figure('validity.cv-screen.low').value + 0.01);
    expect(figure('validity.peer-review').meaning).toMatch(/paper, not a person/);
  });

  it('marks borrowed and estimated validities as assumptions', () => {
    for (const id of ['validity.cv-screen', 'validity.written-application', 'validity.conversation', 'validity.job-performance', 'validity.work-trial', 'validity.peer-review']) {
      expect(figure(id).status).toBe('assumption');
    }
  });

  it.each(METHODS)('gives %s a validity range around its point estimate', (method) => {
    const ids = validityFigureIds(method);
    expect(figure(ids.low).value).toBeLessThanOrEqual(figure(ids.point).value);
    expect(figure(ids.high).value).toBeGreaterThanOrEqual(figure(ids.point).value);
  });

  it.each(METHODS)('has a validity and a plausible selection-rate range for %s', (method) => {
    expect(figure(validityFigureId(method)).unit).toBe('correlation');
    const rates = selectionRateFigureIds(method);
    const low = figure(rates.low).value;
    const high = figure(rates.high).value;
    const fallback = figure(rates.default).value;
    expect(low).toBeLessThan(high);
    expect(fallback).toBeGreaterThanOrEqual(low);
    expect(fallback).toBeLessThanOrEqual(high);
  });
});
