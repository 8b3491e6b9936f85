import type { AlertIncidentHost, LabelledItem, PullRequestState } from "../../../src/ports/alert-incident-host.js";
import type { CommentRef, CommentTarget } from "../../../src/ports/comment-host.js";
import type { WriteLedger } from "../../../src/core/act/write-ledger.js";
import type { RepoRef } from "../../../src/schemas/signal.js";

export interface StoredItem extends LabelledItem {
  comments: { id: number; body: string; bot: boolean }[];
  merged: boolean;
  updatedAt: number;
}

/**
 * Issues, pull requests and comments of one repository in memory, like GitHub's issues API:
 * every write is logged and counted in the ledger under `installation`, as AgenticOpsOctokit does.
 */
export class InMemoryAlertHost implements AlertIncidentHost {
  readonly items: StoredItem[] = [];
  readonly writes: string[] = [];
  readonly reads: string[] = [];
  private next = 1;
  private commentId = 1000;
  private tick = 0;

  constructor(
    private readonly ledger: WriteLedger,
    private readonly installation = "1",
  ) {}

  /** An item a human or another bot path created (a rollback pull request, an issue). */
  seed(item: Partial<StoredItem> & Pick<LabelledItem, "kind" | "body" | "labels">): StoredItem {
    const stored: StoredItem = { number: this.next++, state: "open", title: "seeded", url: "", comments: [], merged: false, updatedAt: (this.tick += 1), ...item };
    stored.url = `https://github.com/acme/shop/${stored.kind === "issue" ? "issues" : "pull"}/${stored.number}`;
    this.items.push(stored);
    return stored;
  }

  issue(number: number): StoredItem {
    const item = this.items.find((i) => i.number === number);
    if (!item) throw new Error(`no issue #${number}`);
    return item;
  }

  issues(): StoredItem[] {
    return this.items.filter((i) => i.kind === "issue");
  }

  private write(what: string): void {
    this.writes.push(what);
    this.ledger.record(this.installation);
  }

  async listLabelled(_repo: RepoRef, label: string, which: { state: "open" } | { state: "closed"; limit: number }): Promise<LabelledItem[]> {
    this.reads.push(`list ${which.state}`);
    const matching = this.items.filter((i) => i.labels.includes(label) && i.state === which.state).sort((a, b) => b.updatedAt - a.updatedAt);
    return (which.state === "closed" ? matching.slice(0, which.limit) : matching).map(({ comments: _c, merged: _m, updatedAt: _u, ...item }) => ({ ...item, labels: [...item.labels] }));
  }

  async createIssue(_repo: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<LabelledItem> {
    this.write("create issue");
    const stored = this.seed({ kind: "issue", ...issue, labels: [...issue.labels] });
    return { number: stored.number, kind: "issue", state: "open", title: stored.title, body: stored.body, labels: [...stored.labels], url: stored.url };
  }

  async updateIssue(_repo: RepoRef, number: number, patch: { title?: string; body?: string; state?: "open" | "closed" }): Promise<void> {
    this.write(`update #${number}${patch.state ? ` ${patch.state}` : ""}`);
    Object.assign(this.issue(number), patch, { updatedAt: (this.tick += 1) });
  }

  async addLabels(_repo: RepoRef, number: number, labels: string[]): Promise<void> {
    this.write(`label #${number} ${labels.join(",")}`);
    const item = this.issue(number);
    item.labels = [...new Set([...item.labels, ...labels])];
  }

  async removeLabel(_repo: RepoRef, number: number, label: string): Promise<void> {
    this.write(`unlabel #${number} ${label}`);
    const item = this.issue(number);
    item.labels = item.labels.filter((l) => l !== label);
  }

  async pullRequestState(_repo: RepoRef, number: number): Promise<PullRequestState | null> {
    const item = this.items.find((i) => i.number === number && i.kind === "pull-request");
    return item ? (item.merged ? "merged" : item.state) : null;
  }

  async findBotComment(_repo: RepoRef, target: CommentTarget, needle: string): Promise<CommentRef | null> {
    if (target.kind !== "issue") return null;
    this.reads.push(`comments #${target.number}`);
    const found = this.issue(target.number).comments.find((c) => c.bot && c.body.includes(needle));
    return found ? { id: found.id, url: "", body: found.body } : null;
  }

  async createComment(_repo: RepoRef, target: CommentTarget, body: string): Promise<CommentRef> {
    if (target.kind !== "issue") throw new Error("commit comments are not used here");
    this.write(`comment #${target.number}`);
    const comment = { id: (this.commentId += 1), body, bot: true };
    this.issue(target.number).comments.push(comment);
    return { id: comment.id, url: "", body };
  }

  async updateComment(_repo: RepoRef, target: CommentTarget, commentId: number, body: string): Promise<void> {
    if (target.kind !== "issue") throw new Error("commit comments are not used here");
    this.write(`edit comment #${target.number}`);
    const comment = this.issue(target.number).comments.find((c) => c.id === commentId);
    if (!comment) throw new Error(`no comment ${commentId}`);
    comment.body = body;
  }
}
