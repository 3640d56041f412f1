/** Shared pieces of the delivery tests: a real SQLite store in a temp dir, a recording logger. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Item } from "../../../src/core/item.ts";
import type { Message } from "../../../src/core/message.ts";
import type { Clock, Logger } from "../../../src/core/ports.ts";
import { createSqliteStore } from "../../../src/store/index.ts";
import type { Store } from "../../../src/store/store.ts";
import { okFetchState } from "../../support/fetch-state.ts";

export const systemClock: Clock = { now: () => new Date() };

export interface TempStore {
  store: Store;
  path: string;
  dispose(): Promise<void>;
}

export function tempStore(options: { leaseSeconds?: number } = {}): TempStore {
  const dir = mkdtempSync(join(tmpdir(), "wirewatch-delivery-"));
  const path = join(dir, "wirewatch.db");
  const store = createSqliteStore(path, options);
  return {
    store,
    path,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  obj: object;
  msg: string | undefined;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (obj: object, msg?: string) => {
    lines.push({ level, obj, msg });
  };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/**
 * Queues an edit of `editOf` the only way the store creates edits: as the alert of a
 * new item in `commitFetch`.
 */
export async function enqueueEdit(
  store: Store,
  destination: string,
  editOf: number,
  message: Message,
): Promise<void> {
  const now = new Date().toISOString();
  const feed = await store.upsertFeed(
    {
      url: `https://feeds.example.test/${editOf}.xml`,
      name: "Edit feed",
      everySeconds: 300,
      origin: "config",
      scope: null,
      addedBy: null,
    },
    now,
  );
  const state = okFetchState(now, { title: "Edit feed" });
  const item: Item = {
    key: `edit-${editOf}`,
    title: "Second source",
    summary: "",
    content: "",
    link: "https://other.example.test/story",
    author: null,
    categories: [],
    publishedAt: now,
    updatedAt: null,
    lang: "en",
    source: "Other Source",
  };
  await store.commitFetch(
    feed.id,
    state,
    [item],
    [
      {
        itemKey: item.key,
        topicIds: ["config:geneva"],
        destination,
        mode: "instant",
        message,
        storySignature: null,
        editOf,
      },
    ],
  );
}

/** Polls `check` until it is true or `ms` pass. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
