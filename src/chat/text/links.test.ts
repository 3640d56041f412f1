import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_LINK_LENGTH, safeLink } from "./links.ts";

describe("safeLink", () => {
  const refused: [string, string | null][] = [
    ["javascript", "javascript:alert(1)"],
    ["javascript with spaces and case", "  JaVaScRiPt:alert(1)"],
    ["data", "data:text/html,<script>alert(1)</script>"],
    ["file", "file:///etc/passwd"],
    ["ftp", "ftp://example.org/x"],
    ["mailto", "mailto:a@example.org"],
    ["relative", "/news/1"],
    ["not a url", "bank login"],
    ["credentials to fake a host", "https://bank.test@evil.test/login"],
    ["empty", ""],
    ["null", null],
  ];
  for (const [name, raw] of refused) {
    it(`refuses ${name}`, () => assert.equal(safeLink(raw), null));
  }

  it("keeps http and https with their real host", () => {
    assert.deepEqual(safeLink("https://www.rfi.fr/fr/x?a=1&b=2#top"), {
      href: "https://www.rfi.fr/fr/x?a=1&b=2#top",
      host: "www.rfi.fr",
    });
    assert.equal(safeLink("http://example.org")?.href, "http://example.org/");
  });

  it("percent-encodes every character chat markup treats as syntax", () => {
    const link = safeLink("https://evil.test/a|b>c<d e(f)g[h]i*j'k\"l`m");
    assert.equal(link?.href, "https://evil.test/a%7Cb%3Ec%3Cd%20e%28f%29g%5Bh%5Di%2Aj%27k%22l%60m");
    assert.doesNotMatch(link?.href ?? "", /[|<>()[\]* '"`]/);
  });

  it("shows internationalised hosts in punycode, so look-alike domains are visible", () => {
    // Cyrillic "раура" + Latin "l": looks like paypal.com.
    const host = safeLink("https://раураl.com/")?.host ?? "";
    assert.match(host, /^xn--[a-z0-9-]+\.com$/);
  });

  it("encodes non-ASCII paths", () => {
    assert.equal(safeLink("https://www.rfi.fr/états-unis")?.href, "https://www.rfi.fr/%C3%A9tats-unis");
  });

  it("refuses links longer than Discord accepts", () => {
    const long = `https://example.org/${"a".repeat(MAX_LINK_LENGTH)}`;
    assert.equal(safeLink(long), null);
  });
});
