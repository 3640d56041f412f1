/**
 * `/wirewatch feeds list` says what is wrong with a feed in words (issue 14), through the
 * platform-neutral handler on a real SQLite store.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { COMMANDS } from "../../src/core/commands/registry.ts";
import { ADMIN, type CommandWorld, createCommandWorld, NOW } from "../fakes/context-commands.ts";
import { okFetchState } from "../support/fetch-state.ts";

describe("feeds list: health in words", () => {
  let world: CommandWorld;
  before(async () => {
    world = await createCommandWorld();
  });
  after(() => world.close());

  const list = async () => {
    const message = await runCommand({ path: "feeds list", args: {} }, world.context(ADMIN), COMMANDS);
    return message.entries.map((e) => e.snippet).join("\n");
  };

  it("a failing feed: the reason, the code and since when; a disabled one: why", async () => {
    const at = NOW.toISOString();
    const failing = await world.store.upsertFeed(
      {
        url: "https://down.example/rss",
        name: "Down",
        everySeconds: 600,
        origin: "config",
        scope: null,
        addedBy: null,
      },
      at,
    );
    await world.store.recordFetch(
      failing.id,
      okFetchState(at, {
        status: 503,
        errorCode: "http_status",
        consecutiveErrors: 4,
        failingSince: "2026-11-27T09:15:00.000Z",
      }),
    );
    const gone = await world.store.upsertFeed(
      {
        url: "https://gone.example/rss",
        name: "Gone",
        everySeconds: 600,
        origin: "config",
        scope: null,
        addedBy: null,
      },
      at,
    );
    await world.store.recordFetch(
      gone.id,
      okFetchState(at, {
        status: 200,
        errorCode: "not_a_feed_html",
        consecutiveErrors: 90,
        failingSince: "2026-11-20T09:15:00.000Z",
        disabled: true,
      }),
    );
    const text = await list();
    assert.match(
      text,
      /last fetch failed: the server answered HTTP 503 \(http_status 503\), failing since 2026-11-27 09:15 UTC/,
    );
    assert.match(
      text,
      /disabled after 7 days of failures: the address gives a page that is not an RSS, Atom or JSON feed/,
    );
  });
});
