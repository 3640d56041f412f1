/**
 * A Discord guild removing the bot, end to end: the real discord.js client (with the
 * Guilds intent) on the loopback gateway receives GUILD_DELETE / GUILD_CREATE, the removal
 * is written to a real SQLite file, and the sweep (run with a clock moved past the grace
 * period, by a store opened afresh as after a restart) deletes that guild's topics and chat
 * feeds only. An outage (`unavailable: true`) and a re-add cancel nothing / the removal.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createDiscordCommands } from "../../src/chat/discord/commands.ts";
import type { Clock } from "../../src/core/ports.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { discordGuildWatcher, removeDueTenants } from "../../src/pipeline/tenant-removals.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/store.ts";
import { type CommandWorld, createCommandWorld } from "../fakes/context-commands.ts";
import { type FakeDiscordGateway, startFakeDiscordGateway } from "../fakes/discord-gateway.ts";

const TOKEN = "Nzc1Nzk5NTc3NjA0NTIyMDU0.GwFake.gateway-test-signature";
const APP = "775799577604522054";
const KICKED = "290926798626357001";
const BACK = "290926798626357002";
const STAYS = "290926798626357003";
const GRACE_S = 7 * 86400;
const T0 = new Date("2026-12-01T10:00:00.000Z");

const later = (seconds: number): Clock => ({ now: () => new Date(T0.getTime() + seconds * 1000) });

async function until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Discord's GUILD_CREATE, with the fields discord.js reads. */
function guild(id: string) {
  return {
    id,
    name: `guild ${id.slice(-1)}`,
    unavailable: false,
    owner_id: APP,
    member_count: 1,
    features: [],
    roles: [],
    emojis: [],
    stickers: [],
    channels: [],
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

describe("Discord: a guild that removed the bot loses its chat data after the grace period", () => {
  let dir: string;
  let file: string;
  let store: Store;
  let world: CommandWorld;
  let fake: FakeDiscordGateway;
  let discord: ReturnType<typeof createDiscordCommands>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "wirewatch-guilds-"));
    file = join(dir, "ww.db");
    store = createSqliteStore(file);
    for (const [i, g] of [KICKED, BACK, STAYS].entries()) {
      const scope = `discord:${g}`;
      const channel = `discord:64502790666951066${i}`;
      await store.addTopic(
        {
          name: "ukraine",
          rule: "ukraine",
          scope,
          target: { channel, digest: null, mentions: [] },
          createdBy: "u",
        },
        T0.toISOString(),
      );
      await store.upsertFeed(
        {
          url: `https://g${i}.example/rss`,
          name: null,
          everySeconds: 600,
          origin: "chat",
          scope,
          addedBy: "u",
        },
        T0.toISOString(),
      );
    }
    world = await createCommandWorld();
    fake = await startFakeDiscordGateway({ token: TOKEN, applicationId: APP, guilds: [KICKED, BACK, STAYS] });
    discord = createDiscordCommands({
      token: TOKEN,
      applicationId: APP,
      apiUrl: fake.apiUrl,
      context: world.context,
      logger: silentLogger,
      ledger: world.store,
      guilds: discordGuildWatcher({ store, clock: later(0), logger: silentLogger }, GRACE_S),
    });
    await discord.start();
    await fake.waitForFrame((f) => f.op === 2);
    for (const g of [KICKED, BACK, STAYS]) fake.dispatch("GUILD_CREATE", guild(g));
    await until(async () => discord.connected(), "gateway ready");
  });
  after(async () => {
    await discord?.stop();
    await fake?.close();
    await world?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pending = () =>
    store.dueTenantRemovals(
      later(30 * 86400)
        .now()
        .toISOString(),
    );
  const scopes = async (s: Store) => [...new Set((await s.listTopics()).map((t) => t.scope))].sort();

  it("asks for the Guilds intent, which GUILD_CREATE and GUILD_DELETE need", () => {
    const identify = fake.frames.find((f) => f.op === 2);
    assert.equal((identify?.d as { intents?: number } | undefined)?.intents, 1);
  });

  it("an outage (unavailable: true) schedules nothing; a removal is scheduled for the grace period", async () => {
    fake.dispatch("GUILD_DELETE", { id: KICKED, unavailable: true });
    fake.dispatch("GUILD_DELETE", { id: BACK });
    await until(async () => (await pending()).length === 1, "the removal of BACK recorded");
    assert.deepEqual(await pending(), [`discord:${BACK}`]);
    fake.dispatch("GUILD_DELETE", { id: KICKED });
    await until(async () => (await pending()).length === 2, "the removal of KICKED recorded");
    assert.deepEqual(
      await store.dueTenantRemovals(
        later(GRACE_S - 1)
          .now()
          .toISOString(),
      ),
      [],
    );
  });

  it("re-adding the bot (GUILD_CREATE) before the end cancels the removal", async () => {
    fake.dispatch("GUILD_CREATE", guild(BACK));
    await until(async () => (await pending()).length === 1, "the removal of BACK cancelled");
    assert.deepEqual(await pending(), [`discord:${KICKED}`]);
  });

  it("after the grace period, a fresh process removes the kicked guild's topics and chat feeds only", async () => {
    const restarted = createSqliteStore(file);
    try {
      const early = await removeDueTenants({
        store: restarted,
        clock: later(GRACE_S - 60),
        logger: silentLogger,
      });
      assert.deepEqual(early, []);
      assert.deepEqual(
        await scopes(restarted),
        [`discord:${KICKED}`, `discord:${BACK}`, `discord:${STAYS}`].sort(),
      );
      const done = await removeDueTenants({ store: restarted, clock: later(GRACE_S), logger: silentLogger });
      assert.deepEqual(done, [`discord:${KICKED}`]);
      assert.deepEqual(await scopes(restarted), [`discord:${BACK}`, `discord:${STAYS}`].sort());
      const feeds = (await restarted.listFeeds({ origin: "chat" })).map((f) => f.scope).sort();
      assert.deepEqual(feeds, [`discord:${BACK}`, `discord:${STAYS}`].sort());
      assert.deepEqual(
        await removeDueTenants({ store: restarted, clock: later(GRACE_S * 2), logger: silentLogger }),
        [],
      );
    } finally {
      await restarted.close();
    }
  });
});
