/**
 * `gen-connector init <openapi> [--out config.json] [--force]`: writes the config
 * `initConfig` guesses, and prints its notes so the user knows what to review.
 */
import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { initConfig } from "./init.js";

export const INIT_HELP = `Usage: gen-connector init <openapi.json|openapi.yaml> [--out config.json] [--force]

Writes a starting config from an OpenAPI document: one resource per GET operation
that returns a list, with its data selector and paginator, the client's auth (as
$secret references), parent/child links, incremental time windows, and the values
only you know (an owner, an account id, a tenant header) as $config run-time values.
It generates and type-checks as is; review the notes it prints.

Options:
  --out FILE   where to write the config (default: ./config.json)
  --force      overwrite FILE if it exists`;

/** Runs `init` and returns the exit code (0 ok, 2 bad input, 3 internal error), as the CLI does. */
export async function runInit(
  positionals: string[],
  values: { out?: string | undefined; force?: boolean | undefined },
  io: { out: (...text: unknown[]) => void; err: (...text: unknown[]) => void },
): Promise<number> {
  const [openapi, ...extra] = positionals;
  if (openapi === undefined || extra.length > 0) {
    io.err(`gen-connector init: ${openapi === undefined ? "no OpenAPI document given" : "takes one OpenAPI document"}\n\n${INIT_HELP}`);
    return 2;
  }
  const out = resolve(values.out ?? "config.json");
  const exists = await access(out).then(
    () => true,
    () => false,
  );
  if (exists && values.force !== true) {
    io.err(`gen-connector init: ${values.out ?? "config.json"} exists; pass --force to overwrite it`);
    return 2;
  }
  try {
    const { config, notes } = await initConfig(openapi, { configDir: dirname(out) });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(config, null, 2)}\n`);
    io.out(`${values.out ?? "config.json"}: ${config.resources.length} resources`);
    for (const note of notes) io.err(`note: ${note}`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`gen-connector init: ${openapi}: ${error.message}`);
      return 2;
    }
    io.err("gen-connector init: internal error:", error);
    return 3;
  }
}
