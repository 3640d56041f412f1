import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FeedError } from "../../core/errors.ts";
import { preflight } from "./preflight.ts";

const xml = (text: string): string => {
  const result = preflight(text);
  assert.equal(result.kind, "xml");
  return result.text;
};

describe("preflight", () => {
  test("HTML entities become numeric references; XML's own five stay", () => {
    assert.equal(
      xml("<t>&nbsp;&eacute;&amp;&lt;&#233;&#xE9;</t>"),
      "<t>&#160;&#233;&amp;&lt;&#233;&#xE9;</t>",
    );
  });

  test("bare ampersands and unknown entity names are escaped", () => {
    assert.equal(xml("<t>AT&T &bogus; & x</t>"), "<t>AT&amp;T &amp;bogus; &amp; x</t>");
  });

  test("CDATA sections are left as written", () => {
    assert.equal(xml("<t><![CDATA[AT&T &nbsp;]]> &nbsp;</t>"), "<t><![CDATA[AT&T &nbsp;]]> &#160;</t>");
  });

  test("BOM, leading blanks and forbidden control characters are removed", () => {
    assert.equal(xml("\ufeff \n<t>a\u0001b\u000bc\td</t>"), "<t>abc\td</t>");
  });

  test("a plain DOCTYPE is dropped; one declaring entities is refused", () => {
    assert.equal(
      xml('<?xml version="1.0"?><!DOCTYPE rss SYSTEM "x.dtd"><rss/>'),
      '<?xml version="1.0"?><rss/>',
    );
    for (const bomb of [
      '<!DOCTYPE r [<!ENTITY a "b">]><r/>',
      '<!doctype r [ <!entity a SYSTEM "file:///etc/passwd"> ]><r/>',
    ]) {
      assert.throws(
        () => preflight(bomb),
        (error: unknown) => error instanceof FeedError && error.code === "malformed",
      );
    }
  });

  test("JSON is routed to the JSON Feed mapper; HTML pages and text are not feeds", () => {
    assert.equal(preflight(' {"version":1}').kind, "json");
    for (const text of [
      "",
      "plain text",
      "<!DOCTYPE html>\n<html lang='en'><body/></html>",
      "<!-- c --><HTML>",
    ]) {
      assert.throws(
        () => preflight(text),
        (error: unknown) => error instanceof FeedError && error.code === "not_a_feed",
      );
    }
  });

  test("fast on hostile input: a million bare ampersands is refused, unclosed CDATA is linear", () => {
    const started = performance.now();
    assert.throws(
      () => preflight(`<t>${"&".repeat(1_000_000)}</t>`),
      (error: unknown) => error instanceof FeedError,
    );
    assert.equal(xml(`<t>${"&".repeat(50_000)}</t>`), `<t>${"&amp;".repeat(50_000)}</t>`);
    xml(`<t><![CDATA[${"&x".repeat(500_000)}`);
    xml(`<t>${"&amp;".repeat(500_000)}</t>`);
    const ms = performance.now() - started;
    // Not a speed check (speed is measured in benchmarks): about 50 ms here, while a quadratic
    // scan of these inputs takes many minutes. The bound only tells those apart, with room for any
    // slow or loaded machine.
    assert.ok(ms < 30_000, `${Math.round(ms)} ms`);
  });
});
