/** Issue paths: `resources[2].endpoint.paginator.limit`, the form people read and `locate` resolves. */

/** A path into the config: object keys and array indices, from the root. */
export type PathSegments = readonly (string | number)[];

/** A problem at a path of the config, before it is located in the file. */
export interface FoundIssue {
  path: PathSegments;
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Dotted keys, bracketed indices; keys that are not plain names are bracketed and quoted (`headers["X Key"]`). */
export function formatPath(segments: PathSegments): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Segments of a JSON Pointer (`/resources/2/endpoint`) into `root`: a segment is an array index only
 * where the value at that point is an array, since an object key may look like a number too.
 */
export function pointerSegments(pointer: string, root: unknown): (string | number)[] {
  if (pointer === "") return [];
  const segments: (string | number)[] = [];
  let value: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value) && /^\d+$/.test(key)) {
      const index = Number(key);
      segments.push(index);
      value = value[index];
    } else {
      segments.push(key);
      value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    }
  }
  return segments;
}
