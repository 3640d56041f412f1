/**
 * The sending process of the kill -9 scenario: the real deliverer, sink and store,
 * pointed at the parent's fake platform and database (a SQLite file, or a PostgreSQL
 * schema). It prints "ready" once wired and then delivers until it is killed.
 */
import { createDiscordSink } from "../../../src/chat/discord/sink.ts";
import { createSlackSink } from "../../../src/chat/slack/sink.ts";
import type { ChatSink } from "../../../src/core/ports.ts";
import { createDeliverer } from "../../../src/pipeline/deliver.ts";
import { createPostgresStore, createSqliteStore } from "../../../src/store/index.ts";
import { recordingLogger, systemClock } from "./harness.ts";

const { WW_KILL_DB: dbPath, WW_KILL_PG_URL: pgUrl, WW_KILL_PG_SCHEMA: schema } = process.env;
const { WW_KILL_PLATFORM: platform = "discord", WW_KILL_API_URL: apiUrl } = process.env;
if (apiUrl === undefined || (dbPath === undefined && (pgUrl === undefined || schema === undefined)))
  throw new Error("WW_KILL_API_URL and WW_KILL_DB (or WW_KILL_PG_URL and WW_KILL_PG_SCHEMA) are required");

// Small claims and a lease longer than a restart: the next sender finds the rows a killed
// one held still leased, posts later rows to the same channels first, and gets the held
// rows back only afterwards (the order in which a "first post per channel" check misses them).
const LEASE_SECONDS = 3;
const store =
  dbPath !== undefined
    ? createSqliteStore(dbPath, { leaseSeconds: LEASE_SECONDS })
    : createPostgresStore(pgUrl ?? "", { leaseSeconds: LEASE_SECONDS, schema, poolSize: 2 });
const sink: ChatSink =
  platform === "slack"
    ? createSlackSink({ token: "xoxb-test", apiUrl, timeoutMs: 2000, minIntervalMs: 0 })
    : createDiscordSink({ token: "discord-test", apiUrl, timeoutMs: 2000 });
const deliverer = createDeliverer({
  store,
  sinks: [sink],
  clock: systemClock,
  logger: recordingLogger(),
  catchUpThreshold: 0,
  backoff: { baseMs: 20, maxMs: 200 },
  // Fixed jitter: only the kill moments vary (and those come from a seeded generator).
  random: () => 0.5,
  idleMs: 20,
  batchSize: 8,
});
process.stdout.write("ready\n");
await deliverer.run(new AbortController().signal);
