export type QuantityResource = "cpu" | "memory";

/** A Kubernetes resource quantity as written (`512Mi`, `1.5Gi`, `500m`, `2`, `0.25`, `1G`). */
export interface K8sQuantity {
  text: string;
  /** `Ki`…`Ei`, `k`…`E`, `m`, or "" for a plain number */
  suffix: string;
  /** the value in base units (cores, bytes) is numerator / denominator, exactly */
  numerator: bigint;
  denominator: bigint;
}

export type QuantityParse = { ok: true; quantity: K8sQuantity } | { ok: false; message: string };
/** `amount`: millicores for cpu, bytes for memory. */
export type AmountResult = { ok: true; amount: number } | { ok: false; message: string };

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, bigint> = { k: 10n ** 3n, M: 10n ** 6n, G: 10n ** 9n, T: 10n ** 12n, P: 10n ** 15n, E: 10n ** 18n };
const QUANTITY = /^(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$/;

const EXPECTED = 'expected a Kubernetes quantity: a number with an optional suffix Ki, Mi, Gi, Ti, k, M, G, T or m ("512Mi", "1.5Gi", "500m", "2")';

/** Strict parser: no sign, no exponent, no spaces; only the suffixes Kubernetes defines. Messages leave out the text: callers add it. */
export const parseK8sQuantity = (text: string): QuantityParse => {
  const match = QUANTITY.exec(text);
  if (!match) return { ok: false, message: EXPECTED };
  const [whole = "", fraction = ""] = (match[1] ?? "").split(".");
  const suffix = match[2] ?? "";
  const multiplier = BINARY[suffix] ?? DECIMAL[suffix] ?? 1n;
  const numerator = BigInt(`${whole}${fraction}` || "0") * multiplier;
  const denominator = 10n ** BigInt(fraction.length) * (suffix === "m" ? 1000n : 1n);
  return { ok: true, quantity: { text, suffix, numerator, denominator } };
};

/** The quantity in millicores (cpu) or bytes (memory); refuses what Kubernetes would round. */
export const quantityAmount = (resource: QuantityResource, quantity: K8sQuantity): AmountResult => {
  const scaled = resource === "cpu" ? quantity.numerator * 1000n : quantity.numerator;
  if (scaled % quantity.denominator !== 0n) {
    return { ok: false, message: `expected a ${resource} quantity no finer than ${resource === "cpu" ? "1m (a thousandth of a core)" : "one byte"}` };
  }
  const amount = scaled / quantity.denominator;
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: `expected a ${resource} quantity below ${Number.MAX_SAFE_INTEGER} ${resource === "cpu" ? "millicores" : "bytes"}` };
  return { ok: true, amount: Number(amount) };
};

/** Parses text as a cpu or memory quantity in one step. */
export const parseAmount = (resource: QuantityResource, text: string): AmountResult => {
  const parsed = parseK8sQuantity(text);
  return parsed.ok ? quantityAmount(resource, parsed.quantity) : parsed;
};

/** Units, in amount (millicores or bytes), a new value may be written in, largest first, given the old one's style. */
export const unitsLike = (resource: QuantityResource, like: K8sQuantity): { unit: number; suffix: string }[] => {
  if (resource === "cpu") return like.suffix === "m" ? [{ unit: 1, suffix: "m" }] : [{ unit: 1000, suffix: "" }, { unit: 1, suffix: "m" }];
  const family = BINARY[like.suffix] !== undefined ? BINARY : DECIMAL[like.suffix] !== undefined ? DECIMAL : {};
  const top = family[like.suffix] ?? 1n;
  const units = Object.entries(family)
    .filter(([, size]) => size <= top)
    .map(([suffix, size]) => ({ unit: Number(size), suffix }))
    .reverse();
  return [...units, { unit: 1, suffix: "" }];
};

// Cores written plainly stay plain: 2500 millicores in the style of `2` is `2.5`.
const plainCores = (millicores: number): string => {
  const fraction = String(millicores % 1000).padStart(3, "0").replace(/0+$/, "");
  return `${Math.floor(millicores / 1000)}${fraction ? `.${fraction}` : ""}`;
};

/** Writes an amount in the old value's unit style, in the largest of its units that divides it exactly. */
export const formatAmount = (resource: QuantityResource, amount: number, like: K8sQuantity): string => {
  if (resource === "cpu") return like.suffix === "m" ? `${amount}m` : plainCores(amount);
  const fit = unitsLike(resource, like).find((u) => amount % u.unit === 0) ?? { unit: 1, suffix: "" };
  return `${amount / fit.unit}${fit.suffix}`;
};

/**
 * `old` scaled by `percent`, rounded the way a person would write it: to a whole number of the
 * old unit once there are at least 100 of them (512Mi + 10% = 563Mi), else of a smaller unit
 * (1Gi + 50% = 1536Mi, 2 cores + 25% = 2500m).
 */
export const scaleAmount = (resource: QuantityResource, old: number, like: K8sQuantity, percent: number): number => {
  const exact = (old * (100 + percent)) / 100;
  const units = unitsLike(resource, like);
  const unit = units.find((u) => exact / u.unit >= 100 || Number.isInteger(exact / u.unit))?.unit ?? 1;
  return Math.round(exact / unit) * unit;
};
