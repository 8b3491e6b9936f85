import { describe, expect, test } from "@jest/globals";
import { planAction } from "../../../src/core/plan/actions/action-catalog.js";
import { contentOf, edited, expectNotApplicable, expectPlanned, repoFiles, roundTrip } from "./action-fixtures.js";
import { HELM_VALUES, KUSTOMIZATION, REDIS, SHOP } from "./k8s-manifests.js";

const NEW_DIGEST = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
const OLD_DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

// A pod running a migration with the app's own image before the app starts.
const MIGRATE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: ghcr.io/acme/api:2.0.0
          args: ["migrate", "--to=latest"]
      containers:
        - name: api
          image: "ghcr.io/acme/api:2.0.0"
        - name: cache
          image: nginx
`;

const FILES: Record<string, string> = {
  "k8s/shop.yaml": SHOP,
  "k8s/redis.yaml": REDIS,
  "charts/shop/values.yaml": HELM_VALUES,
  "deploy/kustomization.yaml": KUSTOMIZATION,
  "k8s/api.yaml": MIGRATE,
};
const plan = (params: Record<string, unknown>, files = FILES) => planAction("set-image-tag", params, repoFiles(files));

describe("set-image-tag", () => {
  test.each([
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop", tag: "1.4.3" }, [["image: ghcr.io/acme/shop:1.4.2   #", "image: ghcr.io/acme/shop:1.4.3   #"]]],
    [{ file: "k8s/shop.yaml", image: "envoyproxy/envoy", container: "envoy", tag: "v1.31.0" }, [["'envoyproxy/envoy:v1.30.1'", "'envoyproxy/envoy:v1.31.0'"]]],
    // a digest replaces tag and digest: the reference becomes exactly what was asked
    [{ file: "k8s/redis.yaml", image: "redis", digest: NEW_DIGEST }, [[`redis:7.2.4@${OLD_DIGEST}`, `redis@${NEW_DIGEST}`]]],
    [{ file: "k8s/redis.yaml", image: "redis", tag: "7.4.0" }, [[`redis:7.2.4@${OLD_DIGEST}`, "redis:7.4.0"]]],
    // Helm: registry + repository name the image, quoting kept, a plain version stays plain
    [{ file: "charts/shop/values.yaml", image: "ghcr.io/acme/shop", tag: "1.5.0" }, [['tag: "1.4.2"', 'tag: "1.5.0"']]],
    [{ file: "charts/shop/values.yaml", image: "acme/worker", tag: "1.11" }, [["tag: 1.10}", "tag: 1.11}"]]],
    [{ file: "charts/shop/values.yaml", image: "acme/worker", tag: "1.11-rc.1" }, [["tag: 1.10}", 'tag: "1.11-rc.1"}']]],
    // Kustomize: newName is the image, newTag and digest move together
    [{ file: "deploy/kustomization.yaml", image: "ghcr.io/acme/shop", tag: "1.4.3" }, [["newTag: 1.4.2 #", "newTag: 1.4.3 #"]]],
    [{ file: "deploy/kustomization.yaml", image: "mirror.gcr.io/library/redis", tag: "7.4", digest: NEW_DIGEST }, [['newTag: "7.2"', 'newTag: "7.4"'], [OLD_DIGEST, NEW_DIGEST]]],
    // every place the image appears moves together
    [{ file: "k8s/api.yaml", image: "ghcr.io/acme/api", tag: "2.0.1" }, [["image: ghcr.io/acme/api:2.0.0\n", "image: ghcr.io/acme/api:2.0.1\n"], ['"ghcr.io/acme/api:2.0.0"', '"ghcr.io/acme/api:2.0.1"']]],
  ])("%j edits only the image version", async (params, replacements) => {
    const planned = expectPlanned(await plan(params));
    const expected = replacements.reduce((text, [before, after]) => edited(text, before!, after!), FILES[params.file]!);
    expect(contentOf(planned)).toBe(expected);
    expect(planned.quantities).toEqual([]);
    expect(planned.description).toHaveLength(replacements.length);
  });

  test("says what changed, where, and how to undo it", async () => {
    const planned = expectPlanned(await plan({ file: "charts/shop/values.yaml", image: "ghcr.io/acme/shop", tag: "1.5.0" }));
    expect(planned.description).toEqual(["In `charts/shop/values.yaml` line 7, set `image.tag` from `1.4.2` to `1.5.0`."]);
    expect(planned.inverse).toEqual({
      action: "set-image-tag",
      params: { file: "charts/shop/values.yaml", image: "ghcr.io/acme/shop", tag: "1.4.2" },
      description: "Set `ghcr.io/acme/shop` in `charts/shop/values.yaml` back to 1.4.2.",
    });
  });

  test("an untagged image can be set, but only undone in words", async () => {
    const planned = expectPlanned(await plan({ file: "k8s/api.yaml", image: "nginx", tag: "1.27.0" }));
    expect(contentOf(planned)).toBe(edited(MIGRATE, "image: nginx", "image: nginx:1.27.0"));
    expect(planned.inverse).toEqual({ action: null, description: "Set `nginx` in `k8s/api.yaml` back to no tag (latest)." });
  });

  test("a container narrows the edit when versions differ", async () => {
    const files = { ...FILES, "k8s/api.yaml": MIGRATE.replace("image: ghcr.io/acme/api:2.0.0", "image: ghcr.io/acme/api:1.9.0") };
    expect(expectNotApplicable(await plan({ file: "k8s/api.yaml", image: "ghcr.io/acme/api", tag: "2.0.1" }, files))).toBe(
      "`ghcr.io/acme/api` appears with different versions in `k8s/api.yaml` (1.9.0, 2.0.0); give the container",
    );
    const planned = expectPlanned(await plan({ file: "k8s/api.yaml", image: "ghcr.io/acme/api", container: "api", tag: "2.0.1" }, files));
    expect(contentOf(planned)).toBe(edited(files["k8s/api.yaml"], '"ghcr.io/acme/api:2.0.0"', '"ghcr.io/acme/api:2.0.1"'));
  });

  test.each([
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop", tag: "1.4.2" }, "`ghcr.io/acme/shop` in `k8s/shop.yaml` is already at 1.4.2"],
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/cart", tag: "1.0.0" }, "`k8s/shop.yaml` has no image `ghcr.io/acme/cart` (it has ghcr.io/acme/shop, envoyproxy/envoy)"],
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop", container: "envoy", tag: "1.0.0" }, '`k8s/shop.yaml` has no image `ghcr.io/acme/shop` in container "envoy" (it has ghcr.io/acme/shop, envoyproxy/envoy)'],
    [{ file: "k8s/gone.yaml", image: "ghcr.io/acme/shop", tag: "1.0.0" }, "`k8s/gone.yaml` does not exist"],
    [{ file: "charts/shop/values.yaml", image: "ghcr.io/acme/shop", digest: NEW_DIGEST }, "`image.tag` is a Helm tag value: give a tag and no digest"],
    [{ file: "deploy/kustomization.yaml", image: "mirror.gcr.io/library/redis", tag: "7.4" }, "`images[1]` pins a digest, which wins over newTag; give the digest to set"],
    [{ file: "deploy/kustomization.yaml", image: "ghcr.io/acme/shop", digest: NEW_DIGEST }, "`images[0]` has no digest key to set"],
  ])("%j is not applicable", async (params, reason) => {
    expect(expectNotApplicable(await plan(params))).toBe(reason);
  });

  test("a file that does not parse is not applicable", async () => {
    const reason = expectNotApplicable(await plan({ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop", tag: "1.4.3" }, { "k8s/shop.yaml": "spec: [unclosed\n" }));
    expect(reason).toMatch(/^`k8s\/shop.yaml` does not parse: /);
  });

  test.each([
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop:1.4.2", tag: "1.4.3" }, ["image"]],
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop" }, ["tag"]],
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop", tag: "1.4 3" }, ["tag"]],
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop", digest: "sha256:abc" }, ["digest"]],
    [{ file: "/etc/shop.yaml", image: "ghcr.io/acme/shop", tag: "1.4.3" }, ["file"]],
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop", version: "1.4.3" }, ["version"]],
  ])("%j names the bad parameter", async (params, path) => {
    const result = await plan(params);
    if (result.kind !== "invalid-params") throw new Error(`expected invalid-params, got ${result.kind}`);
    expect(result.problems.map((p) => p.path)).toContainEqual(path);
  });

  test.each([
    [{ file: "k8s/shop.yaml", image: "ghcr.io/acme/shop", tag: "1.5.0" }],
    [{ file: "k8s/shop.yaml", image: "envoyproxy/envoy", tag: "v1.31.0" }],
    [{ file: "k8s/redis.yaml", image: "redis", digest: NEW_DIGEST }],
    [{ file: "k8s/redis.yaml", image: "redis", tag: "7.4.0" }],
    [{ file: "charts/shop/values.yaml", image: "ghcr.io/acme/shop", tag: "1.5.0-rc.1" }],
    [{ file: "charts/shop/values.yaml", image: "acme/worker", tag: "1.12" }],
    [{ file: "deploy/kustomization.yaml", image: "ghcr.io/acme/shop", tag: "1.4.3" }],
    [{ file: "deploy/kustomization.yaml", image: "mirror.gcr.io/library/redis", tag: "7.4", digest: NEW_DIGEST }],
    [{ file: "k8s/api.yaml", image: "ghcr.io/acme/api", tag: "2.1.0" }],
  ])("%j undone by its inverse gives back the original bytes", async (params) => {
    const { after, back } = await roundTrip("set-image-tag", params, FILES);
    expect(after).not.toBe(FILES[params.file]);
    expect(back).toBe(FILES[params.file]);
  });

  test("the inverse restores the meaning, not the quotes, when the edit had to add them", async () => {
    // `1.10` is a number in YAML; a tag that is not a number must be quoted, and stays quoted on the way back.
    const { back } = await roundTrip("set-image-tag", { file: "charts/shop/values.yaml", image: "acme/worker", tag: "1.11-rc.1" }, FILES);
    expect(back).toBe(edited(HELM_VALUES, "tag: 1.10}", 'tag: "1.10"}'));
  });
});
