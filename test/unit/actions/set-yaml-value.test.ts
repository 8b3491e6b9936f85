import { describe, expect, test } from "@jest/globals";
import { planAction } from "../../../src/core/plan/actions/action-catalog.js";
import { contentOf, edited, expectNotApplicable, expectPlanned, repoFiles, roundTrip } from "./action-fixtures.js";
import { HELM_VALUES, SHOP } from "./k8s-manifests.js";

const APP_CONFIG = "# app settings\r\nfeatures:\r\n  checkout_v2: false   # rollout flag\r\n  banner: |\r\n    Sale!\r\nlimits: {rps: 250, burst: ~}\r\n";
const FILES: Record<string, string> = { "charts/shop/values.yaml": HELM_VALUES, "k8s/shop.yaml": SHOP, "config/app.yaml": APP_CONFIG };
const plan = (params: Record<string, unknown>, files = FILES) => planAction("set-yaml-value", params, repoFiles(files));
const VALUES = "charts/shop/values.yaml";

describe("set-yaml-value", () => {
  test.each([
    [{ file: VALUES, path: "replicaCount", value: 4 }, "replicaCount: 2", "replicaCount: 4"],
    // a string that reads as a number, into a number: stays a number
    [{ file: VALUES, path: "replicaCount", value: "5" }, "replicaCount: 2", "replicaCount: 5"],
    // quoted strings stay quoted strings, whatever the value's type
    [{ file: VALUES, path: "env[1].value", value: 200 }, 'value: "100"', 'value: "200"'],
    [{ file: VALUES, path: "env[2].value", value: true }, "value: 'false'", "value: 'true'"],
    [{ file: VALUES, path: "env[0].value", value: "debug" }, "value: info", "value: debug"],
    // a plain string that would read as another type gets quoted, to stay a string
    [{ file: VALUES, path: "env[0].value", value: "1.0" }, "value: info", 'value: "1.0"'],
    [{ file: VALUES, path: 'podAnnotations["prometheus.io/scrape"]', value: "false" }, 'scrape: "true"', 'scrape: "false"'],
    [{ file: VALUES, path: "worker.image.tag", value: 1.12 }, "tag: 1.10}", "tag: 1.12}"],
    // in a multi-document file, the one document holding the path
    [{ file: "k8s/shop.yaml", path: "spec.template.spec.containers[1].resources.requests.memory", value: "128Mi" }, "memory: 64Mi", "memory: 128Mi"],
    [{ file: "k8s/shop.yaml", path: "metadata.name", value: "shop-autoscaler", document: 2 }, "  name: shop\n  namespace: prod\nspec:\n  scaleTargetRef", "  name: shop-autoscaler\n  namespace: prod\nspec:\n  scaleTargetRef"],
    // Windows line endings and a flow map
    [{ file: "config/app.yaml", path: "limits.rps", value: 500 }, "{rps: 250,", "{rps: 500,"],
    [{ file: "config/app.yaml", path: "features.checkout_v2", value: true }, "checkout_v2: false   #", "checkout_v2: true   #"],
  ])("%j edits only the value", async (params, before, after) => {
    const planned = expectPlanned(await plan(params));
    expect(contentOf(planned)).toBe(edited(FILES[params.file]!, before, after));
    expect(planned.quantities).toEqual([]);
  });

  test("says what changed, and the inverse names the document in a multi-document file", async () => {
    const planned = expectPlanned(await plan({ file: "k8s/shop.yaml", path: "spec.minReplicas", value: 3 }));
    expect(planned.description).toEqual(["In `k8s/shop.yaml` line 47, set `spec.minReplicas` from `2` to `3`."]);
    expect(planned.inverse).toEqual({
      action: "set-yaml-value",
      params: { file: "k8s/shop.yaml", path: "spec.minReplicas", value: 2, document: 2 },
      description: "Set `spec.minReplicas` in `k8s/shop.yaml` back to 2.",
    });
  });

  test.each([
    [{ file: VALUES, path: "replicaCount", value: 2 }, "`replicaCount` in `charts/shop/values.yaml` is already 2"],
    [{ file: VALUES, path: "replicaCount", value: "many" }, '`charts/shop/values.yaml`: `replicaCount` holds a number (2); "many" is not one'],
    [{ file: "config/app.yaml", path: "features.checkout_v2", value: "yes" }, '`config/app.yaml`: `features.checkout_v2` holds a boolean (false); "yes" is not one'],
    [{ file: VALUES, path: "image.digest", value: "sha256:abc" }, '`image.digest` in `charts/shop/values.yaml`: `image` has no key "digest"'],
    [{ file: VALUES, path: "env[5].value", value: "x" }, "`env[5].value` in `charts/shop/values.yaml`: `env` has no item [5] (3 items)"],
    [{ file: VALUES, path: "image", value: "x" }, "`charts/shop/values.yaml`: `image` is a map, not a single value"],
    [{ file: "config/app.yaml", path: "features.banner", value: "x" }, "`config/app.yaml`: `features.banner` is a block scalar (| or >), which this action does not rewrite"],
    [{ file: "config/app.yaml", path: "limits.burst", value: 10 }, "`config/app.yaml`: `limits.burst` holds no value (null)"],
    [{ file: "k8s/shop.yaml", path: "metadata.name", value: "x" }, "`metadata.name` in `k8s/shop.yaml`: 3 documents have it (0, 1, 2); give `document`"],
    [{ file: "k8s/shop.yaml", path: "metadata.name", value: "x", document: 3 }, "`k8s/shop.yaml` document 3: the file has no document 3 (3 documents)"],
    // an anchored map is shared by its aliases: editing it would change the selector too
    [{ file: "k8s/shop.yaml", path: "metadata.labels.app", value: "store" }, "`k8s/shop.yaml` document 1: `metadata.labels` is anchored as &labels and aliases elsewhere share it"],
    [{ file: "k8s/shop.yaml", path: "spec.selector.matchLabels.app", value: "store" }, "`k8s/shop.yaml` document 1: `spec.selector.matchLabels` is an alias of *labels; edit the value where &labels is defined"],
    [{ file: "missing.yaml", path: "a", value: 1 }, "`missing.yaml` does not exist"],
  ])("%j is not applicable", async (params, reason) => {
    expect(expectNotApplicable(await plan(params))).toBe(reason);
  });

  test.each([
    [{ file: VALUES, path: "image..tag", value: "1" }, ["path"], 'expected a key, "." or [index] at character 6 of the path (got "image..tag")'],
    [{ file: VALUES, path: "env[x]", value: "1" }, ["path"], 'expected a key, "." or [index] at character 4 of the path (got "env[x]")'],
    [{ file: VALUES, path: "replicaCount", value: null }, ["value"], null],
    [{ file: VALUES, path: "replicaCount", value: { n: 1 } }, ["value"], null],
    [{ file: VALUES, path: "replicaCount", value: 1, document: -1 }, ["document"], null],
    [{ file: VALUES, path: "replicaCount", value: 1, create: true }, ["create"], null],
  ])("%j names the bad parameter", async (params, path, message) => {
    const result = await plan(params);
    if (result.kind !== "invalid-params") throw new Error(`expected invalid-params, got ${result.kind}`);
    expect(result.problems.map((p) => p.path)).toEqual([path]);
    if (message !== null) expect(result.problems[0]?.message).toBe(message);
  });

  test.each([
    [{ file: VALUES, path: "replicaCount", value: 7 }],
    [{ file: VALUES, path: "env[1].value", value: "250" }],
    [{ file: VALUES, path: "env[2].value", value: true }],
    [{ file: VALUES, path: "env[0].value", value: "warn" }],
    [{ file: VALUES, path: "image.pullPolicy", value: "Always" }],
    [{ file: VALUES, path: "worker.image.tag", value: 2 }],
    [{ file: "k8s/shop.yaml", path: "spec.maxReplicas", value: 20 }],
    [{ file: "k8s/shop.yaml", path: "spec.template.spec.containers[0].resources.limits.cpu", value: "2" }],
    [{ file: "config/app.yaml", path: "features.checkout_v2", value: true }],
    [{ file: "config/app.yaml", path: "limits.rps", value: 1000 }],
  ])("%j undone by its inverse gives back the original bytes", async (params) => {
    const { after, back } = await roundTrip("set-yaml-value", params, FILES);
    expect(after).not.toBe(FILES[params.file]);
    expect(back).toBe(FILES[params.file]);
  });
});
