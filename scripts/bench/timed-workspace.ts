/**
 * The app's own git workspace, timed step by step through the `Workspace` port it is injected
 * by: how much of the revert path is the clone, the revert, the commit, the push and the cleanup.
 */
import type { GitAuthor, RevertTarget, Workspace, WorkspaceSession } from "../../src/ports/workspace.js";
import { performance } from "node:perf_hooks";

export type WorkspaceStep = "clone" | "revert" | "commit" | "push" | "cleanup";
export type WorkspaceTimings = Partial<Record<WorkspaceStep, number>>;

export class TimedWorkspace implements Workspace {
  private timings: WorkspaceTimings = {};

  constructor(private readonly inner: Workspace) {}

  /** The steps timed since the last call, in milliseconds. */
  take(): WorkspaceTimings {
    const taken = this.timings;
    this.timings = {};
    return taken;
  }

  private async time<T>(step: WorkspaceStep, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.timings[step] = Math.round((this.timings[step] ?? 0) + performance.now() - started);
    }
  }

  async open(options: Parameters<Workspace["open"]>[0]): Promise<WorkspaceSession> {
    const session = await this.time("clone", () => this.inner.open(options));
    return {
      head: () => session.head(),
      revert: (targets: RevertTarget[]) => this.time("revert", () => session.revert(targets)),
      commit: (message: string, author: GitAuthor) => this.time("commit", () => session.commit(message, author)),
      pushNewBranch: (branch: string) => this.time("push", () => session.pushNewBranch(branch)),
      close: () => this.time("cleanup", () => session.close()),
    };
  }
}
