import { describe, expect, test } from "@jest/globals";
import { findImageChanges, type ImageChange } from "../../src/core/plan/find-image-changes.js";
import { pinImageValues, type PinResult } from "../../src/core/plan/pin-image-values.js";

const deployment = (tag: string): string => `# api: synced by Argo CD
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: &labels
    app: api   # selector label
spec:
  selector: { matchLabels: *labels }
  template:
    metadata: {labels: *labels}
    spec:
      containers:
      - name: api
        image: registry.acme.internal:5000/acme/api:${tag}   # bumped by CI
        ports: [ { containerPort: 8080 } ]
      - name: envoy
        image: 'envoyproxy/envoy:v1.30.1'
`;

const changesOf = (path: string, before: string, after: string): ImageChange[] => {
  const { changes, skipped } = findImageChanges([{ path, before, after }]);
  expect(skipped).toEqual([]);
  return changes;
};

const pinned = (result: PinResult): Extract<PinResult, { ok: true }> => {
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
};

// 1-based numbers of the lines that differ; the texts must keep the same number of lines.
const changedLines = (a: string, b: string): number[] => {
  const left = a.split("\n");
  const right = b.split("\n");
  expect(right).toHaveLength(left.length);
  return left.flatMap((line, i) => (line === right[i] ? [] : [i + 1]));
};

describe("pinImageValues", () => {
  test("puts back only the changed container image, every other byte identical", () => {
    const before = deployment("1.4.0");
    const after = deployment("1.5.0");
    const result = pinned(pinImageValues(after, changesOf("deploy/api.yaml", before, after)));
    expect(result.text).toBe(before);
    expect(changedLines(after, result.text)).toEqual([15]);
    expect(result.edits).toEqual([
      {
        path: ["spec", "template", "spec", "containers", 0, "image"],
        from: "registry.acme.internal:5000/acme/api:1.5.0",
        to: "registry.acme.internal:5000/acme/api:1.4.0",
        line: 15,
      },
    ]);
  });

  test("edits the Deployment document of a Service + Deployment file and leaves the Service alone", () => {
    const service = "---\n# public entry point\nkind: Service\nmetadata: {name: api}\nspec:\n  ports:\n  - port: 80   # http\n---\n";
    const before = service + deployment("1.4.0");
    const after = service + deployment("1.5.0");
    const changes = changesOf("all.yaml", before, after);
    expect(changes.map((c) => c.docIndex)).toEqual([1]);
    const result = pinned(pinImageValues(after, changes));
    expect(result.text).toBe(before);
    expect(changedLines(after, result.text)).toEqual([8 + 15]);
    expect(result.edits[0]!.line).toBe(23);
  });

  test("keeps the quoting style of Helm values: double, single and inside a flow map", () => {
    const values = (tag: string): string =>
      `image:\n  repository: acme/api\n  tag: "${tag}"   # CI\nworker:\n  repository: acme/worker\n  tag: '${tag}'\n` +
      `cron: {image: {repository: acme/cron, tag: ${tag}}, schedule: "@daily"}\n`;
    const result = pinned(pinImageValues(values("1.5.0"), changesOf("values.yaml", values("1.4.0"), values("1.5.0"))));
    expect(result.text).toBe(values("1.4.0"));
    expect(changedLines(values("1.5.0"), result.text)).toEqual([3, 6, 7]);
    expect(result.edits.map((e) => e.path.join("."))).toEqual(["image.tag", "worker.tag", "cron.image.tag"]);
  });

  test("pins Kustomize newTag and digest and digest-pinned container images", () => {
    const kustomization = (tag: string, digest: string): string =>
      `kind: Kustomization\nimages:\n  - name: acme/api\n    newTag: ${tag}\n  - name: acme/worker\n    digest: sha256:${digest.repeat(64)}\n`;
    const before = kustomization("1.4.0", "a");
    const after = kustomization("1.5.0", "b");
    expect(pinned(pinImageValues(after, changesOf("kustomization.yaml", before, after))).text).toBe(before);

    const pod = (digest: string): string => `kind: Pod\nspec:\n  containers:\n  - name: api\n    image: ghcr.io/acme/api@sha256:${digest.repeat(64)}\n`;
    const result = pinned(pinImageValues(pod("b"), changesOf("pod.yaml", pod("a"), pod("b"))));
    expect(result.text).toBe(pod("a"));
    expect(result.edits[0]!.to).toBe(`ghcr.io/acme/api@sha256:${"a".repeat(64)}`);
  });

  test("quotes a plain version only when plain would change its type", () => {
    const values = (tag: string): string => `image:\n  repository: acme/api\n  tag: ${tag}\n`;
    const asString = pinned(pinImageValues(values("1.5.0"), changesOf("values.yaml", values('"1.4"'), values("1.5.0"))));
    expect(asString.text).toBe(values('"1.4"'));
    const asNumber = pinned(pinImageValues(values("1.5"), changesOf("values.yaml", values("1.4"), values("1.5"))));
    expect(asNumber.text).toBe(values("1.4"));
    const keepsSource = pinned(pinImageValues(values("1.11"), changesOf("values.yaml", values("1.10"), values("1.11"))));
    expect(keepsSource.text).toBe(values("1.10"));
  });

  test("preserves Windows line endings", () => {
    const crlf = (text: string): string => text.replaceAll("\n", "\r\n");
    const before = crlf(deployment("1.4.0"));
    const after = crlf(deployment("1.5.0"));
    const result = pinned(pinImageValues(after, changesOf("deploy/api.yaml", before, after)));
    expect(result.text).toBe(before);
    expect(result.text.split("\r\n")).toHaveLength(after.split("\r\n").length);
    expect(result.text.replaceAll("\r\n", "")).not.toContain("\n");
    expect(result.edits[0]!.line).toBe(15);
  });

  test("edits an anchored image once when aliases share it", () => {
    const text = (tag: string): string =>
      `x-image: &api acme/api:${tag}  # one tag for both\nspec:\n  containers:\n  - name: api\n    image: *api\n  - name: worker\n    image: *api\n`;
    const changes = changesOf("compose.yaml", text("1.4.0"), text("1.5.0"));
    expect(changes).toHaveLength(2);
    const result = pinned(pinImageValues(text("1.5.0"), changes));
    expect(result.text).toBe(text("1.4.0"));
    expect(result.edits.map((e) => e.line)).toEqual([1]);
  });

  test("refuses when the value moved on since the failing commit, so the caller can revert instead", () => {
    const changes = changesOf("deploy/api.yaml", deployment("1.4.0"), deployment("1.5.0"));
    const result = pinImageValues(deployment("1.6.0"), changes);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/is now "registry.+1\.6\.0", not the failing ".+1\.5\.0": it changed since/) });
  });

  test("refuses when the value is gone, the text no longer parses, or changes span files", () => {
    const changes = changesOf("deploy/api.yaml", deployment("1.4.0"), deployment("1.5.0"));
    const withoutImage = deployment("1.5.0").replace(/ +image: registry.+\n/, "");
    expect(pinImageValues(withoutImage, changes)).toEqual({ ok: false, reason: expect.stringMatching(/no longer holds an image value/) });
    expect(pinImageValues("spec: [\n", changes)).toEqual({ ok: false, reason: expect.stringMatching(/does not parse/) });
    const other = { ...changes[0]!, file: "deploy/other.yaml" };
    expect(pinImageValues(deployment("1.5.0"), [...changes, other])).toEqual({ ok: false, reason: expect.stringMatching(/several files/) });
  });

  test("leaves a value already back at its good version untouched", () => {
    const changes = changesOf("deploy/api.yaml", deployment("1.4.0"), deployment("1.5.0"));
    expect(pinImageValues(deployment("1.4.0"), changes)).toEqual({ ok: true, text: deployment("1.4.0"), edits: [] });
  });
});
