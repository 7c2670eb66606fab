import { isAbsolute, relative, resolve, sep } from "node:path";
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
  if (bad || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw ConfigError.at("", `refusing to write ${JSON.stringify(file)}: it is not a plain path inside ${outDir}`);
  }
  return target;
}

/**
 * The default output folder of a connector, `generated/<name>`, refusing a name that is
 * not one plain folder name: `../x`, `/abs`, `a/b`, NUL, or a Windows device name such as `con`
 * would put the connector somewhere else than `generated/`, or nowhere at all.
 */
export function defaultOutDir(name: string, root = "generated"): string {
  const plain =
    name !== "" &&
    name !== "." &&
    name !== ".." &&
    !/[\0/\\<>:"|?*]/.test(name) &&
    !/[. ]$/.test(name) &&
    !WINDOWS_DEVICE.test(name) &&
    !isAbsolute(name);
  if (!plain) {
    throw ConfigError.at("name", `${JSON.stringify(name)} cannot name the output folder: use letters, digits, "-", "_" or "." (or pass --out)`);
  }
  return `${root}/${name}`;
}
