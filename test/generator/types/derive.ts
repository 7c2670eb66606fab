import { join } from "node:path";
import { format } from "prettier";
import type { ConnectorModel } from "../../../generator/model.js";
import { normalize } from "../../../generator/normalize/normalize.js";
import { validateConfig } from "../../../generator/validate/validate-config.js";
import { loadOpenApi } from "../../../generator/types/load-openapi.js";
import { recordTypes, type RecordTypes, type RecordTypesOptions } from "../../../generator/types/record-types.js";

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "types");

/** A resource as the tests state it: only what the types stage reads. */
export interface ResourceSpec {
  name: string;
  path: string;
  method?: "GET" | "POST";
  dataSelector?: string;
  schemaFile?: string;
  columns?: Record<string, { data_type?: string; nullable?: boolean }>;
}

/**
 * The connector model normalize makes of a minimal config with these resources,
 * with `schemaFile` and `columns` patched in (normalize does not fill them yet).
 */
export function connectorModel(resources: ResourceSpec[], baseUrl = "https://api.example.com"): ConnectorModel {
  const config = validateConfig({
    name: "types",
    client: { base_url: baseUrl },
    resources: resources.map((resource) => ({
      name: resource.name,
      endpoint: {
        path: resource.path,
        // Placeholders need a param to fill them, or the config is invalid.
        params: Object.fromEntries([...resource.path.matchAll(/\{(\w+)\}/g)].map((match) => [match[1]!, "1"])),
        ...(resource.method === undefined ? {} : { method: resource.method }),
        ...(resource.dataSelector === undefined ? {} : { data_selector: resource.dataSelector }),
      },
    })),
  });
  const model = normalize(config);
  model.resources.forEach((resource, index) => {
    const { schemaFile, columns } = resources[index]!;
    if (schemaFile !== undefined) resource.schemaFile = schemaFile;
    if (columns !== undefined) resource.columns = columns;
  });
  return model;
}

/** Runs the types stage on a fixture document (or none), with schema files resolved against the fixtures folder. */
export async function deriveTypes(
  fixture: string | undefined,
  resources: ResourceSpec[],
  options: { baseUrl?: string } & RecordTypesOptions = {},
): Promise<RecordTypes> {
  const openapi = fixture === undefined ? undefined : await loadOpenApi(join(FIXTURES, fixture));
  return recordTypes(connectorModel(resources, options.baseUrl), openapi, [], { baseDir: FIXTURES, ...options });
}

/** The declarations as one module, formatted as the emitter formats connectors: what the golden files hold. */
export function declarationsModule(types: RecordTypes): Promise<string> {
  const text = types.declarations.map((declaration) => declaration.text).join("\n\n");
  return format(text, { parser: "typescript", printWidth: 100, trailingComma: "all" });
}
