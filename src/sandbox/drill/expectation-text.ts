import type { Expectation } from "../../schemas/simulation-result.js";

/** Wording helpers shared by the expectation checks, so every description reads the same way. */

export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

export const quoted = (text: string, max = 60): string =>
  JSON.stringify(text.length > max ? `${text.slice(0, max - 3)}...` : text);

export const listOrNone = (items: readonly string[]): string => (items.length > 0 ? items.join(", ") : "none");

export const expectation = (description: string, passed: boolean, actual?: unknown): Expectation =>
  actual === undefined ? { description, passed } : { description, passed, actual };

/** "contains" assertions accept one string or a list; each entry becomes its own expectation. */
export const asList = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === "string" ? [value] : value;
