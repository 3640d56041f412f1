import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, initialisedFeed, instant, item, sig, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `StoryAlertStore` (pipeline/story-alerts.ts): the recent stories of a destination. */
export function storyAlertStoreCases(h: Harness): void {
  describe("StoryAlertStore", () => {
    it("lists stories of a destination since an instant, newest first", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(feedId, state(at(1)), [item("s1")], [instant("s1")]);
      await store.commitFetch(
        feedId,
        state(at(50)),
        [item("s2")],
        [instant("s2", "console", { storySignature: sig(9) })],
      );
      await store.commitFetch(
        feedId,
        state(at(60)),
        [item("s3")],
        [instant("s3", "discord:112233445566778899")],
      );
      await store.commitFetch(
        feedId,
        state(at(61)),
        [item("s4")],
        [instant("s4", "console", { storySignature: null, story: null })],
      );
      assert.deepEqual(
        (await store.recentStories("console", T0)).map((s) => s.signature),
        [sig(9), sig(1)],
      );
      assert.deepEqual(
        (await store.recentStories("console", at(10))).map((s) => s.createdAt),
        [at(50)],
      );
    });
  });
}
