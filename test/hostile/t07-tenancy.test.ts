/**
 * Tenant isolation (issue 13.1): a Slack workspace or Discord guild sees the operator's
 * feeds and the feeds it added from chat, never another tenant's, in every lookup:
 * search, why, test and the watch preview. A matrix of three tenants (two Slack
 * workspaces, one Discord guild) × every lookup command, on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../src/core/commands/registry.ts";
import { type Actor, type CommandContext, DEFAULT_QUOTAS } from "../../src/core/commands/types.ts";
import type { Message } from "../../src/core/message.ts";
import type { Store } from "../../src/store/store.ts";
import { contract } from "../contract/harness.ts";
import { item, NOW, scriptedFeedSource } from "../fakes/context-commands.ts";
import { okFetchState } from "../support/fetch-state.ts";

interface Tenant {
  name: string;
  scope: string | null;
  actor: Actor | null;
}

const actor = (platform: "slack" | "discord", workspace: string, channel: string): Actor => ({
  platform,
  workspace,
  channelWorkspace: workspace,
  channel,
  isDirect: false,
  userId: "U1",
  canManage: true,
});

const TENANTS: Tenant[] = [
  { name: "Operator", scope: null, actor: null },
  { name: "Alpha", scope: "slack:TALPHA", actor: actor("slack", "TALPHA", "C0ALPHA") },
  { name: "Bravo", scope: "slack:TBRAVO", actor: actor("slack", "TBRAVO", "C0BRAVO") },
  { name: "Charlie", scope: "discord:3344", actor: actor("discord", "3344", "5566") },
];

const link = (t: Tenant) => `https://${t.name.toLowerCase()}.example/sanctions`;
const title = (t: Tenant) => `${t.name} : nouvelles sanctions contre Moscou`;

async function seed(store: Store): Promise<void> {
  const at = NOW.toISOString();
  for (const t of TENANTS) {
    const feed = await store.upsertFeed(
      {
        url: `https://${t.name.toLowerCase()}.example/feed.xml`,
        name: t.name,
        everySeconds: 600,
        origin: t.scope === null ? "config" : "chat",
        scope: t.scope,
        addedBy: t.scope === null ? null : "U1",
      },
      at,
    );
    const entry = item({ key: `k-${t.name}`, title: title(t), link: link(t), source: t.name });
    await store.commitFetch(feed.id, okFetchState(at, { title: t.name }), [entry], []);
  }
}

function context(store: Store, who: Actor): CommandContext {
  return {
    store,
    feeds: store,
    feedSource: scriptedFeedSource({}),
    clock: { now: () => NOW },
    actor: who,
    seeds: { topics: [], feeds: [] },
    quotas: DEFAULT_QUOTAS,
    aliases: {},
    feedEverySeconds: 600,
    digests: null,
  };
}

async function run(store: Store, who: Actor, text: string): Promise<string> {
  const parsed = parseCommandText(text, COMMAND_SPECS);
  assert.ok(parsed.ok, `parse ${text}`);
  const m: Message = await runCommand(parsed.value, context(store, who), COMMANDS);
  return [m.heading, m.body ?? "", ...m.entries.flatMap((e) => [e.title, e.link ?? "", e.snippet])].join(
    "\n",
  );
}

contract("tenant isolation", (h) => {
  it("each tenant's lookups show the operator's items and its own, never another tenant's", async () => {
    const { store } = await h.open();
    await seed(store);
    const operator = TENANTS[0] as Tenant;
    let checked = 0;
    for (const t of TENANTS) {
      if (t.actor === null) continue;
      const others = TENANTS.filter((o) => o !== t && o !== operator);
      const lookups = [
        ["search", await run(store, t.actor, "search sanctions")],
        ["test", await run(store, t.actor, "test sanctions")],
        ["watch preview", await run(store, t.actor, `watch t-${t.name.toLowerCase()} sanctions`)],
      ] as const;
      for (const [name, text] of lookups) {
        assert.match(text, new RegExp(t.name), `${t.name} ${name} shows its own item`);
        assert.match(text, /Operator/, `${t.name} ${name} shows the operator's item`);
        for (const o of others)
          assert.doesNotMatch(text, new RegExp(o.name), `${t.name} ${name} leaks ${o.name}`);
        assert.match(text, /2 items|2 results|matched 2/, `${t.name} ${name} counts only what it may see`);
        checked++;
      }
      for (const o of TENANTS) {
        const why = await run(store, t.actor, `why ${link(o)}`);
        if (o === t || o === operator) assert.match(why, new RegExp(o.name), `${t.name} why ${o.name}`);
        else {
          assert.doesNotMatch(why, new RegExp(`${o.name} :`), `${t.name} why leaks ${o.name}`);
          assert.doesNotMatch(why, /sanctions contre/, `${t.name} why leaks ${o.name}'s title`);
        }
        checked++;
      }
    }
    assert.equal(checked, 3 * (3 + 4));
    // The store itself, as the CLI and the pipeline see it: everything.
    const all = await store.searchItems({ terms: ["sanctions"], since: null, source: null, limit: 10 });
    assert.equal(all.length, TENANTS.length);
  });
});
