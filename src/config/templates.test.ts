import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, parseConfig } from "./load.ts";

const problemsOf = (text: string): string[] => {
  try {
    parseConfig(text, "test.yaml");
  } catch (error) {
    if (error instanceof ConfigError)
      return error.problems.map((p) => `${p.path.join(".")}: ${p.message} @${p.line}`);
    throw error;
  }
  assert.fail("expected a ConfigError");
};

const VALID = [
  "templates:",
  "  brief:",
  "    slack:",
  '      header: "{topics}: {title}"',
  "      section: |",
  "        {title}",
  "        {summary}",
  "      image: none",
  "    discord:",
  '      title: "{title}"',
  '      colour: "#c0392b"',
  "      image: image",
  "topics:",
  "  - name: ukraine",
  "    rule: ukraine",
  "    notify:",
  "      - channel: slack:C0123ABCD",
  "        template: brief",
  "      - channel: discord:112233445566778899",
  "        template:",
  "          discord:",
  '            content: "{source}: {title}"',
  "      - channel: console",
].join("\n");

describe("config templates", () => {
  it("resolves named and inline templates; colours become numbers", () => {
    const config = parseConfig(VALID, "x.yaml");
    assert.deepEqual(config.templates.brief, {
      name: "brief",
      slack: { header: "{topics}: {title}", section: "{title}\n{summary}\n", image: "none" },
      discord: { title: "{title}", colour: 0xc0392b, image: "image" },
    });
    const [slack, discord, console] = config.topics[0]?.notify ?? [];
    assert.deepEqual(slack?.template, { kind: "named", name: "brief" });
    assert.deepEqual(discord?.template, {
      kind: "inline",
      template: { name: null, discord: { content: "{source}: {title}" } },
    });
    assert.equal(console?.template, undefined);
  });

  it("reports an unknown placeholder with its column and line, with every other problem", () => {
    const text = VALID.replace('header: "{topics}: {title}"', 'header: "{topics}: {titel}"')
      .replace("{summary}", "{summary} {sumary}")
      .replace("rule: ukraine", "rule: (ukraine")
      .replace('content: "{source}: {title}"', 'content: "{source}: {autor}"')
      .replace("template: brief", "template: briefing");
    const problems = problemsOf(text);
    assert.deepEqual(problems, [
      "templates.brief.slack.header: at column 11: unknown placeholder {titel}; expected one of {title} {link} {source} {summary} {topics} {time} {author} {image} {lang} {also} @4",
      "templates.brief.slack.section: at line 2, column 11: unknown placeholder {sumary}; expected one of {title} {link} {source} {summary} {topics} {time} {author} {image} {lang} {also} @5",
      `topics.0.rule: ${problems[2]?.split(": ").slice(1).join(": ")}`,
      "topics.0.notify.0.template: no template named briefing (known: brief) @18",
      "topics.0.notify.1.template.discord.content: at column 11: unknown placeholder {autor}; expected one of {title} {link} {source} {summary} {topics} {time} {author} {image} {lang} {also} @22",
    ]);
    assert.match(problems[2] ?? "", /@15$/);
  });

  it("checks placeholders even where the schema refuses the file", () => {
    const text = `${VALID.replace('title: "{title}"', 'title: "{tilte}"')}\n        mention: nobody`;
    const problems = problemsOf(text);
    assert.ok(
      problems.some((p) =>
        p.startsWith("templates.brief.discord.title: at column 1: unknown placeholder {tilte}"),
      ),
    );
    assert.ok(problems.some((p) => p.startsWith("topics.0.notify.2.mention")));
  });

  it("refuses unknown parts and image placements", () => {
    const problems = problemsOf(
      VALID.replace("image: none", "image: big").replace("      image: image", "      thumb: x"),
    );
    assert.ok(
      problems.some((p) => p.startsWith("templates.brief.slack.image")),
      problems.join("\n"),
    );
    assert.ok(
      problems.some((p) => p.includes("thumb")),
      problems.join("\n"),
    );
  });
  it("refuses a template on a digest destination", () => {
    const text = VALID.replace(
      "        template: brief",
      '        template: brief\n        digest: "0 8 * * *"',
    );
    assert.ok(
      problemsOf(text).some((p) =>
        p.startsWith("topics.0.notify.0.template: templates apply to instant alerts"),
      ),
    );
  });
});
