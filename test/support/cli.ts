import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./corpora.ts";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /**
   * Peak resident set of the child in MB: the kernel's high-water mark (`VmHWM` in
   * /proc/<pid>/status), read every 20 ms while it lives, so the whole process counts (main
   * thread, parse workers, tsx's loader). Null where /proc is missing.
   */
  peakRssMb: number | null;
  ms: number;
}

function highWaterMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] === undefined ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

/**
 * Runs bin/wirewatch.js as a user would (the compiled build when it is current, else the
 * sources through tsx: bin/compiled-build.js), with a clean environment (no chat tokens). A
 * run takes seconds (more under tsx, which compiles the sources at start-up, and on a loaded
 * machine); the kill timer only turns a hang into a failure.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(repoRoot, "bin/wirewatch.js"), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    let peakRssMb: number | null = null;
    const sample = () => {
      const mb = highWaterMb(child.pid);
      if (mb !== null) peakRssMb = Math.max(peakRssMb ?? 0, mb);
    };
    const sampler = setInterval(sample, 20);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", sample);
    child.on("close", (code) => {
      clearTimeout(timer);
      clearInterval(sampler);
      resolve({ code, stdout, stderr, peakRssMb, ms: performance.now() - started });
    });
  });
}

/** A copy of config/demo.yaml that points at the bundled feeds and a database in a temp dir. */
export function demoConfigCopy(): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "wirewatch-demo-"));
  const text = readFileSync(join(repoRoot, "config/demo.yaml"), "utf8")
    .replaceAll("file:demo-feeds/", `file:${join(repoRoot, "config/demo-feeds")}/`)
    .replace("sqlite:data/demo.db", `sqlite:${join(dir, "demo.db")}`);
  const file = join(dir, "demo.yaml");
  writeFileSync(file, text);
  return { file, dir };
}
