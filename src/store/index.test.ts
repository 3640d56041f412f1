import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { feedInput } from "../../test/contract/fixtures.ts";
import { AppError } from "../core/errors.ts";
import { createStore } from "./index.ts";

test("sqlite: URLs open a file relative to the working directory, creating its folder", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ww-url-"));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const store = createStore("sqlite:data/nested/wirewatch.db");
    await store.migrate();
    await store.close();
    assert.equal(existsSync(join(dir, "data", "nested", "wirewatch.db")), true);
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("sqlite::memory: works without a file", async () => {
  const store = createStore("sqlite::memory:");
  const feed = await store.upsertFeed(
    feedInput("https://a.example/rss", { everySeconds: 60 }),
    "2026-11-28T03:00:00.000Z",
  );
  assert.equal(feed.id, 1);
  await store.close();
  await store.close();
});

test("other URLs are refused with bad_database_url, without echoing credentials", () => {
  for (const url of ["mysql://user:secret@db/x", "sqlite:", "data/wirewatch.db", ""]) {
    assert.throws(
      () => createStore(url),
      (e: unknown) => e instanceof AppError && e.code === "bad_database_url" && !e.message.includes("secret"),
      url,
    );
  }
});

test("postgres URLs make a PostgreSQL store without connecting yet", async () => {
  const store = createStore("postgres://nobody@127.0.0.1:1/none");
  assert.equal(typeof store.claimOutbox, "function");
  await store.close();
});
