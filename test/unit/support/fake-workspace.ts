import type { GitAuthor, RevertOutcome, RevertTarget, Workspace, WorkspaceSession } from "../../../src/ports/workspace.js";

type OpenOptions = Parameters<Workspace["open"]>[0];

/**
 * A Workspace whose revert answers the scripted outcome; records what was opened, reverted,
 * committed and pushed, and whether the session was closed.
 */
export class FakeWorkspace implements Workspace {
  outcome: RevertOutcome = { kind: "reverted", reverted: [] };
  pushResult: "created" | "exists" = "created";
  readonly opened: OpenOptions[] = [];
  readonly reverted: RevertTarget[][] = [];
  readonly committed: Array<{ message: string; author: GitAuthor }> = [];
  readonly pushed: string[] = [];
  closed = 0;

  async open(options: OpenOptions): Promise<WorkspaceSession> {
    this.opened.push(options);
    return {
      head: async () => "b".repeat(40),
      revert: async (targets) => {
        this.reverted.push(targets);
        return this.outcome;
      },
      commit: async (message, author) => {
        this.committed.push({ message, author });
        return "e".repeat(40);
      },
      pushNewBranch: async (branch) => {
        this.pushed.push(branch);
        return this.pushResult;
      },
      close: async () => {
        this.closed += 1;
      },
    };
  }
}
