/** Finding where a config path is written in a parsed YAML/JSON document, for located issues. */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

/** 1-based line and column in the config file. */
export interface Position {
  line: number;
  column: number;
}

/**
 * A `locate` function over `document`: a map entry is located at its key (the line people look for),
 * a list item at its start. A path that leaves the document stops at the deepest node it reached.
 */
export function locator(
  document: Document,
  lineCounter: LineCounter,
): (path: (string | number)[]) => Position | undefined {
  return (path) => {
    let node: unknown = document.contents;
    let offset = isNodeWithRange(node) ? node.range[0] : undefined;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(document);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (pair === undefined) break;
        offset = isNodeWithRange(pair.key) ? pair.key.range[0] : offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item: unknown = node.items[segment];
        if (!isNodeWithRange(item)) break;
        offset = item.range[0];
        node = item;
      } else break;
    }
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

function isNodeWithRange(value: unknown): value is Node & { range: [number, number, number] } {
  return value !== null && typeof value === "object" && Array.isArray((value as { range?: unknown }).range);
}
