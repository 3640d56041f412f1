/**
 * Runs `bin/wirewatch.js` as a child and reports its peak RSS: the kernel's high-water mark
 * (`VmHWM` in /proc/<pid>/status, Linux), read every 20 ms while the child lives, so the
 * figure is the whole process (main thread, parse workers, tsx's loader) as an operator sees it.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../support/corpora.ts";

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set in MB; null where /proc is missing. */
  peakRssMb: number | null;
  ms: number;
}

function highWaterMb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] === undefined ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

export function runMeasured(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(repoRoot, "bin/wirewatch.js"), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let peak: number | null = null;
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const sample = () => {
      const mb = child.pid === undefined ? null : highWaterMb(child.pid);
      if (mb !== null) peak = Math.max(peak ?? 0, mb);
    };
    const sampler = setInterval(sample, 20);
    const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", () => sample());
    child.on("close", (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ code, stdout, stderr, peakRssMb: peak, ms: performance.now() - started });
    });
  });
}
