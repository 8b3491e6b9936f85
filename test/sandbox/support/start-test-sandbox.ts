import { generateKeyPairSync } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { Sandbox, type SandboxOptions } from "../../../src/sandbox/sandbox-server.js";
import type { RepoRecord } from "../../../src/sandbox/state/sandbox-state.js";

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
