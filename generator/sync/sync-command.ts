/**
 * `gen-connector sync <config> [--to …] [--dataset …] [--resources a,b] [--full-refresh] [--deletes soft|hard] [--json]`:
 * generates the config's connector in memory and loads its resources into a database.
 */
import { parseArgs } from "node:util";
import { parseConfigAssignments } from "../config-assignments.js";
import { ConfigError } from "../errors.js";
import { connectorForSync } from "./connector-for-sync.js";
import { loadConnector } from "./load-connector.js";
import { renderSummary, type SummaryLike } from "./summary-table.js";

export const SYNC_HELP = `Usage: gen-connector sync <config.json|config.yaml> [options]

Loads every selected resource of the config's connector into a database, as one
transaction: tables laid out as dlt lays them out, write dispositions applied,
incremental cursors kept in the database (a sync from a fresh machine resumes).

Options:
  --to DEST          duckdb:<file> or postgresql://user[:password]@host[:port]/db
                     (default: duckdb:<name>.duckdb in the working directory;
                     a Postgres password may also come from PGPASSWORD)
  --dataset NAME     the dataset (schema) to load into (default: <name>_dataset)
  --resources A,B    load only these resources
  --full-refresh     drop the connector's tables and state first
  --deletes MODE     soft|hard: for merge resources read in full, mark (soft) or delete
                     (hard) rows the run did not see
  --config NAME=VALUE
                     a run-time value ({ "$config": "NAME" } in the config); repeat for
                     each (else the environment variable NAME in upper case, else its default)
  --openapi FILE     OpenAPI document for the record types (overrides the config's "openapi")
  --json             print the summary as JSON
  -h, --help         show this help

Secrets come from the environment as for the connector (API_KEY for "api_key").
Exit codes: 0 ok, 1 the sync failed (nothing was loaded), 2 bad input, 3 internal error.`;

type Io = { out: (...text: unknown[]) => void; err: (...text: unknown[]) => void };

interface ConnectorModule {
  createSource(options?: Record<string, unknown>): { sync(destination: unknown, options?: Record<string, unknown>): Promise<SummaryLike> };
  duckdbDestination?: (options: { path: string }) => unknown;
  postgresDestination?: (options: { url: string }) => unknown;
}

/** The `--to` value as a destination of the connector's own runtime. */
function destinationFor(to: string, module: ConnectorModule): unknown {
  if (to.startsWith("duckdb:")) {
    if (!module.duckdbDestination) throw new UsageError(`--to ${to}: this connector's output.destinations does not include "duckdb"`);
    return module.duckdbDestination({ path: to.slice("duckdb:".length) });
  }
  if (/^postgres(ql)?:\/\//.test(to)) {
    if (!module.postgresDestination) throw new UsageError(`--to: this connector's output.destinations does not include "postgres"`);
    return module.postgresDestination({ url: to });
  }
  throw new UsageError(`--to: expected duckdb:<file> or a postgresql:// URL`);
}

class UsageError extends Error {}

/** Runs `sync` and returns the exit code. */
export async function runSync(argv: string[], io: Io, terminal: { isTTY: boolean; write(text: string): void } = process.stderr): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        to: { type: "string" },
        dataset: { type: "string" },
        resources: { type: "string" },
        "full-refresh": { type: "boolean", default: false },
        deletes: { type: "string" },
        config: { type: "string", multiple: true },
        openapi: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.err(`gen-connector sync: ${(error as Error).message}\n\n${SYNC_HELP}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(SYNC_HELP);
    return 0;
  }
  const [configPath, ...extra] = positionals;
  if (configPath === undefined || extra.length > 0) {
    io.err(`gen-connector sync: ${configPath === undefined ? "no config given" : "takes one config"}\n\n${SYNC_HELP}`);
    return 2;
  }
  if (values.deletes !== undefined && values.deletes !== "soft" && values.deletes !== "hard") {
    io.err(`gen-connector sync: --deletes: expected soft or hard`);
    return 2;
  }

  let configValues: Record<string, string>;
  try {
    configValues = parseConfigAssignments(values.config ?? []);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`gen-connector sync: ${error.message}`);
    return 2;
  }

  const to = values.to;
  if (to !== undefined && !to.startsWith("duckdb:") && !/^postgres(ql)?:\/\//.test(to)) {
    io.err(`gen-connector sync: --to: expected duckdb:<file> or a postgresql:// URL`);
    return 2;
  }

  let generated;
  try {
    generated = await connectorForSync(configPath, values.openapi === undefined ? {} : { openapi: values.openapi });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`gen-connector: ${error.file === undefined ? `${configPath}: ` : ""}${error.message}`);
      return 2;
    }
    io.err(`gen-connector: internal error while generating ${configPath}:`, error);
    return 3;
  }
  for (const warning of generated.warnings) io.err(`warning: ${configPath}: ${warning}`);

  const connector = await loadConnector(generated.files);
  try {
    const module = connector.module as unknown as ConnectorModule;
    let destination;
    try {
      destination = destinationFor(to ?? `duckdb:${generated.name}.duckdb`, module);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.err(`gen-connector sync: ${error.message}`);
      return 2;
    }
    const live = terminal.isTTY && !values.json;
    const lines = new Map<string, string>();
    let drawn = 0;
    const draw = () => {
      // Redraw the block of live lines in place: one line per resource.
      terminal.write(`${drawn > 0 ? `\u001b[${drawn}F` : ""}${[...lines.values()].map((line) => `\u001b[2K${line}\n`).join("")}`);
      drawn = lines.size;
    };
    const summary = await module.createSource({ config: configValues }).sync(destination, {
      ...(values.dataset === undefined ? {} : { dataset: values.dataset }),
      ...(values.resources === undefined ? {} : { resources: values.resources.split(",").map((name) => name.trim()).filter((name) => name !== "") }),
      ...(values["full-refresh"] ? { fullRefresh: true } : {}),
      ...(values.deletes === undefined ? {} : { deletes: values.deletes }),
      ...(live
        ? {
            onProgress: (progress: { resource: string; records: number; pages: number; elapsedMs: number }) => {
              const rate = progress.elapsedMs > 0 ? Math.round((progress.records * 1000) / progress.elapsedMs) : 0;
              lines.set(progress.resource, `${progress.resource}: ${progress.records} records, ${progress.pages} pages, ${rate} records/s`);
              draw();
            },
          }
        : {}),
    });
    io.out(values.json ? JSON.stringify(summary, null, 2) : renderSummary(summary));
    return 0;
  } catch (error) {
    io.err(`gen-connector sync: ${(error as Error).message ?? String(error)} (nothing was loaded)`);
    return 1;
  } finally {
    await connector.dispose();
  }
}
