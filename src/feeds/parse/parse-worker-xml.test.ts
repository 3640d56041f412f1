/**
 * The worker's XML reader. The expected trees are what xml2js 0.5 builds under rss-parser's
 * options (checked against it when the reader replaced it: the 2,200 XML documents of the
 * conformance corpora gave identical trees, key order included).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
// @ts-expect-error: a plain JavaScript module of the worker (see parse-worker.js for why).
import { MAX_DEPTH, MAX_NAMES, MAX_NODES, readXmlTree } from "./parse-worker-xml.js";

const read = (xml: string, max = 1000): unknown => readXmlTree(xml, max);
/** The tree as JSON: key order included. */
const json = (xml: string, max = 1000): string => JSON.stringify(read(xml, max));

function refusedAs(xml: string, code: string): void {
  assert.throws(
    () => read(xml),
    (error: unknown) => (error as { code?: unknown }).code === code,
  );
}

describe("readXmlTree: the tree xml2js builds", () => {
  test("text, attributes, empty and whitespace-only elements, CDATA, prefixes, references", () => {
    assert.equal(
      json(
        `<r><a>t</a><a x="1">t</a><a x="1"/><a/><a>  </a><a><![CDATA[ ]]></a><p:b>&lt;&#233;&#x1F600;&amp;&quot;&apos;&gt;</p:b></r>`,
      ),
      `{"r":{"a":["t",{"_":"t","$":{"x":"1"}},{"$":{"x":"1"}},"","  "," "],"p:b":["<é😀&\\"'>"]}}`,
    );
  });

  test("mixed content: the texts joined under _, first; comments and processing instructions skipped", () => {
    assert.equal(json(`<r>a<c/>b<c>d</c><!-- x -->e<?pi x?></r>`), `{"r":{"_":"abe","c":["","d"]}}`);
    assert.equal(json(`<r y="2">text<c/></r>`), `{"r":{"_":"text","$":{"y":"2"},"c":[""]}}`);
    assert.equal(json(`<r y="2"><c/></r>`), `{"r":{"$":{"y":"2"},"c":[""]}}`);
    assert.equal(json(`<r><a>x</a>\n<a>y</a>\n</r>`), `{"r":{"a":["x","y"]}}`);
  });

  test("a duplicate attribute keeps the first value; attribute references are decoded", () => {
    assert.equal(json(`<r a="1" a="2" b='&lt;'/>`), `{"r":{"$":{"a":"1","b":"<"}}}`);
  });

  test("no object reaches Object.prototype: <__proto__> is an ordinary key", () => {
    const tree = read(`<r a="1"><__proto__><x>1</x></__proto__></r>`) as Record<
      string,
      Record<string, unknown>
    >;
    for (const node of [tree, tree.r, tree.r?.$]) {
      assert.ok(!(node instanceof Object));
      assert.equal(Object.getPrototypeOf(Object.getPrototypeOf(node)), null);
    }
    assert.ok(Array.isArray(Object.getOwnPropertyDescriptor(tree.r, "__proto__")?.value));
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  test("an element named _ is dropped (xml2js threw on it), text outside the root is ignored", () => {
    assert.equal(json(`<r><_>x</_><t>z</t></r>`), `{"r":{"t":["z"]}}`);
    assert.equal(json(`<?xml version="1.0"?>\n<!-- c --><r>x</r>\ntrailing <r>second</r>`), `{"r":"x"}`);
  });
});

describe("readXmlTree: lenient where readers are", () => {
  test("a close tag of an ancestor closes what is open inside it; a stray close tag is ignored", () => {
    assert.equal(
      json(`<rss><channel><item><title>A</item><item><title>B</title></oops></item></channel></rss>`),
      `{"rss":{"channel":[{"item":[{"title":["A"]},{"title":["B"]}]}]}}`,
    );
  });

  test("a < that starts no tag is text; unquoted and bare attributes are read", () => {
    assert.equal(
      json(`<r><t>a < b <= c</t><a href=x/y>l</a><b checked/></r>`),
      `{"r":{"t":["a < b <= c"],"a":[{"_":"l","$":{"href":"x/y"}}],"b":[{"$":{"checked":""}}]}}`,
    );
  });
});

describe("readXmlTree: refusals", () => {
  test("a document cut off before its root closes is malformed", () => {
    for (const cut of [
      `<rss><channel><title>x</title>`,
      `<rss><channel><title>x</chan`,
      `<rss><channel><title a="x`,
      `<rss><channel><![CDATA[x`,
      `<rss><!-- x`,
      `<not xml`,
    ])
      refusedAs(cut, "malformed");
  });

  test("more elements and attributes than MAX_NODES, or nesting past MAX_DEPTH, is too_complex", () => {
    refusedAs(`<r>${"<x/>".repeat(MAX_NODES + 1)}</r>`, "too_complex");
    refusedAs(
      `<r><x ${Array.from({ length: MAX_NODES }, (_, i) => `a${i}=""`).join(" ")}/></r>`,
      "too_complex",
    );
    refusedAs(`${"<a>".repeat(MAX_DEPTH + 1)}${"</a>".repeat(MAX_DEPTH + 1)}`, "too_complex");
    assert.doesNotThrow(() => read(`${"<a>".repeat(MAX_DEPTH)}${"</a>".repeat(MAX_DEPTH)}`));
  });

  test("past MAX_NAMES distinct attributes or child names in one element, the rest are dropped", () => {
    const names = (n: number, make: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => make(i)).join(" ");
    const tree = read(
      `<r><x ${names(MAX_NAMES + 5, (i) => `a${i}="1"`)}/><y>${names(MAX_NAMES + 5, (i) => `<e${i}/>`)}<e0/></y></r>`,
    ) as { r: { x: { $: object }[]; y: Record<string, unknown[]>[] } };
    assert.equal(Object.keys(tree.r.x[0]?.$ ?? {}).length, MAX_NAMES);
    const y = tree.r.y[0] ?? {};
    assert.equal(Object.keys(y).length, MAX_NAMES);
    assert.equal(y.e0?.length, 2, "names already kept still take more elements");
  });

  test("a flood of stray close tags costs no search per tag", () => {
    const started = performance.now();
    read(`${"<a>".repeat(MAX_DEPTH - 1)}${"</b>".repeat(500_000)}${"</a>".repeat(MAX_DEPTH - 1)}`);
    assert.ok(performance.now() - started < 2_000);
  });
});

describe("readXmlTree: every text and attribute value is cut while it is read", () => {
  test("texts, entity floods and attributes stop at the cap, never inside a surrogate pair", () => {
    const tree = read(
      `<r><t>${"x".repeat(50)}</t><f>${"&lt;".repeat(10_000)}</f><s>x${"😀".repeat(20)}</s><a v="${"&amp;".repeat(50)}"/><m>ab<b/>${"c".repeat(40)}</m></r>`,
      10,
    ) as { r: Record<string, unknown[]> };
    assert.deepEqual(tree.r.t, ["x".repeat(10)]);
    assert.deepEqual(tree.r.f, ["<".repeat(10)]);
    assert.deepEqual(tree.r.s, [`x${"😀".repeat(4)}`], "cut at 9: the 10th unit is a high surrogate");
    assert.deepEqual(JSON.stringify(tree.r.a), `[{"$":{"v":"${"&".repeat(10)}"}}]`);
    assert.deepEqual(JSON.stringify(tree.r.m), `[{"_":"ab${"c".repeat(8)}","b":[""]}]`);
  });
});
