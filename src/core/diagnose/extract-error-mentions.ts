/**
 * What a failure excerpt names: files, modules, dependencies, symbols, config keys, images and
 * tests, read from the messages of common toolchains (node/TypeScript, Python, Go, JVM, Rust,
 * .NET, Kubernetes). Each list is deduplicated in order of appearance. Precision matters more
 * than recall here: every mention can earn a commit a place among the suspects.
 */
export interface ErrorMentions {
  /** file paths as written, without `./` and `:line:col` */
  paths: string[];
  /** relative module specifiers an import failed on (`./config.js`) */
  modules: string[];
  /** dependency names (`left-pad`, `@scope/pkg`, `requests`, `github.com/acme/lib`) */
  packages: string[];
  /** identifiers the compiler or runtime names (`Foo`, `bar`) */
  symbols: string[];
  /** environment variables and config keys (`DATABASE_URL`, `image.tag`, `replicas`) */
  configKeys: string[];
  /** image references a pull failed on (`ghcr.io/acme/api:1.4.0`) */
  images: string[];
  /** failing test names (`evicts stale entries`, `TestCacheEviction`) */
  tests: string[];
}

type Kind = keyof ErrorMentions;
type Extractor = [RegExp, (m: RegExpMatchArray, add: (kind: Kind, value: string | undefined) => void) => void];

const EXTENSIONS =
  "ts|tsx|js|jsx|mjs|cjs|json|py|go|java|kt|kts|scala|rb|rs|cs|fs|php|c|h|cc|cpp|hpp|swift|m|yaml|yml|toml|tf|tfvars|hcl|sh|bash|ps1|sql|graphql|gql|proto|xml|gradle|properties|ini|cfg|conf|env|lock|mod|sum|txt|vue|svelte|css|scss|html|erb|ex|exs|dart|lua|r|pl";
// A path is segments of [\w@.+-] ending in a known extension; the look-behind keeps the match
// from starting inside a longer token, and each segment ends with "/", so nothing backtracks long.
const PATH = new RegExp(
  String.raw`(?<![\w@.+/-])((?:\.{1,2}/|/)?(?:[\w@.+-]{1,100}/){0,30}[\w@+-][\w@.+-]{0,100}\.(?:${EXTENSIONS}))(?![\w])(?::\d+(?::\d+)?)?`,
  "g",
);
const SPECIAL_FILES = /(?<![\w.-])((?:[\w@.+-]{1,100}\/){0,30}(?:Dockerfile|Makefile|Jenkinsfile|Gemfile|Procfile|Containerfile))\b/g;

// Error codes and shell noise that look like environment variable names.
const NOT_A_CONFIG_KEY = /^(?:ERR|ERROR|WARN|E|TS|CS|HTTP|EXIT|GITHUB_STEP|RUNNER|ACTIONS)_/;

const nodePackage = (spec: string): string | undefined => {
  if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:")) return undefined;
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
};

const importFailure = (spec: string | undefined, add: (kind: Kind, value: string | undefined) => void): void => {
  if (spec === undefined) return;
  if (spec.startsWith(".") || spec.startsWith("/")) add("modules", spec);
  else add("packages", nodePackage(spec));
};

const EXTRACTORS: Extractor[] = [
  // node, TypeScript, bundlers
  [/Cannot find (?:module|package) '([^'\s]{1,200})'/g, (m, add) => importFailure(m[1], add)],
  [/Can't resolve '([^'\s]{1,200})'/g, (m, add) => importFailure(m[1], add)],
  [/(?:Could not resolve|Failed to resolve import) "([^"\s]{1,200})"/g, (m, add) => importFailure(m[1], add)],
  [/The requested module '([^'\s]{1,200})' does not provide an export named '([\w$]{1,100})'/g, (m, add) => (importFailure(m[1], add), add("symbols", m[2]))],
  [/error TS\d{4}: .{0,400}/g, (m, add) => { for (const q of m[0].matchAll(/'([A-Za-z_$][\w$]{0,100})'/g)) add("symbols", q[1]); }],
  [/TS2305: Module '"([^"]{1,200})"'/g, (m, add) => importFailure(m[1], add)],
  [/([A-Za-z_$][\w$]{0,100}) is not (?:a function|defined|a constructor)/g, (m, add) => add("symbols", m[1])],
  [/\(reading '([\w$]{1,100})'\)/g, (m, add) => add("symbols", m[1])],
  [/404 Not Found - GET https?:\/\/\S{1,200}?\/((?:@[\w.-]{1,100}(?:%2[fF]|\/))?[\w.-]{1,100})(?:\s|$)/g, (m, add) => add("packages", m[1]?.replace(/%2[fF]/, "/"))],
  [/No matching version found for ((?:@[\w.-]{1,100}\/)?[\w.-]{1,100})@/g, (m, add) => add("packages", m[1])],
  [/(?:peer |dev |optional )?((?:@[\w.-]{1,100}\/)?[a-z0-9][\w.-]{0,100})@"[^"]{1,100}" from/g, (m, add) => add("packages", m[1])],
  // Python
  [/No module named '([\w.]{1,200})'/g, (m, add) => add("packages", m[1]?.split(".")[0])],
  [/cannot import name '(\w{1,100})' from '([\w.]{1,200})'/g, (m, add) => (add("symbols", m[1]), add("packages", m[2]?.split(".")[0]))],
  [/(?:No matching distribution found for|satisfies the requirement) ([A-Za-z0-9][\w.-]{0,100})/g, (m, add) => add("packages", m[1])],
  [/NameError: name '(\w{1,100})' is not defined/g, (m, add) => add("symbols", m[1])],
  [/has no attribute '(\w{1,100})'/g, (m, add) => add("symbols", m[1])],
  [/KeyError: '(\w{1,100})'/g, (m, add) => add("configKeys", m[1])],
  [/FAILED ([\w/.-]{1,200}\.py)::(\w{1,100})(?:::(\w{1,100}))?/g, (m, add) => (add("paths", m[1]), add("tests", m[3] ?? m[2]))],
  // Go
  [/undefined: ([\w.]{1,200})/g, (m, add) => (add("symbols", m[1]), add("symbols", m[1]?.split(".").pop()))],
  [/(?:no required module provides package|cannot find package|could not import) "?([\w.-]{1,100}(?:\/[\w.-]{1,100}){1,10})"?/g, (m, add) => add("packages", m[1])],
  [/go: ([\w.-]{1,100}(?:\/[\w.-]{1,100}){1,10})@v\d[\w.+-]{0,60}: /g, (m, add) => add("packages", m[1])],
  [/--- FAIL: (\w{1,200})/g, (m, add) => add("tests", m[1])],
  // JVM
  [/symbol:\s{1,20}(?:class|method|variable) (\w{1,100})/g, (m, add) => add("symbols", m[1])],
  [/package ([\w.]{1,200}) does not exist/g, (m, add) => add("packages", m[1])],
  [/\b([\w.-]{1,100}):([\w.-]{1,100}):(?:jar|pom|war|aar):[\w.-]{1,60}/g, (m, add) => add("packages", m[2])],
  [/Could not find ([\w.-]{1,100}):([\w.-]{1,100}):[\w.-]{1,60}/g, (m, add) => add("packages", m[2])],
  [/\[ERROR\]\s{1,10}(\w{1,100})\.(\w{1,100}):\d+/g, (m, add) => (add("symbols", m[1]), add("tests", m[2]))],
  // Rust, .NET
  [/cannot find (?:value|function|type|struct|macro|trait) `(\w{1,100})`/g, (m, add) => add("symbols", m[1])],
  [/no method named `(\w{1,100})`/g, (m, add) => add("symbols", m[1])],
  [/(?:failed to select a version for|no matching package named) `([\w-]{1,100})`/g, (m, add) => add("packages", m[1])],
  [/The (?:type or namespace )?name '(\w{1,100})' (?:does not exist|could not be found)/g, (m, add) => add("symbols", m[1])],
  // Jest
  [/● ([^›\n]{1,200}) › ([^\n]{1,300})/g, (m, add) => add("tests", m[2]?.split(" › ").pop()?.trim())],
  // Configuration and environment
  [/\b(?:process\.env\.|os\.environ\[['"]|getenv\(['"]|ENV\[['"])([A-Z][A-Z0-9_]{1,100})/g, (m, add) => add("configKeys", m[1])],
  [/\b([A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,10})\b/g, (m, add) => add("configKeys", m[1])],
  [/unknown field "?([\w.-]{1,100})"?/g, (m, add) => add("configKeys", m[1])],
  [/\b((?:[a-z][\w-]{0,60}(?:\[\d{1,4}\])?\.){1,10}[a-z][\w-]{0,60}): (?:Required value|Invalid value|Unsupported value)/g, (m, add) => (add("configKeys", m[1]), add("configKeys", m[1]?.split(".").pop()))],
  [/(?:pull(?:ing)? image|image) "([^"\s]{1,300})"/gi, (m, add) => add("images", m[1])],
  [/manifest for (\S{1,300}) not found/g, (m, add) => add("images", m[1])],
];

/** Mentions in `excerpt`, in order of appearance. */
export const extractErrorMentions = (excerpt: readonly string[]): ErrorMentions => {
  const found: { [K in Kind]: Set<string> } = {
    paths: new Set(), modules: new Set(), packages: new Set(), symbols: new Set(), configKeys: new Set(), images: new Set(), tests: new Set(),
  };
  const add = (kind: Kind, value: string | undefined): void => {
    const v = value?.trim();
    if (!v || v.length < 2) return;
    if (kind === "configKeys" && NOT_A_CONFIG_KEY.test(v)) return;
    found[kind].add(v);
  };
  for (const line of excerpt) {
    for (const m of line.matchAll(PATH)) add("paths", m[1]?.replace(/^\.\//, ""));
    for (const m of line.matchAll(SPECIAL_FILES)) add("paths", m[1]);
    for (const [pattern, take] of EXTRACTORS) for (const m of line.matchAll(pattern)) take(m, add);
  }
  // A module that failed to import is also a file the error names.
  for (const m of found.modules) found.paths.delete(m.replace(/^\.\//, ""));
  return {
    paths: [...found.paths], modules: [...found.modules], packages: [...found.packages], symbols: [...found.symbols],
    configKeys: [...found.configKeys], images: [...found.images], tests: [...found.tests],
  };
};
