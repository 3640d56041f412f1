import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLimiter } from "./limiter.ts";

/** Runs `count` tasks per host and records the peak concurrency per host and overall. */
async function measure(perHost: number, global: number, hosts: string[], count: number) {
  const limiter = createLimiter(perHost, global);
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  let total = 0;
  let peakTotal = 0;
  const gates: (() => void)[] = [];
  const tasks = hosts.flatMap((host) =>
    Array.from({ length: count }, () =>
      limiter.run(host, async () => {
        active.set(host, (active.get(host) ?? 0) + 1);
        total += 1;
        peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host) ?? 0));
        peakTotal = Math.max(peakTotal, total);
        await new Promise<void>((resolve) => gates.push(resolve));
        active.set(host, (active.get(host) ?? 0) - 1);
        total -= 1;
        return host;
      }),
    ),
  );
  // Release tasks one at a time until all are done.
  let done = 0;
  void Promise.all(tasks).then(() => {
    done = tasks.length;
  });
  while (done < tasks.length) {
    await new Promise((resolve) => setImmediate(resolve));
    gates.shift()?.();
  }
  return { peak, peakTotal, results: await Promise.all(tasks) };
}

describe("createLimiter", () => {
  it("never runs more than perHost tasks for one host", async () => {
    const { peak, results } = await measure(2, 16, ["a.example"], 7);
    assert.equal(peak.get("a.example"), 2);
    assert.equal(results.length, 7);
  });

  it("never runs more than global tasks in all", async () => {
    const hosts = ["a", "b", "c", "d", "e", "f"].map((h) => `${h}.example`);
    const { peak, peakTotal } = await measure(2, 5, hosts, 3);
    assert.equal(peakTotal, 5);
    for (const host of hosts) assert.ok((peak.get(host) ?? 0) <= 2);
  });

  it("releases slots when a task fails", async () => {
    const limiter = createLimiter(1, 1);
    await assert.rejects(
      limiter.run("a", () => Promise.reject(new Error("boom"))),
      /boom/,
    );
    assert.equal(await limiter.run("a", async () => "next"), "next");
  });
});
