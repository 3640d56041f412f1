/**
 * Issue 17: `wirewatch run` with DISCORD_TOKEN set must start although the Discord
 * gateway cannot be reached (login retried in the background, `/readyz` not ready), must
 * become ready once it can, and must exit within 10 s of a SIGTERM in either state.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { describe, it } from "node:test";
import { startFakeDiscordGateway } from "../fakes/discord-gateway.ts";
import { demoConfigCopy } from "../support/cli.ts";
import { repoRoot } from "../support/corpora.ts";

const TOKEN = "Nzc1Nzk5NTc3NjA0NTIyMDU0.GwFake.startup-test-signature";
const APP = "775799577604522054";

interface Running {
  child: ChildProcess;
  port: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** A port free right now (PORT=0 means the default 3000, which other tests use). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Starts `run` and resolves once its HTTP server listens (start-up did not wait for Discord). */
async function startRun(apiUrl: string): Promise<Running> {
  const { file } = demoConfigCopy();
  const httpPort = await freePort();
  const child = spawn(process.execPath, [join(repoRoot, "bin/wirewatch.js"), "run", "--config", file], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      LOG_LEVEL: "info",
      PORT: String(httpPort),
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_API_URL: apiUrl,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  // Only turns a hang into a failure.
  const killer = setTimeout(() => child.kill("SIGKILL"), 90_000);
  void exited.then(() => clearTimeout(killer));
  const port = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (d) => {
      stderr += d;
      const found = /"port":(\d+),"msg":"http server listening/.exec(stderr)?.[1];
      if (found) resolve(found);
    });
    void exited.then(() => reject(new Error(`run exited before listening:\n${stderr}`)));
  });
  return { child, port, stderr: () => stderr, exited };
}

async function readyz(port: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function sigtermWithin(run: Running, ms: number): Promise<number | null> {
  const started = Date.now();
  run.child.kill("SIGTERM");
  const code = await run.exited;
  const took = Date.now() - started;
  assert.ok(took < ms, `exit took ${took} ms`);
  return code;
}

describe("run start-up and readiness with Discord", () => {
  it("starts without a reachable gateway, is not ready, and exits on the first SIGTERM", async () => {
    // Accepts connections and never answers: the worst case (no refusal to react to).
    const sockets = new Set<Socket>();
    const blackhole = createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    const { port: holePort } = blackhole.address() as { port: number };
    try {
      const run = await startRun(`http://127.0.0.1:${holePort}/api`);
      const health = await fetch(`http://127.0.0.1:${run.port}/healthz`);
      assert.equal(health.status, 200);
      const ready = await readyz(run.port);
      assert.equal(ready.status, 503);
      assert.deepEqual(ready.body, { ok: false, store: true, discord: false });
      assert.equal(await sigtermWithin(run, 10_000), 0, run.stderr());
      assert.match(run.stderr(), /shutting down/);
    } finally {
      for (const s of sockets) s.destroy();
      blackhole.close();
    }
  });

  it("becomes ready once the gateway session is up", async () => {
    const gateway = await startFakeDiscordGateway({ token: TOKEN, applicationId: APP, guilds: [] });
    try {
      const run = await startRun(gateway.apiUrl);
      let ready = await readyz(run.port);
      for (let i = 0; i < 300 && ready.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        ready = await readyz(run.port);
      }
      assert.deepEqual(ready, { status: 200, body: { ok: true, store: true, discord: true } });
      assert.equal(await sigtermWithin(run, 10_000), 0, run.stderr());
    } finally {
      await gateway.close();
    }
  });
});
