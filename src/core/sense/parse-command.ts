import { z } from "zod";
import type { RepoRef } from "../../schemas/signal.js";

/** The commands `/agenticops <command>` understands, with what each does (shown as help). */
export const COMMANDS = [
  { usage: "/agenticops diagnose [run URL or id]", does: "diagnose a failed Actions run of this repository (default: the latest failed run of this pull request, or of the default branch)" },
  { usage: "/agenticops help", does: "list the commands" },
] as const;

/**
 * What a comment asks for. Nothing else of the comment's text is kept: a command is a verb and, for
 * `diagnose`, a run id of this repository.
 */
export const ParsedCommand = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("diagnose"), runId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable() }),
  /** `/agenticops`, `/agenticops help` or an unknown verb (`unknown` holds it, at most 40 characters) */
  z.strictObject({ kind: z.literal("help"), unknown: z.string().max(40).nullable() }),
  /** a known verb with an argument it cannot take; `reason` is ours, never the comment's text */
  z.strictObject({ kind: z.literal("invalid"), command: z.literal("diagnose"), reason: z.string() }),
]);
export type ParsedCommand = z.infer<typeof ParsedCommand>;

const PREFIX = /^\/agenticops(?=\s|$)/;
const VERB = /^[a-z][a-z-]{0,39}$/;
const RUN_ID = z.string().regex(/^\d{1,16}$/).transform(Number);
// `…/owner/repo/actions/runs/123`, optionally followed by `/job/…`, `/attempts/2`, a query or a fragment
const RUN_PATH = /^\/([^/]+)\/([^/]+)\/actions\/runs\/(\d{1,16})(?:\/[^?#]*)?$/;

export interface CommandContext {
  repo: RepoRef;
  /** the repository's web URL (`repository.html_url`): links elsewhere, even to the same names, are refused */
  repoHtmlUrl: string;
}

const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The run id a URL names, when it is a run of this repository on this host; otherwise why not. */
const runIdOfUrl = (text: string, context: CommandContext): number | string => {
  let url: URL;
  let home: URL;
  try {
    url = new URL(text);
    home = new URL(context.repoHtmlUrl);
  } catch {
    return "that is not a run URL or a run id";
  }
  const path = RUN_PATH.exec(url.pathname.replace(/\/+$/, ""));
  if (!path) return "that URL is not a link to an Actions run";
  const [, owner = "", name = "", id = ""] = path;
  const sameRepo = sameText(owner, context.repo.owner) && sameText(name, context.repo.name);
  if (url.origin !== home.origin || !sameRepo) return `only runs of ${context.repo.owner}/${context.repo.name} can be diagnosed here`;
  return Number(id);
};

const parseDiagnose = (args: string[], context: CommandContext): ParsedCommand => {
  if (args.length === 0) return { kind: "diagnose", runId: null };
  if (args.length > 1) return { kind: "invalid", command: "diagnose", reason: "diagnose takes one run URL or run id" };
  const arg = (args[0] ?? "").replace(/^<(.*)>$/, "$1");
  const id = RUN_ID.safeParse(arg);
  if (id.success) return id.data > 0 ? { kind: "diagnose", runId: id.data } : { kind: "invalid", command: "diagnose", reason: "a run id is a positive number" };
  const fromUrl = runIdOfUrl(arg, context);
  return typeof fromUrl === "number" ? { kind: "diagnose", runId: fromUrl } : { kind: "invalid", command: "diagnose", reason: fromUrl };
};

/**
 * The command in a comment, or null when it has none. Only a line that starts with `/agenticops`
 * counts (quoted lines start with `>` and do not); the first such line wins.
 */
export const parseCommand = (body: string, context: CommandContext): ParsedCommand | null => {
  const line = body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => PREFIX.test(l));
  if (line === undefined) return null;
  const [verb, ...args] = line.replace(PREFIX, "").trim().split(/\s+/).filter(Boolean);
  let parsed: ParsedCommand;
  if (verb === undefined || verb === "help") parsed = { kind: "help", unknown: null };
  else if (verb === "diagnose") parsed = parseDiagnose(args, context);
  else parsed = { kind: "help", unknown: VERB.test(verb) ? verb : verb.slice(0, 20).replace(/[^\w-]/g, "?") };
  return ParsedCommand.parse(parsed);
};
