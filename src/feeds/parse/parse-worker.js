/**
 * The parse worker, loaded by worker-pool.ts with `new Worker(url)`: `{ id, text }` (text
 * pre-flighted by preflight.ts) → `{ id, ok: true, feed }` or `{ id, ok: false, message, code? }`.
 *
 * Why JavaScript: worker threads do not inherit tsx's loader when the CLI registers it
 * (bin/wirewatch.js), so a `.ts` worker would not load from the sources. A `.js` module
 * runs the same under tsx and from `dist/` (tsconfig.build.json's `allowJs` emits it
 * there), and Biome lints it like the rest.
 *
 * Inside the worker:
 * - The XML is read by parse-worker-xml.js, not xml2js/sax (~60 % of a parse): it builds the
 *   tree xml2js builds under rss-parser's options, cuts every text and attribute value at
 *   MAX_TEXT_CHARS while reading, and refuses element floods and deep nesting as too_complex
 *   (the reply's `code`) before they fill the heap. rss-parser's build functions read the tree.
 * - rss-parser's `contentSnippet` is never computed: its regex (`/<(?:.|\n)*?>/gm`) is
 *   quadratic on `<` without `>`, and V8's linear-time fallback for it allocates hundreds of
 *   MB outside the heap. The fallback stays switched on (BEFORE rss-parser is loaded) for
 *   any other regexp; the pool's kill timeout is the last line of defence. Its `isoDate` and
 *   `itunes` records are not computed either (never read).
 * - A subclass keeps what rss-parser drops or chokes on: Atom `published`/`updated` are taken
 *   out before its `new Date(…).toISOString()` (which throws on one bad date and rejects the
 *   whole feed) and passed on raw; Atom categories (label before term), every author,
 *   `xml:lang`, `xml:base`, title types, RSS `isPermaLink` and media records
 *   (parse-worker-tree.js) are added.
 * - Before rss-parser reads the tree it is repaired: namespace prefixes of the feed's own
 *   format removed, Atom links read with or without attributes (parse-worker-tree.js). One
 *   odd element never refuses the whole feed.
 * - Only what map-rss-parser.ts reads is posted back, packed into one string and an Int32Array
 *   of lengths (parse-worker-reply.js; unpack-feed.ts reverses it): the structured clone of
 *   rss-parser's whole feed object cost ~80 ms per 500 documents on both threads, more than
 *   reading their XML now does.
 * - No tree object reaches Object.prototype, so `<__proto__>` elements stay inert.
 *
 * The work itself is in parse-worker-feed.js; this module only answers the pool's messages.
 */

import { parentPort, workerData } from "node:worker_threads";
import { parseFeedXml } from "./parse-worker-feed.js";
import { runJob } from "./parse-worker-input.js";

/** worker-text-cap.ts, handed over by worker-pool.ts. */
const MAX_TEXT_CHARS = workerData.maxTextChars;

// Decoding and the pre-flight of a fetched body happen in runJob (parse-worker-input.js).
parentPort.on("message", (job) => {
  runJob(job, (text) => parseFeedXml(text, MAX_TEXT_CHARS)).then((reply) => parentPort.postMessage(reply));
});
