/**
 * `wirewatch preview` in process: a feed served on loopback (read through the guarded
 * fetcher) or a local file, a config topic with a template per platform, and the payloads
 * checked for limits and safety as the golden files are.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { discordLimitViolations } from "../../src/chat/discord/limits.ts";
import type { DiscordPayload } from "../../src/chat/discord/render.ts";
import { slackLimitViolations } from "../../src/chat/slack/limits.ts";
import type { SlackPayload } from "../../src/chat/slack/render.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/index.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";
import { discordSafetyProblems, slackSafetyProblems } from "../golden/structure.ts";

const RSS = `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Wire</title>
<item><title>Weather today</title><link>https://wire.example/weather</link></item>
<item><title>Ukraine talks &lt;!channel&gt; @everyone [x](http://evil.test)</title><link>https://wire.example/ukraine</link>
<description>&lt;@123&gt; &lt;http://evil.test|bank&gt; summary</description>
<media:thumbnail url="https://img.wire.example/ukraine.jpg"/></item></channel></rss>`;

type Preview = {
  matched: boolean;
  item: { title: string; image: string | null };
  slack: { channel: string | null; template: string | null; payloads: SlackPayload[] };
  discord: { channel: string | null; template: string | null; payloads: DiscordPayload[] };
};

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe("wirewatch preview", () => {
  let server: FeedServer;
  let dir: string;
  let config: string;
  before(async () => {
    server = await startFeedServer();
    server.route("/rss", { body: RSS });
    dir = mkdtempSync(join(tmpdir(), "wirewatch-preview-"));
    config = join(dir, "wirewatch.yaml");
    writeFileSync(join(dir, "feed.xml"), RSS);
    writeFileSync(
      config,
      [
        `database: sqlite:${join(dir, "w.db")}`,
        "templates:",
        "  brief:",
        "    slack:",
        '      header: "{topics}: {title}"',
        '      section: "{title}\\n{summary}"',
        '      context: "{source} · {time}"',
        "    discord:",
        '      content: "New in {topics}"',
        '      footer: "{source}"',
        "      image: image",
        "  bare:",
        "    slack:",
        "      image: none",
        "topics:",
        "  - name: ukraine",
        "    rule: ukraine",
        "    notify:",
        "      - channel: slack:C0123ABCD",
        "        template: brief",
        "      - channel: discord:112233445566778899",
        "        mention: role:223344556677889900",
        "        template:",
        "          discord:",
        '            title: "{source}: {title}"',
      ].join("\n"),
    );
  });
  after(() => server.close());

  it("renders the matching entry of a served feed through each platform's template", async () => {
    const io = capture();
    const code = await main(
      ["preview", "--topic", "ukraine", "--item", server.url("/rss"), "--config", config],
      io,
    );
    assert.equal(code, 0, io.stderr.join("\n"));
    const out = JSON.parse(io.stdout.join("\n")) as Preview;
    assert.equal(out.matched, true);
    assert.match(out.item.title, /^Ukraine talks/);
    assert.equal(out.slack.template, "brief");
    assert.equal(out.discord.template, "(inline)");
    const [slack] = out.slack.payloads;
    const [discord] = out.discord.payloads;
    assert.ok(slack && discord);
    assert.equal(slack.blocks[0]?.type, "header");
    assert.match(
      JSON.stringify(slack.blocks[0]),
      /ukraine: Ukraine talks .*@everyone \[x\]\(http:\/\/evil\.test\)/,
    );
    const item = slack.blocks.find((b) => b.type === "section" && b.accessory);
    assert.ok(item?.type === "section");
    assert.equal(item.accessory?.image_url, "https://img.wire.example/ukraine.jpg");
    assert.match(discord.embeds[0]?.title ?? "", /^Wire: Ukraine talks/);
    assert.equal(discord.embeds[0]?.thumbnail?.url, "https://img.wire.example/ukraine.jpg");
    assert.match(discord.content, /^<@&223344556677889900>\n\*\*Alert · ukraine\*\*/);
    assert.deepEqual(slackLimitViolations(slack), []);
    assert.deepEqual(discordLimitViolations(discord), []);
    assert.deepEqual(slackSafetyProblems(out.slack.payloads, []), []);
    assert.deepEqual(
      discordSafetyProblems(out.discord.payloads, { roles: ["223344556677889900"], users: [] }),
      [],
    );
    assert.equal(server.requestsTo("/rss").length, 1);
  });

  it("previews a named template from a local file; says when no entry matches", async () => {
    const io = capture();
    const code = await main(
      [
        "preview",
        "--topic",
        "ukraine",
        "--item",
        join(dir, "feed.xml"),
        "--template",
        "bare",
        "--config",
        config,
      ],
      io,
    );
    assert.equal(code, 0, io.stderr.join("\n"));
    const out = JSON.parse(io.stdout.join("\n")) as Preview;
    assert.equal(out.slack.template, "bare");
    assert.ok(!JSON.stringify(out.slack.payloads).includes('"accessory"'), "image: none");
    assert.ok(out.discord.payloads[0]?.embeds[0]?.thumbnail, "no Discord part: the default thumbnail");
    writeFileSync(join(dir, "other.xml"), RSS.replaceAll("Ukraine", "Kenya"));
    const none = capture();
    assert.equal(
      await main(
        ["preview", "--topic", "ukraine", "--item", join(dir, "other.xml"), "--config", config],
        none,
      ),
      0,
    );
    assert.match(none.stderr.join("\n"), /no entry matches the rule of ukraine; showing the first entry/);
    assert.equal((JSON.parse(none.stdout.join("\n")) as Preview).item.title, "Weather today");
  });

  it("says what is wrong: unknown topic or template (2), unreadable item (1)", async () => {
    const topic = capture();
    assert.equal(await main(["preview", "--topic", "nope", "--item", "x.xml", "--config", config], topic), 2);
    assert.match(topic.stderr.join("\n"), /no config topic named nope \(topics: ukraine\)/);
    const template = capture();
    const args = [
      "preview",
      "--topic",
      "ukraine",
      "--item",
      "x.xml",
      "--template",
      "nope",
      "--config",
      config,
    ];
    assert.equal(await main(args, template), 2);
    assert.match(template.stderr.join("\n"), /no template named nope \(templates: brief, bare\)/);
    const missing = capture();
    assert.equal(
      await main(
        ["preview", "--topic", "ukraine", "--item", join(dir, "none.xml"), "--config", config],
        missing,
      ),
      1,
    );
    assert.match(missing.stderr.join("\n"), /no such file/);
    const gone = capture();
    assert.equal(
      await main(["preview", "--topic", "ukraine", "--item", server.url("/404"), "--config", config], gone),
      1,
    );
  });
});
