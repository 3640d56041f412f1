/**
 * The polling process of the poll kill -9 scenario (T-8, t08-crash-poll): the real app
 * (createApp: fetcher, parser, matcher, store with SQLite's group commit) on the parent's
 * config file (loopback feeds, a SQLite file or a PostgreSQL schema). It prints "ready"
 * once wired and then polls every feed, cycle after cycle, until it is killed.
 */
import { readFileSync } from "node:fs";
import { parseConfig } from "../../../src/config/load.ts";
import { silentLogger } from "../../../src/log/create-logger.ts";
import { createApp } from "../../../src/main.ts";

const file = process.env.WW_POLL_CONFIG;
if (file === undefined) throw new Error("WW_POLL_CONFIG (the config file) is required");
const app = await createApp(parseConfig(readFileSync(file, "utf8"), file), {
  logger: silentLogger,
  write: () => {},
});
process.stdout.write("ready\n");
for (;;) await app.pollOnce({ all: true });
