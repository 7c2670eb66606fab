/** The worker thread of `connectorForSync`: generates and transpiles the connector, posts it back, and ends. */
import { parentPort, workerData } from "node:worker_threads";
import { ConfigError } from "../errors.js";
import { buildConnectorForSync, type ConnectorForSyncOptions, type WorkerReply } from "./connector-for-sync.js";

const { configPath, options } = workerData as { configPath: string; options: ConnectorForSyncOptions };
let reply: WorkerReply;
try {
  reply = { connector: await buildConnectorForSync(configPath, options) };
} catch (error) {
  reply =
    error instanceof ConfigError
      ? { configError: { issues: error.issues, file: error.file } }
      : { internalError: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort!.postMessage(reply);
