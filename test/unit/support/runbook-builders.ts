import { Runbook, type RunbookInput } from "../../../src/schemas/runbook.js";
import { ExampleFacts } from "../../../src/schemas/runbook-example.js";
import type { RunbookFacts } from "../../../src/schemas/runbook-facts.js";
import type { z } from "zod";

export const GOOD = "91be0041c2a8f0d2e1c8f1a9b3d4e5f60718293a";
export const BAD = "3f2a1c9d8e7f60514253647586970a1b2c3d4e5f";

/** Facts as examples write them (alert fields defaulted), parsed. */
export const facts = (input: Partial<z.input<typeof ExampleFacts>> = {}): RunbookFacts =>
  ExampleFacts.parse({ signal: "alert", now: "2024-05-06T10:00:00Z", ...input });

export const alertFacts = (name: string, labels: Record<string, string> = {}, more: Partial<z.input<typeof ExampleFacts>> = {}): RunbookFacts =>
  facts({ signal: "alert", alert: { name, labels }, ...more });

const minimalExample = { name: "placeholder", facts: { signal: "alert", now: "2024-05-06T10:00:00Z" }, expect: { matches: false } };

/** A valid runbook with one image step, overridable key by key. */
export const runbook = (overrides: Partial<RunbookInput> = {}): Runbook =>
  Runbook.parse({
    id: "pin-image",
    title: "Pin the image",
    description: "Sets the image back.",
    risk: "low",
    triggers: [{ signal: "alert", alert: "KubePodCrashLooping" }],
    parameters: { tag: { type: "string", from: "{{ alert.labels.tag }}" } },
    steps: [{ action: "set-image-tag", with: { file: "k8s/app.yaml", image: "shop", tag: "{{ params.tag }}" } }],
    rollback: { inverse: true },
    verification: { signal: "alert-resolved", within: "15m" },
    examples: [minimalExample],
    ...overrides,
  });
