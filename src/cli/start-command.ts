import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { run } from "probot";
import { productionApp } from "../app/production-app.js";
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
 * On SIGTERM (an orchestrator stopping the pod) or SIGINT: stop taking requests, close alert
 * intake (the write in progress finishes; unwritten alerts stay in the journal for the next
 * start), then exit. Replaces Probot's own SIGINT handler, which exits before intake is closed.
 */
const stopGracefully = (server: { stop(): Promise<void> }, stops: (() => Promise<void>)[], existing: Set<unknown>): void => {
  for (const listener of process.listeners("SIGINT")) if (!existing.has(listener)) process.off("SIGINT", listener);
  const stop = async (signal: string): Promise<void> => {
    process.stderr.write(`${signal}: stopping; alerts not yet written stay in the journal for the next start\n`);
    let failed = false;
    for (const step of [() => server.stop(), ...stops]) {
      await step().catch((error: unknown) => {
        failed = true;
        process.stderr.write(`error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
      });
    }
    process.exit(failed ? 1 : 0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, (s) => void stop(s));
};

/**
 * `agenticops start`: validate the environment first (Probot would otherwise fall into its
 * interactive setup mode, or start with a `NaN` app id), then run the app with Probot's server.
 */
export const startCommand = async (): Promise<number> => {
  for (const [key, value] of Object.entries(readDotEnv(process.cwd()))) process.env[key] ??= value;
  const env = loadEnv(process.env); // throws ENV_INVALID naming every bad variable; main prints it
  const stops: (() => Promise<void>)[] = [];
  const before = new Set<unknown>(process.listeners("SIGINT"));
  const server = await run(productionApp({ onShutdown: (stop) => stops.push(stop) }), { Octokit: AgenticOpsOctokit, log: await createProbotLog(env, process.env) });
  stopGracefully(server, stops, before);
  return 0;
};
