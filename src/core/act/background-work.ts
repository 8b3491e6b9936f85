/**
 * Work started without being awaited (refreshing a config, re-listing deploy incidents), kept
 * track of so that shutdown, tests and benchmarks can wait until the process is quiet.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  /** Runs `work` in the background; its failure is the caller's to handle inside `work`. */
  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }
}
