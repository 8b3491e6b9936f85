import { z } from "zod";

/**
 * Memory as Kubernetes writes it (`512Mi`, `4Gi`, `1G`, `1500k`; Kubernetes has no `K`) or a number of bytes. Policies
 * and tests use these words so a bound reads like the manifest it limits.
 */
export const MemoryQuantity = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, "a memory quantity such as 512Mi, 4Gi or 1G"),
]);
export type MemoryQuantity = z.infer<typeof MemoryQuantity>;

/** CPU as Kubernetes writes it (`500m`, `2`, `0.5`) or a number of cores. */
export const CpuQuantity = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?m?$/, "a CPU quantity such as 500m, 0.5 or 2")]);
export type CpuQuantity = z.infer<typeof CpuQuantity>;
