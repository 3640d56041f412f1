/** `watch … template:` on a real SQLite store: the name is checked against the config's templates and kept. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../src/core/commands/registry.ts";
import type { Message } from "../../src/core/message.ts";
import { ADMIN, type CommandWorld, createCommandWorld } from "../fakes/context-commands.ts";

const CHANNEL = "slack:C2147483705";

describe("watch … template:", () => {
  let world: CommandWorld;
  const run = async (text: string, templates: string[] = ["newsroom", "brief"]): Promise<Message> => {
    const parsed = parseCommandText(text, COMMAND_SPECS);
    assert.ok(parsed.ok, `parse ${text}`);
    return runCommand(parsed.value, { ...world.context(ADMIN), templates }, COMMANDS);
  };
  before(async () => {
    world = await createCommandWorld();
  });
  after(() => world.close());

  it("stores the template's name with the topic and says so", async () => {
    const reply = await run("watch ukraine ukraine template:brief");
    assert.equal(reply.heading, "Watching ukraine");
    assert.match(reply.body ?? "", /\nTemplate: brief\n/);
    const [topic] = await world.store.listTopics({ channel: CHANNEL });
    assert.deepEqual(topic?.notify[0]?.template, { kind: "named", name: "brief" });
    // `topics` names the template the channel's alerts use.
    const listed = await run("topics");
    const entry = listed.entries.find((e) => e.title === "ukraine");
    assert.match(entry?.snippet ?? "", /template brief/);
  });

  it("refuses an unknown name privately, listing the names, and stores nothing", async () => {
    const reply = await run("watch russia russie template:breif");
    assert.equal(reply.ephemeral, true);
    assert.match(`${reply.heading} ${reply.body}`, /No template named breif\. Templates: brief, newsroom\./);
    const none = await run("watch russia russie template:brief", []);
    assert.match(`${none.heading} ${none.body}`, /The configuration defines no templates\./);
    const names = (await world.store.listTopics({ channel: CHANNEL })).map((t) => t.name);
    assert.deepEqual(names, ["ukraine"]);
  });

  it("refuses a template on a digest", async () => {
    const reply = await run('watch russia russie digest:"0 8 * * *" template:brief');
    assert.equal(reply.ephemeral, true);
    assert.match(`${reply.heading} ${reply.body}`, /template: applies to instant alerts/);
  });
});
