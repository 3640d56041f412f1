/**
 * kill -9 of the sending process at random moments, 20 times, then one run to the end:
 * no alert lost, none doubled on Discord. The child runs the real deliverer against a
 * SQLite file and the fake Discord, which stores each post before answering it (a
 * window in which a kill leaves the send ambiguous); the nonce must absorb the retry.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { test } from "node:test";
import { createSqliteStore } from "../../src/store/index.ts";
import { startFakeDiscord } from "../fakes/discord-api.ts";
import { repoRoot } from "../support/corpora.ts";
import { seededRandom } from "../support/random.ts";
import { tempStore, waitFor } from "./delivery/harness.ts";
import { alert } from "./delivery/messages.ts";

const CHANNELS = ["777000000000000001", "777000000000000002", "777000000000000003", "777000000000000004"];
const PER_CHANNEL = 40;
const KILLS = 20;

/** Every child started, so a failing test still kills them all. */
const children = new Set<ChildProcess>();

function startChild(env: Record<string, string>): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "test/e2e/delivery/kill-child.ts"], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    child.once("exit", (code, signal) => reject(new Error(`child exited early: ${code ?? signal}`)));
  });
  return { child, ready };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

test(`kill -9 of the sender ${KILLS} times: nothing lost, nothing doubled on Discord`, async () => {
  const discord = await startFakeDiscord({ latencyMs: 15 });
  const db = tempStore();
  const random = seededRandom(20261128);
  try {
    const ids: number[] = [];
    const now = new Date().toISOString();
    for (let n = 0; n < PER_CHANNEL; n++) {
      for (const channel of CHANNELS) ids.push(await db.store.enqueue(`discord:${channel}`, alert(n), now));
    }
    await db.store.close();
    const env = { WW_KILL_DB: db.path, WW_KILL_DISCORD_URL: discord.url };

    const sentAtKill: number[] = [];
    const total = () => [...discord.messages.values()].reduce((n, list) => n + list.length, 0);
    for (let round = 0; round < KILLS; round++) {
      const { child, ready } = startChild(env);
      await ready;
      // Kill while it sends: once its first post arrived, at a random moment after that.
      const before = discord.requests.length;
      if (total() < ids.length) await waitFor(() => discord.requests.length > before, 60_000);
      await new Promise((r) => setTimeout(r, random() * 250));
      await kill(child);
      sentAtKill.push(total());
    }

    const { child, ready } = startChild(env);
    await ready;
    const reader = createSqliteStore(db.path);
    try {
      await waitFor(
        async () =>
          total() >= ids.length &&
          (await Promise.all(ids.map((id) => reader.getOutboxRow(id)))).every((r) => r?.state === "sent"),
        120_000,
      );
      await kill(child);
      const refs = new Map<number, string | null>();
      for (const id of ids) refs.set(id, (await reader.getOutboxRow(id))?.platformRef ?? null);

      const byNonce = new Map<string, string>();
      for (const list of discord.messages.values()) {
        for (const m of list) {
          assert.ok(m.nonce !== null && !byNonce.has(m.nonce), `nonce ${m.nonce} posted twice`);
          byNonce.set(m.nonce, m.id);
        }
      }
      assert.equal(total(), ids.length, "one message per alert");
      for (const id of ids)
        assert.equal(refs.get(id), byNonce.get(`ww-${id}`), `row ${id} refers to its message`);
    } finally {
      await kill(child);
      await reader.close();
    }

    const posts = discord.requests.filter((r) => r.method === "POST");
    const repeated = posts.length - ids.length;
    console.log(
      `# ${KILLS} kills; ${repeated} repeated posts absorbed by nonces; sent after each kill: ${sentAtKill.join(",")}`,
    );
  } finally {
    for (const child of children) await kill(child);
    await discord.close();
    await db.dispose();
  }
});
