import { open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";

interface Waiter {
  data: string;
  durable: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * An append-only file where a durable write is on disk (fsync) before its promise resolves. Writes
 * that arrive while a sync is in progress are batched into the next one (group commit), so many
 * concurrent requests cost one fsync instead of one each. A batch of only non-durable writes is
 * not synced: the OS writes it out in its own time.
 */
export class GroupCommitFile {
  private queue: Waiter[] = [];
  private flushing: Promise<void> | null = null;

  private constructor(
    private readonly handle: FileHandle,
    /** bytes known to be complete records */
    private size: number,
    /** runs after each batch, still inside the writer: nothing else touches the file meanwhile */
    private readonly afterBatch: (file: GroupCommitFile) => Promise<void>,
  ) {}

  static async open(path: string, size: number, afterBatch: (file: GroupCommitFile) => Promise<void>): Promise<GroupCommitFile> {
    const handle = await open(path, "a");
    // a crash may have left a torn line after the last complete one: cut it, or the next record would be glued to it
    if ((await handle.stat()).size > size) await handle.truncate(size);
    await handle.sync();
    await syncDirectory(dirname(path)); // the file's directory entry must survive a crash too
    return new GroupCommitFile(handle, size, afterBatch);
  }

  get bytes(): number {
    return this.size;
  }

  append(data: string, options: { durable: boolean } = { durable: true }): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ data, durable: options.durable, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /**
   * Empties the file; only from `afterBatch`, when every record in it is settled. Not synced: if a
   * crash undoes it, the settled records come back and are merely handed over again.
   */
  async truncateAll(): Promise<void> {
    await this.handle.truncate(0);
    this.size = 0;
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      const data = batch.map((w) => w.data).join("");
      try {
        await this.handle.appendFile(data);
        if (batch.some((w) => w.durable)) await this.handle.sync();
        this.size += Buffer.byteLength(data);
        for (const w of batch) w.resolve();
      } catch (error) {
        // drop whatever part of the batch reached the file, so the journal stays whole lines
        await this.handle.truncate(this.size).catch(() => undefined);
        for (const w of batch) w.reject(error);
      }
      await this.afterBatch(this).catch(() => undefined);
    }
    this.flushing = null;
  }
}

const syncDirectory = async (dir: string): Promise<void> => {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // some platforms cannot fsync a directory; the file itself is synced
  } finally {
    await handle.close();
  }
};
