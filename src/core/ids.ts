import { createHash, randomBytes } from 'node:crypto';

// Lower-case letters and digits without the look-alikes 0/o, 1/l/i: easy to read aloud and type.
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A new entry id: 10 characters (about 49 bits), unique enough to merge journals by id. */
export function newEntryId(bytes: (n: number) => Uint8Array = randomBytes): string {
  const random = bytes(10);
  let id = '';
  for (const byte of random) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/**
 * The id a belief with this statement key gets: `b-` and 6 characters of the same alphabet, taken
 * from a SHA-256 of the key, so two journals that meet one statement separately give it the same id
 * and merge cleanly. `attempt` > 0 picks another id when one is taken by a different statement
 * (one chance in about 900 million per pair).
 */
export function beliefIdFor(key: string, attempt = 0): string {
  const digest = createHash('sha256').update(attempt === 0 ? key : `${attempt}\u0000${key}`).digest();
  let id = 'b-';
  for (const byte of digest.subarray(0, 6)) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/**
 * A belief id. Entry ids never hold '-', so a prefix a person types can never pick a belief for an
 * entry or the other way round (attempt ids start with `a-`).
 */
export const BELIEF_ID = new RegExp(`^b-[${ALPHABET}]{6}$`);

/** The start of a belief id as a person may type it: `b-` and at least 2 of its characters. */
export const BELIEF_ID_PREFIX = new RegExp(`^b-[${ALPHABET}]{2,6}$`);

/** An entry id: 4 to 32 characters of the alphabet above (no 0, 1, o, l or i), as every message says. */
export const ENTRY_ID = new RegExp(`^[${ALPHABET}]{4,32}$`);

/** What a mistyped id may hold and still be worth a specific message: lower-case letters and digits. */
export const ID_LIKE = /^[a-z0-9]+$/;

/** The characters ids leave out because they look like others (0 and o, 1, l and i). */
export const LOOK_ALIKES = /[01oli]/;

/**
 * A new attempt id (`noisy attempts`): `a-` and 8 characters of the same alphabet (about 40 bits).
 * Entry ids never hold '-', so no prefix a person types can pick an attempt for an entry, or the
 * other way round.
 */
export function newAttemptId(bytes: (n: number) => Uint8Array = randomBytes): string {
  let id = 'a-';
  for (const byte of bytes(8)) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** An attempt id. */
export const ATTEMPT_ID = new RegExp(`^a-[${ALPHABET}]{8}$`);

/** The start of an attempt id as a person may type it: `a-` and at least 2 of its characters. */
export const ATTEMPT_ID_PREFIX = new RegExp(`^a-[${ALPHABET}]{2,8}$`);

/** Ids of up to this many characters fit a double exactly (35^10 < 2^53): nearly all of them. */
const PACKED_LENGTH = 10;
/** Slots per id kept: the table doubles before it is half full. */
const LOAD = 0.5;

/**
 * Remembers a number (the index of the entry that first used it) for each entry id seen, in two
 * typed arrays: about 24 bytes an id instead of about 130 in a Map of strings, which at 100,000
 * entries was 13 MB, the one part of an import's memory that grew with the file. Ids longer than
 * 10 characters (valid, but never made by noisy) go to a Map.
 */
export class IdTable {
  private keys = new Float64Array(1 << 10);
  private values = new Int32Array(1 << 10);
  private size = 0;
  private readonly long = new Map<string, number>();

  get(id: string): number | undefined {
    const key = packId(id);
    if (key === null) return this.long.get(id);
    const slot = this.find(key);
    return this.keys[slot] === key ? this.values[slot] : undefined;
  }

  set(id: string, value: number): void {
    const key = packId(id);
    if (key === null) {
      this.long.set(id, value);
      return;
    }
    if (this.size + 1 > this.keys.length * LOAD) this.grow();
    const slot = this.find(key);
    if (this.keys[slot] !== key) this.size += 1;
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  /** The slot holding `key`, or the empty one (0) where it would go: linear probing. */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul((key % 0x100000000) ^ Math.floor(key / 0x100000000), 0x9e3779b1) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    keys.forEach((key, i) => {
      if (key === 0) return;
      const slot = this.find(key);
      this.keys[slot] = key;
      this.values[slot] = values[i] as number;
    });
  }
}

/** An id of up to PACKED_LENGTH characters of ENTRY_ID's alphabet as a positive whole number; null otherwise. */
function packId(id: string): number | null {
  if (id.length === 0 || id.length > PACKED_LENGTH) return null;
  let packed = 0;
  for (let i = 0; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    // '2'..'9' are 1..8, 'a'..'z' 9..34: never 0, so every length gives a different number.
    const digit = c >= 50 && c <= 57 ? c - 49 : c >= 97 && c <= 122 ? c - 88 : -1;
    if (digit < 0) return null;
    packed = packed * 35 + digit;
  }
  return packed;
}
