import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src/core/domain.js';
import { FIGURES, figure } from '../../src/core/figures.js';
import { selectionRateFigureIds, validityFigureId } from '../../src/core/warranted.js';

// Rows of /work/shared/evidence.md that are verified (directly, via a secondary page, or arithmetic).
// Nothing UNVERIFIED may be cited.
const VERIFIED_EVIDENCE_IDS = new Set([
  'nips14-matrix',
  'nips14-price',
  'nips14-overlap',
  'nips14-impact',
  'nips21',
  'journal-irr',
  'peters-ceci',
  'sackett-interview',
  'sackett-other',
  'sh98-education',
  'r-squared',
  'danziger',
  'simonsohn-gino',
  'barrick',
  'ambady',
  'ladders',
  'rate-neurips14',
  'rate-iclr20',
  'rate-mats',
  'mabe-west',
  'zell-krizan',
  'dk-meta',
  'moore-healy',
  'bravata-ip',
  'optimizers-curse',
  'siler',
  'gans-shepherd',
]);

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
    expect(figure('validity.work-trial')).toMatchObject({ value: 0.33, status: 'published', evidenceId: 'sackett-other' });
    expect(figure('validity.self-assessment')).toMatchObject({ value: 0.29, status: 'published', evidenceId: 'mabe-west' });
    expect(figure('rate.screening.low')).toMatchObject({ value: 4.3, evidenceId: 'rate-mats' });
    expect(figure('rate.screening.high')).toMatchObject({ value: 33, evidenceId: 'rate-mats' });
  });

  it('derives the peer-review ceiling from reviewer agreement (√.34)', () => {
    const peer = figure('validity.peer-review');
    expect(peer.status).toBe('derived');
    expect(peer.value).toBeCloseTo(Math.sqrt(0.34), 2);
  });

  it('marks borrowed and estimated validities as assumptions', () => {
    for (const id of ['validity.cv-screen', 'validity.written-application', 'validity.conversation', 'validity.job-performance']) {
      expect(figure(id).status).toBe('assumption');
    }
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
