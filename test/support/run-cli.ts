/**
 * `gen-connector` from the sources, for tests that need it as a real process (under a
 * pseudo-terminal, piped): `node --import tsx test/support/run-cli.ts sync …`.
 */
import { main } from "../../generator/cli.js";

process.exitCode = await main(process.argv.slice(2));
