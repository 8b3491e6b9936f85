import { describe, expect, test } from "@jest/globals";
import { formatAmount, parseAmount, parseK8sQuantity, scaleAmount, type QuantityResource } from "../../../src/core/plan/actions/k8s-quantity.js";

const quantity = (text: string) => {
  const parsed = parseK8sQuantity(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.quantity;
};

describe("k8s quantities", () => {
  test.each([
    ["cpu", "500m", 500],
    ["cpu", "2", 2000],
    ["cpu", "0.25", 250],
    ["cpu", "1.1", 1100],
    ["cpu", ".5", 500],
    ["memory", "512Mi", 512 * 2 ** 20],
    ["memory", "1.5Gi", 1.5 * 2 ** 30],
    ["memory", "2Ti", 2 * 2 ** 40],
    ["memory", "64Ki", 65536],
    ["memory", "1G", 1e9],
    ["memory", "250M", 250e6],
    ["memory", "100k", 100e3],
    ["memory", "134217728", 134217728],
    ["memory", "1000m", 1],
  ] as const)("%s %s is %d", (resource, text, amount) => {
    expect(parseAmount(resource, text)).toEqual({ ok: true, amount });
  });

  test.each([["1e3"], ["-1Gi"], ["1 Gi"], ["1gi"], ["1GB"], ["Mi"], [""], ["0x10"], ["+2"], ["1.5.0"]])("%j is not a quantity", (text) => {
    expect(parseK8sQuantity(text)).toMatchObject({ ok: false, message: expect.stringContaining("expected a Kubernetes quantity") });
  });

  test.each([
    ["cpu", "0.0001", "expected a cpu quantity no finer than 1m (a thousandth of a core)"],
    ["cpu", "1.5m", "expected a cpu quantity no finer than 1m (a thousandth of a core)"],
    ["memory", "0.1Gi", "expected a memory quantity no finer than one byte"],
    ["memory", "500m", "expected a memory quantity no finer than one byte"],
    ["memory", "9000Ei", `expected a memory quantity below ${Number.MAX_SAFE_INTEGER} bytes`],
  ] as const)("%s %s is refused: %s", (resource, text, message) => {
    expect(parseAmount(resource, text)).toEqual({ ok: false, message });
  });

  test.each([
    ["memory", "512Mi", 10, "563Mi"],
    ["memory", "512Mi", 50, "768Mi"],
    ["memory", "1Gi", 50, "1536Mi"],
    ["memory", "1Gi", 100, "2Gi"],
    ["memory", "1Gi", 10, "1126Mi"],
    ["memory", "1.5Gi", -50, "768Mi"],
    ["memory", "1G", 50, "1500M"],
    ["memory", "536870912", 10, "590558003"],
    ["cpu", "2", 25, "2.5"],
    ["cpu", "2", 50, "3"],
    ["cpu", "0.5", 50, "0.75"],
    ["cpu", "500m", 10, "550m"],
    ["cpu", "250m", 33, "333m"],
    ["cpu", "1", -99, "0.01"],
  ] as const)("%s %s changed by %d%% is written %s", (resource: QuantityResource, text, percent, expected) => {
    const like = quantity(text);
    const old = parseAmount(resource, text);
    if (!old.ok) throw new Error(old.message);
    const amount = scaleAmount(resource, old.amount, like, percent);
    expect(formatAmount(resource, amount, like)).toBe(expected);
    expect(parseAmount(resource, expected)).toEqual({ ok: true, amount });
  });
});
