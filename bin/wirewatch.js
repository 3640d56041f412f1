#!/usr/bin/env node
// Entry point. V8's linear-time fallback for backtracking regexps must be on before any
// feed is parsed (rss-parser strips tags with a quadratic regexp); it cannot be set in
// NODE_OPTIONS, so it is set here, first. Runs the compiled build (`npm ci` and Docker build
// it) when it is current, else the TypeScript sources through tsx (compiled-build.js).
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { compiledIsCurrent } from "./compiled-build.js";

/** How long a finished command may wait for open handles before it exits anyway (run's stop
 * deadline plus this stays under the 10 s orchestrators allow: src/cli/commands/run.ts). */
const EXIT_GRACE_MS = 1_000;

setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
// A bot that waits between polls should favour memory over speed: V8 then collects sooner
// (this thread and the parse workers), so a poll's garbage (dead fetched bodies, parsed
// items) does not pile up first. V8 reads it at each collection, so setting it here works for
// every way the bot is started; T-2's peak RSS polling the hostile set fell from 245-288 to
// 195-209 MB, for ~10 % more CPU and a higher event-loop p99 (docs/security.md, "Open").
setFlagsFromString("--optimize-for-size");

// A reader that stops early (`wirewatch poll --once | head`) closes the pipe. Node ignores
// SIGPIPE and reports EPIPE on the stream instead, which would end in a stack trace: stop
// quietly, as Unix tools do. Nothing is half-written: a fetch commits in one transaction,
// and alerts not yet printed stay in the outbox for the next run.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

let cli;
if (compiledIsCurrent(fileURLToPath(new URL("..", import.meta.url)))) {
  cli = await import("../dist/cli/index.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import("../src/cli/index.ts");
}
const code = await cli.main(process.argv.slice(2));
// Let the process end by itself rather than call process.exit(): on Node 26, process.exit()
// can hang for ever (nodejs/node#54918) when a V8 background thread compiling a hot function
// waits for a garbage collection the exiting main thread never runs; a natural exit tears
// the isolate down first, which releases it. Pools close when a command ends; should a
// handle still hold the process (a client's keep-alive socket), it exits anyway shortly after.
process.exitCode = code;
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
