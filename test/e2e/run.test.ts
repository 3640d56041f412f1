import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { demoConfigCopy } from "../support/cli.ts";
import { repoRoot } from "../support/corpora.ts";

describe("wirewatch run", () => {
  it("polls, alerts, and on SIGTERM drains and exits 0", async () => {
    const { file } = demoConfigCopy();
    const child = spawn(process.execPath, [join(repoRoot, "bin/wirewatch.js"), "run", "--config", file], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    const running = new Promise<void>((resolve) => {
      child.stderr.on("data", (d) => {
        stderr += d;
        if (stderr.includes('"msg":"wirewatch running"') && stdout.includes("coopérer")) resolve();
      });
      child.stdout.on("data", () => {
        if (stderr.includes('"msg":"wirewatch running"') && stdout.includes("coopérer")) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    await Promise.race([running, exited]);
    child.kill("SIGTERM");
    const code = await exited;
    clearTimeout(timer);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /La Russie et les États-Unis conviennent de «coopérer»/);
    assert.match(stderr, /shutting down/);
  });
});
