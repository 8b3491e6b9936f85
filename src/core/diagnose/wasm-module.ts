/**
 * The smallest WebAssembly encoder the keyword scan needs: i32 locals, a few integer and SIMD
 * instructions, one exported memory, exported functions. Instructions are byte arrays; the
 * helpers below name them.
 */
const leb = (value: number, signed: boolean): number[] => {
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = v & 0x7f;
    v = signed ? v >> 7 : v >>> 7;
    const done = signed ? (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0) : v === 0;
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
};
export const u32 = (v: number): number[] => leb(v, false);
const vec = (items: number[][]): number[] => [...u32(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...u32(body.length), ...body];
const name = (s: string): number[] => vec([...new TextEncoder().encode(s)].map((b) => [b]));

export type Code = number[];
const I32 = 0x7f;
const V128 = 0x7b;
export const op = {
  get: (i: number): Code => [0x20, ...u32(i)],
  set: (i: number): Code => [0x21, ...u32(i)],
  tee: (i: number): Code => [0x22, ...u32(i)],
  const: (v: number): Code => [0x41, ...leb(v | 0, true)],
  add: [0x6a], sub: [0x6b], and: [0x71], or: [0x72], shl: [0x74], shrU: [0x76],
  geU: [0x4f], ltU: [0x49], leU: [0x4d], eq: [0x46], eqz: [0x45], mul: [0x6c],
  call: (f: number): Code => [0x10, ...u32(f)],
  load: (offset = 0): Code => [0x28, 2, ...u32(offset)],
  load8: (offset = 0): Code => [0x2d, 0, ...u32(offset)],
  store: (offset = 0): Code => [0x36, 2, ...u32(offset)],
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], end: [0x0b],
  br: (depth: number): Code => [0x0c, ...u32(depth)],
  brIf: (depth: number): Code => [0x0d, ...u32(depth)],
  v128Load: (offset = 0): Code => [0xfd, ...u32(0), 4, ...u32(offset)],
  i8x16Splat: [0xfd, ...u32(15)],
  i8x16Eq: [0xfd, ...u32(35)],
  i8x16Sub: [0xfd, ...u32(113)],
  i16x8ExtaddPairwiseI8x16U: [0xfd, ...u32(125)],
  i32x4ExtaddPairwiseI16x8U: [0xfd, ...u32(127)],
  i32x4ExtractLane: (lane: number): Code => [0xfd, ...u32(27), lane],
  v128Const0: [0xfd, ...u32(12), ...Array(16).fill(0)],
};

export interface WasmFunction {
  name: string;
  params: number;
  /** locals after the parameters: i32 count, then v128 count */
  locals: { i32: number; v128: number };
  body: Code[];
}

/** A module of functions `(i32 …) -> i32` over one exported memory of `pages` pages. */
export const wasmModule = (functions: WasmFunction[], pages: number): Uint8Array => {
  const types = vec(functions.map((f) => [0x60, ...vec(Array(f.params).fill([I32])), ...vec([[I32]])]));
  const funcs = vec(functions.map((_, i) => u32(i)));
  const memory = vec([[0x00, ...u32(pages)]]);
  const exports = vec([[...name("memory"), 0x02, 0], ...functions.map((f, i) => [...name(f.name), 0x00, ...u32(i)])]);
  const code = vec(
    functions.map((f) => {
      const locals = vec([
        [...u32(f.locals.i32), I32],
        [...u32(f.locals.v128), V128],
      ]);
      const body = [...locals, ...f.body.flat(), 0x0b];
      return [...u32(body.length), ...body];
    }),
  );
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section(1, types), ...section(3, funcs), ...section(5, memory), ...section(7, exports), ...section(10, code)]);
};
