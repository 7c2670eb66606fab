#!/usr/bin/env node
// Runs the compiled generator: `npm run build` (run by `prepare` on install and pack) writes generator/dist/.
import { main } from "../dist/generator/cli.js";

process.exitCode = await main(process.argv.slice(2));
