import { z } from "zod";

/** Ways the scripted LLM can misbehave on purpose, to exercise the adapter's bounds. */
export const LlmFault = z.enum(["timeout", "malformed", "http-500", "rate-limit"]);
export type LlmFault = z.infer<typeof LlmFault>;

/**
 * One scripted answer of the sandbox LLM. Exactly one of `json`, `text` or `fault` says what is
 * returned; `match` restricts which request may consume the entry.
 */
export const LlmScriptEntry = z
  .strictObject({
    /** Substring, or `/regex/flags`, that must occur in the request's messages/input. */
    match: z.string().min(1).optional(),
    /** Structured output; serialized with JSON.stringify as the message content / output_text. */
    json: z.unknown().optional(),
    /** Raw content sent as is, e.g. deliberately invalid JSON. */
    text: z.string().optional(),
    fault: LlmFault.optional(),
    /** Wait this long before answering (applies to faults too, except `timeout`). */
    delay_ms: z.number().int().nonnegative().optional(),
  })
  .refine(
    (e) => [e.json !== undefined, e.text !== undefined, e.fault !== undefined].filter(Boolean).length === 1,
    { message: "exactly one of `json`, `text` or `fault` must be set" },
  );
export type LlmScriptEntry = z.infer<typeof LlmScriptEntry>;

export const LlmScript = z.array(LlmScriptEntry);
export type LlmScript = z.infer<typeof LlmScript>;

const REGEX_LITERAL = /^\/(.+)\/([dgimsuy]*)$/;

/** True when `pattern` (substring or `/regex/flags`) occurs in `text`. */
export const matchesPattern = (pattern: string, text: string): boolean => {
  const literal = REGEX_LITERAL.exec(pattern);
  if (!literal) return text.includes(pattern);
  // `g`/`y` make RegExp#test stateful; drop them so a pattern behaves the same on every request.
  const flags = (literal[2] ?? "").replace(/[gy]/g, "");
  return new RegExp(literal[1] ?? "", flags).test(text);
};

/**
 * Picks the first entry not yet used whose `match` (if any) occurs in `requestText`, and marks it
 * used. Entries skipped because they don't match stay available for later requests, so a script
 * tolerates calls arriving in a different order than written.
 */
export const takeEntry = (
  script: readonly LlmScriptEntry[],
  used: Set<number>,
  requestText: string,
): LlmScriptEntry | undefined => {
  const index = script.findIndex(
    (entry, i) => !used.has(i) && (entry.match === undefined || matchesPattern(entry.match, requestText)),
  );
  if (index < 0) return undefined;
  used.add(index);
  return script[index];
};
