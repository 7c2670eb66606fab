#!/usr/bin/env node
// The generator is TypeScript; tsx runs it as is, so a fresh clone needs no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli.ts");
process.exitCode = await main(process.argv.slice(2));
