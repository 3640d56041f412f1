/**
 * Issue 15, "a CLI that behaves", through the real binary: a closed pipe ends a command
 * quietly, log lines are human on request (and JSON otherwise), `run` says in one line what
 * is running and what to do next.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, it } from "node:test";
import { demoConfigCopy, runCli } from "../support/cli.ts";
import { repoRoot } from "../support/corpora.ts";

const bin = join(repoRoot, "bin/wirewatch.js");

/** A port free right now (PORT=0 means the default 3000, which other tests use). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("wirewatch CLI behaviour", () => {
  it("poll --once | head: a reader that closes the pipe ends the command quietly (exit 0, no EPIPE trace)", async () => {
    const { file } = demoConfigCopy();
    const child = spawn(process.execPath, [bin, "poll", "--once", "--all", "--config", file], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Closing our end before the first alert is written makes every write fail with EPIPE,
    // which is what `head` does after its lines, without the timing.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const killer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(killer);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Error|at /);
  });

  it("logs are JSON lines when stderr is not a terminal, human lines with LOG_FORMAT=pretty", async () => {
    const json = await runCli(["poll", "--once", "--all", "--config", demoConfigCopy().file], {
      LOG_LEVEL: "info",
    });
    assert.equal(json.code, 0, json.stderr);
    const lines = json.stderr.trim().split("\n");
    assert.ok(lines.length > 0);
    for (const line of lines) assert.equal(typeof (JSON.parse(line) as { msg: string }).msg, "string", line);

    const pretty = await runCli(["poll", "--once", "--all", "--config", demoConfigCopy().file], {
      LOG_LEVEL: "info",
      LOG_FORMAT: "pretty",
    });
    assert.equal(pretty.code, 0, pretty.stderr);
    // One line per event: the message, then its fields.
    assert.match(pretty.stderr, /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: poll cycle done \{"polled":3,.*\}$/m);
    assert.doesNotMatch(pretty.stderr, /^\{/m);
    // Not a terminal: no colour codes in the pretty lines either.
    assert.ok(!pretty.stderr.includes("\u001b["), "colour codes in pretty logs off a terminal");
  });

  it("an unknown LOG_FORMAT is a configuration problem (exit 2)", async () => {
    const run = await runCli(["poll", "--once", "--config", demoConfigCopy().file], { LOG_FORMAT: "xml" });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /LOG_FORMAT: expected pretty or json/);
  });

  it("run says in one line what is running, the config, how to stop and what next; SIGTERM exits 0", async () => {
    const { file } = demoConfigCopy();
    const port = await freePort();
    const child = spawn(process.execPath, [bin, "run", "--config", file], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", LOG_FORMAT: "pretty", PORT: String(port) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const killer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    let stderr = "";
    const line = await new Promise<string>((resolve, reject) => {
      child.stderr.on("data", (d) => {
        stderr += d;
        const found = /^wirewatch .* is running: .*$/m.exec(stderr)?.[0];
        if (found) resolve(found);
      });
      void exited.then(() => reject(new Error(`run exited before saying it runs:\n${stderr}`)));
    });
    child.kill("SIGTERM");
    const code = await exited;
    clearTimeout(killer);
    assert.equal(code, 0, stderr);
    assert.match(line, /^wirewatch \d+\.\d+\.\d+ is running: 3 feeds, \d+ topics, alerts to console · /);
    assert.ok(line.includes(`config ${file}`), line);
    assert.match(line, / · stop with Ctrl-C · next: /);
    assert.equal(stderr.split("\n").filter((l) => l.includes("is running")).length, 1);
  });
});
