import { describe, expect, test } from "@jest/globals";
import { findImageChanges } from "../../src/core/plan/find-image-changes.js";
import { findImageValues } from "../../src/core/plan/find-image-values.js";

const deployment = (apiTag: string, extraContainer = ""): string => `# api: synced by Argo CD
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: &labels
    app: api   # selector label, do not change
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      initContainers:
      - name: migrate
        image: ghcr.io/acme/api-migrations:1.4.0
      containers:${extraContainer}
        - name: api
          image: "registry.acme.internal:5000/acme/api:${apiTag}"  # bumped by CI
          ports: [ { containerPort: 8080 } ]
        - name: envoy
          image: envoyproxy/envoy:v1.30.1
`;

const kustomization = (tag: string, digest: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [deployment.yaml, service.yaml]
images:
  - name: acme/api
    newName: registry.acme.internal:5000/acme/api
    newTag: ${tag}
  - name: acme/worker
    digest: sha256:${digest.repeat(64)}
`;

const values = (tag: string): string => `# Default values for api.
image:
  registry: registry.acme.internal:5000
  repository: acme/api
  tag: "${tag}"   # overridden by CI
  pullPolicy: IfNotPresent
worker:
  repository: acme/worker
  tag: 2.0.1
app:
  version: ${tag}
`;

describe("findImageValues", () => {
  test("finds init container and container images with the exact range of each scalar", () => {
    const text = deployment("1.5.0");
    const found = findImageValues("deploy/api.yaml", text);
    if (!found.ok) throw new Error(found.reason);
    expect(found.values.map((v) => [v.path.join("."), v.kind, v.repository, v.value])).toEqual([
      ["spec.template.spec.initContainers.0.image", "k8s-image", "ghcr.io/acme/api-migrations", "ghcr.io/acme/api-migrations:1.4.0"],
      ["spec.template.spec.containers.0.image", "k8s-image", "registry.acme.internal:5000/acme/api", "registry.acme.internal:5000/acme/api:1.5.0"],
      ["spec.template.spec.containers.1.image", "k8s-image", "envoyproxy/envoy", "envoyproxy/envoy:v1.30.1"],
    ]);
    const api = found.values[1]!;
    expect(text.slice(...api.range)).toBe('"registry.acme.internal:5000/acme/api:1.5.0"');
  });

  test("reads Helm values, the registry prefix and a configured key path", () => {
    const found = findImageValues("values.yaml", values("1.5.0"), { configuredPaths: [["app", "version"], ["missing", "key"]] });
    if (!found.ok) throw new Error(found.reason);
    expect(found.values.map((v) => [v.path.join("."), v.kind, v.repository, v.value])).toEqual([
      ["image.tag", "helm-tag", "registry.acme.internal:5000/acme/api", "1.5.0"],
      ["worker.tag", "helm-tag", "acme/worker", "2.0.1"],
      ["app.version", "configured", null, "1.5.0"],
    ]);
  });

  test("finds a CronJob's job template containers, a bare Pod, and a dotted configured path through a list", () => {
    const text = `kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{ name: report, image: "acme/report:3" }]
---
kind: Pod
spec:
  containers:
  - name: debug
    image: busybox
`;
    const found = findImageValues("jobs.yaml", text, { configuredPaths: [["spec", "containers", "0", "name"]] });
    if (!found.ok) throw new Error(found.reason);
    expect(found.values.map((v) => [v.docIndex, v.path.join("."), v.value])).toEqual([
      [0, "spec.jobTemplate.spec.template.spec.containers.0.image", "acme/report:3"],
      [1, "spec.containers.0.image", "busybox"],
      [1, "spec.containers.0.name", "debug"],
    ]);
  });

  test("returns the parser's reason for bad YAML instead of throwing", () => {
    const found = findImageValues("broken.yaml", "spec:\n  containers: [\n    - image: a:1\n");
    expect(found).toEqual({ ok: false, reason: expect.stringMatching(/line \d+/) });
  });
});

describe("findImageChanges", () => {
  test("reports only the container whose image changed", () => {
    const { changes, skipped } = findImageChanges([{ path: "deploy/api.yaml", before: deployment("1.4.0"), after: deployment("1.5.0") }]);
    expect(skipped).toEqual([]);
    expect(changes).toEqual([
      {
        file: "deploy/api.yaml",
        docIndex: 0,
        path: ["spec", "template", "spec", "containers", 0, "image"],
        kind: "k8s-image",
        repository: "registry.acme.internal:5000/acme/api",
        good: "registry.acme.internal:5000/acme/api:1.4.0",
        bad: "registry.acme.internal:5000/acme/api:1.5.0",
      },
    ]);
  });

  test("pairs by repository when an inserted container shifts the paths", () => {
    const sidecar = "\n        - name: otel\n          image: otel/opentelemetry-collector:0.98.0";
    const { changes } = findImageChanges([{ path: "api.yml", before: deployment("1.4.0"), after: deployment("1.5.0", sidecar) }]);
    expect(changes.map((c) => [c.path.join("."), c.good, c.bad])).toEqual([
      ["spec.template.spec.containers.1.image", "registry.acme.internal:5000/acme/api:1.4.0", "registry.acme.internal:5000/acme/api:1.5.0"],
    ]);
  });

  test("pairs by repository when a document is inserted before the Deployment", () => {
    const service = "kind: Service\nmetadata: { name: api }\nspec: { ports: [{ port: 80 }] }\n---\n";
    const { changes } = findImageChanges([{ path: "all.yaml", before: deployment("1.4.0"), after: service + deployment("1.5.0") }]);
    expect(changes.map((c) => [c.docIndex, c.bad])).toEqual([[1, "registry.acme.internal:5000/acme/api:1.5.0"]]);
  });

  test("finds Kustomize newTag and digest changes", () => {
    const { changes } = findImageChanges([
      { path: "overlays/prod/kustomization.yaml", before: kustomization("1.4.0", "a"), after: kustomization("1.5.0", "b") },
    ]);
    expect(changes.map((c) => [c.path.join("."), c.kind, c.repository, c.good, c.bad])).toEqual([
      ["images.0.newTag", "kustomize-newTag", "registry.acme.internal:5000/acme/api", "1.4.0", "1.5.0"],
      ["images.1.digest", "kustomize-digest", "acme/worker", `sha256:${"a".repeat(64)}`, `sha256:${"b".repeat(64)}`],
    ]);
  });

  test("finds a Helm tag and a configured version, decoded from their quotes", () => {
    const { changes } = findImageChanges([{ path: "charts/api/values.yaml", before: values("1.4.0"), after: values("1.5.0") }], {
      configuredPaths: [["app", "version"]],
    });
    expect(changes.map((c) => [c.path.join("."), c.kind, c.good, c.bad])).toEqual([
      ["image.tag", "helm-tag", "1.4.0", "1.5.0"],
      ["app.version", "configured", "1.4.0", "1.5.0"],
    ]);
  });

  test("skips non-YAML, unparsable, added and deleted files with a reason, and never throws", () => {
    const { changes, skipped } = findImageChanges([
      { path: "README.md", before: "a", after: "b" },
      { path: "deploy/broken.yaml", before: deployment("1.4.0"), after: "spec:\n  containers: [\n" },
      { path: "deploy/new.yaml", before: null, after: deployment("1.5.0") },
      { path: "deploy/old.yaml", before: deployment("1.4.0"), after: null },
      { path: "deploy/api.yaml", before: deployment("1.4.0"), after: deployment("1.5.0") },
    ]);
    expect(changes.map((c) => c.file)).toEqual(["deploy/api.yaml"]);
    expect(skipped.map((s) => s.file)).toEqual(["README.md", "deploy/broken.yaml", "deploy/new.yaml", "deploy/old.yaml"]);
    expect(skipped[0]!.reason).toBe("not a YAML file");
    expect(skipped[1]!.reason).toMatch(/^YAML at the failing commit does not parse: .+line 3/);
    expect(skipped[2]!.reason).toMatch(/added/);
    expect(skipped[3]!.reason).toMatch(/deleted/);
  });

  test("reports nothing when only non-image values changed", () => {
    const { changes } = findImageChanges([{ path: "a.yaml", before: deployment("1.4.0"), after: deployment("1.4.0").replace("8080", "9090") }]);
    expect(changes).toEqual([]);
  });
});
