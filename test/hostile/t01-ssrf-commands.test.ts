/**
 * `feeds add` through the real feed source and guarded fetcher: every spelling of a
 * loopback address, and names that resolve to one, get the same private answer, store
 * nothing, and never reach a canary listening on port 80 of 127.0.0.1, 127.0.0.2 and ::1.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import { after, before, describe, it } from "node:test";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../src/core/commands/registry.ts";
import { createFeedSource } from "../../src/feeds/feed-source.ts";
import { createFetcher, type ResolvedAddress } from "../../src/feeds/fetch/index.ts";
import { ADMIN, type CommandWorld, createCommandWorld } from "../fakes/context-commands.ts";

const NAMES: Record<string, ResolvedAddress[]> = {
  "private.example": [{ address: "127.0.0.2", family: 4 }],
  "v6.example": [{ address: "::1", family: 6 }],
  "mapped.example": [{ address: "::ffff:127.0.0.1", family: 6 }],
};

const URLS = [
  "http://127.0.0.1/feed",
  "http://2130706433/feed",
  "http://0x7f.1/feed",
  "http://127.0.0.2/rss",
  "http://[::1]/rss",
  "http://[::ffff:127.0.0.1]/rss",
  "https://localhost/rss",
  ...Object.keys(NAMES).map((n) => `http://${n}/rss`),
];

const UNIFORM = "Could not read an RSS, Atom or JSON feed at that address. Check the URL and try again.";

describe("feeds add through the guarded fetcher", () => {
  let world: CommandWorld;
  const canaries: Server[] = [];
  let connections = 0;

  before(async () => {
    world = await createCommandWorld();
    for (const host of ["127.0.0.1", "127.0.0.2", "::1"]) {
      const canary = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      // Port 80 needs privileges and may be taken by a parallel suite; the canary count is then not asserted.
      const bound = await new Promise<boolean>((resolve) => {
        canary.once("error", () => resolve(false));
        canary.listen(80, host, () => resolve(true));
      });
      if (bound) canaries.push(canary);
    }
  });
  after(async () => {
    for (const c of canaries) await new Promise((r) => c.close(r));
    await world.close();
  });

  it("answers every loopback spelling and resolution the same way, stores nothing, connects nowhere", async (t) => {
    const fetcher = createFetcher({
      resolver: async (name) => NAMES[name] ?? [{ address: "127.0.0.1", family: 4 }],
      totalTimeoutMs: 3000,
      headersTimeoutMs: 2000,
    });
    const feedSource = createFeedSource({ fetcher });
    const before = await world.store.listFeeds();
    for (const url of URLS) {
      const parsed = parseCommandText(`feeds add ${url}`, COMMAND_SPECS);
      assert.ok(parsed.ok, url);
      const reply = await runCommand(parsed.value, { ...world.context(ADMIN), feedSource }, COMMANDS);
      assert.equal(reply.ephemeral, true, url);
      assert.equal(reply.body, UNIFORM, url);
    }
    assert.deepEqual(await world.store.listFeeds(), before);
    t.diagnostic(`${canaries.length} of 3 canaries on port 80, ${connections} connections`);
    if (canaries.length > 0) assert.equal(connections, 0, `${canaries.length} canaries listening`);
  });
});
