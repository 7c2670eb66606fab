import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../support/temp-dir.js";
import { typeCheck } from "../../support/typecheck.js";
import { FIXTURES, declarationsModule, deriveTypes, type ResourceSpec } from "./derive.js";

/**
 * One case per schema construct: a fixture document, the resources read from it,
 * and type facts about the derived declarations. Facts are TypeScript compiled
 * against the declarations under the strictest settings: `assertType<Equal<…>>()`
 * must hold, and a line after `// @ts-expect-error` must not compile.
 * The declarations are also compared with the golden file `golden/<case>.ts`.
 */
interface Case {
  name: string;
  fixture: string | undefined;
  resources: ResourceSpec[];
  baseUrl?: string;
  facts: string;
}

const PRELUDE = `type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(): T | void {}
`;

const CASES: Case[] = [
  {
    name: "nullable-3.0",
    fixture: "nullable-3.0.yaml",
    resources: [{ name: "items", path: "/items", dataSelector: "$" }],
    facts: `import type { Items, Item, Tag } from "./types.js";
assertType<Equal<Items, Item>>();
assertType<Equal<Item["id"], number>>();
assertType<Equal<Item["name"], string | null>>();
assertType<Equal<Item["note"], string | null | undefined>>();
assertType<Equal<Item["tag"], Tag | null>>();
assertType<Equal<Item["owner"], Tag | null | undefined>>();
export const ok: Item = { id: 1, name: null, tag: null };
// @ts-expect-error name is nullable but required
export const noName: Item = { id: 1, tag: null };
// @ts-expect-error id is not nullable
export const nullId: Item = { id: null, name: null, tag: null };`,
  },
  {
    name: "type-arrays-3.1",
    fixture: "type-arrays-3.1.yaml",
    resources: [{ name: "items", path: "/items", dataSelector: "data" }],
    facts: `import type { Item, Tag } from "./types.js";
assertType<Equal<Item["name"], string | null>>();
assertType<Equal<Item["count"], number | null>>();
assertType<Equal<Item["score"], number | null | undefined>>();
assertType<Equal<Item["tag"], Tag | null>>();
assertType<Equal<Item["kind"], "widget" | undefined>>();
// @ts-expect-error count is required
export const noCount: Item = { name: null, tag: null };`,
  },
  {
    name: "swagger-2.0",
    fixture: "swagger-2.0.yaml",
    // The base path lives in base_url for one resource, in the path for the other.
    baseUrl: "https://api.example.com/api/v2",
    resources: [
      { name: "parts", path: "/items/{id}/parts/", dataSelector: "results" },
      { name: "parts_again", path: "/items/{item}/parts" },
    ],
    facts: `import type { Parts, PartsAgain, Part, Maker } from "./types.js";
assertType<Equal<Parts, Part>>();
assertType<Equal<PartsAgain, Part>>();
assertType<Equal<Part["serial"], string | null>>();
assertType<Equal<Part["weight"], number | null | undefined>>();
assertType<Equal<Part["maker"], Maker | undefined>>();
assertType<Equal<null extends Maker ? true : false, true>>();
// @ts-expect-error serial is x-nullable but required
export const noSerial: Part = { id: 1 };`,
  },
  {
    name: "required",
    fixture: "required.yaml",
    resources: [{ name: "users", path: "/users", dataSelector: "users" }],
    facts: `import type { User } from "./types.js";
assertType<Equal<User["id"], string>>();
assertType<Equal<User["email"], string>>();
assertType<Equal<User["nickname"], string | undefined>>();
assertType<Equal<User["tags"], string[] | undefined>>();
export const minimal: User = { id: "u", email: "e" };
// @ts-expect-error email is required
export const noEmail: User = { id: "u" };
// @ts-expect-error an optional field may be absent, never explicitly undefined
export const explicitUndefined: User = { id: "u", email: "e", nickname: undefined };`,
  },
  {
    name: "enum",
    fixture: "enum.yaml",
    resources: [{ name: "tickets", path: "/tickets" }],
    facts: `import type { Ticket, Status } from "./types.js";
assertType<Equal<Status, "open" | "pending" | "closed">>();
assertType<Equal<Ticket["status"], Status>>();
assertType<Equal<Ticket["priority"], 1 | 2 | 3>>();
assertType<Equal<Ticket["resolution"], "fixed" | "wontfix" | null>>();
// @ts-expect-error not one of the enum's values
export const reopened: Status = "reopened";`,
  },
  {
    name: "unions",
    fixture: "unions.yaml",
    resources: [{ name: "pets", path: "/pets", dataSelector: "items" }],
    facts: `import type { Pets, Pet, Cat, Dog } from "./types.js";
assertType<Equal<Pets, Pet>>();
assertType<Equal<Pet, Cat | Dog>>();
assertType<Equal<Cat["id"], string | number | undefined>>();
export function lives(pet: Pet): number {
  return pet.kind === "cat" ? pet.lives : 0;
}
// @ts-expect-error a cat has lives, not good
export const mixed: Pet = { kind: "cat", good: true };`,
  },
  {
    name: "all-of",
    fixture: "all-of.yaml",
    resources: [{ name: "employees", path: "/employees", dataSelector: "data" }],
    facts: `import type { Employee } from "./types.js";
assertType<Equal<Employee["id"], number>>();
assertType<Equal<Employee["name"], string | undefined>>();
assertType<Equal<Employee["team"], string>>();
assertType<Equal<Employee["manager"], string | null | undefined>>();
export const ok: Employee = { id: 1, team: "t" };
// @ts-expect-error id is required by the second allOf branch, though declared by the first
export const noId: Employee = { team: "t" };`,
  },
  {
    name: "recursion",
    fixture: "recursion.yaml",
    resources: [{ name: "nodes", path: "/tree", dataSelector: "nodes" }],
    facts: `import type { Nodes, Node } from "./types.js";
assertType<Equal<Nodes, Node>>();
assertType<Equal<Node["children"], Node[] | undefined>>();
assertType<Equal<Node["parent"], Node | null | undefined>>();
export const tree: Node = { value: "root", parent: null, children: [{ value: "leaf", children: [] }] };
// @ts-expect-error a child is a Node too
export const badChild: Node = { value: "root", children: [{ label: "x" }] };`,
  },
  {
    name: "additional-properties",
    fixture: "additional-properties.yaml",
    resources: [{ name: "settings", path: "/settings", dataSelector: "data" }],
    facts: `import type { Setting } from "./types.js";
assertType<Equal<Setting["labels"], { [key: string]: string }>>();
assertType<Equal<Setting["labels"][string], string>>();
assertType<Equal<Setting["extra"], { [key: string]: unknown }>>();
assertType<Equal<keyof Setting["closed"], "a">>();
export function label(setting: Setting): string | undefined {
  return setting.labels["any"];
}
// @ts-expect-error closed allows no other properties
export const open: Setting["closed"] = { a: 1, b: 2 };`,
  },
  {
    name: "multi-file",
    fixture: "multi-file/openapi.yaml",
    // The spec's server carries /v1; base_url does too, and the path does not.
    baseUrl: "https://api.example.com/v1",
    resources: [{ name: "orders", path: "orders", dataSelector: "data" }],
    facts: `import type { Orders, Order, Customer, Line } from "./types.js";
assertType<Equal<Orders, Order>>();
assertType<Equal<Order["customer"], Customer>>();
assertType<Equal<Customer["email"], string | null | undefined>>();
assertType<Equal<Order["lines"], Line[] | undefined>>();
assertType<Equal<Line["sku"], string>>();`,
  },
  {
    name: "selector",
    fixture: "selector.yaml",
    resources: [
      { name: "reports", path: "/reports", dataSelector: "result.pages[*].entries" },
      { name: "rows", path: "/flat", dataSelector: "$" },
      { name: "rows_wildcard", path: "/flat", dataSelector: "[*]" },
      { name: "pages", path: "/reports", dataSelector: "$.result.pages" },
      { name: "either", path: "/either", dataSelector: "result.pages[*].entries" },
    ],
    facts: `import type { Reports, Rows, RowsWildcard, Pages, Either, Report } from "./types.js";
// Through the one oneOf branch that has the property.
assertType<Equal<Either, Report>>();
assertType<Equal<Reports, Report>>();
assertType<Equal<Rows, Report>>();
assertType<Equal<RowsWildcard, Report>>();
assertType<Equal<Pages["entries"], Report[] | undefined>>();
assertType<Equal<Report["id"], number>>();`,
  },
  {
    name: "auto-selector",
    fixture: "auto-selector.yaml",
    resources: [
      { name: "search", path: "/search" },
      { name: "nested", path: "/nested" },
      { name: "list", path: "/list" },
      { name: "single", path: "/single" },
    ],
    facts: `import type { Search, Nested, List, Single, Hit } from "./types.js";
// "results" is a record key, so it wins over meta.tags, listed first.
assertType<Equal<Search, Hit>>();
// No record key: the first array depth-first, as the runtime picks it.
assertType<Equal<Nested, string>>();
// A bare array: "$".
assertType<Equal<List, Hit>>();
// No array at all: the whole body is one record.
assertType<Equal<Single, Hit>>();`,
  },
  {
    name: "json-schema-files",
    fixture: undefined,
    resources: [
      { name: "orders", path: "/orders", schemaFile: "order.schema.json" },
      { name: "events", path: "/events", schemaFile: "event.schema.json" },
    ],
    facts: `import type { Orders, Order, Line, Events, Payload } from "./types.js";
assertType<Equal<Orders, Order>>();
assertType<Equal<Order["status"], "new" | "paid" | "shipped">>();
assertType<Equal<Order["note"], string | null | undefined>>();
assertType<Equal<Order["lines"], Line[]>>();
assertType<Equal<Order["replaces"], Order | undefined>>();
assertType<Equal<Events["kind"], "event">>();
assertType<Equal<Events["payload"], Payload>>();
assertType<Equal<Payload[string], number | null>>();`,
  },
  {
    name: "columns",
    fixture: "columns.yaml",
    resources: [
      {
        name: "invoices",
        path: "/invoices",
        columns: {
          amount: { data_type: "decimal" },
          paid_at: { nullable: false },
          customer: { nullable: true },
          raw: { data_type: "json" },
          synced: { data_type: "timestamp", nullable: true },
          flag: { data_type: "bool", nullable: false },
        },
      },
    ],
    facts: `import type { Invoices } from "./types.js";
assertType<Equal<Invoices["id"], string>>();
assertType<Equal<Invoices["amount"], number | undefined>>();
assertType<Equal<Invoices["paid_at"], string>>();
assertType<Equal<Invoices["customer"], string | null | undefined>>();
assertType<Equal<Invoices["raw"], unknown>>();
assertType<Equal<Invoices["synced"], string | null | undefined>>();
assertType<Equal<Invoices["flag"], boolean>>();
// @ts-expect-error nullable: false makes paid_at required and never null
export const unpaid: Invoices = { id: "i", paid_at: null, flag: true };`,
  },
  {
    name: "columns-without-schema",
    fixture: undefined,
    resources: [{ name: "events", path: "/events", columns: { id: { data_type: "bigint", nullable: false }, note: { data_type: "text", nullable: true } } }],
    facts: `import type { Events } from "./types.js";
assertType<Equal<Events["id"], number>>();
assertType<Equal<Events["note"], string | null | undefined>>();
assertType<Equal<Events["other"], unknown>>();`,
  },
  {
    name: "docs",
    fixture: "docs.yaml",
    resources: [{ name: "accounts", path: "/accounts" }],
    facts: `import type { Accounts, Account, Account2, LegacyFlags } from "./types.js";
assertType<Equal<Accounts, Account>>();
assertType<Equal<Account["alias"], Account2 | undefined>>();
assertType<Equal<Account["legacy"], LegacyFlags | undefined>>();`,
  },
];

let dir: Awaited<ReturnType<typeof tempDir>>;
const modules = new Map<string, string>();
const warnings = new Map<string, string[]>();
let diagnostics: string[] = [];

beforeAll(async () => {
  dir = await tempDir("types");
  const files: string[] = [];
  for (const testCase of CASES) {
    const types = await deriveTypes(testCase.fixture, testCase.resources, testCase.baseUrl === undefined ? {} : { baseUrl: testCase.baseUrl });
    const module = await declarationsModule(types);
    modules.set(testCase.name, module);
    warnings.set(testCase.name, types.warnings);
    const caseDir = join(dir.path, testCase.name);
    await mkdir(caseDir);
    await writeFile(join(caseDir, "types.ts"), module);
    await writeFile(join(caseDir, "facts.ts"), `${testCase.facts}\n${PRELUDE}`);
    files.push(join(caseDir, "types.ts"), join(caseDir, "facts.ts"));
  }
  // One program for every case: compiling is the slow part.
  diagnostics = typeCheck(files);
});

afterAll(async () => {
  await dir?.cleanup();
});

describe.each(CASES.map((testCase) => [testCase.name, testCase] as const))("record types: %s", (name) => {
  it("derives without warnings", () => {
    expect(warnings.get(name)).toEqual([]);
  });

  it("compiles under the strictest settings, with every type fact holding", () => {
    expect(diagnostics.filter((line) => line.includes(`/${name}/`))).toEqual([]);
  });

  it("matches its golden declarations", async () => {
    await expect(modules.get(name)).toMatchFileSnapshot(join(FIXTURES, "golden", `${name}.ts`));
  });
});
