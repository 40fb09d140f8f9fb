import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/core/answers.js';
import { KINDS } from '../../src/core/domain.js';
import { QUICK_PATHS, quickFields, withQuickDefaults } from '../../src/core/quick.js';
import { loadPacks } from '../../src/packs/load.js';

const packs = loadPacks();

describe('the quick path', () => {
  it('asks at most five questions, in order, for every kind', () => {
    for (const kind of KINDS) {
      const paths = quickFields(packs, { kind }).map((f) => f.path);
      expect(paths).toEqual(['kind', 'title', 'belief.before', 'belief.after', 'evaluation.whatTheySaw']);
      expect(paths.length).toBeLessThanOrEqual(5);
    }
    expect(QUICK_PATHS).toHaveLength(5);
  });

  it('five answers with the defaults make a valid entry for every kind, with the kind\'s own method', () => {
    for (const kind of KINDS) {
      const result = parseAnswers(withQuickDefaults({ kind, title: 't', belief: { before: 60, after: 20 } }, packs), packs, '2026-12-01');
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.answers.evaluation.method).toBe(packs[kind].defaultMethod);
      expect(result.answers.evaluation.selectionRate).toBeNull();
      expect(result.answers.aboutMe).toBe(50);
      expect(result.answers.followUpOn).toBe('2026-12-31');
    }
  });

  it('keeps every answer already given (a draft picked up) and fills only what is missing', () => {
    const given = { kind: 'application', title: 't', belief: { before: 60, after: 20 }, aboutMe: 90, evaluation: { method: 'work-trial' }, state: ['tired'] };
    const filled = withQuickDefaults(given, packs);
    expect(filled).toMatchObject({ aboutMe: 90, evaluation: { method: 'work-trial', selectionRate: null }, state: ['tired'], confounders: [] });
    expect(given).not.toHaveProperty('confounders');
  });
});
