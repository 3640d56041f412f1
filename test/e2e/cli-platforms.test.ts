import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { runCli } from "../support/cli.ts";

describe("platform set-up commands", () => {
  it("slack manifest prints an HTTP-mode manifest with the /wirewatch command and its scopes", async () => {
    const run = await runCli(["slack", "manifest", "--url", "https://ww.example.org"]);
    assert.equal(run.code, 0, run.stderr);
    const manifest = JSON.parse(run.stdout) as {
      features: { slash_commands: { command: string; url?: string }[] };
      oauth_config: { scopes: { bot: string[] } };
    };
    assert.equal(manifest.features.slash_commands[0]?.command, "/wirewatch");
    assert.equal(manifest.features.slash_commands[0]?.url, "https://ww.example.org/slack/events");
    assert.ok(manifest.oauth_config.scopes.bot.includes("chat:write"));
    assert.ok(manifest.oauth_config.scopes.bot.includes("commands"));
  });

  it("discord register --guild PUTs the command payload to DISCORD_API_URL", async () => {
    const received: { method: string; url: string; auth: string; body: unknown }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => {
        body += d;
      });
      req.on("end", () => {
        received.push({
          method: req.method ?? "",
          url: req.url ?? "",
          auth: String(req.headers.authorization),
          body: JSON.parse(body || "null"),
        });
        res.writeHead(200, { "content-type": "application/json" }).end("[]");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const run = await runCli(["discord", "register", "--guild", "123456789012345678"], {
        DISCORD_TOKEN: "test-token",
        DISCORD_APPLICATION_ID: "223456789012345678",
        DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(received.length, 1);
      assert.equal(received[0]?.method, "PUT");
      assert.equal(
        received[0]?.url,
        "/api/v10/applications/223456789012345678/guilds/123456789012345678/commands",
      );
      assert.equal(received[0]?.auth, "Bot test-token");
      const names = ((received[0]?.body ?? []) as { name: string }[]).map((c) => c.name);
      assert.ok(names.includes("wirewatch"), names.join(","));
    } finally {
      server.close();
    }
  });

  it("discord register without credentials exits 2 and sends nothing", async () => {
    const run = await runCli(["discord", "register"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /DISCORD_TOKEN/);
  });
});
