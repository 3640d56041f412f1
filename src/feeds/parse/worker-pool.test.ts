import assert from "node:assert/strict";
import { test } from "node:test";
import iconv from "iconv-lite";
import { FeedError } from "../../core/errors.ts";
import { mapRssParserFeed } from "./map-rss-parser.ts";
import { createParsePool } from "./worker-pool.ts";
import { MAX_TEXT_CHARS } from "./worker-text-cap.ts";

const small = (i: number) => `<rss version="2.0"><channel><title>feed ${i}</title></channel></rss>`;

/** rss-parser's contentSnippet regex is quadratic on this: 313 KB blocked the event loop 19 s. */
const quadratic = (bytes: number) =>
  `<rss version="2.0"><channel><title>Q</title><item><title>A</title><description>${"&lt;".repeat(
    bytes / 4,
  )}</description></item></channel></rss>`;

test("many feeds reuse a bounded set of workers", async () => {
  const pool = createParsePool(2);
  try {
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.run(small(i), 10_000)));
    assert.deepEqual(
      replies.map((reply) => (reply.ok ? mapRssParserFeed(reply.feed).title : reply.message)),
      Array.from({ length: 40 }, (_, i) => `feed ${i}`),
    );
    assert.deepEqual(pool.stats(), { workers: 2, spawned: 2, deflated: 0 });
  } finally {
    await pool.close();
  }
});

test("the quadratic contentSnippet case parses in a worker, well inside the job timeout", async () => {
  const pool = createParsePool(1);
  try {
    await pool.run(small(0), 10_000); // warm the worker: measure the parse, not the start-up
    let lastTick = performance.now();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - lastTick);
      lastTick = now;
    }, 5);
    const started = performance.now();
    // 19 s without the V8 fallback engine, about 0.1 s with it: a quadratic regression runs
    // into this job timeout (parse_timeout) however slow the machine. Speed itself is not
    // asserted here (speed is measured in benchmarks); the figures are only reported.
    const reply = await pool.run(quadratic(313_000), 10_000);
    const ms = performance.now() - started;
    clearInterval(ticker);
    assert.ok(reply.ok, "the 313 KB case parses");
    assert.equal(mapRssParserFeed(reply.feed).entries[0]?.summary?.length, 313_000 / 4);
    console.log(
      `# quadratic 313 KB: ${Math.round(ms)} ms in the worker, worst main-thread gap ${Math.round(worstGap)} ms`,
    );
  } finally {
    await pool.close();
  }
});

test("a parse over its timeout is killed with parse_timeout and the worker is replaced", async () => {
  const pool = createParsePool(1);
  try {
    await pool.run(small(0), 10_000);
    // 4 MB takes far longer than 10 ms to read (~150 ms; 1 MB now reads in 30-40 ms), so only
    // the kill timer can end it.
    await assert.rejects(pool.run(quadratic(4_000_000), 10), (error: unknown) => {
      assert.ok(error instanceof FeedError);
      assert.equal(error.code, "parse_timeout");
      return true;
    });
    const reply = await pool.run(small(1), 10_000);
    assert.ok(reply.ok && mapRssParserFeed(reply.feed).title === "feed 1");
    assert.equal(pool.stats().spawned, 2);
    assert.equal(pool.stats().workers, 1);
  } finally {
    await pool.close();
  }
});

test("jobs queued behind a killed job still run", async () => {
  const pool = createParsePool(1);
  try {
    const slow = pool.run(quadratic(4_000_000), 10);
    const next = pool.run(small(2), 10_000);
    await assert.rejects(
      slow,
      (error: unknown) => error instanceof FeedError && error.code === "parse_timeout",
    );
    const reply = await next;
    assert.ok(reply.ok && mapRssParserFeed(reply.feed).title === "feed 2");
  } finally {
    await pool.close();
  }
});

test("a closed pool rejects new work", async () => {
  const pool = createParsePool(1);
  await pool.close();
  await assert.rejects(pool.run(small(0), 1_000), FeedError);
});

test("even without the pre-flight refusal, the XML parser does not expand internal entities", async () => {
  const pool = createParsePool(1);
  try {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join(
      "",
    );
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${levels}]><rss version="2.0"><channel><title>&l9;</title></channel></rss>`;
    const reply = await pool.run(bomb, 5_000);
    // sax keeps no DTD: the reference is an error or stays unexpanded, never a billion "lol"s.
    const title = reply.ok ? (mapRssParserFeed(reply.feed).title ?? "") : "";
    assert.ok(title.length < 100, `title of ${title.length} characters`);
  } finally {
    await pool.close();
  }
});

test("a 2 MB feed of 2,000 items parses well inside the default timeout", async () => {
  const pool = createParsePool(1);
  try {
    const item = (i: number) =>
      `<item><title>Item ${i}</title><link>https://ex.org/${i}</link><guid>${i}</guid><description>${"&lt;p&gt;Lorem ipsum dolor sit amet. &lt;/p&gt;".repeat(20)}</description></item>`;
    const xml = `<rss version="2.0"><channel><title>Big</title>${Array.from({ length: 2_000 }, (_, i) => item(i)).join("")}</channel></rss>`;
    assert.ok(xml.length > 2_000_000);
    const started = performance.now();
    const reply = await pool.run(xml, 10_000);
    const ms = performance.now() - started;
    assert.ok(reply.ok);
    assert.equal(mapRssParserFeed(reply.feed).entries.length, 2_000);
    console.log(`# 2 MB / 2,000 items: ${Math.round(ms)} ms`);
  } finally {
    await pool.close();
  }
});

/** The process's peak RSS growth (MB) while `work` runs, sampled every 5 ms. */
async function peakGrowthMb(work: () => Promise<unknown>): Promise<number> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await work().catch(() => undefined);
  } finally {
    clearInterval(timer);
  }
  return (Math.max(peak, process.memoryUsage().rss) - base) / 1e6;
}

test("one parse of 4 MB of &lt; adds tens of MB, not hundreds (issue 13.3: was 430-657 MB)", async () => {
  const pool = createParsePool(1);
  try {
    let reply: Awaited<ReturnType<typeof pool.run>> | undefined;
    let failure: unknown = null;
    const grown = await peakGrowthMb(async () => {
      reply = await pool.run(quadratic(4_000_000), 60_000).catch((error: unknown) => {
        failure = error;
        return undefined;
      });
    });
    console.log(
      `4 MB of &lt;: one parse added ${grown.toFixed(0)} MB (${reply?.ok ? "parsed" : String(failure)})`,
    );
    // It parses here; on a machine too busy for the worker's GC to keep up it may be refused
    // instead, as too_complex: either way a typed outcome, and the memory stays bounded.
    const outcome = reply?.ok === true || (failure instanceof FeedError && failure.code === "too_complex");
    assert.ok(outcome, `parsed, or refused as too_complex (${String(failure)})`);
    // Measured 42-57 MB here; the margin is for a busy machine's GC timing.
    assert.ok(grown < 96, `one parse added ${grown.toFixed(0)} MB`);
  } finally {
    await pool.close();
  }
});

test("an element flood that needs more memory than a parse may take is too_complex", async () => {
  const pool = createParsePool(1);
  const flood = `<rss version="2.0"><channel><title>F</title><item><title>t</title>${"<x a='1'/>".repeat(
    400_000,
  )}</item></channel></rss>`;
  try {
    await assert.rejects(
      pool.run(flood, 30_000),
      (error: unknown) => error instanceof FeedError && error.code === "too_complex",
    );
    // The pool replaces the worker and goes on.
    const next = await pool.run(small(1), 10_000);
    assert.equal(next.ok, true);
  } finally {
    await pool.close();
  }
});

test("a small document is not held up behind big ones: smallest first, and an extra worker for it", async () => {
  const pool = createParsePool(1);
  try {
    await pool.run(small(0), 10_000);
    const order: string[] = [];
    // Big documents that hold the worker longer than starting another takes (~0.4-1 s): 40,000
    // items, ~0.7 s each. 2 MB of &lt; did before the XML reader's streaming cap; it takes ~50 ms now.
    const items = Array.from(
      { length: 40_000 },
      (_, i) =>
        `<item><title>Item ${i}</title><guid>${i}</guid><description>${"x".repeat(150)}</description></item>`,
    ).join("");
    const bigDocument = `<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`;
    const big = (n: number) =>
      pool.run(bigDocument, 60_000).then(() => {
        order.push(`big${n}`);
      });
    const bigs = [big(1), big(2)];
    const quick = pool.run(small(3), 10_000).then((reply) => {
      order.push("small");
      return reply;
    });
    const reply = await quick;
    assert.ok(reply.ok && mapRssParserFeed(reply.feed).title === "feed 3");
    await Promise.all(bigs);
    // The first big one may finish first on a busy machine; the small one never waits for the second.
    assert.ok(order.indexOf("small") < order.indexOf("big2"), order.join(","));
    assert.equal(pool.stats().spawned, 2, "one extra worker for the small document");
    // Idle, the extra worker is stopped; the first one stays.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    assert.equal(pool.stats().workers, 1);
  } finally {
    await pool.close();
  }
});

test("a body handed over moves to the pool (the caller's view is emptied) and is decoded in the worker", async () => {
  const pool = createParsePool(1);
  try {
    // A view that owns its whole ArrayBuffer, as the fetcher's bodies do: Buffer.concat's result
    // may be a slice of Node's shared pool (64 KB slabs on Node 26), which is copied, never moved.
    const koi8 = new Uint8Array(
      Buffer.concat([
        iconv.encode(`<rss version="2.0"><channel><title>Пример</title>`, "koi8-r"),
        Buffer.alloc(8_000, " "),
        Buffer.from("</channel></rss>"),
      ]),
    );
    const reply = await pool.runDocument(
      { bytes: koi8, contentType: "text/xml; charset=koi8-r" },
      10_000,
      true,
    );
    assert.equal(koi8.byteLength, 0, "the caller's view is emptied, not copied");
    assert.ok(reply.ok && "feed" in reply);
    assert.equal(mapRssParserFeed(reply.feed).title, "Пример");
    // Not handed over, the caller keeps its bytes.
    const kept = Buffer.from(small(4).padEnd(8_000, " "));
    const again = await pool.runDocument({ bytes: kept, contentType: null }, 10_000);
    assert.equal(kept.byteLength, 8_000);
    assert.ok(again.ok && "feed" in again && mapRssParserFeed(again.feed).title === "feed 4");
  } finally {
    await pool.close();
  }
});

test("the worker's pre-flight refuses with its own code, and hands a JSON Feed back as text", async () => {
  const pool = createParsePool(1);
  try {
    const html = await pool.runDocument({ text: "<!DOCTYPE html><html><body>hi</body></html>" }, 10_000);
    assert.ok(!html.ok);
    assert.equal(html.code, "not_a_feed_html");
    const json = await pool.runDocument(
      { bytes: Buffer.from('{"version":"x","items":[]}'), contentType: null },
      10_000,
    );
    assert.ok(json.ok && "json" in json);
    assert.equal(json.json, '{"version":"x","items":[]}');
  } finally {
    await pool.close();
  }
});

test("big bodies waiting for the worker are deflated meanwhile and parse the same", async () => {
  const pool = createParsePool(1);
  try {
    await pool.run(small(0), 10_000);
    const body = (n: number) =>
      Buffer.from(quadratic(1_000_000).replace("<title>Q</title>", `<title>Q${n}</title>`));
    const replies = await Promise.all(
      [1, 2, 3].map((n) => pool.runDocument({ bytes: body(n), contentType: null }, 60_000, true)),
    );
    assert.deepEqual(
      replies
        .map((r) => (r.ok && "feed" in r ? mapRssParserFeed(r.feed) : null))
        .map((f) => [f?.title, f?.entries[0]?.summary?.length]),
      [1, 2, 3].map((n) => [`Q${n}`, MAX_TEXT_CHARS]),
    );
    // The first went to the worker at once; the two behind it waited deflated.
    assert.equal(pool.stats().deflated, 2);
  } finally {
    await pool.close();
  }
});
