/**
 * The paged API of the concurrency benchmark in a process of its own, so that serving pages
 * does not take CPU time from the reader being measured: `<records> <latencyMs>`; prints its URL.
 */
import { startPagedServer } from "../support/paged-server.js";

const [records, latencyMs] = process.argv.slice(2).map(Number);
const server = await startPagedServer({ records: records!, latencyMs: latencyMs! });
console.log(server.url);
