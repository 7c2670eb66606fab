import type { Resource, Transform } from "./resource.js";

/**
 * The types that let a generated `createSource` follow `transform`: a resource
 * with a `map` yields what the map returns, every other resource its API record.
 */

/** Per-resource `filter` and `map` hooks, typed by each resource's record. */
export type TransformsFor<Records> = { [K in keyof Records]?: Transform<Records[K], unknown> };

/** What resource `K` yields under transforms `T`. */
export type OutputOf<Records, T, K extends keyof Records> = K extends keyof T
  ? T[K] extends { map: (record: never) => infer Mapped }
    ? Mapped
    : Records[K]
  : Records[K];

/** The `resources` of a source: each one's records typed after its transform, with its metadata. */
export type ResourcesOf<Records, T, Metadata extends { [K in keyof Records]: object }> = {
  [K in keyof Records]: Resource<OutputOf<Records, T, K>> & Readonly<Metadata[K]>;
};

/** The type of field `K` of `T`, or `unknown` when `T` does not declare it (a parent without a schema). */
export type FieldOf<T, K extends string> = K extends keyof T ? T[K] : unknown;
