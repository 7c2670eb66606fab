/**
 * The connector `gen-connector sync` runs: generated from the config and transpiled to
 * JavaScript. Run from the build, this happens in a worker thread, so the generator, prettier
 * and the TypeScript compiler leave memory with it before the sync starts (they would hold
 * about 90 MB through the whole load). Run from the TypeScript sources (tests, tsx), which a
 * worker cannot load, it happens in this thread.
 */
import { Worker } from "node:worker_threads";
import type { GeneratedFile } from "../emit/emit-connector.js";
import { ConfigError, type ConfigIssue } from "../errors.js";

export interface ConnectorForSync {
  name: string;
  warnings: string[];
  /** JavaScript files, `index.js` first among them. */
  files: GeneratedFile[];
}

export interface ConnectorForSyncOptions {
  openapi?: string;
}

/** What the worker posts back: the connector, or why there is none. */
export type WorkerReply =
  | { connector: ConnectorForSync }
  | { configError: { issues: readonly ConfigIssue[]; file: string | undefined } }
  | { internalError: string };

/** Generates and transpiles (the worker's job, and this thread's when there is no worker). */
export async function buildConnectorForSync(configPath: string, options: ConnectorForSyncOptions): Promise<ConnectorForSync> {
  const { generateFromFile } = await import("../index.js");
  const { transpileConnector } = await import("./transpile-connector.js");
  const generated = await generateFromFile(configPath, options);
  return { name: generated.name, warnings: generated.warnings, files: await transpileConnector(generated.files) };
}

/** The connector for `configPath`; throws `ConfigError` when the config cannot produce one. */
export async function connectorForSync(configPath: string, options: ConnectorForSyncOptions = {}): Promise<ConnectorForSync> {
  if (!import.meta.url.endsWith(".js")) return buildConnectorForSync(configPath, options);
  const reply = await new Promise<WorkerReply>((resolve, reject) => {
    const worker = new Worker(new URL("./connector-worker.js", import.meta.url), { workerData: { configPath, options } });
    let received: WorkerReply | undefined;
    worker.once("message", (message: WorkerReply) => (received = message));
    worker.once("error", reject);
    worker.once("exit", (code) => (received ? resolve(received) : reject(new Error(`the generator's worker exited with code ${code} and no connector`))));
  });
  if ("configError" in reply) throw new ConfigError(reply.configError.issues, reply.configError.file);
  if ("internalError" in reply) throw new Error(reply.internalError);
  return reply.connector;
}
