import { createSource, type ResourceNameParams } from "../../generated/seed/index.js";
import { assertType, type Equal } from "./assert.js";

// Every declared query param is an optional override; the api key's own param is the auth's.
assertType<Equal<ResourceNameParams, { offset?: number; limit?: number }>>();

export function paramOverrides(): void {
  createSource({ secrets: { api_key: "k" }, params: { resource_name: { limit: 50 } } });
  createSource({ secrets: { api_key: "k" }, params: { resource_name: {} } });
  // @ts-expect-error limit is a number in the spec
  createSource({ secrets: { api_key: "k" }, params: { resource_name: { limit: "50" } } });
  // @ts-expect-error the api key is not a param override
  createSource({ secrets: { api_key: "k" }, params: { resource_name: { api_key: "other" } } });
}
