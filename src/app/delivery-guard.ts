/**
 * Process-local duplicate suppression: a delivery id seen before is dropped (GitHub redelivers),
 * and concurrent work on one incident is coalesced into a single run. Across processes, GitHub
 * state (the incident's branch, its pull request, the issue marker) is the lock.
 */
export class DeliveryGuard {
  private readonly seen = new Set<string>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly capacity = 5_000) {}

  /** True the first time a delivery id is offered. */
  firstDelivery(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  /**
   * Lets a delivery id through again. GitHub keeps the id when a delivery is redelivered and never
   * retries by itself, so a delivery whose handling failed must not be dropped when redelivered.
   */
  forget(id: string): void {
    this.seen.delete(id);
  }

  /** Runs `work` unless the same key is already running; then the caller gets `coalesced`. */
  async once<T>(key: string, work: () => Promise<T>): Promise<T | "coalesced"> {
    if (this.inFlight.has(key)) {
      await this.inFlight.get(key)?.catch(() => undefined);
      return "coalesced";
    }
    const running = work();
    this.inFlight.set(key, running);
    try {
      return await running;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
