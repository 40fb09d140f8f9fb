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

/** An EntrySketch that decodeSketchInto fills in place (its confounder list is reused too). */
export type ReusableSketch = EntrySketch & { confounders: string[]; prediction: { probability: number; cameTrue: boolean | null } | null };

export function emptySketch(): ReusableSketch {
  return {
    id: '', date: '', kind: 'application', method: 'cv-screen', before: 0, after: 0, minutesSeen: null, selectionRate: null,
    confounders: [], aboutMe: 0, clouded: false, hasNextStep: false, followUpOn: null, followUpCount: 0, tookNextStep: null,
    prediction: null, firstBeliefNow: null,
  };
}

/**
 * sketchFromColumn into `into`, without building a new array and object per entry: `noisy history`
 * reads 100,000 of these, and JSON.parse of each took more time than reading them from SQLite.
 * Reads exactly the layout sketchColumn writes (JSON.stringify of plain ids, numbers, booleans and
 * nulls); on anything else (an escaped character, an unexpected token) it hands the text to
 * JSON.parse, so the result is always what sketchFromColumn gives.
 */
export function decodeSketchInto(text: string, into: ReusableSketch): void {
  if (!scanSketch(text, into)) copySketch(sketchFromColumn(text), into);
}

function copySketch(from: EntrySketch, into: ReusableSketch): void {
  const { confounders, prediction, ...rest } = from;
  Object.assign(into, rest);
  into.confounders.length = 0;
  into.confounders.push(...confounders);
  into.prediction = prediction === null ? null : { ...prediction };
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** The fast path of decodeSketchInto; false when the text is not in the plain form sketchColumn writes. */
function scanSketch(text: string, into: ReusableSketch): boolean {
  const r = READER;
  r.text = text;
  r.at = 0;
  r.ok = true;
  r.expect(0x5b);
  into.id = r.string(); r.expect(COMMA);
  into.date = r.repeated(into.date); r.expect(COMMA);
  into.kind = r.repeated(into.kind) as Kind; r.expect(COMMA);
  into.method = r.repeated(into.method) as Method; r.expect(COMMA);
  into.before = r.number(); r.expect(COMMA);
  into.after = r.number(); r.expect(COMMA);
  into.minutesSeen = r.numberOrNull(); r.expect(COMMA);
  into.selectionRate = r.numberOrNull(); r.expect(COMMA);
  const confounders = into.confounders;
  confounders.length = 0;
  r.expect(0x5b);
  if (text.charCodeAt(r.at) !== 0x5d) {
    for (;;) {
      confounders.push(r.string());
      if (!r.ok || text.charCodeAt(r.at) !== COMMA) break;
      r.at += 1;
    }
  }
  r.expect(0x5d); r.expect(COMMA);
  into.aboutMe = r.number(); r.expect(COMMA);
  into.clouded = r.boolean(); r.expect(COMMA);
  into.hasNextStep = r.boolean(); r.expect(COMMA);
  into.followUpOn = r.isNull() ? null : r.repeated(into.followUpOn); r.expect(COMMA);
  into.followUpCount = r.number(); r.expect(COMMA);
  into.tookNextStep = r.booleanOrNull(); r.expect(COMMA);
  const probability = r.numberOrNull(); r.expect(COMMA);
  const cameTrue = r.booleanOrNull(); r.expect(COMMA);
  if (probability === null) into.prediction = null;
  else {
    into.prediction ??= { probability, cameTrue };
    into.prediction.probability = probability;
    into.prediction.cameTrue = cameTrue;
  }
  into.firstBeliefNow = r.numberOrNull();
  r.expect(0x5d);
  const ok = r.ok && r.at === text.length && (probability !== null || cameTrue === null);
  r.text = '';
  return ok;
}

/** A cursor over one sketch's text; `ok` turns false at the first thing outside the plain form. */
class SketchReader {
  text = '';
  at = 0;
  ok = true;

  expect(code: number): void {
    if (this.text.charCodeAt(this.at) === code) this.at += 1;
    else this.ok = false;
  }

  string(): string {
    const text = this.text;
    this.expect(QUOTE);
    const start = this.at;
    let at = start;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) break;
      if (code === BACKSLASH || Number.isNaN(code) || code < 0x20) {
        this.ok = false;
        this.at = at;
        return '';
      }
      at += 1;
    }
    this.at = at + 1;
    return text.slice(start, at);
  }

  /** A string, as `previous` itself when it is the same text: rows come in date order, so dates, kinds and methods repeat. */
  repeated(previous: string | null): string {
    const text = this.text;
    const at = this.at;
    if (previous !== null && text.charCodeAt(at) === QUOTE && text.startsWith(previous, at + 1) && text.charCodeAt(at + 1 + previous.length) === QUOTE) {
      this.at = at + previous.length + 2;
      return previous;
    }
    return this.string();
  }

  isNull(): boolean {
    if (this.text.startsWith('null', this.at)) {
      this.at += 4;
      return true;
    }
    return false;
  }

  number(): number {
    const text = this.text;
    const start = this.at;
    let at = start;
    let whole = 0;
    let plainDigits = true;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code >= 0x30 && code <= 0x39) whole = whole * 10 + (code - 0x30);
      else if (code === 0x2d || code === 0x2e || code === 0x2b || code === 0x65 || code === 0x45) plainDigits = false;
      else break;
      at += 1;
    }
    this.at = at;
    const length = at - start;
    // Up to 15 digits add up exactly in a double; anything else (sign, point, exponent) goes to Number,
    // once it is known to be a JSON number (Number also takes forms JSON.parse refuses, like "1.").
    if (plainDigits && length > 0 && length <= 15 && (length === 1 || text.charCodeAt(start) !== 0x30)) return whole;
    const token = text.slice(start, at);
    if (!JSON_NUMBER.test(token)) this.ok = false;
    return Number(token);
  }

  numberOrNull(): number | null {
    return this.isNull() ? null : this.number();
  }

  boolean(): boolean {
    if (this.text.startsWith('true', this.at)) {
      this.at += 4;
      return true;
    }
    if (this.text.startsWith('false', this.at)) {
      this.at += 5;
      return false;
    }
    this.ok = false;
    return false;
  }

  booleanOrNull(): boolean | null {
    return this.isNull() ? null : this.boolean();
  }
}

const READER = new SketchReader();
