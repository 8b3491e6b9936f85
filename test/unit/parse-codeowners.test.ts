import { describe, expect, test } from "@jest/globals";
import { ownersFor, parseCodeowners, patternMatches, reviewersFor } from "../../src/core/act/parse-codeowners.js";

// The example file from GitHub's "About code owners" page, comments shortened.
const GITHUB_EXAMPLE = `# This is a comment.
# These owners will be the default owners for everything in the repo.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most precedence.
*.js    @js-owner #This is an inline comment.

# You can also use email addresses if you prefer.
*.go docs@example.com

*.txt @octo-org/octocats

/build/logs/ @doctocat

docs/*  docs@example.com

apps/ @octocat

/docs/ @doctocat

/scripts/ @doctocat @octocat

**/logs @octocat

/apps/ @octocat
/apps/github
`;

describe("CODEOWNERS patterns", () => {
  // (pattern, path, matches): from the comments of GitHub's example file, then gitignore edge cases.
  test.each([
    ["*", "README.md", true],
    ["*", "deeply/nested/file.rb", true],
    ["*.js", "app.js", true],
    ["*.js", "src/lib/app.js", true],
    ["*.js", "app.jsx", false],
    ["/build/logs/", "build/logs/out.log", true],
    ["/build/logs/", "build/logs/2024/05/out.log", true],
    ["/build/logs/", "src/build/logs/out.log", false],
    ["/build/logs/", "build/logs", false],
    ["docs/*", "docs/getting-started.md", true],
    ["docs/*", "docs/build-app/troubleshooting.md", false],
    ["docs/*", "src/docs/getting-started.md", false],
    ["apps/", "apps/web/index.ts", true],
    ["apps/", "services/apps/index.ts", true],
    ["apps/", "apps", false],
    ["/docs/", "docs/a/b/c.md", true],
    ["/docs/", "src/docs/a.md", false],
    ["**/logs", "build/logs/a.log", true],
    ["**/logs", "scripts/logs/a.log", true],
    ["**/logs", "deeply/nested/logs/a.log", true],
    ["**/logs", "logs", true],
    ["**/logs", "logsfile", false],
    ["/apps/github", "apps/github/index.js", true],
    ["/apps/github", "apps/githubber/index.js", false],
    // a slash-free name matches a file or directory at any depth
    ["foo", "foo", true],
    ["foo", "bar/foo/baz", true],
    ["foo", "foo.txt", false],
    ["/foo", "bar/foo", false],
    // an inner slash anchors to the root
    ["foo/bar", "foo/bar/baz", true],
    ["foo/bar", "baz/foo/bar", false],
    // `*` stays within a segment, `**` crosses them
    ["/*", "README.md", true],
    ["/*", "src/index.ts", false],
    ["/*/", "src/index.ts", true],
    ["foo/*.txt", "foo/bar.txt", true],
    ["foo/*.txt", "foo/bar/baz.txt", false],
    ["foo/*/baz", "foo/bar/baz/qux", true],
    ["foo/*/baz", "foo/baz", false],
    ["foo/**/bar", "foo/bar", true],
    ["foo/**/bar", "foo/a/b/bar/c", true],
    ["foo/**/bar", "x/foo/bar", false],
    ["foo/bar/**", "foo/bar", false],
    ["foo/bar/**", "foo/bar/baz/qux", true],
    ["f?o", "foo", true],
    ["f?o", "fooo", false],
    ["f\\*o", "f*o", true],
    ["f\\*o", "foo", false],
    // paths are case-sensitive on GitHub
    ["/Docs/", "docs/a.md", false],
  ])("%s on %s → %s", (pattern, path, matches) => {
    expect(patternMatches(pattern, path)).toBe(matches);
  });
});

describe("parseCodeowners", () => {
  const { rules, errors } = parseCodeowners(GITHUB_EXAMPLE);

  test("reads GitHub's example without errors, keeping line numbers and ignoring inline comments", () => {
    expect(errors).toEqual([]);
    expect(rules.map((r) => r.pattern)).toEqual(["*", "*.js", "*.go", "*.txt", "/build/logs/", "docs/*", "apps/", "/docs/", "/scripts/", "**/logs", "/apps/", "/apps/github"]);
    expect(rules[1]).toEqual({ pattern: "*.js", owners: ["@js-owner"], line: 6 });
  });

  test.each([
    ["README.md", ["@global-owner1", "@global-owner2"]],
    ["src/app.js", ["@js-owner"]],
    ["cmd/main.go", ["docs@example.com"]],
    ["notes/todo.txt", ["@octo-org/octocats"]],
    ["build/logs/x.log", ["@octocat"]], // **/logs comes later than /build/logs/
    ["scripts/deploy.sh", ["@doctocat", "@octocat"]],
    ["docs/getting-started.md", ["@doctocat"]], // /docs/ comes after docs/*
    ["apps/web/index.ts", ["@octocat"]],
    ["apps/github/index.ts", []], // the last match lists no owners
  ])("the last matching rule wins: %s → %j", (path, owners) => {
    expect(ownersFor(rules, path)).toEqual(owners);
  });

  test("a path no rule matches has no owners", () => {
    expect(ownersFor(parseCodeowners("/src/ @a").rules, "docs/a.md")).toEqual([]);
  });

  test("reports the gitignore features GitHub does not support, and bad owners, and skips those lines", () => {
    const parsed = parseCodeowners(["!*.md @a", "ceval*.[ch] @b", "\\#notes.md @c", "* user", "/ @d", "*.rs   @ok  # fine", ""].join("\n"));
    expect(parsed.errors.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    expect(parsed.errors[0]!.message).toMatch(/negation/);
    expect(parsed.errors[1]!.message).toMatch(/character ranges/);
    expect(parsed.errors[2]!.message).toMatch(/escaping a leading `#`/);
    expect(parsed.errors[3]!.message).toMatch(/invalid owner "user"/);
    expect(parsed.rules).toEqual([{ pattern: "*.rs", owners: ["@ok"], line: 6 }]);
  });

  test("keeps escaped spaces inside a pattern and accepts CRLF files", () => {
    const { rules: r } = parseCodeowners("path\\ with\\ spaces/ @space-owner\r\n*.md @md\r\n");
    expect(r[0]).toEqual({ pattern: "path\\ with\\ spaces/", owners: ["@space-owner"], line: 1 });
    expect(ownersFor(r, "path with spaces/a.txt")).toEqual(["@space-owner"]);
    expect(ownersFor(r, "a.md")).toEqual(["@md"]);
  });
});

describe("reviewersFor", () => {
  const { rules } = parseCodeowners(
    ["* @Default-Owner", "/deploy/ @acme/SRE @alice ops@example.com", "/deploy/k8s/ @acme/platform @bob @agenticops-bot", "/deploy/k8s/secret/"].join("\n"),
  );

  test("unions owners of every path into logins and team slugs, drops emails, sorts deterministically", () => {
    expect(reviewersFor(rules, ["deploy/k8s/api.yaml", "deploy/values.yaml", "README.md"], { exclude: [] })).toEqual({
      users: ["agenticops-bot", "alice", "bob", "Default-Owner"],
      teams: ["platform", "SRE"],
    });
  });

  test("excludes the bot and the author case-insensitively, with or without @, and teams by slug or org/slug", () => {
    expect(reviewersFor(rules, ["deploy/k8s/api.yaml", "deploy/x.yaml"], { exclude: ["@AgentiCops-Bot", "BOB", "acme/sre"] })).toEqual({
      users: ["alice"],
      teams: ["platform"],
    });
    expect(reviewersFor(rules, ["deploy/k8s/api.yaml"], { exclude: ["platform"] }).teams).toEqual([]);
  });

  test("a path whose last rule has no owners requests nobody; the same order whatever the path order", () => {
    expect(reviewersFor(rules, ["deploy/k8s/secret/token"], { exclude: [] })).toEqual({ users: [], teams: [] });
    const a = reviewersFor(rules, ["README.md", "deploy/k8s/a", "deploy/b"], { exclude: [] });
    const b = reviewersFor(rules, ["deploy/b", "deploy/k8s/a", "README.md"], { exclude: [] });
    expect(a).toEqual(b);
  });
});
