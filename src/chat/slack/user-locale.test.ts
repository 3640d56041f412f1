import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createUserLocaleCache } from "./user-locale.ts";

describe("Slack user locale cache", () => {
  it("keeps a locale (or 'unknown') for the TTL, then forgets it", () => {
    const cache = createUserLocaleCache(1000);
    assert.equal(cache.get("U1", 0), undefined);
    cache.set("U1", "fr-FR", 0);
    cache.set("U2", null, 0);
    assert.equal(cache.get("U1", 999), "fr-FR");
    assert.equal(cache.get("U2", 999), null);
    assert.equal(cache.get("U1", 1000), undefined);
    cache.set("U1", "de-DE", 1000);
    assert.equal(cache.get("U1", 1500), "de-DE");
  });
});
