import type { YamlPath } from "../find-image-values.js";

export type ParsedYamlPath = { ok: true; path: YamlPath } | { ok: false; message: string };

const KEY = /^[^.[\]"']+/;
// `[3]`, or `["app.kubernetes.io/name"]` for a key holding dots or brackets.
const BRACKET = /^\[(?:(\d+)|("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'))\]/;

const unquote = (quoted: string): string | null => {
  if (!quoted.startsWith('"')) return quoted.slice(1, -1).replaceAll("''", "'");
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return null;
  }
};

// One step: a key (after a dot, or first) or a bracket; returns the step and how many characters it used.
const step = (rest: string, first: boolean): { key: string | number; length: number } | null => {
  const dotted = !first && rest.startsWith(".");
  const body = dotted ? rest.slice(1) : rest;
  const key = first || dotted ? KEY.exec(body) : null;
  if (key) return { key: key[0], length: key[0].length + (dotted ? 1 : 0) };
  const bracket = dotted ? null : BRACKET.exec(body);
  if (!bracket) return null;
  const inner = bracket[1] === undefined ? unquote(bracket[2] ?? "''") : Number(bracket[1]);
  return inner === null ? null : { key: inner, length: bracket[0].length };
};

/**
 * Parses `spec.template.spec.containers[0].env[2].value` into keys and indexes; a key with dots
 * is written in brackets: `metadata.annotations["app.kubernetes.io/name"]`.
 */
export const parseYamlPath = (text: string): ParsedYamlPath => {
  const path: YamlPath = [];
  for (let rest = text; rest.length > 0; ) {
    const next = step(rest, path.length === 0);
    if (!next) return { ok: false, message: `expected a key, "." or [index] at character ${text.length - rest.length + 1} of the path` };
    path.push(next.key);
    rest = rest.slice(next.length);
  }
  if (path.length === 0) return { ok: false, message: "the path is empty" };
  return { ok: true, path };
};

/** The text form parseYamlPath reads, for messages and inverse parameters. */
export const formatYamlPath = (path: YamlPath): string =>
  path
    .map((key, i) => {
      if (typeof key === "number") return `[${key}]`;
      if (/^[^.[\]"']+$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join("");
