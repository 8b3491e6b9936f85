/**
 * Writes the JSON Schemas generated from the zod schemas, so editors can complete and check
 * `.github/agenticops.yml`, drill, runbook and policy files. `--check` fails when a committed file has drifted.
 */
import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import { RepoConfig } from "../src/schemas/repo-config.js";
import { Drill } from "../src/schemas/drill.js";
import { SimulationResult } from "../src/schemas/simulation-result.js";
import { SignatureSet } from "../src/schemas/failure-signature.js";
import { GenericAlertPayload } from "../src/schemas/generic-alert.js";
import { AlertRoutes } from "../src/schemas/alert-routes.js";
import { Runbook } from "../src/schemas/runbook.js";
import { Policy } from "../src/schemas/policy.js";
import { ValidationReport } from "../src/schemas/validation-report.js";

const targets: { file: string; title: string; schema: z.ZodType; io: "input" | "output" }[] = [
  { file: "schemas/agenticops-config.schema.json", title: ".github/agenticops.yml", schema: RepoConfig, io: "input" },
  { file: "schemas/drill.schema.json", title: "AgenticOps drill", schema: Drill, io: "input" },
  { file: "schemas/simulation-result.schema.json", title: "agenticops simulate --json", schema: SimulationResult, io: "output" },
  { file: "schemas/failure-signatures.schema.json", title: "AgenticOps failure signatures", schema: SignatureSet, io: "input" },
  { file: "schemas/generic-alert.schema.json", title: "AgenticOps generic alert post", schema: GenericAlertPayload, io: "input" },
  { file: "schemas/alert-routes.schema.json", title: "AgenticOps alert routing", schema: AlertRoutes, io: "input" },
  { file: "runbooks/schema.json", title: "AgenticOps runbook", schema: Runbook, io: "input" },
  { file: "policies/schema.json", title: "AgenticOps policy", schema: Policy, io: "input" },
  { file: "schemas/validation-report.schema.json", title: "agenticops validate --json", schema: ValidationReport, io: "output" },
];

const render = (t: (typeof targets)[number]): string =>
  `${JSON.stringify({ title: t.title, ...z.toJSONSchema(t.schema, { io: t.io, unrepresentable: "any" }) }, null, 2)}\n`;

const check = process.argv.includes("--check");
let drift = 0;
for (const target of targets) {
  const next = render(target);
  if (check) {
    const current = await readFile(target.file, "utf8").catch(() => "");
    if (current !== next) {
      console.error(`${target.file} is out of date: run \`npm run schemas\` and commit the result`);
      drift += 1;
    }
  } else {
    await writeFile(target.file, next);
    console.log(`wrote ${target.file}`);
  }
}
if (drift > 0) process.exitCode = 1;
