interface KeyedWaiter {
  generation: number;
  /** keys whose changes up to `generation` are not written yet */
  remaining: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Which changes are on GitHub. Every change gets a generation number; per key, the progress keeps
 * a lower bound of the oldest change not yet written. `settled()` waits for everything changed so
 * far, `written(keys)` only for some keys — what lets a caller learn that *its* change was applied
 * while later changes of other keys still wait for the pacer.
 */
export class WriteProgress {
  private generation = 0;
  private readonly unwritten = new Map<string, number>();
  /** keys whose last write was given up, until one succeeds: the error it failed with */
  private readonly givenUp = new Map<string, unknown>();
  private all: { generation: number; resolve: () => void }[] = [];
  private readonly byKey = new Map<string, Set<KeyedWaiter>>();

  get current(): number {
    return this.generation;
  }

  /** `key` changed (a write is scheduled again, so a give-up is over); returns the change's generation. */
  changed(key: string): number {
    this.givenUp.delete(key);
    this.generation += 1;
    if (!this.unwritten.has(key)) this.unwritten.set(key, this.generation);
    return this.generation;
  }

  hasGivenUp(key: string): boolean {
    return this.givenUp.has(key);
  }

  /** A write of `key` that started at generation `covered` succeeded; `more`: changes since then still wait. */
  wrote(key: string, covered: number, more: boolean): void {
    this.givenUp.delete(key);
    if (more) this.unwritten.set(key, covered + 1);
    else this.unwritten.delete(key);
    // without changes since the write started, it covers every waiter of the key; with some, only
    // those that began waiting before it started (the bound is conservative)
    this.releaseKey(key, more ? (w) => w.generation <= covered : () => true, null);
    this.releaseAll();
  }

  /** The write of `key` was given up: who waits for it hears the error; `settled()` stops waiting for it. */
  gaveUp(key: string, error: unknown): void {
    this.givenUp.set(key, error);
    this.unwritten.delete(key);
    this.releaseKey(key, () => true, { error });
    this.releaseAll();
  }

  /** Resolves once every change made before this call has been written (or given up). */
  settled(): Promise<void> {
    const generation = this.generation;
    if (this.oldestUnwritten() > generation) return Promise.resolve();
    return new Promise((resolve) => this.all.push({ generation, resolve }));
  }

  /**
   * Resolves once the changes of `keys` made before this call are written; rejects when one of
   * those writes is given up (or the key's last write was and none succeeded since).
   */
  written(keys: Iterable<string>): Promise<void> {
    const pending = new Set<string>();
    for (const key of keys) {
      if (this.givenUp.has(key)) return Promise.reject(this.givenUp.get(key));
      if ((this.unwritten.get(key) ?? Infinity) <= this.generation) pending.add(key);
    }
    if (pending.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: KeyedWaiter = { generation: this.generation, remaining: pending.size, resolve, reject };
      for (const key of pending) this.byKey.set(key, (this.byKey.get(key) ?? new Set()).add(waiter));
    });
  }

  private releaseKey(key: string, covered: (w: KeyedWaiter) => boolean, failure: { error: unknown } | null): void {
    const waiters = this.byKey.get(key);
    if (!waiters) return;
    for (const waiter of waiters) {
      if (!covered(waiter)) continue;
      waiters.delete(waiter);
      if (failure) {
        waiter.remaining = -1;
        waiter.reject(failure.error);
      } else if (--waiter.remaining === 0) waiter.resolve();
    }
    if (waiters.size === 0) this.byKey.delete(key);
  }

  private oldestUnwritten(): number {
    let oldest = Infinity;
    for (const generation of this.unwritten.values()) oldest = Math.min(oldest, generation);
    return oldest;
  }

  private releaseAll(): void {
    if (this.all.length === 0) return;
    const oldest = this.oldestUnwritten();
    const ready = this.all.filter((w) => w.generation < oldest);
    this.all = this.all.filter((w) => w.generation >= oldest);
    for (const waiter of ready) waiter.resolve();
  }
}
