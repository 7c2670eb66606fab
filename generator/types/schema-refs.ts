import { typeName, uniqueNames } from "../emit/literal.js";
import { isJsonObject, resolvePointer } from "./json-pointer.js";
import { setOwn } from "./own-property.js";

/** The decoded segments of a local JSON pointer `#/a/b~1c`. */
function pointerSegments(ref: string): string[] {
  return ref
    .replace(/^#\/?/, "")
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * The name a referenced schema is known by: its key under `components/schemas`,
 * `definitions` or `$defs`, else the last key of the pointer (with the key before
 * it when that is an index: `allOf/0` → `allOf0`), so that no `$ref` is ever
 * left dangling in the document openapi-typescript sees.
 */
export function refName(ref: string): string {
  const segments = pointerSegments(ref);
  const last = segments[segments.length - 1] ?? "Schema";
  return /^\d+$/.test(last) ? `${segments[segments.length - 2] ?? ""}${last}` : last;
}

/** Every local `$ref` reachable from `roots` (through the schemas they point to), with its target. Iterative: ref chains in large descriptions run deep. */
export function reachableRefs(document: unknown, roots: readonly unknown[]): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const stack: unknown[] = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...[...node].reverse());
    else if (isJsonObject(node)) {
      const children = Object.entries(node).filter(([key]) => key !== "$ref").map(([, child]) => child);
      stack.push(...children.reverse());
      const ref = node["$ref"];
      if (typeof ref === "string" && ref.startsWith("#") && !found.has(ref)) {
        const target = resolvePointer(document, ref);
        found.set(ref, target);
        stack.push(target);
      }
    }
  }
  return found;
}

/**
 * A PascalCase type name per `$ref`, collision-free among themselves and with
 * `taken`. Stable: assigned in sorted `$ref` order, so adding a resource never
 * renames the types another resource already had unless their names collide.
 */
export function refTypeNames(refs: Iterable<string>, taken: Iterable<string>): Map<string, string> {
  const sorted = [...refs].sort();
  const names = uniqueNames(
    sorted.map((ref) => typeName(refName(ref))),
    taken,
  );
  return new Map(sorted.map((ref, index) => [ref, names[index]!]));
}

/** A deep copy of `node` whose `$ref`s point at the renamed schemas under `#/components/schemas/`. */
export function renameRefs(node: unknown, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((child) => renameRefs(child, names));
  if (!isJsonObject(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    const renamed = key === "$ref" && typeof child === "string" ? names.get(child) : undefined;
    setOwn(copy, key, renamed === undefined ? renameRefs(child, names) : `#/components/schemas/${renamed}`);
  }
  return copy;
}
