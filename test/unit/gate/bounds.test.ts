import { describe, expect, test } from "@jest/globals";
import { cpuMillicores, formatBytes, memoryBytes } from "../../../src/core/gate/k8s-quantity.js";
import { bounds } from "../../../src/core/gate/rules/bounds.js";
import { facts, proposal, quantity, rule } from "./gate-fixtures.js";

const Gi = 2 ** 30;
const Mi = 2 ** 20;
const r = rule({ kind: "bounds", max_replica_change: 3, max_replicas: 20, min_replicas: 1, max_memory_increase_percent: 50, max_memory: "4Gi", max_cpu_increase_percent: 100, max_cpu: "2" });
const judge = (...quantities: ReturnType<typeof quantity>[]) => bounds(r, proposal({ action: "scale-replicas", quantities }), facts());

describe("bounds: replicas", () => {
  test("+3 is within a change of 3", () => {
    expect(judge(quantity("replicas", 3, 6))).toEqual({ verdict: "allow", reason: "1 quantity within bounds" });
  });

  test("+4 is more than one step allows, naming the target", () => {
    expect(judge(quantity("replicas", 3, 7))).toEqual({ verdict: "deny", reason: "replicas on k8s/deployment.yaml#Deployment/shop: 3 → 7 changes it by 4, more than 3" });
  });

  test("a decrease counts as a change too, and below the minimum is denied", () => {
    expect(judge(quantity("replicas", 4, 0))?.reason).toBe(
      "replicas on k8s/deployment.yaml#Deployment/shop: 4 → 0 changes it by 4, more than 3; replicas on k8s/deployment.yaml#Deployment/shop: 4 → 0 is below the minimum 1",
    );
  });

  test("the absolute maximum applies to HPA bounds as well", () => {
    expect(judge(quantity("hpa.maxReplicas", 19, 21))?.reason).toBe("hpa.maxReplicas on k8s/deployment.yaml#Deployment/shop: 19 → 21 is above the maximum 20");
  });

  test("an unset count is taken as 0, so the change never looks smaller than it is", () => {
    expect(judge(quantity("replicas", null, 4))?.reason).toContain("unset → 4 changes it by 4");
  });
});

describe("bounds: memory and cpu", () => {
  test("+50% memory is allowed, +51% is not", () => {
    expect(judge(quantity("memory.limit", 1 * Gi, 1536 * Mi))?.verdict).toBe("allow");
    expect(judge(quantity("memory.limit", 1000 * Mi, 1510 * Mi))).toEqual({ verdict: "deny", reason: "memory.limit on k8s/deployment.yaml#Deployment/shop: 1000Mi → 1510Mi is +51%, more than +50%" });
  });

  test("above the absolute maximum is denied even within the percentage", () => {
    expect(judge(quantity("memory.request", 3 * Gi, 4200 * Mi))?.reason).toBe("memory.request on k8s/deployment.yaml#Deployment/shop: 3Gi → 4200Mi is above the maximum 4Gi");
  });

  test("a limit set where none was is bounded by the maximum alone", () => {
    expect(judge(quantity("memory.limit", null, 2 * Gi))?.verdict).toBe("allow");
    expect(judge(quantity("memory.limit", null, 8 * Gi))?.verdict).toBe("deny");
  });

  test("a decrease is never an increase", () => {
    expect(judge(quantity("memory.limit", 4 * Gi, 1 * Gi))?.verdict).toBe("allow");
  });

  test("cpu in millicores: 500m → 1 is +100%, 500m → 1100m is too much, 3 cores is above 2", () => {
    expect(judge(quantity("cpu.request", 500, 1000))?.verdict).toBe("allow");
    expect(judge(quantity("cpu.request", 500, 1100))?.reason).toContain("is +120%, more than +100%");
    expect(judge(quantity("cpu.limit", 2000, 3000))?.reason).toBe("cpu.limit on k8s/deployment.yaml#Deployment/shop: 2 → 3 is above the maximum 2");
  });

  test("every violation is listed, one per quantity", () => {
    const result = judge(quantity("replicas", 2, 3), quantity("memory.limit", Gi, 3 * Gi), quantity("cpu.limit", 1000, 2500));
    expect(result?.verdict).toBe("deny");
    expect(result?.reason.split("; ")).toHaveLength(3);
  });
});

describe("bounds: actions without quantities", () => {
  test.each([["scale-replicas"], ["set-resources"]] as const)("%s without quantities cannot be bounded: deny", (action) => {
    expect(bounds(r, proposal({ action }), facts())).toEqual({ verdict: "deny", reason: `${action} declares no quantities, so its size cannot be bounded` });
  });

  test("a rollback moves no quantity and passes", () => {
    expect(bounds(r, proposal({ action: "revert-commits" }), facts())).toEqual({ verdict: "allow", reason: "moves no replicas, CPU or memory" });
  });
});

describe("Kubernetes quantities", () => {
  test.each([
    ["512Mi", 512 * Mi],
    ["4Gi", 4 * Gi],
    ["1G", 1e9],
    ["1.5Gi", 1.5 * Gi],
    ["1500k", 1.5e6],
    [1024, 1024],
  ] as const)("memory %s = %d bytes", (q, bytes) => {
    expect(memoryBytes(q)).toBe(bytes);
  });

  test.each([
    ["500m", 500],
    ["2", 2000],
    ["0.25", 250],
    [1.5, 1500],
  ] as const)("cpu %s = %d millicores", (q, m) => {
    expect(cpuMillicores(q)).toBe(m);
  });

  test("formatBytes prefers whole binary units", () => {
    expect([formatBytes(4 * Gi), formatBytes(1536 * Mi), formatBytes(1000)]).toEqual(["4Gi", "1536Mi", "1000B"]);
  });
});
