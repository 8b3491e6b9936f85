/**
 * The literal text a regular expression cannot match without: `npm (?:ERR!|error) code E404`
 * needs "code e404"; `(?:FAILURE|BUILD FAILED)` needs "failure" or "build failed". The excerpt
 * engine looks for these literals in every line with one automaton and runs a signature's
 * regular expression only on lines that contain one, which is what makes a 100 MB log cheap.
 *
 * The answer is lower-cased (the automaton folds ASCII case) and conservative: when the parser is
 * unsure it drops a literal rather than invent one; `null` means "no literal, test every line".
 */
export const MIN_LITERAL_BYTES = 3;

type Req = string[] | null;
interface Node {
  req: Req;
  /** the exact text when the node is plain characters only */
  exact: string | null;
}
type Atom = { kind: "char"; ch: string } | { kind: "zero" } | { kind: "group"; node: Node } | { kind: "other" };

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;
// Only ASCII is folded: the automaton folds ASCII case, and a pattern without the "i" flag
// matches other letters exactly.
const foldAscii = (c: string): string => (c >= "A" && c <= "Z" ? c.toLowerCase() : c);
const hasNonAsciiCase = (text: string): boolean => [...text].some((c) => c > "\u007f" && c.toLowerCase() !== c.toUpperCase());
// Words most lines of a CI log contain: a literal that is one of them lets most lines through the
// pre-filter, so a shorter but rarer literal of the same pattern is preferred.
const COMMON = new Set(["status", "error", "errors", "http", "https", "code", "missing", "empty", "required", "registry", "package", "npm", "test", "tests", "info", "debug", "warn", "warning", "request", "response", "found", "not found", "install", "build", "version", "download", "downloading", "using", "file", "line", "time", "true", "false", "null", "the", "and", "for", "with", "from"]);
const selectivity = (literal: string): number => {
  const bytes = utf8Length(literal);
  if (bytes < MIN_LITERAL_BYTES) return bytes - 100; // unusable: worse than any usable literal
  return COMMON.has(literal.trim()) ? Math.max(MIN_LITERAL_BYTES, bytes - 4) - 0.5 : bytes;
};
const quality = (req: Req): number => (req === null ? -1 : Math.min(...req.map(selectivity)) - req.length / 100);
const better = (a: Req, b: Req): Req => (quality(b) > quality(a) ? b : a);

// A class such as [Ee] or [.] stands for one character once case is folded.
const singleClassChar = (body: string): string | null => {
  if (body.includes("-") || body.startsWith("^") || /\\[a-zA-Z0-9]/.test(body)) return null;
  const folded = new Set([...body.replace(/\\(.)/g, "$1")].map(foldAscii));
  return folded.size === 1 ? [...folded][0]! : null;
};

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Req {
    const node = this.alternation();
    return this.i === this.src.length ? node.req : null;
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i += 1;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    const reqs = branches.map((b) => b.req);
    return { req: reqs.some((r) => r === null) ? null : reqs.flatMap((r) => r ?? []), exact: null };
  }

  private sequence(): Node {
    let best: Req = null;
    let run = "";
    let exact: string | null = "";
    const flush = () => {
      if (run.length > 0) best = better(best, [run]);
      run = "";
    };
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const atom = this.atom();
      const { min, max } = this.quantifier();
      const text = atom.kind === "char" ? atom.ch : atom.kind === "group" ? atom.node.exact : null;
      if (atom.kind === "zero") continue;
      if (text === null || (this.ignoreCase && hasNonAsciiCase(text))) {
        flush();
        exact = null;
        if (atom.kind === "group" && min >= 1) best = better(best, atom.node.req);
        continue;
      }
      if (min === 0) {
        flush();
        exact = null;
      } else if (min === max) {
        run += text.repeat(min);
        if (exact !== null) exact += text.repeat(min);
      } else {
        // "ab+c" needs "ab" and "bc": the first and the last repetition touch their neighbours.
        run += text;
        flush();
        run = text;
        exact = null;
      }
    }
    flush();
    return { req: best, exact };
  }

  private atom(): Atom {
    const c = this.src[this.i++]!;
    if (c === "^" || c === "$") return { kind: "zero" };
    if (c === ".") return { kind: "other" };
    if (c === "[") return this.characterClass();
    if (c === "(") return this.group();
    if (c === "\\") return this.escape();
    return { kind: "char", ch: foldAscii(c) };
  }

  private group(): Atom {
    let lookaround = false;
    if (this.src.startsWith("?:", this.i)) this.i += 2;
    else if (/^\?<?[=!]/.test(this.src.slice(this.i, this.i + 3))) {
      lookaround = true;
      this.i += this.src[this.i + 1] === "<" ? 3 : 2;
    } else if (this.src.startsWith("?<", this.i)) this.i = this.src.indexOf(">", this.i) + 1;
    const node = this.alternation();
    this.i += 1; // ")"
    return lookaround ? { kind: "zero" } : { kind: "group", node };
  }

  private characterClass(): Atom {
    let body = "";
    while (this.i < this.src.length && this.src[this.i] !== "]") {
      if (this.src[this.i] === "\\") body += this.src[this.i++];
      body += this.src[this.i++];
    }
    this.i += 1;
    const ch = singleClassChar(body);
    return ch === null ? { kind: "other" } : { kind: "char", ch };
  }

  private escape(): Atom {
    const c = this.src[this.i++] ?? "";
    if (c === "b" || c === "B") return { kind: "zero" };
    if ("dDwWsSpPk123456789".includes(c)) {
      if ((c === "p" || c === "P" || c === "k") && this.src[this.i] === "{") this.i = this.src.indexOf("}", this.i) + 1;
      if (c === "k" && this.src[this.i] === "<") this.i = this.src.indexOf(">", this.i) + 1;
      return { kind: "other" };
    }
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", "0": "\0" };
    if (simple[c] !== undefined) return { kind: "char", ch: simple[c] };
    const hex = c === "x" ? /^[0-9a-fA-F]{2}/ : c === "u" ? /^[0-9a-fA-F]{4}/ : null;
    if (hex) {
      const m = hex.exec(this.src.slice(this.i));
      if (!m) return { kind: "other" };
      this.i += m[0].length;
      return { kind: "char", ch: foldAscii(String.fromCharCode(parseInt(m[0], 16))) };
    }
    if (c === "c") {
      this.i += 1;
      return { kind: "other" };
    }
    return { kind: "char", ch: foldAscii(c) };
  }

  private quantifier(): { min: number; max: number } {
    const c = this.src[this.i];
    let q = { min: 1, max: 1 };
    if (c === "*") q = { min: 0, max: Infinity };
    else if (c === "+") q = { min: 1, max: Infinity };
    else if (c === "?") q = { min: 0, max: 1 };
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return q;
      const min = Number(m[1]);
      this.i += m[0].length - 1;
      q = { min, max: m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity };
    } else return q;
    this.i += 1;
    if (this.src[this.i] === "?") this.i += 1; // lazy
    return q;
  }
}

/** The literals (any one of which) every match of `pattern` contains, lower-cased; null if none is long enough. */
export const requiredLiterals = (pattern: string, flags = ""): string[] | null => {
  const req = new Parser(pattern, flags.includes("i")).parse();
  if (req === null || req.some((lit) => utf8Length(lit) < MIN_LITERAL_BYTES)) return null;
  return [...new Set(req)];
};
