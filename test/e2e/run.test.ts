import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { demoConfigCopy } from "../support/cli.ts";
import { repoRoot } from "../support/corpora.ts";

describe("wirewatch run", () => {
  it("polls, alerts, serves /healthz, and on SIGTERM drains and exits 0", async () => {
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
    // The three demo feeds are polled concurrently and commit in any order; whichever copy of
    // the Russia/US story commits first leads the alert and the others are "also reported by"
    // updates. Wait until RFI's copy is out in either form: SIGTERM stops the deliverer, so an
    // update still queued then would never be printed.
    const rfiCopy =
      /La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine|also reported by [^\n]*RFI/;
    const ready = () => stderr.includes("http server listening") && rfiCopy.test(stdout);
    const running = new Promise<void>((resolve) => {
      child.stderr.on("data", (d) => {
        stderr += d;
        if (ready()) resolve();
      });
      child.stdout.on("data", () => {
        if (ready()) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    // Only turns a hang into a failure: a run normally gets here within seconds.
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    await Promise.race([running, exited]);
    const port = /"port":(\d+),"msg":"http server listening/.exec(stderr)?.[1];
    assert.ok(port, `no http server port in the logs:\n${stderr}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { ok: boolean; feeds: number }).feeds, 3);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(metrics.status, 200);
    // RFI's poll is counted when it ends; the other two feeds may still be in flight.
    assert.match(await metrics.text(), /^wirewatch_fetches_total\{outcome="ok",status="200"\} [123]$/m);
    child.kill("SIGTERM");
    const code = await exited;
    clearTimeout(timer);
    assert.equal(code, 0, stderr);
    assert.match(stdout, rfiCopy);
    assert.match(stdout, /russia-us/);
    assert.match(stderr, /shutting down/);
  });
});
