import { isPlainObject, type JsonObject } from "./deep-merge.js";

const API_REPO_URL = /https:\/\/api\.github\.com\/repos\/([\w-]+\/[\w.-]+)/g;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

const stringsIn = (node: unknown, out: string[] = []): string[] => {
  if (typeof node === "string") out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => stringsIn(n, out));
  else if (isPlainObject(node)) Object.values(node).forEach((n) => stringsIn(n, out));
  return out;
};

/**
 * Rewrites the example's github.com URLs to the sandbox's: every repository an example mentions
 * (some mention two, e.g. workflow_job's job URLs) becomes the sandbox repository, and the example
 * sender's URLs (`events_url`, `repos_url`... derive from `url`) become the given sender's.
 */
export const exampleUrlRewriter = (
  example: JsonObject,
  repository: JsonObject,
  sender: JsonObject,
): ((text: string) => string) => {
  const pairs = new Map<string, string>();
  const add = (from: unknown, to: unknown) => {
    if (typeof from === "string" && typeof to === "string" && from !== to) pairs.set(from, to);
  };
  const strings = stringsIn(example);
  for (const fullName of new Set(strings.flatMap((s) => [...s.matchAll(API_REPO_URL)].map((m) => m[1])))) {
    add(`https://api.github.com/repos/${fullName}`, repository.url);
    add(`https://github.com/${fullName}`, repository.html_url);
    add(`https://github.com/${fullName}.git`, repository.clone_url);
    add(`git://github.com/${fullName}.git`, repository.git_url);
    add(`git@github.com:${fullName}.git`, repository.ssh_url);
  }
  if (isPlainObject(example.sender)) {
    add(example.sender.url, sender.url);
    add(example.sender.html_url, sender.html_url);
  }
  if (pairs.size === 0) return (text) => text;
  // Longest first so ".../Hello-World" never pre-empts a longer match; the lookahead stops
  // ".../users/Codertocat" from matching ".../users/Codertocat2".
  const froms = [...pairs.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?:${froms.map(escapeRegex).join("|")})(?![\\w-])`, "g");
  return (text) => text.replace(pattern, (from) => pairs.get(from) ?? from);
};
