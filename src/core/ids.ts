import { randomBytes } from 'node:crypto';

// Lower-case letters and digits without the look-alikes 0/o, 1/l/i: easy to read aloud and type.
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A new entry id: 10 characters (about 49 bits), unique enough to merge journals by id. */
export function newEntryId(bytes: (n: number) => Uint8Array = randomBytes): string {
  const random = bytes(10);
  let id = '';
  for (const byte of random) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

export const ENTRY_ID = /^[23456789a-z]{4,32}$/;
