/**
 * The hashes dlt's row ids and shortened names are made of: SHAKE128 digests and random
 * ids, base64 without padding. SHAKE128 comes from `node:crypto`, which Node, Bun and Deno
 * all provide (Web Crypto has no SHAKE). Sync runs only where a database driver does, so
 * it is loaded lazily: a connector that never syncs still loads in a browser.
 */

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 of `bytes`, padding removed; encoded directly, one string per id (ids are made per row). */
function base64(bytes: Uint8Array): string {
  const codes: number[] = [];
  for (let index = 0; index < bytes.length; index += 3) {
    const bits = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    const remaining = bytes.length - index;
    codes.push(BASE64.charCodeAt(bits >> 18), BASE64.charCodeAt((bits >> 12) & 63));
    if (remaining > 1) codes.push(BASE64.charCodeAt((bits >> 6) & 63));
    if (remaining > 2) codes.push(BASE64.charCodeAt(bits & 63));
  }
  return String.fromCharCode(...codes);
}

// The one call of `node:crypto` used here, typed locally: connectors type-check without Node's types.
interface NodeCrypto {
  createHash(
    algorithm: "shake128",
    options: { outputLength: number },
  ): { update(input: string): { digest(encoding: "base64"): string } };
}
let nodeCrypto: NodeCrypto | undefined;

/** Loads `node:crypto` for `shortHash`; a sync (and `gen-connector schema`) awaits it before hashing. */
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
    .replace(/=+$/, "");
}

// Random bytes are drawn in blocks: one call per row costs more than the rest of its normalizing.
const RANDOM_BLOCK = 10 * 4096;
let randomPool = new Uint8Array(0);
let randomOffset = 0;

/** A random `_dlt_id`: 10 random bytes, 14 base64 characters, as dlt makes them. */
export function randomRowId(): string {
  if (randomOffset + 10 > randomPool.length) {
    randomPool = new Uint8Array(RANDOM_BLOCK);
    // getRandomValues fills at most 65536 bytes per call.
    crypto.getRandomValues(randomPool);
    randomOffset = 0;
  }
  const id = base64(randomPool.subarray(randomOffset, randomOffset + 10));
  randomOffset += 10;
  return id;
}
