/** Slack installations (sealed), tenant removal and pending removals; see core/tenancy.ts. */
import type Database from "better-sqlite3";
import type { TenantRemoval, TenantStore } from "../../core/tenancy.ts";

export function sqliteTenants(db: Database.Database): TenantStore {
  const save = db.prepare(`INSERT INTO slack_installations (team_key, sealed, installed_at) VALUES (?, ?, ?)
    ON CONFLICT (team_key) DO UPDATE SET sealed = excluded.sealed, installed_at = excluded.installed_at`);
  const get = db.prepare("SELECT sealed FROM slack_installations WHERE team_key = ?");
  const del = db.prepare("DELETE FROM slack_installations WHERE team_key = ?");
  const topicsOf = db.prepare("SELECT id, channel FROM topics WHERE scope = ?");
  const dropTopics = db.prepare("DELETE FROM topics WHERE scope = ?");
  const dropMatches = db.prepare("DELETE FROM topic_matches WHERE topic_id = ?");
  const dropFeeds = db.prepare("DELETE FROM feeds WHERE origin = 'chat' AND scope = ?");
  const dropOutbox = db.prepare("DELETE FROM outbox WHERE destination = ?");
  const dropEntries = db.prepare("DELETE FROM digest_entries WHERE destination = ?");
  const dropRemoval = db.prepare("DELETE FROM tenant_removals WHERE scope = ?");
  const schedule = db.prepare(`INSERT INTO tenant_removals (scope, due_at, requested_at) VALUES (?, ?, ?)
    ON CONFLICT (scope) DO UPDATE SET due_at = excluded.due_at, requested_at = excluded.requested_at`);
  const due = db.prepare("SELECT scope FROM tenant_removals WHERE due_at <= ? ORDER BY due_at, scope");

  const remove = db.transaction((scope: string): TenantRemoval => {
    const rows = topicsOf.all(scope) as { id: number; channel: string }[];
    let outbox = 0;
    for (const channel of new Set(rows.map((r) => r.channel))) {
      outbox += dropOutbox.run(channel).changes;
      dropEntries.run(channel);
    }
    for (const row of rows) dropMatches.run(String(row.id));
    const topics = dropTopics.run(scope).changes;
    const feeds = dropFeeds.run(scope).changes;
    dropRemoval.run(scope);
    return { topics, feeds, outbox };
  });

  return {
    async saveInstallation(teamKey, sealed, now) {
      save.run(teamKey, sealed, now);
    },
    async getInstallation(teamKey) {
      return (get.get(teamKey) as { sealed: string } | undefined)?.sealed ?? null;
    },
    async deleteInstallation(teamKey) {
      return del.run(teamKey).changes > 0;
    },
    async removeTenant(scope) {
      return remove.immediate(scope);
    },
    async scheduleTenantRemoval(scope, dueAt, now) {
      schedule.run(scope, dueAt, now);
    },
    async cancelTenantRemoval(scope) {
      return dropRemoval.run(scope).changes > 0;
    },
    async dueTenantRemovals(now) {
      return (due.all(now) as { scope: string }[]).map((r) => r.scope);
    },
  };
}
