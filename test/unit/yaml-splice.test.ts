import { describe, expect, test } from "@jest/globals";
import { applySplices, encodeScalar, plainType, type ScalarTyping } from "../../src/core/plan/yaml-splice.js";

describe("encodeScalar", () => {
  test.each([
    // quotes are kept whatever the value
    ["2", '"1"', "text", '"2"'],
    ["it's", "'x'", "strict", "'it''s'"],
    ['say "hi"', '"x"', "loose", '"say \\"hi\\""'],
    // plain stays plain while the type holds
    ["1.5.1", "1.5.0", "text", "1.5.1"],
    ["1.4", "1.5.0", "text", '"1.4"'],
    ["1.11", "1.10", "text", "1.11"],
    ["1.11-rc", "1.10", "text", '"1.11-rc"'],
    ["5", "3", "strict", "5"],
    ["true", "false", "strict", "true"],
    ["5", "info", "strict", '"5"'],
    ["a: b", "info", "strict", '"a: b"'],
    ["2500m", "2", "loose", "2500m"],
    ["2", "2500m", "loose", "2"],
  ] as [string, string, ScalarTyping, string][])("%j over %s (%s) is written %s", (text, source, typing, written) => {
    expect(encodeScalar(text, { source, type: plainType(source) }, typing)).toBe(written);
  });

  test("strict typing refuses what a number or boolean slot cannot hold", () => {
    expect(encodeScalar("many", { source: "3", type: "number" }, "strict")).toBeNull();
    expect(encodeScalar("yes", { source: "false", type: "boolean" }, "strict")).toBeNull();
  });
});

test("applySplices applies splices given in any order", () => {
  expect(applySplices("replicas: 3 # x\nimage: a:1\n", [{ start: 23, end: 26, replacement: "a:22" }, { start: 10, end: 11, replacement: "10" }])).toBe("replicas: 10 # x\nimage: a:22\n");
});
