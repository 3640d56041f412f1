import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type StartFacts, startLine } from "./start-line.ts";

const base: StartFacts = {
  version: "0.1.0",
  configFile: "config/wirewatch.yaml",
  bundledDefault: true,
  feeds: 3,
  topics: 2,
  outputs: ["console"],
  port: 3000,
};

describe("startLine", () => {
  it("on the bundled default: what runs, the config, how to stop, and how to make it one's own", () => {
    assert.equal(
      startLine(base),
      "wirewatch 0.1.0 is running: 3 feeds, 2 topics, alerts to console · config config/wirewatch.yaml · " +
        "stop with Ctrl-C · next: copy config/wirewatch.yaml, put your feeds and topics in it, check it with " +
        "`npx wirewatch check-config --config my.yaml` and run `npx wirewatch run --config my.yaml` (README, Quick start)",
    );
  });

  it("the next step follows the situation; one line, singular counts", () => {
    const table: [Partial<StartFacts>, RegExp][] = [
      [{ bundledDefault: false, topics: 0, configFile: "my.yaml" }, /next: add topics to my\.yaml/],
      [
        { bundledDefault: false, port: 8080, outputs: ["console", "Slack", "Discord"] },
        /alerts to console, Slack, Discord · .* next: readiness at http:\/\/localhost:8080\/readyz/,
      ],
      [{ feeds: 1, topics: 1 }, /is running: 1 feed, 1 topic,/],
    ];
    for (const [facts, expected] of table) {
      const line = startLine({ ...base, ...facts });
      assert.match(line, expected);
      assert.ok(!line.includes("\n"));
    }
  });
});
