import { generateKeyPairSync } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import type { ApplicationFunction } from "probot";
import { startApp, type RunningApp } from "../../../src/sandbox/app-harness.js";
import { renderRepository } from "../../../src/sandbox/render/render-repository.js";
import { renderUser } from "../../../src/sandbox/render/render-user.js";
import { Sandbox, type SandboxOptions } from "../../../src/sandbox/sandbox-server.js";
import type { RepoRecord } from "../../../src/sandbox/state/sandbox-state.js";
import { buildWebhookPayload } from "../../../src/sandbox/webhooks/webhook-payloads.js";

export const OWNER = "acme";
export const REPO = "shop";

/** What the AgenticOps manifest asks for, minus what these tests never touch. */
export const DEFAULT_PERMISSIONS: Record<string, string> = {
  metadata: "read",
  contents: "write",
  pull_requests: "write",
  issues: "write",
  actions: "read",
};

export interface TestApp {
  appId: number;
  /** PKCS#1 PEM, as GitHub hands it out */
  privateKey: string;
}

export interface TestRepo {
  owner: string;
  repo: string;
  /** SHAs of the seeded commits on the default branch, oldest first */
  commits: string[];
}

export interface TestSandbox extends TestApp, TestRepo {
  sandbox: Sandbox;
  installationId: number;
  /** @octokit/rest authenticated as the installation (JWT → installation token, like production) */
  octokit: Octokit;
  close: () => Promise<void>;
}

export interface StartTestSandboxOptions extends SandboxOptions {
  appId?: number;
  permissions?: Record<string, string>;
  owner?: string;
  repo?: string;
  private?: boolean;
}

/** A fresh RSA key pair shaped like the one github.com issues for an app. */
export const generateAppKeyPair = (): { privateKey: string; publicKey: string } =>
  generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });

/** Registers an app with a fresh key; the private key never leaves the test. */
export const registerTestApp = (sandbox: Sandbox, appId: number, permissions: Record<string, string> = DEFAULT_PERMISSIONS): TestApp => {
  const { privateKey, publicKey } = generateAppKeyPair();
  sandbox.registerApp({ id: appId, slug: `test-app-${appId}`, name: `Test App ${appId}`, owner: OWNER, publicKeyPem: publicKey, permissions, events: ["issues", "pull_request"] });
  return { appId, privateKey };
};

/** A repository in git and in the sandbox's state, with two commits on `main`. */
export const createTestRepo = async (
  sandbox: Sandbox,
  spec: { owner: string; repo: string; installationId: number; private?: boolean; collaborators?: RepoRecord["collaborators"] },
): Promise<TestRepo> => {
  const { owner, repo } = spec;
  await sandbox.git.createRepo(owner, repo, "main");
  sandbox.state.addRepo({
    owner,
    name: repo,
    defaultBranch: "main",
    private: spec.private ?? true,
    installationId: spec.installationId,
    collaborators: { [owner]: "admin", ...spec.collaborators },
  });
  const author = { name: "Dana Dev", email: "dana@example.invalid" };
  const commits = [
    await sandbox.git.commitFiles(owner, repo, "main", { message: "initial", author, files: { "README.md": `# ${repo}\n`, "deploy/app.yaml": "image: shop:1.0.0\n" } }),
    await sandbox.git.commitFiles(owner, repo, "main", { message: "bump image", author, files: { "deploy/app.yaml": "image: shop:1.1.0\n" } }),
  ];
  return { owner, repo, commits };
};

/** @octokit/rest authenticated as an app installation against the sandbox. */
export const installationOctokit = (sandbox: Sandbox, app: TestApp, installationId: number): Octokit =>
  new Octokit({
    baseUrl: sandbox.apiUrl,
    authStrategy: createAppAuth,
    auth: { appId: app.appId, privateKey: app.privateKey, installationId },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });

/** The installation token the Octokit uses (created on first call, then cached). */
export const installationToken = async (octokit: Octokit): Promise<string> => {
  const auth = (await octokit.auth({ type: "installation" })) as { token: string };
  return auth.token;
};

/**
 * A running sandbox with one app installed on `acme` and a private repository `acme/shop` with two
 * commits, plus an installation-authenticated Octokit: the world a GitHub App sees on day one.
 */
export const startTestSandbox = async (options: StartTestSandboxOptions = {}): Promise<TestSandbox> => {
  const { appId = 101, permissions, owner = OWNER, repo = REPO, private: isPrivate = true, ...sandboxOptions } = options;
  const sandbox = await Sandbox.start(sandboxOptions);
  try {
    const app = registerTestApp(sandbox, appId, permissions);
    const installationId = sandbox.installApp(appId, owner).id;
    const seeded = await createTestRepo(sandbox, { owner, repo, installationId, private: isPrivate });
    const octokit = installationOctokit(sandbox, app, installationId);
    return { sandbox, ...app, ...seeded, installationId, octokit, close: () => sandbox.close() };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
};

export interface TestAppSandbox extends TestRepo {
  sandbox: Sandbox;
  app: RunningApp;
  installationId: number;
  /** A webhook payload for the repository, as GitHub would send it, sent by `acme`. */
  payload: (event: string, action: string | undefined, overrides?: Record<string, unknown>) => Record<string, unknown>;
  close: () => Promise<void>;
}

/** A sandbox with a Probot app running against it (via startApp), installed on `acme`, owning `acme/shop`. */
export const startAppSandbox = async (appFn: ApplicationFunction, options: SandboxOptions = {}): Promise<TestAppSandbox> => {
  const sandbox = await Sandbox.start(options);
  let app: RunningApp | undefined;
  try {
    app = await startApp(sandbox, appFn);
    const installationId = sandbox.installApp(app.appId, OWNER).id;
    const seeded = await createTestRepo(sandbox, { owner: OWNER, repo: REPO, installationId });
    const payload = (event: string, action: string | undefined, overrides?: Record<string, unknown>) => {
      const repoState = sandbox.state.repo(OWNER, REPO);
      if (!repoState) throw new Error("the seeded repository disappeared");
      return buildWebhookPayload(event, action, {
        repository: renderRepository(repoState, sandbox.state, sandbox.apiUrl, sandbox.origin),
        sender: renderUser(sandbox.state.ensureUser(OWNER), sandbox.apiUrl, sandbox.origin),
        installation: { id: installationId },
        ...(overrides ? { overrides } : {}),
      });
    };
    const running = app;
    return { sandbox, app, ...seeded, installationId, payload, close: async () => { await running.close(); await sandbox.close(); } };
  } catch (error) {
    await app?.close();
    await sandbox.close();
    throw error;
  }
};
