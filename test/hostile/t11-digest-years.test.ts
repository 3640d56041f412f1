/**
 * T-11: two simulated years of digests against the real SQLite store with a fake clock:
 * exactly one digest per local day in seven zones — DST north and south, half- and
 * quarter-hour offsets, Lord Howe's 30-minute DST and Pacific/Chatham (+12:45/+13:45) —
 * for a daily 08:00 and a daily 02:30 (which falls in the spring gap and, in Paris and
 * Melbourne, the autumn overlap); a restart halfway (new store on the same file) and two
 * racing instances — no window sent twice, none skipped, no entry lost or doubled.
 *
 * The ticker advances by 2-22 h steps in CI; `npm run test:hostile -- --long`
 * (WW_HOSTILE_LONG=1) uses 1-9 h steps, like a ticker that sometimes stalls.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { nextFireAfter } from "../../src/core/digest/windows.ts";
import type { Item } from "../../src/core/item.ts";
import type { AlertDraft } from "../../src/core/ports.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { type DigestTarget, sendDueDigests } from "../../src/pipeline/send-digests.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/store.ts";
import { okFetchState } from "../support/fetch-state.ts";

// RAM-backed when the host has it: thousands of small commits, and disk sync is not under test.
const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "wirewatch-digest-year-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const silent = silentLogger;
const START = Date.parse("2026-01-01T00:00:00.000Z");
const END = Date.parse("2028-01-01T00:00:00.000Z");
const DAYS = 730;
const LONG = process.env.WW_HOSTILE_LONG === "1";
const ZONES = [
  "Europe/Paris",
  "America/New_York",
  "Australia/Melbourne",
  "Pacific/Chatham",
  "Australia/Lord_Howe",
  "America/St_Johns",
  "Asia/Kathmandu",
];
const CRONS = { "discord:112233445566778899": "0 8 * * *", "slack:C0123ABCD": "30 2 * * *" };
const DESTINATIONS = Object.keys(CRONS) as (keyof typeof CRONS)[];

const fetchState = (at: string) => okFetchState(at, { title: "Wire" });

function newsItem(n: number, at: string): Item {
  return {
    key: `item-${n}`,
    title: `K${n}alpha K${n}bravo K${n}charlie`,
    summary: "",
    content: "",
    link: `https://wire.test/${n}`,
    author: null,
    categories: [],
    publishedAt: at,
    updatedAt: null,
    lang: "en",
    source: "Wire",
  };
}

function drafts(n: number): AlertDraft[] {
  return DESTINATIONS.map((destination) => ({
    itemKey: `item-${n}`,
    topicIds: ["config:russia-us"],
    destination,
    mode: "digest",
    message: null,
    storySignature: null,
    editOf: null,
  }));
}

/** Deterministic steps of 1 to 9 hours (long) or 2 to 22 hours (CI), never a whole day. */
function* steps(seed: number): Generator<number> {
  let state = seed;
  const [min, span] = LONG ? [60, 480] : [120, 1200];
  for (;;) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    yield (min + (state % span)) * 60_000;
  }
}

function expectedFires(cron: string, zone: string): number[] {
  const fires: number[] = [];
  for (let t = nextFireAfter(cron, zone, new Date(START)); t.getTime() <= END; ) {
    fires.push(t.getTime());
    t = nextFireAfter(cron, zone, t);
  }
  return fires;
}

describe("digests over two simulated years", () => {
  for (const [index, zone] of ZONES.entries()) {
    it(`one digest per local day at 08:00 and at 02:30 in ${zone}`, async () => {
      const file = join(dir, `year-${index}.db`);
      let store: Store = createSqliteStore(file);
      let now = START;
      const clock = { now: () => new Date(now) };
      const createdAt = new Date(START).toISOString();
      const targets: DigestTarget[] = DESTINATIONS.map((destination) => ({
        destination,
        topics: [{ id: "config:russia-us", name: "russia-us" }],
        schedule: { cron: CRONS[destination], timezone: zone, maxEntries: 25 },
        mentions: [],
        createdAt,
      }));
      const feed = await store.upsertFeed(
        {
          url: "https://wire.test/feed",
          name: "Wire",
          everySeconds: 600,
          origin: "config",
          scope: null,
          addedBy: null,
        },
        createdAt,
      );
      // A match at the very start, so even a first window ending soon after has content.
      await store.commitFetch(feed.id, fetchState(createdAt), [newsItem(0, createdAt)], drafts(0));
      let items = 1;
      let enqueued = 0;
      let restarted = false;
      const step = steps(index + 1);
      while (now < END) {
        now = Math.min(END, now + (step.next().value ?? 3_600_000));
        const at = new Date(now).toISOString();
        await store.commitFetch(feed.id, fetchState(at), [newsItem(items, at)], drafts(items));
        items++;
        enqueued += await sendDueDigests({ store, clock, logger: silent, targets });
        if (!restarted && now >= (START + END) / 2) {
          // A restart: the schedule must resume from the store, not from memory.
          await store.close();
          store = createSqliteStore(file);
          restarted = true;
          // A second instance racing on the same file: together they send each window once.
          const twin = createSqliteStore(file);
          const results = await Promise.all([
            sendDueDigests({ store, clock, logger: silent, targets }),
            sendDueDigests({ store: twin, clock, logger: silent, targets }),
          ]);
          enqueued += results[0] + results[1];
          await twin.close();
        }
      }
      // Asking again at the same instant sends nothing more.
      assert.equal(await sendDueDigests({ store, clock, logger: silent, targets }), 0);

      const rows = await store.claimOutbox(new Date(END + 86_400_000).toISOString(), 10_000);
      let expectedTotal = 0;
      for (const destination of DESTINATIONS) {
        const fires = expectedFires(CRONS[destination], zone);
        expectedTotal += fires.length;
        assert.equal(fires.length, DAYS, `${destination}: ${fires.length} fires in 2026-2027`);
        assert.equal(await store.lastDigestWindow(destination), new Date(fires.at(-1) ?? 0).toISOString());
        const digests = rows.filter((r) => r.destination === destination && r.message.kind === "digest");
        assert.equal(digests.length, fires.length);
        // Headings name the local day without the year: each day once a year, so twice in all.
        const localDays = new Map<string, number>();
        let counted = 0;
        for (const row of digests) {
          const match = /— (\d+) items? \((\d+ \w+) \d\d:\d\d /.exec(row.message.heading);
          assert.ok(match, row.message.heading);
          counted += Number(match[1]);
          const seen = (localDays.get(match[2] ?? "") ?? 0) + 1;
          assert.ok(seen <= 2, `three digests on ${match[2]}`);
          localDays.set(match[2] ?? "", seen);
        }
        assert.equal(localDays.size, 365);
        assert.ok(
          [...localDays.values()].every((n) => n === 2),
          "each local day twice in two years",
        );
        // Every match is in exactly one digest, or still waiting for the next window.
        const waiting = await store.pendingDigestEntries(destination, new Date(END + 1).toISOString());
        assert.equal(counted + waiting.length, items);
      }
      assert.equal(enqueued, expectedTotal);
      await store.close();
    });
  }
});
