import { PolicyCheckRecord } from "../../schemas/policy-check-record.js";
import { HIDDEN_SUFFIX, readHiddenJson } from "./hidden-marker.js";

const PREFIX = "<!-- agenticops:policy-check:v1 ";

/** The decision as a hidden line of the check run's text, so the bot reads back what it wrote. */
export const renderPolicyCheckMarker = (record: PolicyCheckRecord): string => `${PREFIX}${JSON.stringify(record)}${HIDDEN_SUFFIX}`;

/** The record in a check run's text, or null when absent or not valid. */
export const readPolicyCheckMarker = (text: string | null | undefined): PolicyCheckRecord | null => readHiddenJson(text, PREFIX, PolicyCheckRecord);
