/**
 * feedparser's `encoding` conformance cases (BSD-2-Clause, kurtmckee/feedparser), served
 * over loopback HTTP with their `Header:` lines as response headers and read through the
 * real fetcher. Translated checks: `encoding == '…'` against the charset we chose, string
 * comparisons against the decoded text, and "not bozo" as "decoded without replacement
 * characters". Cases that expect a failure (bozo) only have to not crash.
 *
 * Known, deliberate divergences (so the rate is not 100 %): feedparser follows RFC 3023,
 * where `text/*` without a charset means us-ascii; we follow RFC 7303 (which obsoletes it)
 * and the issue's order, so those bodies fall through to the XML declaration or UTF-8.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { createFetcher, decodeBody } from "../../src/feeds/fetch/index.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";
import { corporaSkipReason, corpus } from "../support/corpora.ts";

interface Expectation {
  path: string;
  expect: string;
  bozo_expected: boolean;
  http_headers?: Record<string, string>;
  suite: string;
}

type Outcome = "pass" | "fail" | "untranslated";

/** Decodes a Python string literal body: \xNN, \uNNNN, \\ and quotes. */
function pythonString(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, esc: string) => {
    if (esc.startsWith("x") || esc.startsWith("u"))
      return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    return esc === "n" ? "\n" : esc;
  });
}

/** Character references and the five XML entities, so `&#8217;` in the source matches `’`. */
function xmlUnescape(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_, name: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[name] ?? "",
    );
}

function judge(expectation: Expectation, charset: string, text: string): Outcome {
  if (expectation.bozo_expected) return "untranslated";
  const encoding = /encoding == '([^']+)'/.exec(expectation.expect)?.[1];
  if (encoding !== undefined) return charset === encoding ? "pass" : "fail";
  const literal = /== u?'((?:[^'\\]|\\.)*)'|== u?"((?:[^"\\]|\\.)*)"/.exec(expectation.expect);
  if (literal !== null) {
    const wanted = pythonString(literal[1] ?? literal[2] ?? "");
    return text.includes(wanted) || xmlUnescape(text).includes(wanted) ? "pass" : "fail";
  }
  if (/^not bozo\s*$/.test(expectation.expect)) return text.includes("\ufffd") ? "fail" : "pass";
  return "untranslated";
}

describe("feedparser encoding cases over HTTP", { skip: corporaSkipReason }, () => {
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer();
  });
  after(() => server.close());

  it("decodes every case without crashing and reports the pass rate", async () => {
    const all = JSON.parse(
      readFileSync(corpus("feeds", "feedparser", "expectations.json"), "utf8"),
    ) as Expectation[];
    const cases = all.filter((e) => e.suite === "encoding");
    assert.ok(cases.length >= 80, `expected the 82 encoding cases, found ${cases.length}`);
    // One loopback host serves every case: lift the per-host limit so they run side by side.
    const fetcher = createFetcher({ perHostConcurrency: 16 });
    const outcomes: Record<Outcome, string[]> = { pass: [], fail: [], untranslated: [] };
    const results = await Promise.all(
      cases.map(async (expectation, i) => {
        const headers = expectation.http_headers ?? {};
        const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === "content-type");
        server.route(`/case/${i}`, {
          body: readFileSync(corpus("feeds", "feedparser", expectation.path)),
          headers,
          ...(hasContentType ? {} : { contentType: null }),
        });
        const url = server.url(`/case/${i}`);
        return {
          expectation,
          res: await fetcher.fetch({ url, etag: null, lastModified: null, trusted: true }),
        };
      }),
    );
    for (const { expectation, res } of results) {
      assert.equal(res.kind, "ok", expectation.path);
      if (res.kind !== "ok") continue;
      // Decoded as the parse worker does: the body's bytes and its Content-Type.
      const { charset, text } = decodeBody(res.body, res.contentType);
      outcomes[judge(expectation, charset, text)].push(`${expectation.path} (${charset})`);
    }
    await fetcher.close();
    const judged = outcomes.pass.length + outcomes.fail.length;
    const rate = (100 * outcomes.pass.length) / judged;
    console.log(
      `# feedparser encoding: ${outcomes.pass.length}/${judged} translated checks pass (${rate.toFixed(1)} %), ` +
        `${outcomes.untranslated.length} untranslated or expected-bozo`,
    );
    for (const failure of outcomes.fail) console.log(`#   differs: ${failure}`);
    // Floor at the rate measured when this harness was written: a drop is a regression.
    assert.ok(rate >= 80, `pass rate fell to ${rate.toFixed(1)} %`);
  });
});
