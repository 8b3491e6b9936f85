/** FNV-1a over `bytes[start..end)`, seeded with a tag. */
const hashBytes = (tag: number, bytes: Uint8Array, start: number, end: number): number => {
  let h = 0x811c9dc5 ^ tag;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h;
};

/**
 * A hash table keyed by a tag and a run of bytes, which it copies: the key bytes are looked up
 * where they lie (a block of a log), without decoding them to a string. Open addressing, at most
 * half full; when its entries or its key bytes reach their limit it starts over, empty.
 */
export class ByteKeyTable<T> {
  /** entry index + 1 per slot, 0 for an empty slot */
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly tags: Int32Array;
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  private readonly values: T[] = [];
  private readonly keys: Uint8Array;
  private count = 0;
  private keyBytes = 0;

  constructor(
    private readonly maxEntries: number,
    maxKeyBytes: number,
  ) {
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(maxEntries * 2)));
    this.hashes = new Int32Array(maxEntries);
    this.tags = new Int32Array(maxEntries);
    this.starts = new Int32Array(maxEntries);
    this.lengths = new Int32Array(maxEntries);
    this.keys = new Uint8Array(maxKeyBytes);
  }

  get(tag: number, bytes: Uint8Array, start: number, end: number): T | undefined {
    const hash = hashBytes(tag, bytes, start, end);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry === -1) return undefined;
      if (this.hashes[entry] === hash && this.tags[entry] === tag && this.equals(entry, bytes, start, end)) return this.values[entry];
    }
  }

  /** Adds a key that `get` did not find. */
  set(tag: number, bytes: Uint8Array, start: number, end: number, value: T): void {
    const length = end - start;
    if (length > this.keys.length) return;
    if (this.count === this.maxEntries || this.keyBytes + length > this.keys.length) this.clear();
    const entry = this.count;
    this.count += 1;
    const hash = hashBytes(tag, bytes, start, end);
    this.hashes[entry] = hash;
    this.tags[entry] = tag;
    this.starts[entry] = this.keyBytes;
    this.lengths[entry] = length;
    this.values[entry] = value;
    this.keys.set(bytes.subarray(start, end), this.keyBytes);
    this.keyBytes += length;
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private equals(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (this.lengths[entry] !== end - start) return false;
    const keys = this.keys;
    for (let i = start, k = this.starts[entry]!; i < end; i += 1, k += 1) if (keys[k] !== bytes[i]) return false;
    return true;
  }

  private clear(): void {
    this.slots.fill(0);
    this.values.length = 0;
    this.count = 0;
    this.keyBytes = 0;
  }
}
