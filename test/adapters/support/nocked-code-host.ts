import { afterEach, beforeEach } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { octokitCodeHost } from "../../../src/adapters/github/octokit-code-host.js";
import type { CodeHost } from "../../../src/ports/code-host.js";

/** Probot's Octokit without retries or throttling, so a nock reply is answered exactly once. */
export const TestOctokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });

/** Each test gets a fresh CodeHost over an installation token; nock blocks the network meanwhile. */
export const withNockedCodeHost = (set: (host: CodeHost) => void): void => {
  beforeEach(() => {
    nock.disableNetConnect();
    set(octokitCodeHost(new TestOctokit({ auth: { token: "installation-token" } })));
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
};
