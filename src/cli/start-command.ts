import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { run } from "probot";
import app from "../index.js";
import { loadEnv } from "../app/load-env.js";
import { AgenticOpsOctokit } from "../adapters/github/agenticops-octokit.js";
import { createProbotLog } from "./probot-log.js";

/** `.env` in the working directory, as Probot reads it; variables already set win. */
const readDotEnv = (cwd: string): Record<string, string> => {
  try {
    return parseEnv(readFileSync(join(cwd, ".env"), "utf8")) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
};

/**
 * `agenticops start`: validate the environment first (Probot would otherwise fall into its
 * interactive setup mode, or start with a `NaN` app id), then run the app with Probot's server.
 */
export const startCommand = async (): Promise<number> => {
  for (const [key, value] of Object.entries(readDotEnv(process.cwd()))) process.env[key] ??= value;
  const env = loadEnv(process.env); // throws ENV_INVALID naming every bad variable; main prints it
  await run(app, { Octokit: AgenticOpsOctokit, log: await createProbotLog(env, process.env) });
  return 0;
};
