import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkPermission } from "./permissions.ts";
import { COMMAND_SPECS } from "./registry.ts";
import type { Actor } from "./types.ts";

const base: Actor = {
  platform: "discord",
  workspace: "290926798626357999",
  channelWorkspace: "290926798626357999",
  channel: "645027906669510667",
  isDirect: false,
  userId: "53908232506183680",
  canManage: true,
};

const actors: Record<string, Actor> = {
  manager: base,
  member: { ...base, canManage: false },
  otherGuild: { ...base, channelWorkspace: "111111111111111111" },
  dm: { ...base, workspace: null, channelWorkspace: null, isDirect: true },
  slackDm: {
    ...base,
    platform: "slack",
    workspace: "T1",
    channelWorkspace: "T1",
    channel: "D123",
    isDirect: true,
  },
};

describe("checkPermission", () => {
  for (const spec of COMMAND_SPECS) {
    it(`${spec.path}: ${spec.access}`, () => {
      for (const [who, actor] of Object.entries(actors)) {
        const allowed = checkPermission(spec, actor).kind === "allowed";
        assert.equal(allowed, spec.access === "anyone" || who === "manager", `${spec.path} for ${who}`);
      }
    });
  }

  it("says why, per platform", () => {
    const watch = COMMAND_SPECS.find((s) => s.path === "watch");
    assert.ok(watch);
    assert.deepEqual(checkPermission(watch, actors.member ?? base), {
      kind: "refused",
      reason: "Only members with the Manage Channels permission can use `watch`.",
    });
    const slack = checkPermission(watch, { ...base, platform: "slack", canManage: false });
    assert.equal(slack.kind === "refused" && slack.reason.includes("slack.admins"), true);
  });

  it("classifies configuration changes as manage and lookups as open", () => {
    const manage = COMMAND_SPECS.filter((s) => s.access === "manage").map((s) => s.path);
    assert.deepEqual(manage, [
      "watch",
      "unwatch",
      "pause",
      "resume",
      "digest now",
      "feeds add",
      "feeds remove",
    ]);
  });
});
