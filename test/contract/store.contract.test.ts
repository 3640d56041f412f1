/**
 * The store contract: every `Store` backend must pass all of it. One file, so each
 * backend runs in one process (SQLite always, PostgreSQL when DATABASE_URL is set).
 */
import { actionCases } from "./cases/actions.ts";
import { digestCases } from "./cases/digests.ts";
import { exclusiveCases } from "./cases/exclusive.ts";
import { feedCases } from "./cases/feeds.ts";
import { handledRequestCases } from "./cases/handled-requests.ts";
import { itemKeyCases } from "./cases/item-keys.ts";
import { itemCases } from "./cases/items.ts";
import { outboxCases } from "./cases/outbox.ts";
import { outboxInterruptedCases } from "./cases/outbox-interrupted.ts";
import { searchCases } from "./cases/search.ts";
import { statsCases } from "./cases/stats.ts";
import { tenantCases } from "./cases/tenants.ts";
import { topicCases } from "./cases/topics.ts";
import { webSubCases } from "./cases/websub.ts";
import { contract } from "./harness.ts";

contract("store contract", (h) => {
  feedCases(h);
  itemCases(h);
  itemKeyCases(h);
  outboxCases(h);
  outboxInterruptedCases(h);
  digestCases(h);
  topicCases(h);
  searchCases(h);
  exclusiveCases(h);
  handledRequestCases(h);
  statsCases(h);
  webSubCases(h);
  tenantCases(h);
  actionCases(h);
});
