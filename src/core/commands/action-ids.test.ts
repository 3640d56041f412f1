import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeAction, encodeAction } from "./action-ids.ts";

describe("button id strings", () => {
  const actions = { itemId: 4821, topicIds: ["12", "config:russie-usa"] };

  it("encode ids only, and round-trip", () => {
    for (const kind of ["why", "mute", "more"] as const) {
      const text = encodeAction(kind, actions, 100);
      assert.ok(text !== null);
      const decoded = decodeAction(text);
      assert.deepEqual(decoded, {
        ok: true,
        value: { kind, itemId: 4821, topicIds: kind === "mute" ? actions.topicIds : [] },
      });
    }
  });

  it("keep the topics that fit, and leave Mute out when none does or the item is not written yet", () => {
    const many = { itemId: 1, topicIds: ["config:aaaaaaaaaa", "config:bbbbbbbbbb", "config:cccccccccc"] };
    assert.equal(encodeAction("mute", many, 45), "ww:mute:1:config:aaaaaaaaaa,config:bbbbbbbbbb");
    assert.equal(encodeAction("mute", many, 20), null);
    assert.equal(encodeAction("why", { itemId: null, topicIds: ["1"] }, 100), null);
    assert.equal(encodeAction("mute", { itemId: 1, topicIds: ["config:<!channel>", "x y"] }, 100), null);
  });

  const refused: [string, string][] = [
    ["", "empty"],
    ["ww:delete:1", "unknown kind"],
    ["ww:why:abc", "not digits"],
    ["ww:why:1:12", "why names no topic"],
    ["ww:mute:1", "mute without topics"],
    ["ww:mute:1:12,<!channel>", "a topic id that is not ours"],
    ["ww:mute:1:config:a b", "a space in a config name"],
    ["ww:why:1\n", "trailing newline"],
    ["xx:why:1", "another prefix"],
    ["ww:why:99999999999999999999", "too many digits"],
  ];
  for (const [text, why] of refused) {
    it(`refuse ${JSON.stringify(text)} (${why})`, () => {
      assert.equal(decodeAction(text).ok, false);
    });
  }
});
