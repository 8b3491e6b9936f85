import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export interface SourcePosition {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

type Step = { node: Node; keyNode?: Node };

/**
 * Follows `path` through the YAML document and returns the deepest node reached, so a path that
 * leaves the document (a missing key) still points at the map that should have held it.
 */
const walk = (doc: Document, path: ReadonlyArray<string | number>): Step | undefined => {
  let step: Step | undefined = doc.contents ? { node: doc.contents } : undefined;
  for (const segment of path) {
    if (!step) return undefined;
    const node = isAlias(step.node) ? (step.node.resolve(doc) ?? step.node) : step.node;
    let next: Step | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      const keyNode = pair?.key as Node | undefined;
      if (pair && keyNode) next = { node: (pair.value as Node | null) ?? keyNode, keyNode };
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (item) next = { node: item };
    }
    if (!next) return step;
    step = next;
  }
  return step;
};

/** Line and column of the node at `path` (of its key when `at` is "key"). */
export const locateYamlPath = (
  doc: Document,
  lineCounter: LineCounter,
  path: ReadonlyArray<string | number>,
  at: "key" | "value" = "value",
): SourcePosition => {
  const step = walk(doc, path);
  const node = at === "key" && step?.keyNode ? step.keyNode : step?.node;
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
};
