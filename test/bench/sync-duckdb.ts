// `npm run bench`, sync: 100,000 seed-shaped records from a local server (pages of 1000) merged into a
// DuckDB file by a fresh process, timed from process start to exit, with that process's peak RSS;
// the median of 3 runs. Targets on this project's 2-core machines: under 5 s and under 200 MB.
// Each run is followed by a second sync of the same records into the now full tables, as a
// full-refresh merge sync repeats: its numbers are printed too.
// Measured as production runs the connector: emitted as JavaScript (`--emit js`) and run by plain
// Node. Then as a developer may run it: the generated TypeScript through tsx (`--import tsx`),
// whose loader thread and transforms cost the process about 40 MB of its own.
// BENCH_SYNC_EMIT=js or =ts runs one of the two; BENCH_SYNC_RECORDS changes the record count.
import { spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { generate, writeConnector } from "../../generator/index.js";
import { tempDir } from "../support/temp-dir.js";

const TOTAL = Number(process.env["BENCH_SYNC_RECORDS"] ?? 100_000);
const MODES = (["js", "ts"] as const).filter((mode) => (process.env["BENCH_SYNC_EMIT"] ?? mode) === mode);
const RUNS = 3;
const PAGE = 1000;
const KEY = "bench-key";

function record(id: number) {
  return {
    id,
    customer_id: id % 5 === 0 ? null : `cus_${id % 997}`,
    user_key: `user_${id % 7}`,
    amount: id % 4 === 0 ? null : id * 1.25,
    created_at: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(),
    tags: id % 3 === 0 ? [] : ["example", id % 2 === 0 ? "even" : "odd"],
  };
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? PAGE);
  const data = [];
  for (let id = offset; id < Math.min(offset + limit, TOTAL); id++) data.push(record(id));
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ data, total: TOTAL }));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

// The seed config with pages of 1000, generated before the clock starts.
const dir = await tempDir("bench-sync");
try {
  const config = {
    name: "seed",
    openapi: join(import.meta.dirname, "..", "..", "examples", "seed", "openapi.yaml"),
    client: { base_url: `http://127.0.0.1:${port}`, auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" } },
    resource_defaults: { primary_key: "id", write_disposition: "merge" },
    resources: [{ name: "resource_name", endpoint: { path: "/v1/resource", data_selector: "data", paginator: { type: "offset", limit: PAGE } } }],
  };
  for (const mode of MODES) {
    const js = mode === "js";
    const outDir = join(dir.path, mode);
    await writeConnector(await generate({ config, openapi: config.openapi, outDir: join(outDir, "seed"), emit: mode }));
    const script = join(outDir, js ? "sync.mjs" : "sync.mts");
    const database = join(outDir, "bench.duckdb");
    await writeFile(
      script,
      `import { createSource, duckdbDestination } from "./seed/index.${mode}";
const summary = await createSource({ secrets: { api_key: "${KEY}" } }).sync(duckdbDestination({ path: ${JSON.stringify(database)} }));
console.log(JSON.stringify({ rows: summary.resources[0].rows, maxRssKb: process.resourceUsage().maxRSS }));
`,
    );
    const syncOnce = async () => {
      const started = performance.now();
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, js ? [script] : ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
        let text = "";
        child.stdout.on("data", (chunk) => (text += String(chunk)));
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`sync process exited with ${code}`))));
      });
      const seconds = (performance.now() - started) / 1000;
      return { seconds, ...(JSON.parse(output.trim().split("\n").pop()!) as { rows: number; maxRssKb: number }) };
    };
    const first: Awaited<ReturnType<typeof syncOnce>>[] = [];
    const second: Awaited<ReturnType<typeof syncOnce>>[] = [];
    for (let run = 0; run < RUNS; run++) {
      await rm(database, { force: true });
      first.push(await syncOnce());
      second.push(await syncOnce());
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const describe = (runs: typeof first) => {
      const rss = runs.map((run) => Math.round(run.maxRssKb / 1024));
      return `median of ${RUNS}: ${median(runs.map((run) => run.seconds)).toFixed(2)} s, peak RSS ${median([...rss])} MB (runs: ${rss.join(", ")} MB)`;
    };
    const form = js ? "as JavaScript on node, as production runs it" : "as TypeScript through tsx";
    console.log(
      `sync: ${first[0]!.rows.toLocaleString("en")} records merged into DuckDB (pages of ${PAGE}, connector ${form}), new process end to end, ${describe(first)}${js ? " (targets: < 5 s, < 200 MB)" : ""}`,
    );
    console.log(`sync: the same ${second[0]!.rows.toLocaleString("en")} records merged again, into the full tables (${form}), ${describe(second)}`);
  }
} finally {
  server.close();
  await dir.cleanup();
}
