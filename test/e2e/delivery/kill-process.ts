/** Starts and kills the kill -9 scenarios' child processes (`kill-child.ts`, `poll-kill-child.ts`). */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { repoRoot } from "../../support/corpora.ts";

/** Every child started, so a failing test still kills them all. */
const children = new Set<ChildProcess>();

export function startChild(
  env: Record<string, string>,
  script = "test/e2e/delivery/kill-child.ts",
): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
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

export async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

export async function killAll(): Promise<void> {
  for (const child of children) await killChild(child);
  children.clear();
}
