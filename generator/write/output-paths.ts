import { isAbsolute, relative, resolve } from "node:path";
import { ConfigError } from "../errors.js";

const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?$/i;

/**
 * The absolute path of a generated file, refusing any that would land outside
 * the output folder or that some file system cannot hold.
 */
export function outputPath(outDir: string, file: string): string {
  const parts = file.split("/");
  const bad =
    file.includes("\0") ||
    isAbsolute(file) ||
    parts.some((part) => part === "" || part === "." || part === ".." || WINDOWS_DEVICE.test(part) || /[<>:"|?*\\]/.test(part));
  const target = resolve(outDir, file);
  const inside = relative(resolve(outDir), target);
  if (bad || inside.startsWith("..") || isAbsolute(inside)) {
    throw ConfigError.at("", `refusing to write ${JSON.stringify(file)}: it is not a plain path inside ${outDir}`);
  }
  return target;
}
