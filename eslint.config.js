import js from "@eslint/js";
import tseslint from "typescript-eslint";

const adapterOnly = (names, where) => names.map((name) => ({ name, message: `${name} is imported only in ${where}.` }));

export default tseslint.config(
  { ignores: ["lib/", "coverage/", "node_modules/", "**/*.json"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // The core is pure: it talks to ports, never to GitHub, git, the LLM or the disk.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ...adapterOnly(["probot", "openai", "simple-git"], "src/adapters"),
            ...adapterOnly(["node:fs", "fs", "node:fs/promises", "fs/promises", "node:child_process", "child_process", "node:http", "node:net"], "adapters, the CLI and the sandbox"),
          ],
          patterns: [
            { group: ["@octokit/*"], message: "@octokit is imported only in src/adapters/github and src/sandbox." },
            { group: ["**/adapters/**", "**/app/**", "**/sandbox/**", "**/cli/**"], message: "the core depends on ports, not on adapters, the app, the CLI or the sandbox." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/schemas/**/*.ts", "src/ports/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["probot", "openai", "simple-git", "@octokit/*", "**/adapters/**", "**/sandbox/**"], message: "schemas and ports stay free of adapters." }] },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
