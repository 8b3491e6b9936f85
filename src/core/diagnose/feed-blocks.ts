const NEWLINE = 10;
// Lines pushed as text are encoded into blocks of this size.
const LINE_BLOCK_BYTES = 64 * 1024;
// Small byte chunks (an HTTP body comes in 16 to 64 KB) are copied into blocks of this size: a
// block's scan costs less per byte than many small chunks' (WebAssembly from 256 KB on).
const BYTE_BLOCK_BYTES = 1024 * 1024;
// Chunks from this size on are scanned as they are, without the copy.
const DIRECT_BYTES = BYTE_BLOCK_BYTES / 4;
// Blocks the reader is done with, kept to be filled again.
const MAX_SPARE_BLOCKS = 4;

/**
 * What a byte-line reader is written: lines of text encoded into blocks, small byte chunks copied
 * into blocks, large chunks as they are. Blocks the reader is done with (`release`) are filled
 * again, so a long log does not churn through buffers.
 */
export class FeedBlocks {
  private block: Uint8Array | null = null;
  private used = 0;
  private readonly spare: Uint8Array[] = [];
  /** the buffers of the blocks allocated here: the only ones filled again */
  private readonly own = new WeakSet<ArrayBufferLike>();
  private readonly encoder = new TextEncoder();

  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  /** One line, without its newline. */
  line(text: string): void {
    const block = this.room(text.length * 3 + 1, LINE_BLOCK_BYTES);
    const { written } = this.encoder.encodeInto(text, block.subarray(this.used));
    block[this.used + written] = NEWLINE;
    this.used += written + 1;
  }

  /** Raw bytes, split anywhere. A chunk of 256 KB or more is kept, not copied, and must not be reused. */
  bytes(chunk: Uint8Array): void {
    if (chunk.length >= DIRECT_BYTES) {
      this.flush();
      // Plain Uint8Array views keep the reader's loops monomorphic (Buffers are a subclass).
      this.write(chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      return;
    }
    for (let from = 0; from < chunk.length; ) {
      const block = this.room(1, BYTE_BLOCK_BYTES);
      const n = Math.min(chunk.length - from, block.length - this.used);
      block.set(chunk.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
    }
  }

  /** Writes the block being filled. */
  flush(): void {
    if (this.block === null || this.used === 0) return;
    this.write(this.block.subarray(0, this.used));
    this.block = null;
    this.used = 0;
  }

  /** The reader is done with `bytes`: its buffer is filled again if it is a block from here. */
  release(bytes: Uint8Array): void {
    if (this.own.has(bytes.buffer) && this.spare.length < MAX_SPARE_BLOCKS) this.spare.push(new Uint8Array(bytes.buffer));
  }

  // The block being filled if it has room for `need` bytes, else a spare one of `size`, or a new one.
  private room(need: number, size: number): Uint8Array {
    if (this.block !== null && this.block.length - this.used >= need) return this.block;
    this.flush();
    const block = need > size ? new Uint8Array(need) : (this.spare.pop() ?? new Uint8Array(size));
    this.own.add(block.buffer);
    this.block = block;
    return block;
  }
}
