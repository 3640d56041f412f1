/**
 * The store contract: every backend must pass all of it. The cases are grouped by port
 * (one file per port in cases/, named after it), since a backend implements each port its
 * consumers declared. One test file, so each backend runs in one process (SQLite always,
 * PostgreSQL when DATABASE_URL is set).
 */
import { actionCases } from "./cases/actions.ts";
import { catchUpStoreCases } from "./cases/catch-up-store.ts";
import { digestStoreCases } from "./cases/digest-store.ts";
import { drainStoreCases } from "./cases/drain-store.ts";
import { feedStoreCases } from "./cases/feed-store.ts";
import { itemSearchStoreCases } from "./cases/item-search-store.ts";
import { outboxStoreCases } from "./cases/outbox-store.ts";
import { outboxStoreInterruptedCases } from "./cases/outbox-store-interrupted.ts";
import { pollStoreCases } from "./cases/poll-store.ts";
import { pollStoreCommitCases } from "./cases/poll-store-commit.ts";
import { pollStoreKeyCases } from "./cases/poll-store-keys.ts";
import { quotaStoreCases } from "./cases/quota-store.ts";
import { requestLedgerCases } from "./cases/request-ledger.ts";
import { rootStoreCases } from "./cases/root-store.ts";
import { statsStoreCases } from "./cases/stats-store.ts";
import { storyAlertStoreCases } from "./cases/story-alert-store.ts";
import { subscriptionStoreCases } from "./cases/subscription-store.ts";
import { tenantStoreCases } from "./cases/tenant-store.ts";
import { topicStoreCases } from "./cases/topic-store.ts";
import { contract } from "./harness.ts";

contract("store contract", (h) => {
  rootStoreCases(h);
  // pipeline/
  pollStoreCases(h);
  pollStoreKeyCases(h);
  pollStoreCommitCases(h);
  storyAlertStoreCases(h);
  outboxStoreCases(h);
  outboxStoreInterruptedCases(h);
  catchUpStoreCases(h);
  drainStoreCases(h);
  digestStoreCases(h);
  // core/
  feedStoreCases(h);
  itemSearchStoreCases(h);
  topicStoreCases(h);
  quotaStoreCases(h);
  statsStoreCases(h);
  tenantStoreCases(h);
  subscriptionStoreCases(h);
  requestLedgerCases(h);
  // core/mutes.ts, core/feed-health-notice.ts
  actionCases(h);
});
