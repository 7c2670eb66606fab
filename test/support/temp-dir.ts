import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";

/** A fresh folder inside the repo (so generated code resolves `ofetch` from its node_modules), removed by `cleanup`. */
export async function tempDir(prefix: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const root = join(import.meta.dirname, "..", ".tmp");
  await mkdir(root, { recursive: true });
  const path = await mkdtemp(join(root, `${prefix}-`));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
