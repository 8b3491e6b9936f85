import { SECRET_RULES, type SecretRule } from "./secret-rules.js";
import { isHighEntropySecret, TOKEN_CANDIDATE } from "./high-entropy-token.js";

export interface RedactOptions {
  /** values the app itself holds (installation tokens, webhook secret, private key, LLM key) */
  knownSecrets: string[];
}

export interface Redaction {
  rule: string;
  count: number;
}

export interface RedactedText {
  text: string;
  redactions: Redaction[];
}

export interface RedactedLines {
  lines: string[];
  redactions: Redaction[];
}

export const redactionMarker = (rule: string): string => `[REDACTED:${rule}]`;
const ALREADY_REDACTED = "[REDACTED:";

// Shorter known values would redact ordinary words ("test", "main") without protecting much.
const MIN_KNOWN_LENGTH = 6;
const MIN_ENCODED_LENGTH = 8;

/**
 * Removes secrets from text before it is posted or sent to an LLM: first every occurrence of the
 * app's own secrets (also base64- and URL-encoded), then PEM private keys, then pattern rules
 * modelled on secretlint, then long high-entropy tokens. Each secret becomes
 * `[REDACTED:<rule>]`; the text around it (the key, the URL's host) is kept.
 */
export const redactSecrets = (text: string, options: RedactOptions): RedactedText => {
  const { lines, redactions } = redactLines(text.split("\n"), options, true);
  return { text: lines.join("\n"), redactions };
};

/** The same for an excerpt: one output line per input line, so line numbers still hold. */
export const redactSecretLines = (lines: readonly string[], options: RedactOptions): RedactedLines =>
  redactLines(lines, options, false);

const redactLines = (input: readonly string[], options: RedactOptions, collapseKeys: boolean): RedactedLines => {
  const counts = new Map<string, number>();
  const count = (rule: string, n: number): void => {
    if (n > 0) counts.set(rule, (counts.get(rule) ?? 0) + n);
  };
  const known = knownSecretVariants(options.knownSecrets);
  let lines = input.map((line) => replaceKnown(line, known, count));
  lines = lines.map((line) => applyRule(line, GCP_RULE, count));
  lines = redactPrivateKeys(lines, collapseKeys, count);
  const nearAwsKey = linesNearAwsKeyIds(lines);
  lines = lines.map((line, i) => {
    let out = nearAwsKey.has(i) ? applyRule(line, AWS_SECRET_NEAR_KEY_ID, count) : line;
    for (const rule of OTHER_RULES) out = applyRule(out, rule, count);
    return redactHighEntropy(out, count);
  });
  return { lines, redactions: [...counts].map(([rule, n]) => ({ rule, count: n })) };
};

type Count = (rule: string, n: number) => void;

const [GCP_RULE, ...OTHER_RULES] = SECRET_RULES as [SecretRule, ...SecretRule[]];

/** Replaces the named group of every match (whichever one matched) and keeps the rest. */
const applyRule = (line: string, rule: SecretRule, count: Count): string => {
  let out = "";
  let last = 0;
  let n = 0;
  for (const match of line.matchAll(rule.pattern)) {
    const name = Object.keys(match.groups ?? {}).find((g) => match.groups?.[g] !== undefined);
    const span = name === undefined ? undefined : match.indices?.groups?.[name];
    const value = name === undefined ? undefined : match.groups?.[name];
    if (span === undefined || value === undefined) continue;
    if (value.startsWith(ALREADY_REDACTED) || rule.isPlaceholder?.(value)) continue;
    out += line.slice(last, span[0]) + redactionMarker(rule.id);
    last = span[1];
    n += 1;
  }
  count(rule.id, n);
  return n === 0 ? line : out + line.slice(last);
};

// ---------- the app's own secrets ----------

const knownSecretVariants = (secrets: readonly string[]): string[] => {
  const variants = new Set<string>();
  for (const secret of secrets) {
    // A PEM key or a multi-line value shows up line by line, or with escaped newlines in JSON.
    const pieces = [secret, ...secret.split(/\r?\n|\\n/).map((p) => p.trim())].filter(
      (p) => p.length >= MIN_KNOWN_LENGTH && !/^-----(?:BEGIN|END)[A-Z0-9 ]*-----$/.test(p),
    );
    for (const piece of pieces) {
      variants.add(piece);
      variants.add(encodeURIComponent(piece));
      variants.add(JSON.stringify(piece).slice(1, -1));
      for (const encoded of base64Forms(piece)) if (encoded.length >= MIN_ENCODED_LENGTH) variants.add(encoded);
    }
  }
  // Longest first, so a full encoding is replaced before a shorter core of it.
  return [...variants].filter((v) => !v.includes("\n")).sort((a, b) => b.length - a.length);
};

/**
 * The base64 (and base64url) encodings of a value, also as it appears inside a longer encoded
 * string (`Basic base64(user:token)`): for each of the three byte alignments, only the characters
 * whose six bits come from the value alone.
 */
const base64Forms = (value: string): string[] => {
  const bytes = Buffer.from(value, "utf8");
  const forms = [bytes.toString("base64")];
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
    forms.push(encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6)));
  }
  return [...forms, ...forms.map((f) => f.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""))];
};

const replaceKnown = (line: string, variants: readonly string[], count: Count): string => {
  let out = line;
  for (const v of variants) {
    if (!out.includes(v)) continue;
    const parts = out.split(v);
    count("known-secret", parts.length - 1);
    out = parts.join(redactionMarker("known-secret"));
  }
  return out;
};

// ---------- PEM private keys, which span lines ----------

const PEM_BEGIN = /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;

/**
 * Everything from BEGIN to END, also when the excerpt cuts the key before its END line (then to
 * the end of the text). Keeping lines, every line of the block becomes a marker; collapsing, the
 * block becomes one marker on the BEGIN line.
 */
const redactPrivateKeys = (lines: readonly string[], collapse: boolean, count: Count): string[] => {
  const out: string[] = [];
  const marker = redactionMarker("private-key");
  let inside = false;
  for (const line of lines) {
    const startedInside = inside;
    let from = 0;
    let built = "";
    for (;;) {
      const boundary = inside ? PEM_END : PEM_BEGIN;
      boundary.lastIndex = from;
      const m = boundary.exec(line);
      if (!m) break;
      if (!inside) {
        built += line.slice(from, m.index) + marker;
        count("private-key", 1);
      }
      from = m.index + m[0].length;
      inside = !inside;
    }
    if (!inside) built += line.slice(from);
    if (!startedInside) out.push(built);
    else if (collapse) out[out.length - 1] = (out[out.length - 1] ?? "") + built;
    else out.push(marker + built);
  }
  return out;
};

// ---------- AWS secret keys next to an access key id ----------

const AWS_KEY_ID = /\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b|\[REDACTED:aws-access-key-id\]/;
// A credentials CSV or `aws configure list` prints the secret beside the id without a key name.
const AWS_SECRET_NEAR_KEY_ID: SecretRule = {
  id: "aws-secret-access-key",
  pattern: /(?<![A-Za-z0-9/+=])(?<secret>(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dg,
};

const linesNearAwsKeyIds = (lines: readonly string[]): Set<number> => {
  const near = new Set<number>();
  lines.forEach((line, i) => {
    if (AWS_KEY_ID.test(line)) for (const j of [i - 1, i, i + 1]) near.add(j);
  });
  return near;
};

// ---------- long random tokens ----------

const redactHighEntropy = (line: string, count: Count): string => {
  let n = 0;
  const out = line.replace(TOKEN_CANDIDATE, (token: string, offset: number) => {
    if (!isHighEntropySecret(token, line.slice(Math.max(0, offset - 8), offset))) return token;
    n += 1;
    return redactionMarker("high-entropy");
  });
  count("high-entropy", n);
  return out;
};
