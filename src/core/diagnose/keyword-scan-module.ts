import { op, wasmModule, type Code, type WasmFunction } from "./wasm-module.js";

export const LANES = 8;
// Lane spacings of the block kernels, largest first. Eight lanes of 127.5 KB cover a 1 MB block
// (the size the reader's blocks and file chunks come in) but for its last few KB: a block is cut
// into 8 lanes, not into the hundred that powers of two left (each cut line is scanned again).
export const SPACINGS = [130560, 65536, 8192, 1024];

// scan(p, end, accept, out) over LANES lanes `spacing` bytes apart: lane k reads p + k*spacing + i.
// A step is `state = table[state + byte]` with states as byte offsets into the table (at address
// 0), so only the byte is scaled: the chain from one state to the next is an add and a load.
const laneScan = (spacing: number): WasmFunction => {
  const [p, end, acc, out] = [0, 1, 2, 3];
  const s = (k: number) => 4 + k;
  const steps: Code[] = [];
  for (let k = 0; k < LANES; k += 1) steps.push(op.get(s(k)), op.get(p), op.load8(k * spacing), op.const(2), op.shl, op.add, op.load(0), op.set(s(k)));
  const any: Code[] = [op.get(s(0))];
  for (let k = 1; k < LANES; k += 1) any.push(op.get(s(k)), op.or);
  const record: Code[] = [];
  for (let k = 0; k < LANES; k += 1) {
    record.push(op.get(s(k)), op.get(acc), op.geU, op.if, op.get(out), op.get(p), op.const(k * spacing), op.add, op.store(0), op.get(out), op.const(4), op.add, op.set(out), op.end);
  }
  return {
    name: `scan${spacing}`,
    params: 4,
    locals: { i32: LANES, v128: 0 },
    body: [op.block, op.loop, op.get(p), op.get(end), op.geU, op.brIf(1), ...steps, ...any, op.get(acc), op.geU, op.if, ...record, op.end, op.get(p), op.const(1), op.add, op.set(p), op.br(0), op.end, op.end, op.get(out)],
  };
};

const singleScan: WasmFunction = {
  name: "scan1",
  params: 4,
  locals: { i32: 1, v128: 0 },
  body: [
    op.block, op.loop, op.get(0), op.get(1), op.geU, op.brIf(1),
    op.get(4), op.get(0), op.load8(0), op.const(2), op.shl, op.add, op.load(0), op.tee(4), op.get(2), op.geU,
    op.if, op.get(3), op.get(0), op.store(0), op.get(3), op.const(4), op.add, op.set(3), op.end,
    op.get(0), op.const(1), op.add, op.set(0), op.br(0), op.end, op.end, op.get(3),
  ],
};

// countNewlines(p, end): 16 bytes at a time, counted in byte lanes for up to 255 rounds.
const countNewlines: WasmFunction = (() => {
  const [p, end, total, blockEnd, acc] = [0, 1, 2, 3, 4];
  const lessThan16Left: Code[] = [op.get(end), op.get(p), op.sub, op.const(16), op.ltU];
  return {
    name: "countNewlines",
    params: 2,
    locals: { i32: 2, v128: 1 },
    body: [
      op.block, op.loop, ...lessThan16Left, op.brIf(1),
      op.v128Const0, op.set(acc), op.get(p), op.const(255 * 16), op.add, op.set(blockEnd),
      op.block, op.loop, ...lessThan16Left, op.brIf(1), op.get(p), op.get(blockEnd), op.geU, op.brIf(1),
      op.get(acc), op.get(p), op.v128Load(0), op.const(10), op.i8x16Splat, op.i8x16Eq, op.i8x16Sub, op.set(acc),
      op.get(p), op.const(16), op.add, op.set(p), op.br(0), op.end, op.end,
      op.get(acc), op.i16x8ExtaddPairwiseI8x16U, op.i32x4ExtaddPairwiseI16x8U, op.set(acc),
      op.get(total), op.get(acc), op.i32x4ExtractLane(0), op.add, op.get(acc), op.i32x4ExtractLane(1), op.add,
      op.get(acc), op.i32x4ExtractLane(2), op.add, op.get(acc), op.i32x4ExtractLane(3), op.add, op.set(total),
      op.br(0), op.end, op.end,
      op.block, op.loop, op.get(p), op.get(end), op.geU, op.brIf(1),
      op.get(total), op.get(p), op.load8(0), op.const(10), [0x46], op.add, op.set(total),
      op.get(p), op.const(1), op.add, op.set(p), op.br(0), op.end, op.end, op.get(total),
    ],
  };
})();

// lineBounds(hits, n, data, shift, out): for each of the n ascending hit positions at `hits`,
// writes four columns of n i32 from `out`: the position, the index of its line counted from
// `data`, the line's start and its end (its newline); positions and bounds plus `shift`.
const lineBounds = (countNewlinesIndex: number): WasmFunction => {
  const [hits, n, data, shift, out, stop, pos, from, lines, p, column] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const byteBeforeIsNewline: Code[] = [op.get(p), op.const(1), op.sub, op.load8(0), op.const(10), op.eq];
  // Stores the value `code` leaves at row `out` of column k.
  const put = (k: number, code: Code[]): Code[] => [op.get(out), op.get(column), op.const(k), op.mul, op.add, ...code, op.store(0)];
  return {
    name: "lineBounds",
    params: 5,
    locals: { i32: 6, v128: 0 },
    body: [
      op.get(n), op.const(2), op.shl, op.set(column), op.get(hits), op.get(column), op.add, op.set(stop), op.get(data), op.set(from),
      op.block, op.loop, op.get(hits), op.get(stop), op.geU, op.brIf(1),
      op.get(hits), op.load(0), op.set(pos),
      op.get(lines), op.get(from), op.get(pos), op.call(countNewlinesIndex), op.add, op.set(lines), op.get(pos), op.set(from),
      ...put(0, [op.get(pos), op.get(shift), op.add]),
      ...put(1, [op.get(lines)]),
      op.get(pos), op.set(p),
      op.block, op.loop, op.get(p), op.get(data), op.leU, op.brIf(1), ...byteBeforeIsNewline, op.brIf(1), op.get(p), op.const(1), op.sub, op.set(p), op.br(0), op.end, op.end,
      ...put(2, [op.get(p), op.get(shift), op.add]),
      op.get(pos), op.set(p),
      op.block, op.loop, op.get(p), op.load8(0), op.const(10), op.eq, op.brIf(1), op.get(p), op.const(1), op.add, op.set(p), op.br(0), op.end, op.end,
      ...put(3, [op.get(p), op.get(shift), op.add]),
      op.get(out), op.const(4), op.add, op.set(out), op.get(hits), op.const(4), op.add, op.set(hits),
      op.br(0), op.end, op.end, op.get(lines),
    ],
  };
};

// scale(p, end): multiplies the i32 at [p, end) by 4 (states copied as indices become byte offsets).
const scale: WasmFunction = {
  name: "scale",
  params: 2,
  locals: { i32: 0, v128: 0 },
  body: [
    op.block, op.loop, op.get(0), op.get(1), op.geU, op.brIf(1),
    op.get(0), op.get(0), op.load(0), op.const(2), op.shl, op.store(0),
    op.get(0), op.const(4), op.add, op.set(0), op.br(0), op.end, op.end, op.get(0),
  ],
};

const kernels = [...SPACINGS.map(laneScan), singleScan, countNewlines, scale];
export const keywordScanModule = (): Uint8Array => wasmModule([...kernels, lineBounds(kernels.indexOf(countNewlines))], 1);
