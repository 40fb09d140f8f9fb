// Guards against an answers file, however malformed or hostile, crashing noisy, being half-saved,
// or being refused without saying which fields are wrong.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journal, tempDir } from '../helpers/cli.js';
import { answers, exampleAnswers } from '../helpers/answers.js';
import { readJournal, runBin, seededRandom } from '../helpers/faults.js';

const MB = 1024 * 1024;

interface Hostile {
  name: string;
  /** The file's bytes: an object is written as JSON. */
  body: Record<string, unknown> | string | Buffer;
  /** Every field the message must name (or, for unparseable files, what it must say). */
  mentions: string[];
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

const HOSTILE: Hostile[] = [
  { name: 'not an object', body: '[1, 2, 3]', mentions: ['(top level)'] },
  { name: 'null', body: 'null', mentions: ['(top level)'] },
  { name: 'wrong types everywhere', body: answers({ title: 42, belief: 'low', evaluation: [], aboutMe: '80', tags: { a: 1 }, state: 'tired' }), mentions: ['title', 'belief', 'evaluation', 'aboutMe', 'tags', 'state'] },
  { name: 'wrong types inside objects', body: answers({ belief: { statement: 7, before: true, after: null }, evaluation: { method: 3, minutesSeen: '10', selectionRate: {} } }), mentions: ['belief.statement', 'belief.before', 'belief.after', 'evaluation.method', 'evaluation.minutesSeen', 'evaluation.selectionRate'] },
  { name: 'a 1 MB title', body: answers({ title: 'x'.repeat(MB) }), mentions: ['title: is 1048576 characters long; at most 200'] },
  { name: 'a 1 MB story and next step', body: answers({ story: 'y'.repeat(MB), nextStep: 'z'.repeat(MB) }), mentions: ['story', 'nextStep'] },
  { name: 'a 1 MB field name', body: { ...answers(), ['k'.repeat(MB)]: 1 }, mentions: ['kkkkkkkkkk'] },
  { name: 'an unknown kind', body: answers({ kind: 'spaceship' }), mentions: ['kind: must be one of'] },
  { name: 'an unknown method', body: answers({ evaluation: { method: 'astrology' } }), mentions: ['evaluation.method: must be one of'] },
  { name: 'unknown confounders, states and reasons', body: answers({ confounders: ['bad-luck-ray'], state: ['sleepy'], notAboutMeReasons: ['gremlins'] }), mentions: ['confounders[0]', 'state[0]', 'notAboutMeReasons[0]'] },
  { name: 'numbers out of range', body: answers({ aboutMe: 101, belief: { before: -1, after: 1e308 }, evaluation: { method: 'cv-screen', minutesSeen: -5, selectionRate: 0 } }), mentions: ['aboutMe', 'belief.before', 'belief.after', 'evaluation.minutesSeen', 'evaluation.selectionRate'] },
  { name: 'a number too big for a double (1e400 reads as Infinity)', body: '{"kind":"application","title":"t","belief":{"before":1e400,"after":10},"evaluation":{"method":"cv-screen"},"aboutMe":50}', mentions: ['belief.before', 'Infinity'] },
  { name: 'NaN spelled in JSON', body: '{"kind":"application","title":"t","belief":{"before":NaN,"after":10},"evaluation":{"method":"cv-screen"},"aboutMe":50}', mentions: ['not valid JSON'] },
  { name: 'Infinity spelled in JSON', body: '{"kind":"application","title":"t","belief":{"before":60,"after":-Infinity},"evaluation":{"method":"cv-screen"},"aboutMe":50}', mentions: ['not valid JSON'] },
  { name: 'invalid UTF-8', body: Buffer.concat([Buffer.from('{"kind":"application","title":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]), mentions: ['not valid UTF-8'] },
  { name: 'UTF-16 with a byte-order mark', body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(answers()), 'utf16le')]), mentions: ['not valid'] },
  { name: 'deeply nested JSON (100 000 levels)', body: `{"kind":"application","title":"t","story":${nested(100_000)}}`, mentions: ['story'] },
  { name: 'deeply nested objects in an unknown field', body: `{"kind":"application","title":"t","extra":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`, mentions: ['extra'] },
  { name: 'a 20 000-item list of bad tags', body: answers({ tags: Array.from({ length: 20_000 }, () => 'no spaces allowed') }), mentions: ['tags: has 20000 tags; at most 20'] },
  { name: 'a 100 000-item list of bad confounders', body: answers({ confounders: Array.from({ length: 100_000 }, (_, i) => `c${i}`) }), mentions: ['confounders[0]', 'more problem'] },
  { name: 'control characters in text', body: answers({ title: 'bell\u0007 and escape \u001b[31m' }), mentions: ['title: contains a control character (<U+0007>); remove it'] },
  { name: 'an unpaired surrogate (not real Unicode text)', body: '{"kind":"application","title":"half \\ud800 a character","belief":{"before":60,"after":20},"evaluation":{"method":"cv-screen"},"aboutMe":50}', mentions: ['title'] },
  { name: 'impossible dates', body: answers({ date: '2026-02-30', followUpOn: '2026-13-01', prediction: { statement: 's', probability: 50, checkOn: 'soon' } }), mentions: ['date', 'followUpOn', 'prediction.checkOn'] },
  { name: 'a date in the future', body: answers({ date: '2999-01-01' }), mentions: ['date: is in the future'] },
  { name: '__proto__ and constructor keys', body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"kind":"application","title":"t","belief":{"before":60,"after":20},"evaluation":{"method":"cv-screen"},"aboutMe":50}', mentions: ['__proto__', 'constructor'] },
  { name: 'an empty file', body: '', mentions: ['not valid JSON'] },
];

async function rejects(body: Hostile['body']) {
  const j = journal();
  const file = join(j.dir, 'answers.json');
  writeFileSync(file, Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body));
  const result = await j.cli(['reflect', '--answers', file]);
  return { ...result, db: j.db };
}

describe.each(HOSTILE)('an answers file with $name', ({ body, mentions }) => {
  it('is rejected with exit 2, a message naming the fields, and nothing written', async () => {
    const result = await rejects(body);
    expect(result.code, result.stderr.slice(0, 2000)).toBe(2);
    for (const mention of mentions) expect(result.stderr).toContain(mention);
    expect(result.stderr).not.toMatch(/something went wrong/);
    // Bounded output: a hostile file can't flood the terminal.
    expect(result.stderr.length).toBeLessThan(8_000);
    expect(existsSync(result.db)).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a hostile answers file given to the built binary on standard input', () => {
  it('is rejected with exit 2 and nothing written', async () => {
    const db = join(tempDir(), 'data', 'journal.db');
    const result = await runBin(['reflect', '--answers', '-'], { env: { NOISY_DB: db }, input: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('standard input is not valid UTF-8');
    expect(existsSync(db)).toBe(false);
  });
});

// ── generated (fuzz-style) malformed files ─────────────────────────────────────────────────────

type Mutation = { describe: string; field: string; apply: (doc: Record<string, unknown>) => void };

/** Values no field of an answers file accepts in place of its own type. */
const WRONG_VALUES: unknown[] = [null, true, -1, Number.POSITIVE_INFINITY /* JSON writes null */, 'text', [], [1, [2]], {}, { nested: { deeper: [] } }, 'x'.repeat(30_000)];

/** Top-level and nested fields that are required, or typed so that every value in WRONG_VALUES fails. */
const PATHS = ['kind', 'title', 'belief', 'belief.before', 'belief.after', 'evaluation', 'evaluation.method', 'aboutMe', 'confounders', 'state', 'tags', 'prediction.probability', 'prediction.checkOn'];
const REQUIRED = ['kind', 'title', 'belief', 'belief.before', 'belief.after', 'evaluation', 'evaluation.method', 'aboutMe'];

/** Calls `change` with the object holding `path` and the last key; skipped when an earlier mutation removed that object. */
function atPath(doc: Record<string, unknown>, path: string, change: (parent: Record<string, unknown>, key: string) => void): void {
  const parts = path.split('.');
  let target: unknown = doc;
  for (const part of parts.slice(0, -1)) target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[part] : undefined;
  if (typeof target === 'object' && target !== null && !Array.isArray(target)) change(target as Record<string, unknown>, parts.at(-1) as string);
}

function mutations(pick: <T>(items: readonly T[]) => T): Mutation[] {
  const replace = PATHS.map((path): Mutation => {
    const value = pick(WRONG_VALUES.filter((v) => !acceptable(path, v)));
    return { describe: `replace ${path} with ${JSON.stringify(value)?.slice(0, 30)}`, field: path, apply: (doc) => atPath(doc, path, (parent, key) => (parent[key] = value)) };
  });
  const drop = REQUIRED.map((path): Mutation => ({ describe: `drop ${path}`, field: path, apply: (doc) => atPath(doc, path, (parent, key) => delete parent[key]) }));
  const retarget = PATHS.filter((p) => !p.includes('.')).map((path): Mutation => {
    const wrongName = pick([`${path}s`, path.toUpperCase(), `${path} `, `x-${path}`]);
    return { describe: `rename ${path} to ${wrongName}`, field: wrongName.trim() === path ? path : wrongName, apply: (doc) => { doc[wrongName] = doc[path]; delete doc[path]; } };
  });
  return [...replace, ...drop, ...retarget];
}

/** The few wrong-looking values that are in fact valid for a field, so a mutation must avoid them. */
function acceptable(path: string, written: unknown): boolean {
  const value: unknown = JSON.parse(JSON.stringify(written) ?? 'null'); // as the file will hold it
  const emptyList = Array.isArray(value) && value.length === 0;
  if (path === 'tags') return emptyList;
  if (path === 'title') return typeof value === 'string' && value.trim() !== '' && value.length <= 200;
  // Lists of ids may also be null ("none").
  if (path === 'confounders' || path === 'state') return emptyList || value === null;
  return false;
}

describe('a generated batch of malformed answers files (seeded, replayable)', () => {
  it('rejects every one with exit 2, naming the changed field, and writes nothing', async () => {
    const random = seededRandom(2026);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const j = journal();
    const file = join(j.dir, 'answers.json');
    let cases = 0;
    for (let round = 0; round < 12; round++) {
      for (const mutation of mutations(pick)) {
        const doc = exampleAnswers();
        // A second, random mutation on top sometimes: problems must be reported together.
        const extra = random() < 0.4 ? pick(mutations(pick)) : undefined;
        mutation.apply(doc);
        extra?.apply(doc);
        writeFileSync(file, JSON.stringify(doc));
        const result = await j.cli(['reflect', '--answers', file]);
        const what = `${mutation.describe}${extra ? ` + ${extra.describe}` : ''}: ${result.stderr.slice(0, 500)}`;
        expect(result.code, what).toBe(2);
        expect(result.stderr, what).toContain(mutation.field.split('.')[0]);
        expect(result.stderr, what).not.toMatch(/something went wrong/);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(300);
    expect(existsSync(j.db)).toBe(false);
  }, 60_000);

  it('never crashes on random byte-level damage to a valid file: each is saved whole or rejected with exit 2', async () => {
    const random = seededRandom(99);
    const j = journal();
    const file = join(j.dir, 'answers.json');
    const original = Buffer.from(JSON.stringify(exampleAnswers()));
    let saved = 0;
    for (let i = 0; i < 150; i++) {
      const bytes = Buffer.from(original);
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      writeFileSync(file, bytes);
      const result = await j.cli(['reflect', '--answers', file, '--json']);
      expect([0, 2], result.stderr).toContain(result.code);
      expect(result.stderr).not.toMatch(/something went wrong/);
      if (result.code === 0) saved++;
    }
    if (existsSync(j.db)) {
      const stored = readJournal(j.db);
      expect(stored.integrity).toEqual(['ok']);
      expect(stored.ids.size).toBe(saved);
    } else {
      expect(saved).toBe(0);
    }
  }, 60_000);
});
