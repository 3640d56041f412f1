import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../core/ports.ts";
import { createScheduler } from "./index.ts";

function recordingLogger(): Logger & { lines: { level: string; obj: object; msg?: string }[] } {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** A job that counts runs and concurrency; each run lasts until the test releases it. */
function gatedProbe() {
  const stats = { runs: 0, active: 0, maxActive: 0, finished: 0 };
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const run = async () => {
    stats.runs++;
    stats.active++;
    stats.maxActive = Math.max(stats.maxActive, stats.active);
    await gate;
    stats.active--;
    stats.finished++;
  };
  return { stats, run, release: () => open() };
}

/** A job that counts runs and concurrency, taking `ms` per run. */
function probe(ms: number) {
  const stats = { runs: 0, active: 0, maxActive: 0, finished: 0 };
  const run = async () => {
    stats.runs++;
    stats.active++;
    stats.maxActive = Math.max(stats.maxActive, stats.active);
    await sleep(ms);
    stats.active--;
    stats.finished++;
  };
  return { stats, run };
}

/**
 * Waits for what the test is about to observe instead of sleeping a fixed time, so a slow
 * or loaded machine only makes the test slower. The deadline only turns a hang into a failure.
 */
async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe("scheduler", () => {
  it("repeats interval jobs without ever overlapping a run", async () => {
    const slow = probe(30);
    const scheduler = createScheduler({
      jobs: [{ name: "poll", everyMs: 5, run: slow.run }],
      logger: recordingLogger(),
    });
    scheduler.start();
    await until(() => slow.stats.runs >= 3, "3 runs");
    await scheduler.stop();
    assert.ok(slow.stats.runs >= 3, `${slow.stats.runs} runs`);
    assert.equal(slow.stats.maxActive, 1);
    assert.equal(slow.stats.finished, slow.stats.runs);
  });

  it("stop() waits for the running job and nothing runs afterwards", async () => {
    const long = gatedProbe();
    const scheduler = createScheduler({
      jobs: [{ name: "drain", everyMs: 10, run: long.run }],
      logger: recordingLogger(),
    });
    scheduler.start();
    await until(() => long.stats.active === 1, "the first run");
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await sleep(30);
    assert.equal(stopped, false, "stop() returned while the job was still running");
    long.release();
    await stopping;
    assert.equal(long.stats.active, 0);
    assert.equal(long.stats.finished, 1);
    await sleep(60);
    assert.equal(long.stats.runs, 1);
  });

  it("logs a failing job and keeps ticking", async () => {
    const logger = recordingLogger();
    let calls = 0;
    const scheduler = createScheduler({
      jobs: [
        {
          name: "flaky",
          everyMs: 5,
          run: async () => {
            calls++;
            throw new Error("boom");
          },
        },
      ],
      logger,
    });
    scheduler.start();
    await until(() => calls >= 2, "2 calls");
    await scheduler.stop();
    assert.ok(calls >= 2, `${calls} calls`);
    const failure = logger.lines.find((l) => l.level === "error");
    assert.equal(failure?.msg, "job failed");
    const obj = (failure?.obj ?? {}) as { job?: string };
    assert.equal(obj.job, "flaky");
  });

  it("rejects jobs with no trigger, two triggers or a bad cron", () => {
    const run = async () => {};
    const logger = recordingLogger();
    assert.throws(() => createScheduler({ jobs: [{ name: "x", run }], logger }), { code: "bad_job" });
    assert.throws(
      () =>
        createScheduler({
          jobs: [{ name: "x", everyMs: 5, cron: { expression: "* * * * *", timezone: "UTC" }, run }],
          logger,
        }),
      { code: "bad_job" },
    );
    assert.throws(() => createScheduler({ jobs: [{ name: "x", everyMs: 0, run }], logger }), {
      code: "bad_job",
    });
    assert.throws(
      () =>
        createScheduler({
          jobs: [{ name: "x", cron: { expression: "99 * * * *", timezone: "UTC" }, run }],
          logger,
        }),
      { code: "bad_job" },
    );
  });

  it("runs a cron job with atStart once at start, then only at its ticks", async () => {
    let calls = 0;
    const logger = recordingLogger();
    const scheduler = createScheduler({
      // Once a year: no tick comes during the test.
      jobs: [
        {
          name: "digests",
          cron: { expression: "0 0 1 1 *", timezone: "UTC" },
          atStart: true,
          run: async () => {
            calls++;
          },
        },
      ],
      logger,
    });
    scheduler.start();
    await until(() => calls > 0, "the run at start");
    await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    assert.equal(calls, 1);
  });

  it("fires cron jobs through node-cron in their zone, skipping triggers while a run is busy", async () => {
    // node-cron accepts a seconds field: fire every second; the first run lasts until released.
    const busy = gatedProbe();
    const logger = recordingLogger();
    const scheduler = createScheduler({
      jobs: [
        { name: "digests", cron: { expression: "* * * * * *", timezone: "Europe/Paris" }, run: busy.run },
      ],
      logger,
    });
    scheduler.start();
    await until(() => busy.stats.runs > 0, "the first cron run");
    assert.equal(busy.stats.runs, 1);
    // node-cron reports each trigger it blocks while the run is busy.
    await until(
      () => logger.lines.some((l) => l.level === "warn" && /overlap/.test(l.msg ?? "")),
      "a trigger during the run",
    );
    assert.equal(busy.stats.runs, 1, "a trigger during the run was not skipped");
    busy.release();
    await scheduler.stop();
    assert.equal(busy.stats.finished, busy.stats.runs);
    assert.equal(busy.stats.maxActive, 1);
  });
});
