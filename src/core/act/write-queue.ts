/**
 * How urgent a pending write is when the budget is short: a new incident's first write before a
 * change of state (resolved, reopened) before an update of what is already known.
 */
export type WriteUrgency = "create" | "state" | "update";
const RANK: Record<WriteUrgency, number> = { create: 0, state: 1, update: 2 };

export interface PendingWrite {
  /** what is written (an incident id): pending writes of one key coalesce into one */
  key: string;
  /** whose budget it spends */
  installation: string;
  urgency: WriteUrgency;
  /** not before this time (epoch ms) */
  dueAt: number;
  /** order of arrival, the last tie-breaker */
  seq: number;
}

const before = (a: PendingWrite, b: PendingWrite): boolean =>
  RANK[a.urgency] !== RANK[b.urgency] ? RANK[a.urgency] < RANK[b.urgency] : a.dueAt !== b.dueAt ? a.dueAt < b.dueAt : a.seq < b.seq;

/**
 * Pending writes, one per key: marking a key again only makes it more urgent or due sooner, never
 * adds a second write (the writer renders the latest state when its turn comes). Pure policy.
 */
export class WriteQueue {
  private readonly pending = new Map<string, PendingWrite>();
  private seq = 0;

  get size(): number {
    return this.pending.size;
  }

  has(key: string): boolean {
    return this.pending.has(key);
  }

  get(key: string): PendingWrite | undefined {
    return this.pending.get(key);
  }

  mark(key: string, installation: string, urgency: WriteUrgency, dueAt: number): PendingWrite {
    const existing = this.pending.get(key);
    if (!existing) {
      const write = { key, installation, urgency, dueAt, seq: (this.seq += 1) };
      this.pending.set(key, write);
      return write;
    }
    if (RANK[urgency] < RANK[existing.urgency]) existing.urgency = urgency;
    existing.dueAt = Math.min(existing.dueAt, dueAt);
    return existing;
  }

  /** Moves a write to later (a retry after a failure), keeping its place among equals. */
  postpone(key: string, dueAt: number): void {
    const existing = this.pending.get(key);
    if (existing) existing.dueAt = dueAt;
  }

  remove(key: string): void {
    this.pending.delete(key);
  }

  /**
   * The write to do at `now`: due, its installation within budget; most urgent first, then the
   * longest due, then the first marked.
   */
  next(now: number, allowed: (installation: string) => boolean): PendingWrite | null {
    let best: PendingWrite | null = null;
    for (const write of this.pending.values()) {
      if (write.dueAt > now || !allowed(write.installation)) continue;
      if (best === null || before(write, best)) best = write;
    }
    return best;
  }

  /** When the next write could happen: each pending write's due time, pushed back by its installation's budget. */
  wakeAt(budgetOpensAt: (installation: string) => number): number | null {
    let earliest: number | null = null;
    for (const write of this.pending.values()) {
      const at = Math.max(write.dueAt, budgetOpensAt(write.installation));
      if (earliest === null || at < earliest) earliest = at;
    }
    return earliest;
  }
}
