/**
 * The sending process of the kill -9 scenario: the real deliverer, Discord sink and
 * SQLite store, pointed at the parent's fake Discord and database file. It prints
 * "ready" once wired and then delivers until it is killed.
 */
import { createDiscordSink } from "../../../src/chat/discord/index.ts";
import { createDeliverer } from "../../../src/pipeline/deliver.ts";
import { createSqliteStore } from "../../../src/store/index.ts";
import { recordingLogger, systemClock } from "./harness.ts";

const dbPath = process.env.WW_KILL_DB;
const apiUrl = process.env.WW_KILL_DISCORD_URL;
if (dbPath === undefined || apiUrl === undefined)
  throw new Error("WW_KILL_DB and WW_KILL_DISCORD_URL are required");

// A short lease: the rows a killed sender had claimed come back quickly to the next one.
const store = createSqliteStore(dbPath, { leaseSeconds: 1 });
const deliverer = createDeliverer({
  store,
  sinks: [createDiscordSink({ token: "discord-test", apiUrl, timeoutMs: 2000 })],
  clock: systemClock,
  logger: recordingLogger(),
  catchUpThreshold: 0,
  backoff: { baseMs: 20, maxMs: 200 },
  // Fixed jitter: only the kill moments vary (and those come from a seeded generator).
  random: () => 0.5,
  idleMs: 20,
});
process.stdout.write("ready\n");
await deliverer.run(new AbortController().signal);
