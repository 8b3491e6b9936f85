import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { pino, type Logger } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../../../src/app/create-app.js";
import type { AppOptionsInput } from "../../../src/app/app-options.js";

/** One RSA key for every Probot under test: generating one costs more than the test itself. */
export const { privateKey: TEST_PRIVATE_KEY } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

/**
 * The app loaded in a Probot whose GitHub is nock (no network, no retries, no throttling). Call
 * from `beforeEach`, with `restoreNock` in `afterEach`.
 */
export const nockedProbot = async (options: AppOptionsInput, input: { appId?: number; log?: Logger } = {}): Promise<Probot> => {
  nock.disableNetConnect();
  const probot = new Probot({
    appId: input.appId ?? options.app?.id ?? 123,
    privateKey: TEST_PRIVATE_KEY,
    log: input.log ?? pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  await probot.load(createApp(options), { cwd: process.cwd(), addHandler: () => {} });
  return probot;
};

export const restoreNock = (): void => {
  nock.cleanAll();
  nock.enableNetConnect();
};
