import { createSource, type ConfigValues } from "../../generated/run-time-values/index.js";
import { assertType, type Equal } from "./assert.js";

// Run-time values are typed from the spec parameters they fill: string, integer, enum as a literal union.
assertType<Equal<ConfigValues["owner"], string | undefined>>();
assertType<Equal<ConfigValues["per_page"], number | undefined>>();
assertType<Equal<ConfigValues["state"], "open" | "closed" | undefined>>();

export function runTimeValues(): void {
  createSource({ config: { owner: "octocat", repo: "hello", per_page: 50, state: "closed" } });
  // @ts-expect-error per_page is an integer in the spec
  createSource({ config: { per_page: "50" } });
  // @ts-expect-error state is one of the spec's enum values
  createSource({ config: { state: "all" } });
  // @ts-expect-error the config names no such run-time value
  createSource({ config: { organisation: "acme" } });
}
