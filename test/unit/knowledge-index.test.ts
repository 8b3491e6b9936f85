import { describe, expect, test } from "@jest/globals";
import { buildKnowledgeIndex, searchKnowledge, serviceDocs, type KnowledgeDoc } from "../../src/core/diagnose/knowledge-index.js";
import { isLogNoise } from "../../src/core/diagnose/log-noise.js";
import { RepoConfig, ServiceTarget } from "../../src/schemas/repo-config.js";

const doc = (id: string, kind: KnowledgeDoc["kind"], title: string, text: string, meta: Record<string, string> = {}): KnowledgeDoc => ({
  id, kind, title, text, url: kind === "runbook" ? null : `https://github.example/acme/api/issues/${id}`, meta,
});

const runbooks = [
  doc("deploy-failed-rollback", "runbook", "Roll back a failed deploy",
    "When the deploy workflow fails or the health check fails after a deploy, find the last good version and pin the image back or revert the commits since.",
    { cause: "deploy-health", tags: "deploy rollback" }),
  doc("image-pull-backoff", "runbook", "ImagePullBackOff: the image tag is missing from the registry",
    "Pods stay in ImagePullBackOff or ErrImagePull when the kubelet cannot pull the image: the tag was never pushed, the build job was skipped, or imagePullSecrets are wrong.",
    { cause: "deploy-health,configuration", tags: "kubernetes registry" }),
  doc("oom-killed", "runbook", "Container OOMKilled (exit code 137)",
    "The container exceeded its memory limit and the kernel killed it. Compare the memory limit with the heap size, raise resources.limits.memory or fix the leak.",
    { cause: "resources", tags: "kubernetes memory" }),
  doc("npm-dependency-resolution", "runbook", "npm cannot resolve a dependency (ETARGET, ERESOLVE)",
    "No matching version found for a package, or a peer dependency conflict. Pin the version that exists, regenerate package-lock.json, and check the registry.",
    { cause: "dependency", tags: "npm lockfile" }),
  doc("database-connection", "runbook", "Database connection refused or timing out",
    "ECONNREFUSED on port 5432, connection pool exhausted, or DATABASE_URL pointing to the wrong host. Check the network policy, security groups and credentials.",
    { cause: "network,configuration", tags: "postgres database" }),
];
const incidents = [
  doc("101", "incident", "orders-api: ImagePullBackOff after deploy of 1.4.0",
    "Failed to pull image ghcr.io/acme/orders-api:1.4.0: manifest unknown. The build job was skipped so the tag was never pushed; rolled back to 1.3.2.",
    { cause: "deploy-health", service: "orders-api", environment: "production" }),
  doc("102", "incident", "payments: OOMKilled under batch load",
    "payments-worker pods restarted with Reason OOMKilled, exit code 137, during the nightly settlement batch. Memory limit raised from 512Mi to 1Gi.",
    { cause: "resources", service: "payments", environment: "production" }),
  doc("103", "incident", "orders-api cannot reach postgres after network policy change",
    "connect ECONNREFUSED 10.0.3.12:5432 from orders-api after a NetworkPolicy tightened egress. Reverted the policy.",
    { cause: "network", service: "orders-api", environment: "production" }),
  doc("88", "pull-request", "Pin left-pad to 1.3.0 after ETARGET in CI",
    "npm ERR! notarget No matching version found for left-pad@^2.0.0. Pinning to the last published version.", { cause: "dependency" }),
];
const config = RepoConfig.parse({
  services: [
    { name: "orders-api", files: ["k8s/orders-api/deployment.yaml"], owners: ["@acme/orders", "@alice"], slo: { availability: "99.9%", latency_p99_ms: 300 } },
    { name: "orders-api", environment: "staging", files: ["k8s/staging/orders-api.yaml"], owners: ["@bob"] },
    { name: "payments", files: ["k8s/payments/deployment.yaml"], owners: ["@acme/payments"] },
  ],
});
const corpus = [...runbooks, ...incidents, ...serviceDocs(config)];
const index = buildKnowledgeIndex(corpus);
// Scores are BM25: term weights depend on the whole corpus, so extra docs join the realistic one.
const withCorpus = (...extra: KnowledgeDoc[]) => buildKnowledgeIndex([...corpus, ...extra]);
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe("searchKnowledge", () => {
  test("an image pull failure finds the ImagePullBackOff runbook, the past incident and the service owners", () => {
    const result = searchKnowledge(index, {
      excerpt: [
        '  Warning  Failed   12s (x3 over 51s)  kubelet  Failed to pull image "ghcr.io/acme/orders-api:1.4.1": rpc error: code = NotFound desc = manifest unknown',
        "  Warning  Failed   12s (x3 over 51s)  kubelet  Error: ErrImagePull",
        "  Normal   BackOff  1s                 kubelet  Back-off pulling image; pod orders-api-7d9f8c6b5-x2x4k ImagePullBackOff",
      ],
      cause: "deploy-health", service: "orders-api", environment: "production",
    }, 3);
    expect(result.runbooks[0]?.id).toBe("image-pull-backoff");
    expect(result.runbooks[0]?.matched).toEqual(expect.arrayContaining(["imagepullbackoff", "errimagepull", "kubelet", "cause_deploy_health"]));
    expect(ids(result.incidents)).toEqual(["101"]);
    expect(result.incidents[0]?.url).toBe("https://github.example/acme/api/issues/101");
    expect(result.owners).toEqual(["@acme/orders", "@alice"]);
  });

  test("an OOM kill finds the memory runbook and the payments incident", () => {
    const result = searchKnowledge(index, {
      excerpt: ["    Last State:     Terminated", "      Reason:       OOMKilled", "      Exit Code:    137", "pod payments-worker-5f7b9c8d4-kx2lp restarted 4 times"],
      cause: "resources", service: "payments",
    }, 3);
    expect(ids(result.runbooks)).toEqual(["oom-killed"]);
    expect(ids(result.incidents)).toEqual(["102"]);
    expect(result.owners).toEqual(["@acme/payments"]);
  });

  test("an npm resolution error finds the dependency runbook and the pull request that fixed it before", () => {
    const result = searchKnowledge(index, {
      excerpt: ["npm ERR! code ETARGET", "npm ERR! notarget No matching version found for left-pad@^2.0.0.", "npm ERR! notarget a package version that doesn't exist."],
      cause: "dependency",
    }, 3);
    expect(ids(result.runbooks)).toEqual(["npm-dependency-resolution"]);
    expect(ids(result.incidents)).toEqual(["88"]);
    expect(result.owners).toEqual([]);
  });

  test("owners come from the service the excerpt names; sharing only the service name is no match", () => {
    const result = searchKnowledge(index, {
      excerpt: ["Error: connect ECONNREFUSED 10.0.3.12:5432", "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)", "orders-api failed to start: database unavailable"],
      cause: "network", environment: "production",
    }, 3);
    expect(ids(result.runbooks)).toEqual(["database-connection"]);
    expect(ids(result.incidents)).toEqual(["103"]);
    expect(result.owners).toEqual(["@acme/orders", "@alice"]);
    // Without an environment, every environment's owners of that service.
    expect(searchKnowledge(index, { excerpt: ["orders-api crashed"], cause: "unknown" }, 3).owners).toEqual(["@acme/orders", "@alice", "@bob"]);
  });

  test.each([
    [["mkdocs build --strict", "WARNING -  Documentation file 'guide/intro.md' contains a link to 'img/logo.png' which is not found", "Aborted with 1 warnings in strict mode!"], "unknown"],
    [["Run actions/setup-python@v5", "Error: The version '3.13' with architecture 'arm64' was not found for this operating system."], "configuration"],
    [["2026-01-05T12:00:01.123Z 88925d481419f61ba52e9fe2cf24b7a98c8810fc 4242 0x1f3a 250ms"], "unknown"],
  ] as const)("an unrelated excerpt finds nothing above the threshold: %j", (excerpt, cause) => {
    expect(searchKnowledge(index, { excerpt: [...excerpt], cause }, 3)).toEqual({ runbooks: [], incidents: [], owners: [] });
  });

  test("the cause class is a boosted term: it decides between otherwise equal runbooks", () => {
    const text = "connection reset by peer while uploading the build artifact to storage";
    const twins = withCorpus(
      doc("as-network", "runbook", "Artifact upload interrupted", text, { cause: "network" }),
      doc("as-timeout", "runbook", "Artifact upload interrupted", text, { cause: "timeout" }),
    );
    const excerpt = ["Error: connection reset by peer while uploading artifact"];
    expect(ids(searchKnowledge(twins, { excerpt, cause: "timeout" }, 2).runbooks)).toEqual(["as-timeout", "as-network"]);
    expect(ids(searchKnowledge(twins, { excerpt, cause: "network" }, 2).runbooks)).toEqual(["as-network", "as-timeout"]);
  });

  test("a title match outweighs the same words in the body; no prefix or fuzzy matches", () => {
    const pair = withCorpus(
      doc("in-text", "runbook", "Cluster scheduling problems", "Pods pending: FailedScheduling with Insufficient cpu on every node pool", {}),
      doc("in-title", "runbook", "FailedScheduling: Insufficient cpu", "Pods pending on every node pool of the cluster with scheduling problems", {}),
    );
    expect(ids(searchKnowledge(pair, { excerpt: ["0/3 nodes are available: FailedScheduling Insufficient cpu"], cause: "resources" }, 2).runbooks)).toEqual(["in-title", "in-text"]);
    expect(searchKnowledge(pair, { excerpt: ["FailedSchedul Insufficent cpus"], cause: "resources" }, 2).runbooks).toEqual([]);
  });

  test("limit caps each list", () => {
    const many = withCorpus(...Array.from({ length: 6 }, (_, i) => doc(`rb-${i}`, "runbook", `Disk full ${i}`, "No space left on device while writing the docker layer cache", {})));
    expect(searchKnowledge(many, { excerpt: ["write /var/lib/docker: no space left on device"], cause: "resources" }, 2).runbooks).toHaveLength(2);
  });
});

describe("isLogNoise", () => {
  test.each(["2026", "05", "88925d4", "02t14", "250ms", "123z", "req8f3k29x7q2", "error", "failed", "the", "x"])("%s is noise", (t) => expect(isLogNoise(t)).toBe(true));
  test.each(["137", "503", "oomkilled", "econnrefused", "s3", "imagepullbackoff", "database_url"])("%s is kept", (t) => expect(isLogNoise(t)).toBe(false));
});

describe("serviceDocs", () => {
  test("one doc per service and environment, with owners and SLOs", () => {
    const docs = serviceDocs(config);
    expect(docs.map((d) => d.id)).toEqual(["service:orders-api@production", "service:orders-api@staging", "service:payments@production"]);
    expect(docs[0]).toEqual({
      id: "service:orders-api@production", kind: "service", title: "orders-api", url: null,
      text: "Service orders-api in production. Deployed from k8s/orders-api/deployment.yaml. Owners: @acme/orders, @alice. SLO: availability 99.9%, p99 latency 300 ms.",
      meta: { service: "orders-api", environment: "production", owners: "@acme/orders,@alice", slo_availability: "99.9%", slo_latency_p99_ms: "300" },
    });
    expect(docs[2]?.meta).toEqual({ service: "payments", environment: "production", owners: "@acme/payments" });
  });

  test("the config accepts owners and SLOs and rejects what it cannot use", () => {
    const base = { name: "api", files: ["k8s/api.yaml"] };
    expect(ServiceTarget.parse({ ...base, owners: ["@octocat", "@acme/sre", "oncall@acme.example"], slo: { availability: "99.95%" } }).owners).toHaveLength(3);
    expect(ServiceTarget.safeParse({ ...base, owners: ["payments team"] }).success).toBe(false);
    expect(ServiceTarget.safeParse({ ...base, slo: { availability: "99.9" } }).success).toBe(false);
    expect(ServiceTarget.safeParse({ ...base, slo: { latency_p99_ms: -1 } }).success).toBe(false);
    expect(ServiceTarget.safeParse({ ...base, slo: { error_budget: "1%" } }).success).toBe(false);
  });
});
