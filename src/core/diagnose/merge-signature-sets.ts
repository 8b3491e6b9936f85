import type { SignatureSet } from "../../schemas/failure-signature.js";

/**
 * A repository's own signatures (`.github/agenticops/signatures.yaml`) on top of the defaults:
 * an extra signature with a base signature's id replaces it in place (so a team can retune or
 * silence a default), new ids are appended.
 */
export const mergeSignatureSets = (base: SignatureSet, extra: SignatureSet | null): SignatureSet => {
  if (extra === null) return base;
  const overrides = new Map(extra.signatures.map((s) => [s.id, s]));
  const merged = base.signatures.map((s) => overrides.get(s.id) ?? s);
  const baseIds = new Set(base.signatures.map((s) => s.id));
  return { version: 1, signatures: [...merged, ...extra.signatures.filter((s) => !baseIds.has(s.id))] };
};
