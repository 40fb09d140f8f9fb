// A journal with many attempts for `npm run bench` (BENCH_ONLY=attempts): made with the built store,
// from a fixed seed, once per schema version (bench/.tmp keeps it).
import { existsSync, rmSync } from 'node:fs';
import { Store } from '../dist/storage/store.js';

const METHODS = ['cv-screen', 'written-application', 'structured-interview', 'unstructured-interview', 'work-trial', 'conversation', 'peer-review'];
const RATES = [null, 3, 5, 10, 20, 30, 50];
const OUTCOMES = ['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'no-reply', 'accepted', 'withdrawn'];
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (start, offset) => new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** `count` attempts over the years before 2026-12-01, the last 1% of them pending; true when it made the file. */
export function ensureAttemptsJournal(path, count) {
  if (existsSync(path)) return false;
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const random = seeded(14);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const attempts = [];
  const span = 3 * 365;
  for (let i = 0; i < count; i += 1) {
    let id = 'a-';
    for (let k = 0; k < 8; k += 1) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
    const date = day('2023-12-01', Math.floor((i / count) * span));
    const pending = i >= count * 0.99;
    const outcome = pending ? 'pending' : pick(OUTCOMES);
    attempts.push({
      id,
      title: `Application ${i + 1}`,
      date,
      method: pick(METHODS),
      rate: pick(RATES),
      beliefId: null,
      expectReplyBy: pending ? day(date, 30) : null,
      outcome,
      resolvedOn: pending ? null : day(date, 20),
      entryId: null,
    });
  }
  const store = Store.open(path, { create: true });
  try {
    store.attempts.insertAll(attempts);
  } finally {
    store.close();
  }
  return true;
}
