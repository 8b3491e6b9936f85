import { describe, expect, test } from "@jest/globals";
import { formatImageReference, imageVersion, parseImageReference } from "../../src/core/plan/image-reference.js";

const DIGEST = `sha256:${"3f2a1c9e".repeat(8)}`;

describe("parseImageReference", () => {
  test.each([
    ["nginx", "nginx", null, null],
    ["nginx:1.25-alpine", "nginx", "1.25-alpine", null],
    ["docker.io/library/nginx:1.25", "docker.io/library/nginx", "1.25", null],
    ["ghcr.io/acme/api:v2.3.1_rc.1", "ghcr.io/acme/api", "v2.3.1_rc.1", null],
    ["registry.acme.internal:5000/acme/api", "registry.acme.internal:5000/acme/api", null, null],
    ["registry.acme.internal:5000/acme/api:1.4.0", "registry.acme.internal:5000/acme/api", "1.4.0", null],
    ["localhost:5000/api:dev", "localhost:5000/api", "dev", null],
    ["localhost/api", "localhost/api", null, null],
    ["[::1]:5000/api:1", "[::1]:5000/api", "1", null],
    ["Registry.Example.COM/team/api:2", "Registry.Example.COM/team/api", "2", null],
    ["quay.io/team/sub-team/api_server__x:latest", "quay.io/team/sub-team/api_server__x", "latest", null],
    [`ghcr.io/acme/api@${DIGEST}`, "ghcr.io/acme/api", null, DIGEST],
    [`registry.local:5000/api:1.2.0@${DIGEST}`, "registry.local:5000/api", "1.2.0", DIGEST],
  ])("%s", (text, repository, tag, digest) => {
    expect(parseImageReference(text)).toEqual({ repository, tag, digest });
  });

  test("does not mistake a registry port for a tag", () => {
    expect(parseImageReference("registry.local:5000/api")?.tag).toBeNull();
    expect(parseImageReference("registry.local:5000/api:5001")?.tag).toBe("5001");
  });

  test("ignores whitespace around the reference, as YAML values sometimes carry it", () => {
    expect(parseImageReference("  nginx:1.25 ")).toEqual({ repository: "nginx", tag: "1.25", digest: null });
  });

  test.each([
    ["", "empty"],
    ["{{ .Values.image }}", "a Helm template"],
    ["${IMAGE}", "a shell variable"],
    ["Nginx:1.25", "upper case in a path component"],
    ["my app:1.0", "a space"],
    ["api:", "an empty tag"],
    ["api:-bad", "a tag starting with a dash"],
    [`api:${"x".repeat(129)}`, "a tag over 128 characters"],
    ["api@sha256:xyz", "a digest that is not hex"],
    ["api@1234", "a digest without an algorithm"],
    ["/api:1", "an empty path component"],
    ["team//api", "an empty middle component"],
    ["bad_host:5000/api:1", "a host with an underscore"],
  ])("rejects %s (%s)", (text) => {
    expect(parseImageReference(text)).toBeNull();
  });
});

describe("formatImageReference", () => {
  test.each([
    "nginx",
    "nginx:1.25",
    "registry.acme.internal:5000/acme/api:1.4.0",
    "registry.acme.internal:5000/acme/api",
    `ghcr.io/acme/api@${DIGEST}`,
    `registry.local:5000/api:1.2.0@${DIGEST}`,
  ])("round-trips %s", (text) => {
    const parsed = parseImageReference(text);
    expect(parsed).not.toBeNull();
    expect(formatImageReference(parsed!)).toBe(text);
  });

  test("writes a new tag without touching the registry port", () => {
    const parsed = parseImageReference("registry.local:5000/api:1.5.0")!;
    expect(formatImageReference({ ...parsed, tag: "1.4.0" })).toBe("registry.local:5000/api:1.4.0");
  });
});

describe("imageVersion", () => {
  test("is what a runtime pulls: digest over tag, latest when neither", () => {
    expect(imageVersion(parseImageReference("nginx")!)).toBe("latest");
    expect(imageVersion(parseImageReference("nginx:1.25")!)).toBe("1.25");
    expect(imageVersion(parseImageReference(`nginx:1.25@${DIGEST}`)!)).toBe(DIGEST);
  });
});
