import { readFileSync } from 'node:fs';

/** The README's example answers file, as an object to vary in tests. */
export function exampleAnswers(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../../examples/answers.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** A minimal valid answers object with overrides. */
export function answers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'application',
    title: 'Test rejection',
    date: '2026-11-20',
    belief: { statement: 'I can do this work', before: 60, after: 20 },
    evaluation: { method: 'cv-screen', minutesSeen: 5, selectionRate: 5 },
    confounders: ['little-information'],
    aboutMe: 70,
    state: ['tired'],
    nextStep: 'apply again',
    tags: ['test'],
    ...overrides,
  };
}
