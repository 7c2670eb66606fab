/** Part of `npm run build`: transpiles every runtime file once, for `gen-connector sync` (see transpile-connector.ts). */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { runtimeHeader } from "../emit/header.js";
import { RUNTIME_DIR } from "../emit/runtime-files.js";
import { ts } from "../types/typescript-source.js";
import { PREBUILT_RUNTIME_FILE, prebuiltEntries } from "./transpile-connector.js";

const files = readdirSync(RUNTIME_DIR, { recursive: true, encoding: "utf8" })
  .filter((path) => path.endsWith(".ts"))
  .sort()
  .map((path) => path.split(sep).join("/"))
  // As a connector holds it: emit-connector's header, then the file as it is.
  .map((path) => ({ path, contents: `${runtimeHeader(path)}\n\n${readFileSync(join(RUNTIME_DIR, path), "utf8")}` }));
writeFileSync(PREBUILT_RUNTIME_FILE, `${JSON.stringify(prebuiltEntries(ts, files))}\n`);
