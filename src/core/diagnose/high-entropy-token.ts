/**
 * Decides whether a long token looks like a random credential rather than an identifier, a path,
 * a hash or a word. Logs are full of long identifiers that matter for the diagnosis (commit SHAs,
 * image digests, trace ids, class names), so the rule errs towards keeping them: it is the last
 * line of defence after the exact-value and pattern rules.
 */

// Candidates: runs of the base64 / base64url alphabet, padding only at the end. "." and ":" split
// tokens, so file names, versions, `sha256:<hex>` and `h1:<base64>` pieces are judged apart.
export const TOKEN_CANDIDATE = /[A-Za-z0-9+/_-]{20,}={0,2}/g;

const MIN_LENGTH = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$|^[0-9A-F]+$/;
// md5 / trace ids, sha1 (git), sha256 (digests, container ids), sha512: identifiers, not secrets.
const HASH_HEX_LENGTHS = new Set([32, 40, 64, 128]);
// Subresource-integrity hashes in npm output: `sha512-<base64>`.
const SRI = /^sha(?:1|256|384|512)-/;
// Prefixes that announce a hash in the text right before the token.
const HASH_PREFIX = /(?:sha(?:1|224|256|384|512)|md5|h1|blake2b|crc32c?):$/i;
// Subwords of an identifier: `getUserById` → get, User, By, Id; `HTTPServer` → HTTP, Server.
const SUBWORD = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;

/** Shannon entropy in bits per character. */
export const shannonEntropy = (text: string): number => {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
};

/**
 * Average length of the letter/digit runs an identifier splits into. Words and paths have long
 * runs (≥ 3.5 for camelCase names and paths); random base64 has short ones (median 1.8, 99th
 * percentile 2.9 for 24-character tokens).
 */
export const averageSubwordLength = (token: string): number => {
  const parts = token.match(SUBWORD) ?? [];
  if (parts.length === 0) return 0;
  return parts.reduce((sum, p) => sum + p.length, 0) / parts.length;
};

// A random string of n characters cannot reach log2(n) bits per character and repeats some
// characters; 0.7 bits below that keeps ~97% of random 24-character tokens while camelCase names
// (3.6–4.1 bits) stay under. Above ~32 characters the 4.2 ceiling applies.
const base64Threshold = (length: number): number => Math.min(Math.log2(length) - 0.7, 4.2);
const MAX_SUBWORD = 2.75;

const looksLikeBase64Secret = (token: string): boolean =>
  /[A-Z]/.test(token) &&
  /[a-z]/.test(token) &&
  /[0-9]/.test(token) &&
  shannonEntropy(token) >= base64Threshold(token.length) &&
  averageSubwordLength(token) < MAX_SUBWORD;

// Hex secrets cannot be told from hashes by entropy alone; only odd lengths are flagged.
const looksLikeHexSecret = (token: string): boolean =>
  token.length >= 32 && !HASH_HEX_LENGTHS.has(token.length) && /[0-9]/.test(token) && /[a-f]/i.test(token) && shannonEntropy(token) >= 3;

/**
 * Whether `candidate` (a TOKEN_CANDIDATE match) is a high-entropy secret; `before` is the text
 * right before it on the line, used to recognise announced hashes (`sha256:…`).
 */
export const isHighEntropySecret = (candidate: string, before = ""): boolean => {
  const token = candidate.replace(/=+$/, "");
  if (token.length < MIN_LENGTH || UUID.test(token) || SRI.test(token) || HASH_PREFIX.test(before.slice(-8))) return false;
  if (HEX.test(token)) return looksLikeHexSecret(token);
  if (isPathLike(token)) return false;
  return looksLikeBase64Secret(token);
};

// `/home/runner/work/app/src` or `com/acme/OrderServiceTest`: most segments are words. One wordy
// segment is not enough, since a random token's piece between two "/" can be a short word.
const isPathLike = (token: string): boolean => {
  if (!token.includes("/")) return false;
  const segments = token.split("/").filter((s) => s.length >= 3);
  const wordy = segments.filter((s) => averageSubwordLength(s) >= 3.5).length;
  return wordy >= 2 && wordy * 2 >= segments.length;
};
