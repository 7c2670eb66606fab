import { createHash } from "node:crypto";

/** The SHA-256 of a source text: code built from it at build time carries it, so a stale build is never used. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
