import { z } from "zod";
import { RoutedAlertNotification } from "./alert.js";

/**
 * One line of the alert journal (JSONL). An `accepted` line is written, and synced to disk, before
 * the sender gets its 202; a `done` line with the same key once the sink has taken it. At start-up
 * every `accepted` line without a `done` line is handed to the sink again.
 */
export const AlertJournalRecord = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("accepted"),
    /** notification id and (repository-suffixed) group key: one post may hold several notifications */
    key: z.string().min(1),
    notification: RoutedAlertNotification,
  }),
  z.strictObject({
    type: z.literal("done"),
    key: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
  }),
]);
export type AlertJournalRecord = z.infer<typeof AlertJournalRecord>;
