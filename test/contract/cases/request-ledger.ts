import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `RequestLedger` (core/ports.ts): signed chat requests act at most once within their window, across processes (issue 13.2). */
export function requestLedgerCases(h: Harness): void {
  describe("RequestLedger", () => {
    it("a key is new once until it expires, in every process sharing the database", async () => {
      const { store, another } = await h.open();
      assert.equal(await store.rememberRequest("discord:1234", T0, at(10)), true);
      assert.equal(await store.rememberRequest("discord:1234", at(1), at(11)), false);
      assert.equal(await another().rememberRequest("discord:1234", at(9), at(19)), false);
      assert.equal(await store.rememberRequest("discord:5678", at(1), at(11)), true);
      // Past its window the request would be refused as stale anyway; the key may be reused.
      assert.equal(await another().rememberRequest("discord:1234", at(10), at(20)), true);
      assert.equal(await store.rememberRequest("discord:1234", at(11), at(21)), false);
    });

    it("two processes remembering one key at once: exactly one is first", async () => {
      const { store, another } = await h.open();
      const other = another();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 === 0 ? store : other).rememberRequest("slack:v0=ab:1", T0, at(10)),
        ),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });
  });
}
