/**
 * A big fetched body waiting for a parse worker is kept deflated. Polls come in bursts (16
 * fetches at once), a 2-CPU host parses one big document at a time, and each waiting 4 MB
 * body held 4 MB of the main thread's memory: T-2's ten memory cases arrive together and
 * held ~40-50 MB (issue 13, 256 MB target). zlib's level 1 runs on libuv's thread pool, not
 * the event loop: a hostile flood shrinks 200-fold (4 MB -> ~20 KB), an honest feed several
 * fold, measured 5-130 ms per 4 MB; the worker inflates it before decoding (prepare-document.ts).
 */
import { deflateRaw, inflateRawSync } from "node:zlib";
import type { DocumentInput } from "./prepare-document.ts";

export type BodyInput = Extract<DocumentInput, { bytes: Uint8Array }>;

/** The body deflated (raw deflate, level 1); the body as it was if zlib fails. */
export function deflateBody(body: BodyInput): Promise<BodyInput> {
  return new Promise((resolve) => {
    deflateRaw(body.bytes, { level: 1 }, (error, packed) => {
      resolve(error === null ? { ...body, bytes: packed, inflatedBytes: body.bytes.byteLength } : body);
    });
  });
}

/** The body's bytes as fetched, inflated when they were deflated to wait (in the worker). */
export function bodyBytes(body: BodyInput): Uint8Array {
  if (body.inflatedBytes === undefined) return body.bytes;
  return inflateRawSync(body.bytes, { maxOutputLength: Math.max(1, body.inflatedBytes) });
}

/** True when the bytes alone own their memory, so it can move to a worker (not a pooled slab). */
export function ownsMemory(bytes: Uint8Array): boolean {
  return (
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength
  );
}
