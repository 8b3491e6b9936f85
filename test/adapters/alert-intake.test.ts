import { expect, test } from "@jest/globals";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAlertIntake } from "../../src/app/alerts/alert-intake.js";
import type { Logger } from "../../src/ports/logger.js";

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

test("a journal directory that cannot be created stops start-up, naming the variable", async () => {
  const dir = await mkdtemp(join(tmpdir(), "intake-"));
  try {
    await writeFile(join(dir, "a-file"), "");
    const start = startAlertIntake({ journalDir: join(dir, "a-file", "journal"), sink: { accept: async () => {} }, log: silent, clock: { now: () => new Date() } });
    await expect(start).rejects.toMatchObject({ code: "CONFIG_INVALID", message: expect.stringContaining("cannot open the alert journal in"), hint: expect.stringContaining("ALERTS_JOURNAL_DIR") });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
