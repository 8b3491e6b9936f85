import { z } from "zod";
import { CauseClass, type Hypothesis } from "../../schemas/diagnosis.js";
import type { RankingRequest } from "../../ports/hypothesis-ranker.js";

/**
 * What the model must answer. Sent as a strict JSON schema (zodResponseFormat), so every field is
 * required and "absent" is spelled `null`; parsed again here because a compatible server may not
 * enforce the schema at all.
 */
export const LlmRanking = z.strictObject({
  hypotheses: z
    .array(
      z.strictObject({
        cause: CauseClass,
        summary: z.string().min(1).max(300),
        confidence: z.number().min(0).max(1),
      }),
    )
    .min(1)
    .max(5),
  runbookId: z.string().nullable(),
  rationale: z.string().max(600),
});
export type LlmRanking = z.infer<typeof LlmRanking>;

/**
 * The response schema actually sent: LlmRanking's shape without length, range and count keywords,
 * which strict mode rejects on fine-tuned OpenAI models and on some compatible servers. The system
 * prompt states those bounds and LlmRanking enforces them on the answer.
 */
export const LlmRankingFormat = z.strictObject({
  hypotheses: z.array(z.strictObject({ cause: CauseClass, summary: z.string(), confidence: z.number() })),
  runbookId: z.string().nullable(),
  rationale: z.string(),
});

export type RankingVerdict =
  | { ok: true; hypotheses: Hypothesis[]; runbookId: string | null; rationale: string }
  /** `problems` never quote the model's text back: they go to the model as data and into logs. */
  | { ok: false; problems: string[] };

const MAX_PROBLEMS = 5;
// C0/C1 controls (ANSI escapes, NUL, CR…) separate words, so they become spaces; zero-width and
// bidi controls can hide text from a reviewer reading the write-up ("Trojan Source"), so they go.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Removes control and invisible characters, collapsing what they separated onto one line. */
export const stripControl = (text: string): string =>
  text.replace(INVISIBLE, "").replace(CONTROL, " ").replace(/ {2,}/g, " ").trim();

const issuePath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "") ||
  "(root)";

/**
 * Parses and checks the model's raw answer against the request: causes from the allowed list only,
 * a runbook id from the catalog or null. The result carries plain data; the adapter never acts on it.
 */
export const judgeRanking = (raw: string | null, request: RankingRequest): RankingVerdict => {
  if (raw === null || raw.trim() === "") return { ok: false, problems: ["the answer was empty; expected one JSON object"] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problems: ["the answer is not valid JSON; expected exactly one JSON object and nothing else"] };
  }
  const parsed = LlmRanking.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`);
    return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  }
  const allowed = new Set<string>(request.causes);
  const problems = parsed.data.hypotheses.flatMap((h, i) =>
    allowed.has(h.cause) ? [] : [`hypotheses[${i}].cause: must be one of the classes listed in <causes>`],
  );
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, ...settle(parsed.data, request) };
};

const settle = (answer: LlmRanking, request: RankingRequest) => {
  const catalog = new Set(request.runbooks.map((r) => r.id));
  const known = answer.runbookId !== null && catalog.has(answer.runbookId);
  const rationale = stripControl(answer.rationale);
  // The port has no field for adapter notes; the write-up shows the rationale, so the note rides there
  // (without echoing the unknown id, which is model text).
  const note = answer.runbookId !== null && !known ? "(The suggested runbook is not in the catalog and was ignored.)" : "";
  return {
    hypotheses: bestFirst(answer.hypotheses),
    runbookId: known ? answer.runbookId : null,
    rationale: [rationale, note].filter(Boolean).join(" "),
  };
};

/** Highest confidence first (stable), one hypothesis per cause, summaries cleaned. */
const bestFirst = (hypotheses: LlmRanking["hypotheses"]): Hypothesis[] => {
  const seen = new Set<string>();
  return [...hypotheses]
    .sort((a, b) => b.confidence - a.confidence)
    .filter((h) => !seen.has(h.cause) && seen.add(h.cause))
    .map((h) => ({ cause: h.cause, summary: stripControl(h.summary) || h.cause, confidence: h.confidence }));
};
