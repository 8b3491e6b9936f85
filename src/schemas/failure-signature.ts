import { z } from "zod";
import { CauseClass } from "./diagnosis.js";

/** The tool whose vocabulary a signature recognises; `generic` for words any tool prints. */
export const Ecosystem = z.enum([
  "npm",
  "yarn",
  "pnpm",
  "node",
  "jest",
  "vitest",
  "mocha",
  "playwright",
  "cypress",
  "selenium",
  "tsc",
  "eslint",
  "python",
  "pytest",
  "pip",
  "go",
  "maven",
  "gradle",
  "junit",
  "jvm",
  "cargo",
  "dotnet",
  "docker",
  "kubectl",
  "helm",
  "terraform",
  "git",
  "ssh",
  "process",
  "github-actions",
  "generic",
]);
export type Ecosystem = z.infer<typeof Ecosystem>;

/**
 * What a matching line does for the excerpt: `explains` lines open an excerpt window and count
 * as evidence for the cause; `context` lines (stack frames, rollout progress) are kept when they
 * follow an explaining line; `noise` lines (progress bars, download logs) are dropped.
 */
export const SignatureRole = z.enum(["explains", "context", "noise"]);
export type SignatureRole = z.infer<typeof SignatureRole>;

export const SignatureExample = z.strictObject({
  /** a log line as the tool prints it, without the Actions timestamp */
  line: z.string(),
  matches: z.boolean(),
});
export type SignatureExample = z.infer<typeof SignatureExample>;

const compileError = (pattern: string, flags: string | undefined): string | null => {
  try {
    new RegExp(pattern, flags ?? "");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

export const FailureSignature = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a kebab-case slug, e.g. npm-eresolve"),
    ecosystem: Ecosystem,
    cause: CauseClass,
    /** JavaScript regular expression source, tested against one cleaned log line */
    pattern: z.string().min(1),
    flags: z.literal("i").optional(),
    /** how strongly a match explains the failure, 0..1 */
    weight: z.number().min(0).max(1),
    role: SignatureRole,
    /** one sentence for a human, used in hypotheses ("npm could not resolve peer dependencies") */
    summary: z.string().min(1).optional(),
    examples: z
      .array(SignatureExample)
      .min(1)
      .refine((examples) => examples.some((e) => e.matches), "at least one example with matches: true"),
  })
  .superRefine((signature, ctx) => {
    const error = compileError(signature.pattern, signature.flags);
    if (error !== null) ctx.addIssue({ code: "custom", path: ["pattern"], message: `does not compile: ${error}` });
  });
export type FailureSignature = z.infer<typeof FailureSignature>;

export const SignatureSet = z
  .strictObject({
    version: z.literal(1),
    signatures: z.array(FailureSignature),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.signatures.forEach((signature, index) => {
      if (seen.has(signature.id)) ctx.addIssue({ code: "custom", path: ["signatures", index, "id"], message: `duplicate id "${signature.id}"` });
      seen.add(signature.id);
    });
  });
export type SignatureSet = z.infer<typeof SignatureSet>;
