/**
 * What a new user hit in their first hour (issue 14, "Fix what a new user hit"), each as
 * a test through the real handlers, a real SQLite store and the real renderers.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../src/core/commands/registry.ts";
import type { Actor } from "../../src/core/commands/types.ts";
import type { Locale } from "../../src/core/i18n/index.ts";
import type { Message } from "../../src/core/message.ts";
import { ADMIN, type CommandWorld, createCommandWorld, item, NOW } from "../fakes/context-commands.ts";
import { repoRoot } from "../support/corpora.ts";
import { okFetchState } from "../support/fetch-state.ts";

const DISCORD: Actor = {
  platform: "discord",
  workspace: "112233445566778899",
  channelWorkspace: "112233445566778899",
  channel: "223344556677889900",
  isDirect: false,
  userId: "334455667788990011",
  canManage: true,
};

async function run(
  world: CommandWorld,
  text: string,
  actor: Actor = ADMIN,
  locale?: Locale,
): Promise<Message> {
  const parsed = parseCommandText(text, COMMAND_SPECS);
  assert.ok(parsed.ok, `parse ${text}`);
  return runCommand(parsed.value, { ...world.context(actor), ...(locale ? { locale } : {}) }, COMMANDS);
}

/** Slack text as a user's client decodes it (entities back to characters). */
const slackText = (m: Message) =>
  JSON.stringify(renderSlack(m).map((p) => p.blocks))
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&")
    .replaceAll('\\"', '"');

describe("what a new user hit", () => {
  let world: CommandWorld;
  before(async () => {
    world = await createCommandWorld({
      seedTopics: [
        {
          id: "config:russia-us",
          name: "russia-us",
          rule: 'russie AND "etats-unis"',
          origin: "config",
          paused: false,
          notify: [{ channel: `slack:${ADMIN.channel}`, digest: null, mentions: [] }],
        },
      ],
    });
  });
  after(() => world.close());

  it("Discord help is one message listing all 13 commands (was 10 embeds and a follow-up)", async () => {
    const payloads = renderDiscord(await run(world, "help", DISCORD));
    assert.equal(payloads.length, 1);
    const text = JSON.stringify(payloads[0]);
    assert.equal(COMMAND_SPECS.length, 13);
    for (const spec of COMMAND_SPECS) assert.ok(text.includes(` ${spec.path}`), spec.path);
    // Longer in other languages, still one message on both platforms.
    for (const locale of ["fr", "de", "es"] as const) {
      const help = await run(world, "help", { ...DISCORD, locale }, locale);
      assert.equal(renderDiscord(help).length, 1, locale);
      assert.equal(renderSlack(await run(world, "help", { ...ADMIN, locale }, locale)).length, 1, locale);
    }
  });

  it("the cron example in help and in errors pastes as typed: ASCII asterisks, no U+2217", async () => {
    const help = slackText(await run(world, "help"));
    assert.deepEqual(
      [...help.matchAll(/.{60}\u2217.{10}/gu)].map((m) => m[0]),
      [],
      "no look-alike asterisk in Slack help",
    );
    const watch = COMMAND_SPECS.find((s) => s.path === "watch");
    assert.ok(help.includes(`\`${watch?.example}\``), "the watch example is a code span, byte for byte");
    const error = await run(world, 'watch bad russie digest:"0 8 * *"');
    const shown = slackText(error);
    assert.ok(!shown.includes("\u2217"));
    assert.match(shown, /`0 8 \* \* \*`/);
    assert.match(JSON.stringify(renderDiscord(error)), /`0 8 \* \* \*`/);
  });

  it("topics shows the last match of a config topic that matched (was 'no match yet')", async () => {
    const [feed] = await world.store.listFeeds({ origin: "config" });
    assert.ok(feed);
    const at = "2026-11-28T11:00:00.000Z";
    await world.store.commitFetch(
      feed.id,
      okFetchState(at),
      [item({ key: "match-1", title: "Russie et États-Unis", publishedAt: at })],
      [
        {
          itemKey: "match-1",
          topicIds: ["config:russia-us"],
          destination: `slack:${ADMIN.channel}`,
          mode: "digest",
          message: null,
          storySignature: null,
          editOf: null,
        },
      ],
    );
    const reply = await run(world, "topics");
    const snippet = reply.entries.find((e) => e.title === "russia-us")?.snippet ?? "";
    assert.match(snippet, /last match 28 Nov 11:00 UTC/);
    assert.doesNotMatch(snippet, /no match yet/);
  });

  it("watch accepts Slack's user:U… and group:S… (as the config file does) and echoes the ping", async () => {
    const reply = await run(world, "watch desk panne mention:group:S0614TZR7");
    assert.equal(reply.heading, "Watching desk");
    assert.match(reply.body ?? "", /Pings with each alert: user group S0614TZR7/);
    const [stored] = (await world.store.listTopics({ channel: `slack:${ADMIN.channel}` })).filter(
      (t) => t.name === "desk",
    );
    assert.deepEqual(stored?.notify[0]?.mentions, [{ kind: "role", id: "S0614TZR7" }]);
    const picked = await run(world, "watch oncall panne mention:<@U2CERLKJA|roadrunner>");
    assert.match(picked.body ?? "", /Pings with each alert: user U2CERLKJA/);
  });

  it("a name Slack did not resolve is refused with what to do instead (no lookup by name)", async () => {
    const reply = await run(world, "watch desk2 panne mention:@desk");
    assert.equal(reply.ephemeral, true);
    assert.match(reply.body ?? "", /autocomplete.*`user:U123` or `group:S123`/);
  });

  it("the README's watch example is accepted as written", async () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const example = /\| `(\/wirewatch watch [^`]+)` \| manage \|/u.exec(readme)?.[1];
    assert.ok(example, "README lists a watch example");
    const reply = await run(world, example.replace("/wirewatch ", "").replace("ukraine", "readme"));
    assert.equal(reply.ephemeral, false, reply.body ?? "");
    assert.match(reply.body ?? "", /Pings with each alert/);
  });

  it("one result is '1 result', in every language", async () => {
    const cases: [Locale, RegExp][] = [
      ["en", /: 1 result\.$/],
      ["fr", / : 1 résultat\.$/],
      ["de", /: 1 Ergebnis\.$/],
      ["es", /: 1 resultado\.$/],
    ];
    for (const [locale, want] of cases) {
      const reply = await run(world, "search psg", ADMIN, locale);
      assert.equal(reply.entries.length, 1);
      assert.match(reply.body ?? "", want, locale);
    }
  });

  it("an empty search suggests a wider since:, and none past a year", async () => {
    const week = await run(world, "search zanzibar");
    assert.match(
      week.body ?? "",
      /Nothing found for zanzibar \(since:7d\)\.\nTry a wider window: `since:30d`\./,
    );
    const month = await run(world, "search zanzibar since:30d");
    assert.match(month.body ?? "", /`since:365d`/);
    const year = await run(world, "search zanzibar since:365d");
    assert.doesNotMatch(year.body ?? "", /wider/);
  });

  it("search shows times in the deployment's zone, labelled", async () => {
    const reply = await runCommand(
      { path: "search", args: { query: "psg" } },
      { ...world.context(ADMIN), timezone: "Europe/Paris", locale: "fr" },
      COMMANDS,
    );
    assert.equal(reply.entries[0]?.localTime, "26 nov. 11:00 Europe/Paris");
    assert.equal(NOW.toISOString(), "2026-11-28T12:00:00.000Z");
  });
});
