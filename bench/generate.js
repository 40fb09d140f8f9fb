// Builds realistic journals for the benchmarks through noisy's own storage layer (dist/).
// Deterministic: the same size gives the same journal.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Store } from '../dist/storage/store.js';
import { loadPacks } from '../dist/packs/load.js';
import { KINDS, STATES } from '../dist/core/domain.js';
import { addDays } from '../dist/core/dates.js';

/** Bump when the generator changes, so cached journals are rebuilt. */
export const GENERATOR_VERSION = 1;

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the interview went quickly and I froze on the second question about distributed systems although I had ' +
  'prepared for weeks they said the team was looking for someone more senior my manager was kind but the ' +
  'project never had a clear goal reviewers asked for more baselines and one of them seemed not to have read ' +
  'the appendix I felt tired all week and compared myself with friends who got offers everywhere maybe I ' +
  'should try smaller labs first or ask for feedback before deciding anything'
).split(' ');

function sentence(rand, words) {
  const out = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function paragraphs(rand, count) {
  const ps = [];
  for (let p = 0; p < count; p += 1) {
    const sentences = [];
    const n = 2 + Math.floor(rand() * 4);
    for (let s = 0; s < n; s += 1) sentences.push(sentence(rand, 8 + Math.floor(rand() * 14)));
    ps.push(sentences.join(' '));
  }
  return ps.join('\n');
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const subset = (rand, list, p) => list.filter(() => rand() < p);
const TAGS = ['fellowship', 'phd', 'internship', 'conference', 'paper', 'mats', 'job', 'grant', 'self', 'coding'];
const ID_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

export function makeEntry(rand, index, today) {
  const packs = makeEntry.packs ?? (makeEntry.packs = loadPacks());
  const kind = pick(rand, KINDS);
  const pack = packs[kind];
  const date = addDays(today, -Math.floor(rand() * 5 * 365));
  const before = Math.round(20 + rand() * 70);
  const after = Math.max(0, Math.round(before - rand() * 50));
  const hasPrediction = rand() < 0.4;
  const followedUp = rand() < 0.3;
  let id = '';
  for (let i = 0; i < 10; i += 1) id += ID_ALPHABET[Math.floor(rand() * ID_ALPHABET.length)];
  const entry = {
    id,
    createdAt: new Date(Date.parse(`${date}T12:00:00Z`) + index).toISOString(),
    kind,
    // Schema 6 stores each entry's outcome; the generated journal holds setbacks.
    outcome: 'rejected',
    title: sentence(rand, 3 + Math.floor(rand() * 5)).slice(0, 80),
    date,
    story: paragraphs(rand, 1 + Math.floor(rand() * 4)),
    belief: { statement: pack.defaultBelief, before, after },
    evaluation: {
      method: pick(rand, pack.methods),
      minutesSeen: rand() < 0.2 ? null : Math.round(1 + rand() * 600),
      whatTheySaw: sentence(rand, 6),
      selectionRate: rand() < 0.4 ? null : Math.round(1 + rand() * 60),
    },
    confounders: subset(rand, pack.confounders.map((c) => c.id), 0.4),
    otherConfounders: rand() < 0.3 ? sentence(rand, 10) : '',
    aboutMe: Math.round(rand() * 100),
    notAboutMeReasons: subset(rand, pack.notAboutMe.map((o) => o.id), 0.3),
    state: subset(rand, STATES.filter((s) => s !== 'fine'), 0.25),
    nextStep: rand() < 0.8 ? sentence(rand, 7) : '',
    prediction: hasPrediction ? { statement: sentence(rand, 8), probability: Math.round(rand() * 100), checkOn: addDays(date, 60) } : null,
    followUpOn: followedUp ? null : addDays(date, 30),
    tags: subset(rand, TAGS, 0.15),
    extras: {},
    followUps: followedUp
      ? [{ answeredAt: `${addDays(date, 30)}T09:00:00.000Z`, beliefNow: Math.round(rand() * 100), tookNextStep: rand() < 0.6, whatHappened: paragraphs(rand, 1), predictionCameTrue: hasPrediction ? rand() < 0.5 : null }]
      : [],
    revisions: [],
  };
  return entry;
}

/** Creates (or reuses) a journal of `size` entries at `path`. */
export function ensureJournal(path, size, today = '2026-12-01') {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const store = Store.open(partial, { create: true });
  const rand = prng(size);
  const batch = 5_000;
  for (let start = 0; start < size; start += batch) {
    const entries = [];
    for (let i = start; i < Math.min(size, start + batch); i += 1) entries.push(makeEntry(rand, i, today));
    store.importEntries(entries);
  }
  store.close();
  renameSync(partial, path);
  return true;
}
