/**
 * Reads a response body into memory, decompressing gzip/deflate/br as it streams and
 * counting bytes AFTER decompression: a body over the cap is `too_large`, never truncated,
 * and a compression bomb stops at the cap instead of filling memory.
 */
import { pipeline, Readable, type Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";
import { FeedError } from "../../core/errors.ts";

export async function readBody(
  body: AsyncIterable<Uint8Array>,
  contentEncoding: string | null,
  maxBytes: number,
  contentLength: number | null = null,
): Promise<Uint8Array> {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
  let stream: AsyncIterable<Uint8Array> = body;
  // Codings are listed in the order they were applied: undo them from the last.
  for (const coding of codings.reverse()) stream = decompress(stream, coding);

  // A body whose length is announced is copied chunk by chunk into one buffer of that size:
  // joining 4 MB of chunks at the end took up to 100 ms of the event loop on a loaded machine
  // (T-3), and held the body twice meanwhile.
  const announced = codings.length === 0 && contentLength !== null && contentLength <= maxBytes;
  let whole: Buffer | null = announced ? Buffer.allocUnsafe(contentLength) : null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const at = total;
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      if (whole !== null && total <= whole.byteLength) {
        whole.set(chunk, at);
        continue;
      }
      // More than announced: collected like a body of unknown length from here.
      if (whole !== null) chunks.push(whole.subarray(0, at));
      whole = null;
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (isZlibError(error)) throw new FeedError("decode", "the compressed body is corrupt", { cause: error });
    throw error;
  }
  // Only the bytes received are ever returned (the buffer is not zero-filled).
  if (whole !== null) return total === whole.byteLength ? whole : Buffer.from(whole.subarray(0, total));
  return Buffer.concat(chunks, total);
}

export const tooLarge = (maxBytes: number): FeedError =>
  new FeedError("too_large", `the feed is larger than ${maxBytes} bytes`);

function decompress(input: AsyncIterable<Uint8Array>, coding: string): AsyncIterable<Uint8Array> {
  switch (coding) {
    case "gzip":
    case "x-gzip":
      return pipe(input, createGunzip());
    case "br":
      return pipe(input, createBrotliDecompress());
    case "deflate":
      return inflate(input);
    default:
      throw new FeedError("decode", `unsupported content encoding ${coding}`);
  }
}

/** `deflate` is zlib-wrapped by the spec but raw in some servers: the first byte tells. */
async function* inflate(input: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const [cmf, flg] = [first.value[0] ?? 0, first.value[1]];
  const zlibWrapped = (cmf & 0x0f) === 8 && flg !== undefined && ((cmf << 8) | flg) % 31 === 0;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => iterator,
  };
  async function* all(): AsyncIterable<Uint8Array> {
    yield first.value;
    yield* rest;
  }
  yield* pipe(all(), zlibWrapped ? createInflate() : createInflateRaw());
}

function pipe(input: AsyncIterable<Uint8Array>, transform: Transform): AsyncIterable<Uint8Array> {
  // pipeline() tears both ends down when either fails or the reader stops early.
  return pipeline(Readable.from(input, { objectMode: false }), transform, () => {});
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("Z_");
}
