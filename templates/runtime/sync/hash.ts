/**
 * The hashes dlt's row ids and shortened names are made of: SHAKE128 digests and random
 * ids, base64 without padding. SHAKE128 is written out here (Keccak-f[1600] on 32-bit
 * halves) because Web Crypto has no SHAKE and the runtime must not need Node's modules.
 */

// Round constants as [low 32 bits, high 32 bits] pairs.
const ROUND_CONSTANTS = new Uint32Array([
  0x1, 0x0, 0x8082, 0x0, 0x808a, 0x80000000, 0x80008000, 0x80000000, 0x808b, 0x0, 0x80000001, 0x0,
  0x80008081, 0x80000000, 0x8009, 0x80000000, 0x8a, 0x0, 0x88, 0x0, 0x80008009, 0x0, 0x8000000a,
  0x0, 0x8000808b, 0x0, 0x8b, 0x80000000, 0x8089, 0x80000000, 0x8003, 0x80000000, 0x8002,
  0x80000000, 0x80, 0x80000000, 0x800a, 0x0, 0x8000000a, 0x80000000, 0x80008081, 0x80000000, 0x8080,
  0x80000000, 0x80000001, 0x0, 0x80008008, 0x80000000,
]);
// Rotation of lane x + 5y (Keccak's rho step).
const ROTATIONS = [
  0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
];
// Where lane x + 5y moves in the pi step: y + 5 * ((2x + 3y) mod 5).
const PI_TARGETS = ROTATIONS.map((_, lane) => {
  const x = lane % 5;
  const y = Math.floor(lane / 5);
  return y + 5 * ((2 * x + 3 * y) % 5);
});

function keccakF(state: Uint32Array, c: Uint32Array, b: Uint32Array): void {
  for (let round = 0; round < 24; round++) {
    for (let x = 0; x < 5; x++) {
      c[2 * x] =
        state[2 * x]! ^
        state[2 * x + 10]! ^
        state[2 * x + 20]! ^
        state[2 * x + 30]! ^
        state[2 * x + 40]!;
      c[2 * x + 1] =
        state[2 * x + 1]! ^
        state[2 * x + 11]! ^
        state[2 * x + 21]! ^
        state[2 * x + 31]! ^
        state[2 * x + 41]!;
    }
    for (let x = 0; x < 5; x++) {
      const next = ((x + 1) % 5) * 2;
      const previous = ((x + 4) % 5) * 2;
      const low = c[previous]! ^ ((c[next]! << 1) | (c[next + 1]! >>> 31));
      const high = c[previous + 1]! ^ ((c[next + 1]! << 1) | (c[next]! >>> 31));
      for (let y = 0; y < 25; y += 5) {
        state[2 * (x + y)] = state[2 * (x + y)]! ^ low;
        state[2 * (x + y) + 1] = state[2 * (x + y) + 1]! ^ high;
      }
    }
    for (let lane = 0; lane < 25; lane++) {
      let low = state[2 * lane]!;
      let high = state[2 * lane + 1]!;
      let rotation = ROTATIONS[lane]!;
      if (rotation >= 32) {
        const swapped = low;
        low = high;
        high = swapped;
        rotation -= 32;
      }
      const target = 2 * PI_TARGETS[lane]!;
      if (rotation === 0) {
        b[target] = low;
        b[target + 1] = high;
      } else {
        b[target] = (low << rotation) | (high >>> (32 - rotation));
        b[target + 1] = (high << rotation) | (low >>> (32 - rotation));
      }
    }
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) {
        const lane = 2 * (x + y);
        const next = 2 * (((x + 1) % 5) + y);
        const after = 2 * (((x + 2) % 5) + y);
        state[lane] = b[lane]! ^ (~b[next]! & b[after]!);
        state[lane + 1] = b[lane + 1]! ^ (~b[next + 1]! & b[after + 1]!);
      }
    }
    state[0] = state[0]! ^ ROUND_CONSTANTS[2 * round]!;
    state[1] = state[1]! ^ ROUND_CONSTANTS[2 * round + 1]!;
  }
}

const RATE = 168;
const encoder = new TextEncoder();
// Reused by every call: hashing is synchronous, so no two calls share them at once.
const state = new Uint32Array(50);
const c = new Uint32Array(10);
const b = new Uint32Array(50);

/** SHAKE128 of `input` (UTF-8), `length` bytes (at most 168). */
export function shake128(input: string | Uint8Array, length: number): Uint8Array {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  state.fill(0);
  const blocks = Math.floor(bytes.length / RATE) + 1;
  const padded = new Uint8Array(blocks * RATE);
  padded.set(bytes);
  padded[bytes.length] = padded[bytes.length]! ^ 0x1f;
  padded[padded.length - 1] = padded[padded.length - 1]! ^ 0x80;
  const view = new DataView(padded.buffer);
  for (let offset = 0; offset < padded.length; offset += RATE) {
    for (let word = 0; word < RATE / 4; word++)
      state[word] = state[word]! ^ view.getUint32(offset + word * 4, true);
    keccakF(state, c, b);
  }
  const out = new Uint8Array(length);
  const stateView = new DataView(state.buffer);
  for (let index = 0; index < length; index++) out[index] = stateView.getUint8(index);
  return out;
}

/** Base64 of `bytes`, padding removed. */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "");
}

interface NodeCrypto {
  createHash(
    algorithm: "shake128",
    options: { outputLength: number },
  ): { update(input: string): { digest(encoding: "base64"): string } };
}
let nodeCrypto: NodeCrypto | undefined;

/**
 * Makes `shortHash` use Node's native SHAKE128 (several times faster than the portable one)
 * where Node is available; a sync calls it once before hashing rows.
 */
export async function preferNativeHashing(): Promise<void> {
  try {
    nodeCrypto ??= (await import("node:crypto" as string)) as NodeCrypto;
  } catch {
    // Not on Node: the portable implementation gives the same digests.
  }
}

/** dlt's digest: base64 of `length` bytes of SHAKE128, padding removed. */
export function shortHash(input: string, length: number): string {
  if (nodeCrypto)
    return nodeCrypto
      .createHash("shake128", { outputLength: length })
      .update(input)
      .digest("base64")
      .replace(/=+$/, "");
  return base64(shake128(input, length));
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
