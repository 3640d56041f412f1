/** sendDueDigests against the real SQLite store: content, empty windows, isolation of a broken target. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Item } from "../../src/core/item.ts";
import type { Logger } from "../../src/core/ports.ts";
import { type DigestTarget, sendDueDigests } from "../../src/pipeline/send-digests.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/store.ts";
import { okFetchState } from "../support/fetch-state.ts";

const DEST = "slack:C0123ABCD";
const CREATED = "2026-11-27T00:00:00.000Z";

function recorder(): Logger & { errors: object[] } {
  const errors: object[] = [];
  return { errors, debug() {}, info() {}, warn() {}, error: (obj) => void errors.push(obj) };
}

const fetchState = (at: string) => okFetchState(at);

function item(key: string, source: string, title: string, at: string): Item {
  return {
    key,
    title,
    summary: "",
    content: "",
    link: `https://${source.toLowerCase().replace(/\W/g, "")}.test/${key}`,
    author: null,
    categories: [],
    publishedAt: at,
    updatedAt: null,
    lang: "fr",
    source,
  };
}

async function matched(store: Store, feedUrl: string, items: Item[], at: string): Promise<void> {
  const feed = await store.upsertFeed(
    { url: feedUrl, name: null, everySeconds: 600, origin: "config", scope: null, addedBy: null },
    CREATED,
  );
  const drafts = items.map((i) => ({
    itemKey: i.key,
    topicIds: ["config:japon"],
    destination: DEST,
    mode: "digest" as const,
    message: null,
    storySignature: null,
    editOf: null,
  }));
  await store.commitFetch(feed.id, fetchState(at), items, drafts);
}

const target: DigestTarget = {
  destination: DEST,
  topics: [{ id: "config:japon", name: "japon" }],
  schedule: { cron: "0 8 * * *", timezone: "Europe/Paris", maxEntries: 0 },
  mentions: [{ kind: "role", id: "42" }],
  createdAt: CREATED,
};

describe("sendDueDigests", () => {
  it("queues one grouped digest per due window and skips empty ones", async () => {
    const store = createSqliteStore(":memory:");
    let now = Date.parse("2026-11-27T06:00:00.000Z");
    const clock = { now: () => new Date(now) };
    const logger = recorder();
    await matched(
      store,
      "https://lemonde.test/rss",
      [
        item(
          "a",
          "Le Monde",
          "Séisme au Japon : au moins 30 morts, selon un nouveau bilan",
          "2026-11-27T05:00:00.000Z",
        ),
      ],
      "2026-11-27T05:10:00.000Z",
    );
    await matched(
      store,
      "https://rfi.test/rss",
      [
        item("b", "RFI", "Japon: le bilan du séisme s'alourdit à 30 morts", "2026-11-27T05:30:00.000Z"),
        item("c", "RFI", "Japon : la Banque centrale relève ses taux", "2026-11-27T05:40:00.000Z"),
      ],
      "2026-11-27T05:50:00.000Z",
    );
    assert.equal(await sendDueDigests({ store, clock, logger, targets: [target] }), 0);

    now = Date.parse("2026-11-27T07:00:00.000Z");
    assert.equal(await sendDueDigests({ store, clock, logger, targets: [target] }), 1);
    const [row, ...rest] = await store.claimOutbox("2026-11-28T00:00:00.000Z", 10);
    assert.equal(rest.length, 0);
    assert.equal(row?.destination, DEST);
    assert.equal(row?.message.heading, "Digest · japon — 3 items (27 Nov 08:00 Europe/Paris)");
    assert.deepEqual(
      row?.message.entries.map((e) => [e.source, e.alsoReportedBy.map((o) => o.source)]),
      [
        ["Le Monde", ["RFI"]],
        ["RFI", []],
      ],
    );
    assert.deepEqual(row?.message.mentions, [{ kind: "role", id: "42" }]);
    await store.markSent(row?.id ?? -1, "1700000000.000100", "2026-11-27T07:00:01.000Z");

    // The next day nothing matched: the window is committed but no message is queued.
    now = Date.parse("2026-11-28T07:30:00.000Z");
    assert.equal(await sendDueDigests({ store, clock, logger, targets: [target] }), 0);
    assert.equal(await store.lastDigestWindow(DEST), "2026-11-28T07:00:00.000Z");
    assert.deepEqual(await store.claimOutbox("2026-11-29T00:00:00.000Z", 10), []);
    assert.deepEqual(logger.errors, []);
    await store.close();
  });

  it("logs a broken target and still serves the others", async () => {
    const store = createSqliteStore(":memory:");
    const clock = { now: () => new Date("2026-11-27T07:00:00.000Z") };
    const logger = recorder();
    await matched(
      store,
      "https://lemonde.test/rss",
      [item("a", "Le Monde", "Séisme au Japon", "2026-11-27T05:00:00.000Z")],
      "2026-11-27T05:10:00.000Z",
    );
    const broken: DigestTarget = {
      ...target,
      destination: "discord:112233445566778899",
      schedule: { cron: "0 8 * *", timezone: "Europe/Paris", maxEntries: 25 },
    };
    assert.equal(await sendDueDigests({ store, clock, logger, targets: [broken, target] }), 1);
    assert.equal(logger.errors.length, 1);
    assert.deepEqual(Object.keys(logger.errors[0] ?? {}), ["destination", "err"]);
    await store.close();
  });
});
