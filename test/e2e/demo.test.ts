import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { demoConfigCopy, runCli } from "../support/cli.ts";

describe("offline demo, end to end through the CLI", () => {
  it("alerts on the first poll --once --all and prints nothing new on the second", async () => {
    const { file } = demoConfigCopy();
    const first = await runCli(["poll", "--once", "--all", "--config", file]);
    assert.equal(first.code, 0, first.stderr);
    // The French wire story, from the UTF-8 RFI feed, matched by accent-blind rules. Feeds are
    // fetched concurrently, so RFI's copy either leads its own alert or joins the story of the
    // France 24 or the English wire copy, whichever committed first, as "also reported by … RFI"
    // on an update; an update is made only for a copy that matched, so both prove the match.
    assert.match(
      first.stdout,
      /La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine|also reported by [^\n]*RFI/,
    );
    // `russia-us` is matched by the French copies only; when the English wire leads the story,
    // the update that adds RFI names it.
    assert.match(first.stdout, /russia-us/);
    // The ISO-8859-1 France 24 feed decodes: its version of the story reads correctly.
    assert.match(first.stdout, /France 24/);
    assert.doesNotMatch(first.stdout, /Ã©|�/);
    // Tracking parameters are gone from links.
    assert.doesNotMatch(first.stdout, /utm_source|fbclid|gclid/);
    // The English wire copy matches `@usa AND @russia AND (cooperer OR cooperate)`; depending on
    // which feed commits first it is its own alert or "also reported by" on the same story.
    assert.match(first.stdout, /Russia and the United States agree to "cooperate"|World Wire \(demo\)/);
    // Acronym rule `US AND (sanctions OR talks)`: "US officials" matches, "join us" does not.
    assert.doesNotMatch(first.stdout, /join us for a privacy summit/);
    // Climate topic: `climat OR climate OR title:COP`.
    assert.match(first.stdout, /COP s’achève/);
    // Items that match no topic are stored silently.
    assert.doesNotMatch(first.stdout, /Sahel/);

    const second = await runCli(["poll", "--once", "--all", "--config", file]);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout.trim(), "", `second run printed:\n${second.stdout}`);
    // ... and says why, so a silent second demo does not read as broken.
    assert.match(
      second.stderr,
      /^nothing new to print: every item of the 3 feed\(s\) polled is already in \S+demo\.db \(delete it to replay them\)$/m,
    );
  });

  it("check-config accepts the demo and the default configuration", async () => {
    const demo = await runCli(["check-config", "--config", "config/demo.yaml"]);
    assert.equal(demo.code, 0, demo.stderr);
    const fallback = await runCli(["check-config"]);
    assert.equal(fallback.code, 0, fallback.stderr);
    assert.match(fallback.stdout, /config\/wirewatch\.yaml: ok/);
  });

  it("check-config exits 2 and names the path and line of a problem", async () => {
    const { dir } = demoConfigCopy();
    const { writeFileSync } = await import("node:fs");
    const bad = `${dir}/bad.yaml`;
    writeFileSync(bad, "topics:\n  - name: x\n    rule: russie\n    notify:\n      - channel: slack:nope\n");
    const run = await runCli(["check-config", "--config", bad]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /topics\[0\]\.notify\[0\]\.channel: expected slack:<id>, discord:<id> or console \(line 5\)/,
    );
  });
});
