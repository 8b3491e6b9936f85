import { describe, expect, test } from "@jest/globals";
import { planAction } from "../../../src/core/plan/actions/action-catalog.js";
import { contentOf, edited, expectNotApplicable, expectPlanned, repoFiles, roundTrip } from "./action-fixtures.js";
import { REDIS, SHOP } from "./k8s-manifests.js";

const FILES = { "k8s/shop.yaml": SHOP, "k8s/redis.yaml": REDIS };
const plan = (params: Record<string, unknown>, files: Record<string, string> = FILES) => planAction("scale-replicas", params, repoFiles(files));

describe("scale-replicas", () => {
  test.each([
    [{ kind: "Deployment", name: "shop", to: 5 }, "k8s/shop.yaml", "  replicas: 3 # raised", "  replicas: 5 # raised", { name: "replicas", target: "k8s/shop.yaml#Deployment/shop", from: 3, to: 5 }],
    [{ kind: "Deployment", name: "shop", namespace: "prod", by: -1 }, "k8s/shop.yaml", "  replicas: 3 #", "  replicas: 2 #", { name: "replicas", target: "k8s/shop.yaml#Deployment/shop", from: 3, to: 2 }],
    [{ kind: "HorizontalPodAutoscaler", name: "shop", by: 5 }, "k8s/shop.yaml", "maxReplicas: 10  #", "maxReplicas: 15  #", { name: "hpa.maxReplicas", target: "k8s/shop.yaml#HorizontalPodAutoscaler/shop", from: 10, to: 15 }],
    [{ kind: "HorizontalPodAutoscaler", name: "shop", field: "minReplicas", to: 4 }, "k8s/shop.yaml", "minReplicas: 2", "minReplicas: 4", { name: "hpa.minReplicas", target: "k8s/shop.yaml#HorizontalPodAutoscaler/shop", from: 2, to: 4 }],
    // a count written as a string stays a string
    [{ kind: "StatefulSet", name: "redis", by: 2 }, "k8s/redis.yaml", 'replicas: "3"', 'replicas: "5"', { name: "replicas", target: "k8s/redis.yaml#StatefulSet/redis", from: 3, to: 5 }],
  ])("%j edits only the count", async (params, file, before, after, quantity) => {
    const planned = expectPlanned(await plan({ file, ...params }));
    const original = file === "k8s/shop.yaml" ? SHOP : REDIS;
    expect(contentOf(planned)).toBe(edited(original, before, after));
    expect(planned.changes[0]).toMatchObject({ path: file, change: "modify", previous: original });
    expect(planned.quantities).toEqual([quantity]);
    expect(planned.inverse).toMatchObject({ action: "scale-replicas", params: { file, kind: params.kind, name: params.name, to: quantity.from } });
  });

  test("describes the change with its line", async () => {
    const planned = expectPlanned(await plan({ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", to: 5 }));
    expect(planned.description).toEqual(["In `k8s/shop.yaml` line 18, set `spec.replicas` of Deployment/shop from 3 to 5."]);
    expect(planned.inverse.description).toBe("Set `spec.replicas` of Deployment/shop in `k8s/shop.yaml` back to 3.");
  });

  test("finds the object by namespace when two documents share kind and name", async () => {
    const twice = `${SHOP}---\n${SHOP.split("---\n")[1]!.replace("namespace: prod", "namespace: staging").replace("replicas: 3", "replicas: 1")}`;
    const files = { "k8s/shop.yaml": twice };
    expect(expectNotApplicable(await plan({ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", to: 2 }, files))).toBe(
      "`k8s/shop.yaml`: 2 documents hold Deployment/shop: document 1 (namespace prod), document 3 (namespace staging); give the namespace",
    );
    const planned = expectPlanned(await plan({ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", namespace: "staging", to: 2 }, files));
    expect(contentOf(planned)).toBe(edited(twice, "replicas: 1 #", "replicas: 2 #"));
  });

  test.each([
    [{ kind: "Deployment", name: "shop", to: 3 }, "Deployment/shop in `k8s/shop.yaml` already has replicas 3"],
    [{ kind: "Deployment", name: "cart", to: 3 }, "`k8s/shop.yaml`: the file has no Deployment/cart (it holds Service/shop, Deployment/shop, HorizontalPodAutoscaler/shop)"],
    [{ kind: "Deployment", name: "shop", namespace: "staging", to: 3 }, "`k8s/shop.yaml`: the file has no Deployment/shop in namespace staging (it holds Service/shop, Deployment/shop, HorizontalPodAutoscaler/shop)"],
    [{ kind: "Deployment", name: "shop", by: -4 }, "Deployment/shop in `k8s/shop.yaml`: replicas would become -1, outside 0..1000"],
    [{ kind: "HorizontalPodAutoscaler", name: "shop", field: "minReplicas", to: 11 }, "HorizontalPodAutoscaler/shop in `k8s/shop.yaml`: minReplicas (11) would exceed maxReplicas (10)"],
    [{ kind: "HorizontalPodAutoscaler", name: "shop", to: 1 }, "HorizontalPodAutoscaler/shop in `k8s/shop.yaml`: minReplicas (2) would exceed maxReplicas (1)"],
    [{ kind: "HorizontalPodAutoscaler", name: "shop", field: "minReplicas", to: 0 }, "HorizontalPodAutoscaler/shop in `k8s/shop.yaml`: minReplicas must stay at least 1"],
  ])("%j is not applicable", async (params, reason) => {
    expect(expectNotApplicable(await plan({ file: "k8s/shop.yaml", ...params }))).toBe(reason);
  });

  test("a workload without spec.replicas, or a missing file, is not applicable", async () => {
    const files = { "k8s/shop.yaml": SHOP.replace("  replicas: 3 # raised during the spring sale\n", "") };
    expect(expectNotApplicable(await plan({ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", to: 2 }, files))).toBe(
      "Deployment/shop in `k8s/shop.yaml` has no `spec.replicas` (the default 1 applies, or an autoscaler owns it)",
    );
    expect(expectNotApplicable(await plan({ file: "k8s/gone.yaml", kind: "Deployment", name: "shop", to: 2 }))).toBe("`k8s/gone.yaml` does not exist");
  });

  test("a count that is not a whole number is not applicable", async () => {
    const files = { "k8s/redis.yaml": REDIS.replace('replicas: "3"', "replicas: three") };
    expect(expectNotApplicable(await plan({ file: "k8s/redis.yaml", kind: "StatefulSet", name: "redis", by: 1 }, files))).toBe(
      "StatefulSet/redis in `k8s/redis.yaml`: `spec.replicas` is three, not a whole number",
    );
  });

  test.each([
    [{ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", to: 2, by: 1 }, ["by"]],
    [{ file: "k8s/shop.yaml", kind: "Deployment", name: "shop" }, ["to"]],
    [{ file: "k8s/shop.yaml", kind: "HorizontalPodAutoscaler", name: "shop", field: "replicas", to: 2 }, ["field"]],
    [{ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", field: "maxReplicas", to: 2 }, ["field"]],
    [{ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", to: -1 }, ["to"]],
    [{ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", to: 2.5 }, ["to"]],
    [{ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", by: 0 }, ["by"]],
    [{ file: "k8s/shop.yaml", kind: "Pod", name: "shop", to: 2 }, ["kind"]],
    [{ file: "k8s/shop.yaml", kind: "Deployment", name: "Shop_1", to: 2 }, ["name"]],
    [{ file: "../shop.yaml", kind: "Deployment", name: "shop", to: 2 }, ["file"]],
    [{ file: "k8s/shop.yaml", kind: "Deployment", name: "shop", replica: 2, to: 2 }, ["replica"]],
  ])("%j names the bad parameter", async (params, path) => {
    const result = await plan(params);
    if (result.kind !== "invalid-params") throw new Error(`expected invalid-params, got ${result.kind}`);
    expect(result.problems.map((p) => p.path)).toEqual([path]);
  });

  test.each([
    ["k8s/shop.yaml", { kind: "Deployment", name: "shop", to: 7 }],
    ["k8s/shop.yaml", { kind: "Deployment", name: "shop", by: -3 }],
    ["k8s/shop.yaml", { kind: "HorizontalPodAutoscaler", name: "shop", field: "maxReplicas", by: 90 }],
    ["k8s/shop.yaml", { kind: "HorizontalPodAutoscaler", name: "shop", field: "minReplicas", to: 10 }],
    ["k8s/redis.yaml", { kind: "StatefulSet", name: "redis", to: 12 }],
  ])("in %s, %j undone by its inverse gives back the original bytes", async (file, params) => {
    const { after, back } = await roundTrip("scale-replicas", { file, ...params }, FILES);
    expect(after).not.toBe(FILES[file as keyof typeof FILES]);
    expect(back).toBe(FILES[file as keyof typeof FILES]);
  });
});
