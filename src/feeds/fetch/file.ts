/**
 * `file:` feeds, for the operator's own config (demo feeds, local exports). Read as HTTP
 * bodies are (decoded by the parser, with no Content-Type) and held to the same size cap.
 */
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { FeedError } from "../../core/errors.ts";
import { tooLarge } from "./body.ts";
import { NO_HINTS } from "./cache-hints.ts";
import type { FetchResponse } from "./types.ts";

export async function readFileFeed(url: URL, maxBytes: number): Promise<FetchResponse> {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch (cause) {
    throw new FeedError("bad_url", "the file URL is not valid", { cause });
  }
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FeedError("network", "the feed file is not a regular file");
    if (info.size > maxBytes) throw tooLarge(maxBytes);
    bytes = await readFile(path);
  } catch (cause) {
    if (cause instanceof FeedError) throw cause;
    throw new FeedError("network", "could not read the feed file", { cause });
  }
  // The file may have grown between stat and read.
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return {
    kind: "ok",
    status: 200,
    finalUrl: url.href,
    contentType: null,
    body: bytes,
    etag: null,
    lastModified: null,
    cache: { ...NO_HINTS },
  };
}
