import { PolicyCheckRecord } from "../../schemas/policy-check-record.js";

const PREFIX = "<!-- agenticops:policy-check:v1 ";
const SUFFIX = " -->";

/** The decision as a hidden line of the check run's text, so the bot reads back what it wrote. */
export const renderPolicyCheckMarker = (record: PolicyCheckRecord): string => `${PREFIX}${JSON.stringify(record)}${SUFFIX}`;

/** The record in a check run's text, or null when absent or not valid. */
export const readPolicyCheckMarker = (text: string | null | undefined): PolicyCheckRecord | null => {
  if (!text) return null;
  const start = text.lastIndexOf(PREFIX);
  if (start < 0) return null;
  const end = text.indexOf(SUFFIX, start + PREFIX.length);
  if (end < 0) return null;
  try {
    const parsed = PolicyCheckRecord.safeParse(JSON.parse(text.slice(start + PREFIX.length, end)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};
