// A small bounded cache keyed by a few numbers, for model results that many entries share.
//
// A string key built from the numbers (`${validity}|${rate}|...`) costs more than it saves: turning a
// double such as 0.2135 into text takes V8 a few hundred nanoseconds, and an export asks for a key
// per entry. Here a key is the numbers' bits, hashed and compared in place.

const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);

/**
 * Values by a tuple of `width` numbers, compared bit for bit (so -0 and 0 are different keys, and a
 * NaN finds itself). Holds at most `capacity` keys; when full it starts again empty.
 */
export class TupleCache<V> {
  private readonly slots: number;
  private keys: Uint32Array;
  private values: (V | undefined)[];
  private used = 0;

  constructor(
    private readonly width: number,
    private readonly capacity = 8_192,
  ) {
    // A power of two, at least twice the capacity: probes stay short.
    let slots = 1;
    while (slots < 2 * capacity) slots *= 2;
    this.slots = slots;
    this.keys = new Uint32Array(slots * width * 2);
    this.values = new Array<V | undefined>(slots).fill(undefined);
  }

  get(tuple: ArrayLike<number>): V | undefined {
    const slot = this.find(tuple);
    return this.values[slot];
  }

  set(tuple: ArrayLike<number>, value: V): void {
    let slot = this.find(tuple);
    if (this.values[slot] === undefined) {
      if (this.used >= this.capacity) {
        this.clear();
        slot = this.find(tuple);
      }
      this.used += 1;
      const base = slot * this.width * 2;
      for (let i = 0; i < this.width; i++) {
        BITS[0] = tuple[i]!;
        this.keys[base + 2 * i] = WORDS[0]!;
        this.keys[base + 2 * i + 1] = WORDS[1]!;
      }
    }
    this.values[slot] = value;
  }

  clear(): void {
    this.keys.fill(0);
    this.values.fill(undefined);
    this.used = 0;
  }

  /** The slot holding `tuple`, or the empty slot where it would go (linear probing). */
  private find(tuple: ArrayLike<number>): number {
    if (tuple.length !== this.width) throw new RangeError(`TupleCache: expected ${this.width} numbers, got ${tuple.length}`);
    let hash = 0x811c9dc5;
    for (let i = 0; i < this.width; i++) {
      BITS[0] = tuple[i]!;
      hash = Math.imul(hash ^ WORDS[0]!, 0x01000193);
      hash = Math.imul(hash ^ WORDS[1]!, 0x01000193);
    }
    hash ^= hash >>> 15;
    const mask = this.slots - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      if (this.values[slot] === undefined) return slot;
      const base = slot * this.width * 2;
      let same = true;
      for (let i = 0; i < this.width && same; i++) {
        BITS[0] = tuple[i]!;
        same = this.keys[base + 2 * i] === WORDS[0] && this.keys[base + 2 * i + 1] === WORDS[1];
      }
      if (same) return slot;
    }
  }
}
