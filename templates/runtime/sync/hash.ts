/**
 * The hashes dlt's row ids and shortened names are made of: SHAKE128 digests and random
 * ids, base64 without padding. SHAKE128 comes from `node:crypto`, which Node, Bun and Deno
 * all provide (Web Crypto has no SHAKE). Sync runs only where a database driver does, so
 * it is loaded lazily: a connector that never syncs still loads in a browser.
 */

// What `node:crypto` is used for here, typed locally: connectors type-check without Node's types.
interface NodeCrypto {
  createHash(
    algorithm: "shake128",
    options: { outputLength: number },
  ): { update(input: string): { digest(encoding: "base64"): string } };
  randomBytes(size: number): { toString(encoding: "base64", start: number, end: number): string };
}
let nodeCrypto: NodeCrypto | undefined;

/** Loads `node:crypto` for `shortHash` and `randomRowId`; a sync (and `gen-connector schema`) awaits it before hashing. */
export async function loadHashing(): Promise<void> {
  if (nodeCrypto) return;
  try {
    nodeCrypto = (await import("node:crypto" as string)) as NodeCrypto;
  } catch (error) {
    throw new Error(
      `sync needs node:crypto (Node, Bun or Deno) for dlt's SHAKE128 row ids: ${String(error)}`,
    );
  }
}

/** dlt's digest: base64 of `length` bytes of SHAKE128 of `input` (UTF-8), padding removed. */
export function shortHash(input: string, length: number): string {
  if (!nodeCrypto) throw new Error("shortHash: await loadHashing() first");
  return nodeCrypto
    .createHash("shake128", { outputLength: length })
    .update(input)
    .digest("base64")
    .slice(0, Math.ceil((length * 4) / 3));
}

// Random bytes are drawn in blocks: one call per row costs more than the rest of its normalizing.
const RANDOM_IDS_PER_BLOCK = 4096;
let randomPool: ReturnType<NodeCrypto["randomBytes"]> | undefined;
let randomOffset = RANDOM_IDS_PER_BLOCK * 10;

/** A random `_dlt_id`: 10 random bytes, 14 base64 characters, as dlt makes them. */
export function randomRowId(): string {
  if (!nodeCrypto) throw new Error("randomRowId: await loadHashing() first");
  if (randomPool === undefined || randomOffset === RANDOM_IDS_PER_BLOCK * 10) {
    randomPool = nodeCrypto.randomBytes(RANDOM_IDS_PER_BLOCK * 10);
    randomOffset = 0;
  }
  // 10 bytes are 14 base64 characters and two of padding.
  const id = randomPool.toString("base64", randomOffset, randomOffset + 10).slice(0, 14);
  randomOffset += 10;
  return id;
}
