/** `npm run schema`: writes config.schema.json next to this file from the TypeBox definition. */
import { writeFile } from "node:fs/promises";
import { renderConfigJsonSchema } from "./json-schema.js";

const target = new URL("./config.schema.json", import.meta.url);
await writeFile(target, renderConfigJsonSchema());
console.log(`wrote ${target.pathname}`);
