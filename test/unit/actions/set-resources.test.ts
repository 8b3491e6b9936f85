import { describe, expect, test } from "@jest/globals";
import { planAction } from "../../../src/core/plan/actions/action-catalog.js";
import { contentOf, edited, expectNotApplicable, expectPlanned, repoFiles, roundTrip } from "./action-fixtures.js";
import { CRONJOB, REDIS, SHOP } from "./k8s-manifests.js";

const FILES: Record<string, string> = { "k8s/shop.yaml": SHOP, "k8s/redis.yaml": REDIS, "k8s/report.yaml": CRONJOB };
const SHOP_WEB = { file: "k8s/shop.yaml", kind: "Deployment", name: "shop", container: "web" };
const REDIS_MAIN = { file: "k8s/redis.yaml", kind: "StatefulSet", name: "redis", container: "redis" };
const REPORT = { file: "k8s/report.yaml", kind: "CronJob", name: "nightly-report", container: "report" };
const plan = (params: Record<string, unknown>, files = FILES) => planAction("set-resources", params, repoFiles(files));
const MI = 2 ** 20;
const GI = 2 ** 30;

describe("set-resources", () => {
  test.each([
    [{ ...SHOP_WEB, resource: "memory", field: "limits", by_percent: 50 }, "memory: 512Mi   # OOM", "memory: 768Mi   # OOM", "memory.limit", 512 * MI, 768 * MI],
    // inside a flow map, quotes kept
    [{ ...SHOP_WEB, resource: "memory", field: "requests", to: "384Mi" }, 'memory: "256Mi"}', 'memory: "384Mi"}', "memory.request", 256 * MI, 384 * MI],
    [{ ...SHOP_WEB, resource: "cpu", field: "limits", by_percent: 100 }, 'cpu: "1"', 'cpu: "2"', "cpu.limit", 1000, 2000],
    [{ ...SHOP_WEB, container: "envoy", resource: "cpu", field: "requests", by_percent: 50 }, "cpu: 100m", "cpu: 150m", "cpu.request", 100, 150],
    // plain cores stay plain cores, binary units step down when they must
    [{ ...REDIS_MAIN, resource: "cpu", field: "requests", by_percent: 50 }, "cpu: 0.5", "cpu: 0.75", "cpu.request", 500, 750],
    [{ ...REDIS_MAIN, resource: "cpu", field: "limits", by_percent: 25 }, "cpu: 2\n", "cpu: 2.5\n", "cpu.limit", 2000, 2500],
    [{ ...REDIS_MAIN, resource: "memory", field: "requests", by_percent: 50 }, "memory: 1Gi", "memory: 1536Mi", "memory.request", GI, 1.5 * GI],
    [{ ...REDIS_MAIN, resource: "cpu", field: "limits", to: "2500m" }, "cpu: 2\n", "cpu: 2500m\n", "cpu.limit", 2000, 2500],
    // a CronJob's pod spec sits under jobTemplate; decimal units stay decimal
    [{ ...REPORT, resource: "memory", field: "requests", by_percent: 10 }, "{memory: 1G}", "{memory: 1100M}", "memory.request", 1e9, 1.1e9],
  ])("%j edits only the quantity", async (params, before, after, name, from, to) => {
    const planned = expectPlanned(await plan(params));
    expect(contentOf(planned)).toBe(edited(FILES[params.file]!, before, after));
    expect(planned.quantities).toEqual([{ name, target: `${params.file}#${params.kind}/${params.name}/container/${params.container}`, from, to }]);
  });

  test("describes the change and its inverse in words", async () => {
    const planned = expectPlanned(await plan({ ...SHOP_WEB, resource: "memory", field: "limits", by_percent: 50 }));
    expect(planned.description).toEqual(['In `k8s/shop.yaml` line 32, set `resources.limits.memory` of container "web" of Deployment/shop from 512Mi to 768Mi.']);
    expect(planned.inverse).toEqual({
      action: "set-resources",
      params: { ...SHOP_WEB, resource: "memory", field: "limits", to: "512Mi" },
      description: 'Set `resources.limits.memory` of container "web" of Deployment/shop in `k8s/shop.yaml` back to 512Mi.',
    });
  });

  test.each([
    [{ ...SHOP_WEB, resource: "memory", field: "requests", to: "1Gi" }, "Deployment/shop in `k8s/shop.yaml`: the memory request (1Gi) would exceed the limit (512Mi); change the limit first"],
    [{ ...SHOP_WEB, resource: "memory", field: "limits", to: "128Mi" }, "Deployment/shop in `k8s/shop.yaml`: the memory request (256Mi) would exceed the limit (128Mi); change the request first"],
    [{ ...SHOP_WEB, resource: "cpu", field: "limits", by_percent: -80 }, "Deployment/shop in `k8s/shop.yaml`: the cpu request (250m) would exceed the limit (0.2); change the request first"],
    [{ ...SHOP_WEB, resource: "memory", field: "limits", to: "512Mi" }, 'Deployment/shop in `k8s/shop.yaml`: `resources.limits.memory` of container "web" is already 512Mi'],
    [{ ...SHOP_WEB, resource: "memory", field: "limits", to: "0.5Gi" }, 'Deployment/shop in `k8s/shop.yaml`: `resources.limits.memory` of container "web" is already 512Mi'],
    [{ ...SHOP_WEB, container: "envoy", resource: "cpu", field: "limits", to: "1" }, 'Deployment/shop in `k8s/shop.yaml`: `resources.limits.cpu` of container "envoy" is not set; this action changes a value that is set'],
    [{ ...SHOP_WEB, container: "sidecar", resource: "cpu", field: "limits", to: "1" }, 'Deployment/shop in `k8s/shop.yaml` has no container "sidecar" under `spec.template.spec`; containers: web, envoy'],
    [{ ...REDIS_MAIN, container: "sysctl", resource: "cpu", field: "limits", to: "1" }, 'StatefulSet/redis in `k8s/redis.yaml`: `resources.limits.cpu` of container "sysctl" is not set; this action changes a value that is set'],
    [{ ...SHOP_WEB, kind: "StatefulSet", resource: "cpu", field: "limits", to: "1" }, "`k8s/shop.yaml`: the file has no StatefulSet/shop (it holds Service/shop, Deployment/shop, HorizontalPodAutoscaler/shop)"],
  ])("%j is not applicable", async (params, reason) => {
    expect(expectNotApplicable(await plan(params))).toBe(reason);
  });

  test("a value that is not a quantity is not applicable, and named", async () => {
    const files = { "k8s/shop.yaml": SHOP.replace("memory: 512Mi ", "memory: 512MB ") };
    expect(expectNotApplicable(await plan({ ...SHOP_WEB, resource: "memory", field: "limits", by_percent: 10 }, files))).toMatch(
      /^Deployment\/shop in `k8s\/shop.yaml`: `resources.limits.memory` is 512MB: expected a Kubernetes quantity: a number with an optional suffix/,
    );
  });

  test.each([
    [{ ...SHOP_WEB, resource: "memory", field: "limits", to: "1Gi", by_percent: 10 }, ["by_percent"], "give either `to` or `by_percent`, not both"],
    [{ ...SHOP_WEB, resource: "memory", field: "limits" }, ["to"], "give `to` (a quantity) or `by_percent`"],
    [{ ...SHOP_WEB, resource: "memory", field: "limits", to: "1.5GB" }, ["to"], 'expected a Kubernetes quantity: a number with an optional suffix Ki, Mi, Gi, Ti, k, M, G, T or m ("512Mi", "1.5Gi", "500m", "2") (got "1.5GB")'],
    [{ ...SHOP_WEB, resource: "memory", field: "limits", to: "100m" }, ["to"], 'expected a memory quantity no finer than one byte (got "100m")'],
    [{ ...SHOP_WEB, resource: "cpu", field: "limits", to: "0.0001" }, ["to"], 'expected a cpu quantity no finer than 1m (a thousandth of a core) (got "0.0001")'],
    [{ ...SHOP_WEB, resource: "cpu", field: "limits", to: 2 }, ["to"], "expected a string (got 2; quote it in YAML to keep it as text)"],
    [{ ...SHOP_WEB, resource: "memory", field: "limits", by_percent: -100 }, ["by_percent"], "expected a percentage above -100 (a cut of less than 100%) (got -100)"],
    [{ ...SHOP_WEB, resource: "gpu", field: "limits", to: "1" }, ["resource"], 'expected one of cpu, memory (got "gpu") (did you mean "cpu"?)'],
    [{ ...SHOP_WEB, resource: "cpu", field: "limit", to: "1" }, ["field"], 'expected one of requests, limits (got "limit") (did you mean "limits"?)'],
  ])("%j names the bad parameter", async (params, path, message) => {
    const result = await plan(params);
    if (result.kind !== "invalid-params") throw new Error(`expected invalid-params, got ${result.kind}`);
    expect(result.problems.map((p) => [p.path, p.message])).toEqual([[path, message]]);
  });

  test.each([
    [{ ...SHOP_WEB, resource: "memory", field: "limits", by_percent: 50 }],
    [{ ...SHOP_WEB, resource: "memory", field: "requests", to: "300M" }],
    [{ ...SHOP_WEB, resource: "cpu", field: "limits", to: "1500m" }],
    [{ ...REDIS_MAIN, resource: "cpu", field: "requests", to: "250m" }],
    [{ ...REDIS_MAIN, resource: "cpu", field: "limits", by_percent: 33 }],
    [{ ...REDIS_MAIN, resource: "memory", field: "limits", by_percent: -10 }],
    [{ ...REPORT, resource: "memory", field: "limits", to: "2Gi" }],
  ])("%j undone by its inverse gives back the original bytes", async (params) => {
    const { after, back } = await roundTrip("set-resources", params, FILES);
    expect(after).not.toBe(FILES[params.file]);
    expect(back).toBe(FILES[params.file]);
  });
});
