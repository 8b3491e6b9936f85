import { describe, expect, test } from "@jest/globals";
import { isMap, isScalar, isSeq, parseAllDocuments } from "yaml";
import { planAction } from "../../../src/core/plan/actions/action-catalog.js";
import { formatYamlPath } from "../../../src/core/plan/actions/yaml-path.js";
import type { YamlPath } from "../../../src/core/plan/find-image-values.js";
import { repoFiles, roundTrip } from "./action-fixtures.js";
import { CRONJOB, HELM_VALUES, KUSTOMIZATION, REDIS, SHOP } from "./k8s-manifests.js";

const FILES: Record<string, string> = {
  "k8s/shop.yaml": SHOP,
  "k8s/redis.yaml": REDIS,
  "charts/shop/values.yaml": HELM_VALUES,
  "deploy/kustomization.yaml": KUSTOMIZATION,
  "k8s/report.yaml": CRONJOB,
  // the same manifest with Windows line endings
  "k8s/shop-crlf.yaml": SHOP.replaceAll("\n", "\r\n"),
};

interface Slot {
  file: string;
  document: number;
  path: YamlPath;
  value: string | number | boolean;
}

const slotsOf = (file: string, text: string): Slot[] => {
  const slots: Slot[] = [];
  const walk = (node: unknown, document: number, path: YamlPath): void => {
    if (isMap(node)) for (const pair of node.items) walk(pair.value, document, [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)]);
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, document, [...path, i]));
    const value = isScalar(node) ? node.value : null;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") slots.push({ file, document, path, value });
  };
  parseAllDocuments(text).forEach((doc, document) => walk(doc.contents, document, []));
  return slots;
};

// A different value of the same type, so the scalar keeps its YAML type and can come back byte for byte.
const otherValue = (value: string | number | boolean): string | number | boolean => {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 7;
  return `${value}-next`;
};

const SLOTS = Object.entries(FILES).flatMap(([file, text]) => slotsOf(file, text));

describe("every scalar of every fixture, edited and undone", () => {
  test("there are enough slots to make the property meaningful", () => {
    expect(SLOTS.length).toBeGreaterThan(100);
  });

  test("set-yaml-value then its inverse gives back the original bytes, or refuses for a stated reason", async () => {
    const refused: string[] = [];
    for (const slot of SLOTS) {
      const params = { file: slot.file, path: formatYamlPath(slot.path), value: otherValue(slot.value), document: slot.document };
      const first = await planAction("set-yaml-value", params, repoFiles(FILES));
      if (first.kind === "not-applicable") {
        refused.push(first.reason);
        continue;
      }
      const { after, back } = await roundTrip("set-yaml-value", params, FILES);
      expect({ slot: params, changed: after !== FILES[slot.file] }).toEqual({ slot: params, changed: true });
      expect({ slot: params, back }).toEqual({ slot: params, back: FILES[slot.file] });
    }
    // only values shared through anchors and aliases are refused
    expect(refused.every((reason) => /anchored as &labels|alias of \*labels/.test(reason))).toBe(true);
  });

  test.each([-60, -25, -10, 5, 10, 33, 50, 100, 250])("set-resources by %d%% then its inverse gives back the original bytes", async (percent) => {
    const targets = [
      { file: "k8s/shop.yaml", kind: "Deployment", name: "shop", container: "web", resource: "memory", field: "limits" },
      { file: "k8s/shop-crlf.yaml", kind: "Deployment", name: "shop", container: "envoy", resource: "cpu", field: "requests" },
      { file: "k8s/redis.yaml", kind: "StatefulSet", name: "redis", container: "redis", resource: "cpu", field: "requests" },
      { file: "k8s/redis.yaml", kind: "StatefulSet", name: "redis", container: "redis", resource: "memory", field: "limits" },
      { file: "k8s/report.yaml", kind: "CronJob", name: "nightly-report", container: "report", resource: "memory", field: "limits" },
    ];
    for (const target of targets) {
      const params = { ...target, by_percent: percent };
      const first = await planAction("set-resources", params, repoFiles(FILES));
      // requests above limits are refused, which is the point
      if (first.kind === "not-applicable") {
        expect(first.reason).toMatch(/would exceed the limit/);
        continue;
      }
      const { back } = await roundTrip("set-resources", params, FILES);
      expect({ params, back }).toEqual({ params, back: FILES[target.file] });
    }
  });
});
