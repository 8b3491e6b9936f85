/**
 * Pattern rules for secrets in log lines. Most regexes follow secretlint's rules
 * (https://github.com/secretlint/secretlint, MIT License, Copyright (c) 2019 azu): aws, github,
 * npm, slack, sendgrid, shopify, openai, anthropic, basicauth, privatekey, gcp and
 * database-connection-string. Where a rule differs, the comment says why; the usual reasons are
 * that a log excerpt has no file name to go by, that only the secret part is replaced (the key,
 * scheme and host stay readable for the diagnosis), and that every quantifier is bounded or
 * followed by a character it cannot match, so no line makes a rule backtrack for long.
 *
 * Each pattern is global with indices (`dg`) and names the part to replace `secret`. Patterns
 * never cross a newline: they run on one line at a time.
 */
export interface SecretRule {
  id: string;
  pattern: RegExp;
  /** true when the matched value is a placeholder rather than a secret */
  isPlaceholder?: (value: string) => boolean;
}

/** `${DB_PASSWORD}`, `$TOKEN`, `${{ secrets.X }}`, `<password>`, `****`, booleans and nulls. */
export const isPlaceholderValue = (value: string): boolean =>
  /^(?:\$\{|\$[A-Za-z_]|\$$|\{\{|%[A-Za-z_]|<[^>]*>?$|\*+$|x{3,}$|X{3,}$|\|$|>$|!|(?:null|nil|none|true|false|undefined|redacted|changeme)$)/i.test(value);

const passwordOf = (credentials: string): string => credentials.slice(credentials.indexOf(":") + 1);

// ghp_/gho_/ghu_/ghs_/ghr_ tokens are the prefix plus 36 characters; fine-grained ones 82.
const GITHUB = /(?<![\p{L}\p{N}_])(?<secret>(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])|github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_]))/dgu;

// Database URLs keep the scheme, host and database, which often explain a connection failure.
const DB_SCHEMES = String.raw`(?:postgres(?:ql)?|mysqlx?|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|mariadb|cockroachdb)`;

// A key whose value is a credential: the key ends with one of these words (`DB_PASSWORD`,
// `clientSecret`, `api-key`), so `max_tokens`, `passwordless` or `secretKeyRef` do not count.
const SECRET_KEY = String.raw`(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{0,60}?(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)(?:[_-]?(?:key|value))?`;
// The value: up to the closing quote when quoted, else up to whitespace or a separator.
const QUOTED_OR_BARE = String.raw`(?<secret>(?<=")[^"]{1,512}(?="|$)|(?<=')[^']{1,512}(?='|$)|[^\s"'\`,;&<>(){}\[\]]{1,512})`;

export const SECRET_RULES: readonly SecretRule[] = [
  {
    // secretlint's gcp rule parses a whole service-account JSON file; in a log the JSON is one line.
    id: "gcp-service-account-key",
    pattern: /"private_key"[ \t]*:[ \t]*"(?<secret>(?:[^"\\]|\\.){1,10000})(?:"|$)|"private_key_id"[ \t]*:[ \t]*"(?<id>[0-9a-f]{40})"/dg,
  },
  {
    // secretlint reports access key ids only with enableIDScanRule; an id in a log still helps an attacker.
    id: "aws-access-key-id",
    pattern: /\b(?<secret>(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16})\b/dg,
  },
  {
    id: "aws-secret-access-key",
    pattern: /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?[ \t]*(?::|=>|=)[ \t]*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dg,
  },
  { id: "github-token", pattern: GITHUB },
  {
    id: "npm-token",
    // `_authToken=${NPM_TOKEN}` is the documented safe form (secretlint issue 302).
    pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9_]{36})(?![A-Za-z0-9_])|_authToken[ \t]*=[ \t]*(?<auth>[^\s$][^\s]{0,511})/dg,
  },
  { id: "slack-token", pattern: /\b(?<secret>xox[abposr]-(?:\d{1,40}-)+[a-zA-Z0-9]{1,40})\b/dg },
  {
    id: "slack-webhook",
    pattern: /https:\/\/hooks\.slack\.com\/services\/(?<secret>T[a-zA-Z0-9]{1,40}\/B[a-zA-Z0-9]{1,40}\/[a-zA-Z0-9]{1,40})/dgi,
  },
  // secretlint: /SG\.\w{1,128}\.\w{1,128}([-_]?)\w{1,128}/; one class for the last part is equivalent and cannot backtrack.
  { id: "sendgrid-api-key", pattern: /\b(?<secret>SG\.[\w-]{1,128}\.[\w-]{1,257})/dg },
  { id: "shopify-token", pattern: /\b(?<secret>(?:shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64})\b/dg },
  {
    // secretlint's exact form, plus any sk-ant- key: test and older keys lack the AA suffix.
    id: "anthropic-api-key",
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-api0\d-[A-Za-z0-9_-]{90,128}AA|sk-ant-[A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/dg,
  },
  {
    // secretlint's pattern needs the T3BlbkFJ marker of real keys; the fallback covers any sk- key.
    id: "openai-api-key",
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}|sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_-])/dg,
  },
  {
    // header.payload.signature, each part base64url; the classes exclude "." so parts cannot overlap.
    id: "jwt",
    pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)/dg,
  },
  {
    id: "database-url",
    pattern: new RegExp(String.raw`\b${DB_SCHEMES}:\/\/(?<secret>[^\s:@\/?#"'<>]{0,256}:[^\s@\/?#"'<>]{1,256})@`, "dgi"),
    isPlaceholder: (credentials) => isPlaceholderValue(passwordOf(credentials)),
  },
  {
    // secretlint limits user and password to [-a-zA-Z0-9_]; percent-encoded passwords are common.
    id: "basic-auth",
    pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(?<secret>[^\s:@/?#"'<>]{0,256}:[^\s@/?#"'<>]{1,256})@/dg,
    isPlaceholder: (credentials) => isPlaceholderValue(passwordOf(credentials)),
  },
  {
    id: "bearer-token",
    pattern:
      /(?<![A-Za-z0-9_-])(?:(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:(?:bearer|basic|token|bot|digest)[ \t]+)?(?<secret>[A-Za-z0-9._~+/=:-]{6,4096})|bearer[ \t]+(?<bare>[A-Za-z0-9._~+/-]{16,4096}=*))/dgi,
    // `Authorization: Bearer ${TOKEN}`: the scheme word is all the pattern can take there.
    isPlaceholder: (value) => /^(?:bearer|basic|token|bot|digest)$/i.test(value),
  },
  {
    id: "password-assignment",
    pattern: new RegExp(String.raw`${SECRET_KEY}["']?[ \t]*(?::|=>|=)[ \t]*["']?${QUOTED_OR_BARE}`, "dgi"),
    isPlaceholder: isPlaceholderValue,
  },
];
