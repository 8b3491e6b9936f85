import type { KeywordAutomaton } from "./keyword-automaton.js";
import { keywordScanModule, LANES, SPACINGS } from "./keyword-scan-module.js";
import { indexOfByte, lastIndexOfByte } from "./native-bytes.js";
import type { KeywordHits } from "./keyword-hits.js";

const NEWLINE = 10;
const PAGE = 65536;

/** The first index from `from` on whose value is at least `value` (`sorted` ascending). */
const lowerBound = (sorted: Int32Array, value: number, from: number): number => {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

// The part of the WebAssembly API used here (TypeScript declares it only with the DOM library).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
};

interface Kernels {
  memory: WasmMemory;
  scan1: (p: number, end: number, accept: number, out: number) => number;
  countNewlines: (p: number, end: number) => number;
  lineBounds: (hits: number, n: number, data: number, shift: number, out: number) => number;
  scale: (p: number, end: number) => number;
  [lanes: string]: unknown;
}

let compiled: object | null | undefined;
const kernelModule = (): object | null => {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(keywordScanModule());
    } catch {
      compiled = null; // no WebAssembly, or no SIMD: the JavaScript scan does the work
    }
  }
  return compiled;
};

/**
 * scanKeywordLines in WebAssembly: the same automaton (its table copied into the module's memory,
 * state values scaled to byte offsets), eight lanes at fixed distances so a step is eight loads and no
 * pointer arithmetic, and newlines counted sixteen bytes at a time. A lane that starts inside a
 * line may miss a keyword that began before it, so every line that straddles a lane start is
 * scanned again, whole. Each automaton gets its own instance; blocks are copied in.
 */
export class WasmKeywordScanner {
  private readonly kernels: Kernels;
  private readonly accept: number;
  private readonly dataAt: number;
  private capacity = 0;
  private bytes: Uint8Array;

  private constructor(module: object, automaton: KeywordAutomaton) {
    this.kernels = new WebAssembly.Instance(module, {}).exports as unknown as Kernels;
    const tableBytes = automaton.table.length * 4;
    this.dataAt = Math.ceil(tableBytes / PAGE) * PAGE;
    this.kernels.memory.grow(this.dataAt / PAGE);
    const source = automaton.table;
    const table = new Int32Array(this.kernels.memory.buffer, 0, source.length);
    // The rows between the plain states and the accepting ones are never reached, and zero:
    // leaving them uncopied leaves their pages untouched.
    table.set(source.subarray(0, automaton.plainEnd));
    table.set(source.subarray(automaton.accept), automaton.accept);
    this.kernels.scale(0, automaton.plainEnd * 4);
    this.kernels.scale(automaton.accept * 4, source.length * 4);
    this.accept = automaton.accept * 4;
    this.bytes = new Uint8Array(this.kernels.memory.buffer);
  }

  /** A scanner for `automaton`, or null where WebAssembly SIMD is not available. */
  static create(automaton: KeywordAutomaton): WasmKeywordScanner | null {
    const module = kernelModule();
    return module === null ? null : new WasmKeywordScanner(module, automaton);
  }

  /**
   * As scanKeywordLines: fills `hits` for the lines of `b[start..end)`, returns the newlines. The
   * hits' columns are in this scanner's memory: valid until its next scan.
   */
  scan(b: Uint8Array, start: number, end: number, hits: KeywordHits): number {
    const n = end - start;
    this.reserve(n);
    const data = this.dataAt;
    const stop = data + n;
    this.bytes.set(b.subarray(start, end), data);
    const { found, restarts } = this.scanLanes(data, stop);
    const kept = this.rescanStraddling(found, restarts, data);
    // Each hit's line (its bounds and index) is found in one call for the block.
    const count = kept.length;
    const out = kept.byteOffset + kept.byteLength;
    const lines = this.kernels.lineBounds(kept.byteOffset, count, data, start - data, out);
    const column = (k: number): Int32Array => new Int32Array(this.kernels.memory.buffer, out + k * count * 4, count);
    hits.view({ positions: column(0), lines: column(1), starts: column(2), ends: column(3) }, count);
    return lines + this.kernels.countNewlines(count === 0 ? data : kept[count - 1]!, stop);
  }

  /** Runs the lane kernels, largest spacing first, then one stream; returns hits and lane starts. */
  private scanLanes(data: number, stop: number): { found: Int32Array; restarts: number[] } {
    const out = (stop + 19) & ~3;
    let end = out;
    let p = data;
    const restarts: number[] = [];
    for (const spacing of SPACINGS) {
      const scan = this.kernels[`scan${spacing}`] as (p: number, end: number, accept: number, out: number) => number;
      while (stop - p >= LANES * spacing) {
        end = scan(p, p + spacing, this.accept, end);
        for (let k = 1; k <= LANES; k += 1) restarts.push(p + k * spacing);
        p += LANES * spacing;
      }
    }
    end = this.kernels.scan1(p, stop, this.accept, end);
    return { found: new Int32Array(this.kernels.memory.buffer, out, (end - out) / 4), restarts };
  }

  /**
   * A lane starting inside a line saw only its end: every such line is scanned again from its
   * start, its hits replacing the lanes'. Returns the hits, sorted, right after `found` in memory.
   */
  private rescanStraddling(found: Int32Array, restarts: number[], data: number): Int32Array {
    found.sort();
    const memory = new Int32Array(this.kernels.memory.buffer);
    const at = found.byteOffset + found.byteLength;
    let write = at;
    let from = 0;
    // Copies found[from..to) to the output.
    const keep = (to: number): void => {
      memory.copyWithin(write / 4, found.byteOffset / 4 + from, found.byteOffset / 4 + to);
      write += (to - from) * 4;
    };
    for (const [a, b] of this.straddling(restarts, data)) {
      const i = lowerBound(found, a, from);
      keep(i);
      write = this.kernels.scan1(a, b, this.accept, write);
      from = lowerBound(found, b, i);
    }
    keep(found.length);
    return new Int32Array(this.kernels.memory.buffer, at, (write - at) / 4);
  }

  // The lines that lane starts cut, as ascending, merged [start, end) ranges.
  private straddling(restarts: number[], data: number): Array<[number, number]> {
    const bytes = this.bytes;
    const ranges: Array<[number, number]> = [];
    for (const at of restarts) {
      if (bytes[at - 1] === NEWLINE) continue;
      const lineStart = Math.max(data, lastIndexOfByte(bytes, NEWLINE, at - 1) + 1);
      const lineEnd = indexOfByte(bytes, NEWLINE, at) + 1;
      const previous = ranges.at(-1);
      if (previous !== undefined && previous[1] >= lineStart) previous[1] = Math.max(previous[1], lineEnd);
      else ranges.push([lineStart, lineEnd]);
    }
    return ranges;
  }

  // Room for a block of `n` bytes and, after it, up to one hit per 4 bytes, the hits kept, and
  // four columns of them (pages that are not written cost no memory).
  private reserve(n: number): void {
    if (n <= this.capacity) return;
    const need = this.dataAt + 7 * n + Math.ceil(n / 64) + 1024;
    const pages = Math.ceil((need - this.kernels.memory.buffer.byteLength) / PAGE);
    if (pages > 0) this.kernels.memory.grow(pages);
    this.capacity = n;
    this.bytes = new Uint8Array(this.kernels.memory.buffer);
  }
}
