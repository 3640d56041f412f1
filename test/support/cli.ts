import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./corpora.ts";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs bin/wirewatch.js as a user would, with a clean environment (no chat tokens). A run
 * takes seconds (tsx compiles the sources at start-up, slower on a loaded machine); the
 * kill timer only turns a hang into a failure.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
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
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
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
