import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Harness } from "../harness.ts";

export function exclusiveCases(h: Harness): void {
  describe("exclusive", () => {
    it("runs one piece of work at a time across stores on one database, even after a failure", async () => {
      const { store, another } = await h.open();
      const other = another();
      const log: string[] = [];
      let release = (): void => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered = (): void => {};
      const firstIn = new Promise<void>((resolve) => {
        entered = resolve;
      });
      try {
        const first = store.exclusive(async () => {
          log.push("first in");
          entered();
          await held;
          log.push("first out");
          throw new Error("first fails");
        });
        await firstIn;
        const second = other.exclusive(async () => {
          log.push("second in");
          return 2;
        });
        const third = store.exclusive(async () => 3);
        // Give the others every chance to enter (wrongly) while the first holds the lock.
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(log, ["first in"], "the others wait for the first");
        release();
        await assert.rejects(first, /first fails/);
        assert.equal(await second, 2);
        assert.equal(await third, 3);
        assert.deepEqual(log, ["first in", "first out", "second in"]);
      } finally {
        await other.close();
      }
    });
  });
}
