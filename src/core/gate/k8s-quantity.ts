import type { CpuQuantity, MemoryQuantity } from "../../schemas/k8s-quantity.js";
import { parseAmount, type QuantityResource } from "../plan/actions/k8s-quantity.js";

const BINARY_UNITS = { Ti: 2 ** 40, Gi: 2 ** 30, Mi: 2 ** 20, Ki: 2 ** 10 } as const;

/** Parsed by the same strict parser the catalog's actions use, so a bound reads a quantity as the change does. */
const amount = (resource: QuantityResource, text: string): number => {
  const parsed = parseAmount(resource, text);
  if (!parsed.ok) throw new Error(`not a ${resource === "cpu" ? "CPU" : "memory"} quantity: ${text} (${parsed.message})`);
  return parsed.amount;
};

/** Bytes of `512Mi`, `4Gi`, `1G`; a number is already bytes. */
export const memoryBytes = (q: MemoryQuantity): number => (typeof q === "number" ? q : amount("memory", q));

/** Millicores of `500m`, `0.5`, `2`; a number is cores. */
export const cpuMillicores = (q: CpuQuantity): number => (typeof q === "number" ? Math.round(q * 1000) : amount("cpu", q));

/** `4Gi`, `512Mi`, or bytes, for reasons a human reads. */
export const formatBytes = (bytes: number): string => {
  for (const [unit, size] of Object.entries(BINARY_UNITS)) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)}Mi` : `${bytes}B`;
};

/** `500m` or `2` (cores). */
export const formatMillicores = (m: number): string => (m % 1000 === 0 ? String(m / 1000) : `${m}m`);
