import { describe, expect, test } from "@jest/globals";
import { formatYamlPath, parseYamlPath } from "../../../src/core/plan/actions/yaml-path.js";

describe("YAML paths", () => {
  test.each([
    ["spec.template.spec.containers[0].env[2].value", ["spec", "template", "spec", "containers", 0, "env", 2, "value"]],
    ['metadata.annotations["app.kubernetes.io/name"]', ["metadata", "annotations", "app.kubernetes.io/name"]],
    ["[0].name", [0, "name"]],
    ["matrix[1][0]", ["matrix", 1, 0]],
    ["a['it''s']", ["a", "it's"]],
    ["images.0.newTag", ["images", "0", "newTag"]],
  ])("%s", (text, path) => {
    expect(parseYamlPath(text)).toEqual({ ok: true, path });
    expect(parseYamlPath(formatYamlPath(path))).toEqual({ ok: true, path });
  });

  test.each([
    ["a..b", 'expected a key, "." or [index] at character 2 of the path'],
    [".a", 'expected a key, "." or [index] at character 1 of the path'],
    ["a.", 'expected a key, "." or [index] at character 2 of the path'],
    ["a[x]", 'expected a key, "." or [index] at character 2 of the path'],
    ["a.[0]", 'expected a key, "." or [index] at character 2 of the path'],
    ["a[0]b", 'expected a key, "." or [index] at character 5 of the path'],
    ['a["\\q"]', 'expected a key, "." or [index] at character 2 of the path'],
    ["", "the path is empty"],
  ])("%j is refused", (text, message) => {
    expect(parseYamlPath(text)).toEqual({ ok: false, message });
  });
});
