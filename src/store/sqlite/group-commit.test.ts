/**
 * Group commit on SQLite (group-commit.ts): fetches written close together (within its
 * window) share a transaction, yet each stays whole; nothing else works beside an uncommitted
 * fetch; a process that dies before the commit loses its fetches whole, alerts included.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import Database from "better-sqlite3";
import { at, feedInput, instant, item, state } from "../../../test/contract/fixtures.ts";
import { withDatabaseFile } from "../../../test/support/temp-file.ts";
import { AppError } from "../../core/errors.ts";
import { createSqliteStore } from "./index.ts";

const withFile = (run: (file: string) => Promise<void>) => withDatabaseFile("ww-group-commit-", run);

/** What another process sees: committed rows only. */
function committed(file: string): { items: string[]; outbox: number } {
  const db = new Database(file, { readonly: true });
  try {
    const items = (db.prepare("SELECT key FROM items ORDER BY key").all() as { key: string }[]).map(
      (r) => r.key,
    );
    const outbox = (db.prepare("SELECT count(*) AS n FROM outbox").get() as { n: number }).n;
    return { items, outbox };
  } finally {
    db.close();
  }
}

test(
  "fetches written close together commit together, once durable() resolves",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const a = await store.upsertFeed(feedInput("https://a.example/rss"), at(0));
    const b = await store.upsertFeed(feedInput("https://b.example/rss"), at(0));
    await store.commitFetch(a.id, state(at(1)), [item("a1")], []);
    await store.commitFetch(b.id, state(at(1)), [item("b1")], [instant("b1")]);
    assert.deepEqual(committed(file), { items: [], outbox: 0 });
    await store.durable();
    assert.deepEqual(committed(file), { items: ["a1", "b1"], outbox: 1 });
    await store.close();
  }),
);

test(
  "an open group commits by itself once its window has passed, with nobody waiting on it",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const a = await store.upsertFeed(feedInput("https://a.example/rss"), at(0));
    await store.commitFetch(a.id, state(at(1)), [item("a1")], [instant("a1")]);
    assert.deepEqual(committed(file), { items: [], outbox: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(committed(file), { items: ["a1"], outbox: 1 });
    await store.close();
  }),
);

test(
  "a fetch whose writes fail undoes itself alone; the fetches before it stay in the group",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const a = await store.upsertFeed(feedInput("https://a.example/rss"), at(0));
    const b = await store.upsertFeed(feedInput("https://b.example/rss"), at(0));
    await store.commitFetch(a.id, state(at(1)), [item("a1")], [instant("a1")]);
    // Fails after its item is inserted: an update of an alert that does not exist.
    await assert.rejects(
      store.commitFetch(b.id, state(at(1)), [item("b1")], [instant("b1", "console", { editOf: 9999 })]),
      (error: unknown) => error instanceof AppError && error.code === "stale_story",
    );
    await store.commitFetch(b.id, state(at(2)), [item("b2")], []);
    await store.durable();
    assert.deepEqual(committed(file), { items: ["a1", "b2"], outbox: 1 });
    assert.equal((await store.getFeed(b.id))?.lastFetchAt, at(2));
    await store.close();
  }),
);

test(
  "any other use of the store commits the open group first: the deliverer never claims an uncommitted alert",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const a = await store.upsertFeed(feedInput("https://a.example/rss"), at(0));
    await store.commitFetch(a.id, state(at(1)), [item("a1")], [instant("a1")]);
    const claimed = await store.claimOutbox(at(1), 10);
    assert.equal(claimed.length, 1);
    // The alert it claimed was committed with its fetch before the claim read it.
    assert.deepEqual(committed(file), { items: ["a1"], outbox: 1 });
    await store.close();
  }),
);

test(
  "kill -9 before the commit loses the group's fetches whole: items, fetch state and alerts",
  withFile(async (file) => {
    const store = createSqliteStore(file);
    const a = await store.upsertFeed(feedInput("https://a.example/rss"), at(0));
    await store.close();
    // A child process writes a fetch with an alert, then is killed in the same turn.
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", CHILD, file, String(a.id), at(1)],
      { encoding: "utf8" },
    );
    assert.equal(child.signal, "SIGKILL", child.stderr);
    assert.deepEqual(committed(file), { items: [], outbox: 0 });
    const again = createSqliteStore(file);
    const feed = await again.getFeed(a.id);
    assert.equal(feed?.lastFetchAt, null);
    assert.equal(feed?.initialized, false, "still due: the next poll fetches it again");
    await again.close();
  }),
);

const CHILD = `
import { createSqliteStore } from ${JSON.stringify(new URL("./index.ts", import.meta.url).href)};
import { instant, item, state } from ${JSON.stringify(new URL("../../../test/contract/fixtures.ts", import.meta.url).href)};
const [file, feedId, when] = process.argv.slice(-3);
const store = createSqliteStore(file);
await store.commitFetch(Number(feedId), state(when), [item("a1")], [instant("a1")]);
process.kill(process.pid, "SIGKILL");
`;

test(
  "a second store on the same file does not wait for the first one's open group",
  withFile(async (file) => {
    const first = createSqliteStore(file, { busyTimeoutMs: 50 });
    const second = createSqliteStore(file, { busyTimeoutMs: 50 });
    const a = await first.upsertFeed(feedInput("https://a.example/rss"), at(0));
    await first.commitFetch(a.id, state(at(1)), [item("a1")], []);
    await second.commitFetch(a.id, state(at(2)), [item("a2")], []);
    await second.durable();
    assert.deepEqual(committed(file).items, ["a1", "a2"]);
    await second.close();
    await first.close();
  }),
);
