import { readFile } from "node:fs/promises";
import { AlertJournalRecord } from "../../schemas/alert-journal-record.js";
import type { Logger } from "../../ports/logger.js";

export interface JournalContents {
  records: AlertJournalRecord[];
  /** bytes up to the end of the last complete line; anything after it is a torn write */
  completeBytes: number;
  totalBytes: number;
}

const parseLine = (line: string): AlertJournalRecord | null => {
  try {
    const parsed = AlertJournalRecord.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/**
 * Reads the journal. A process killed in the middle of an append leaves a last line without its
 * newline: it was never acknowledged, so it is skipped with a warning and the rest is kept. A
 * damaged complete line (disk corruption, a hand edit) is skipped the same way.
 */
export const readJournalFile = async (path: string, log: Logger): Promise<JournalContents> => {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return Buffer.alloc(0);
    throw error;
  });
  const completeBytes = bytes.lastIndexOf(0x0a) + 1;
  if (completeBytes < bytes.length) {
    log.warn({ journal: path, bytes: bytes.length - completeBytes }, "alert journal ends with a torn line; skipping it");
  }
  const records: AlertJournalRecord[] = [];
  const lines = bytes.subarray(0, completeBytes).toString("utf8").split("\n");
  lines.pop(); // the empty string after the final newline
  for (const [index, line] of lines.entries()) {
    const record = parseLine(line);
    if (record) records.push(record);
    else log.warn({ journal: path, line: index + 1 }, "alert journal line is not a valid record; skipping it");
  }
  return { records, completeBytes, totalBytes: bytes.length };
};
