// How an entry is laid out in its rows, shared by the store and the migrations that rewrite rows.
import type { Answers, Entry, FollowUp } from '../core/entry.js';
import type { Kind, Method } from '../core/domain.js';
import { sketchOf, type EntrySketch } from '../core/history.js';

/** An entry from its columns: the answers JSON, and its follow-ups (oldest first). */
export function entryFromRow(id: string, createdAt: string, answers: string, followUps: FollowUp[]): Entry {
  return { id, createdAt, ...(JSON.parse(answers) as Answers), followUps };
}

/**
 * The `sketch` column (schema v2): sketchOf(entry) as a JSON array, fields by position (see
 * sketchFromColumn). Numbers, ids and flags only, so `noisy history` reads about 150 bytes per entry
 * instead of the whole text; an array parses about three times faster than the same object with keys.
 */
export function sketchColumn(entry: Entry): string {
  const s = sketchOf(entry);
  return JSON.stringify([
    s.id,
    s.date,
    s.kind,
    s.method,
    s.before,
    s.after,
    s.minutesSeen,
    s.selectionRate,
    s.confounders,
    s.aboutMe,
    s.clouded,
    s.hasNextStep,
    s.followUpOn,
    s.followUpCount,
    s.tookNextStep,
    s.prediction ? s.prediction.probability : null,
    s.prediction ? s.prediction.cameTrue : null,
    s.firstBeliefNow,
  ]);
}

type SketchColumn = [
  string, string, Kind, Method, number, number, number | null, number | null, string[], number,
  boolean, boolean, string | null, number, boolean | null, number | null, boolean | null, number | null,
];

/** The EntrySketch stored by sketchColumn. */
export function sketchFromColumn(text: string): EntrySketch {
  const c = JSON.parse(text) as SketchColumn;
  return {
    id: c[0],
    date: c[1],
    kind: c[2],
    method: c[3],
    before: c[4],
    after: c[5],
    minutesSeen: c[6],
    selectionRate: c[7],
    confounders: c[8],
    aboutMe: c[9],
    clouded: c[10],
    hasNextStep: c[11],
    followUpOn: c[12],
    followUpCount: c[13],
    tookNextStep: c[14],
    prediction: c[15] === null ? null : { probability: c[15], cameTrue: c[16] },
    firstBeliefNow: c[17],
  };
}
