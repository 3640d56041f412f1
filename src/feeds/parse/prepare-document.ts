/**
 * Runs in the parse worker (parse-worker-input.js loads it): a fetched body becomes the
 * checked text the XML parser reads (charset decoding, then the pre-flight). Done there,
 * not on the main thread: a 4 MB flood cost the event loop 25-380 ms of pre-flight, and the
 * main thread held each decoded body and its repaired copy (issue 13, T-2 and T-3).
 */
import { decodeBody } from "../fetch/charset.ts";
import { type PreflightResult, preflight } from "./preflight.ts";
import { bodyBytes } from "./waiting-body.ts";

/**
 * A document to parse: a text already decoded, or a body's bytes as fetched (deflated while
 * it waited for a worker when `inflatedBytes` is set: waiting-body.ts).
 */
export type DocumentInput =
  | { text: string }
  | { bytes: Uint8Array; contentType: string | null; inflatedBytes?: number };

/** Throws FeedError ("malformed", "not_a_feed", "not_a_feed_html", …) as the pre-flight does. */
export function prepareDocument(input: DocumentInput): PreflightResult {
  return preflight("text" in input ? input.text : decodeBody(bodyBytes(input), input.contentType).text);
}
