import type { CpuQuantity, MemoryQuantity } from "../../schemas/k8s-quantity.js";

const MEMORY_UNITS: Record<string, number> = { "": 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Bytes of `512Mi`, `4Gi`, `1G`; a number is already bytes. */
export const memoryBytes = (q: MemoryQuantity): number => {
  if (typeof q === "number") return q;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T)?$/.exec(q);
  if (!m) throw new Error(`not a memory quantity: ${q}`);
  return Math.round(Number(m[1]) * MEMORY_UNITS[m[2] ?? ""]!);
};

/** Millicores of `500m`, `0.5`, `2`; a number is cores. */
export const cpuMillicores = (q: CpuQuantity): number => {
  if (typeof q === "number") return Math.round(q * 1000);
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(q);
  if (!m) throw new Error(`not a CPU quantity: ${q}`);
  return m[2] === "m" ? Math.round(Number(m[1])) : Math.round(Number(m[1]) * 1000);
};

/** `4Gi`, `512Mi`, or bytes, for reasons a human reads. */
export const formatBytes = (bytes: number): string => {
  for (const unit of ["Ti", "Gi", "Mi", "Ki"] as const) {
    const size = MEMORY_UNITS[unit]!;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)}Mi` : `${bytes}B`;
};

/** `500m` or `2` (cores). */
export const formatMillicores = (m: number): string => (m % 1000 === 0 ? String(m / 1000) : `${m}m`);
