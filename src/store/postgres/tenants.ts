/** PostgreSQL side of sqlite/tenants.ts. */
import type { TenantStore } from "../../core/tenancy.ts";
import type { PgDb } from "./db.ts";

export function pgTenants(db: PgDb): TenantStore {
  return {
    async saveInstallation(teamKey, sealed, now) {
      await db.run(
        `INSERT INTO slack_installations (team_key, sealed, installed_at) VALUES ($1, $2, $3)
         ON CONFLICT (team_key) DO UPDATE SET sealed = EXCLUDED.sealed, installed_at = EXCLUDED.installed_at`,
        [teamKey, sealed, now],
      );
    },
    async getInstallation(teamKey) {
      const row = await db.one("SELECT sealed FROM slack_installations WHERE team_key = $1", [teamKey]);
      return row === undefined ? null : String(row.sealed);
    },
    async deleteInstallation(teamKey) {
      return (await db.run("DELETE FROM slack_installations WHERE team_key = $1", [teamKey])) > 0;
    },
    async removeTenant(scope) {
      return db.tx(async (q) => {
        const rows = await q.rows("SELECT id, channel FROM topics WHERE scope = $1 FOR UPDATE", [scope]);
        const channels = [...new Set(rows.map((r) => String(r.channel)))];
        const outbox = await q.run("DELETE FROM outbox WHERE destination = ANY($1::text[])", [channels]);
        await q.run("DELETE FROM digest_entries WHERE destination = ANY($1::text[])", [channels]);
        await q.run("DELETE FROM topic_matches WHERE topic_id = ANY($1::text[])", [
          rows.map((r) => String(r.id)),
        ]);
        const topics = await q.run("DELETE FROM topics WHERE scope = $1", [scope]);
        const feeds = await q.run("DELETE FROM feeds WHERE origin = 'chat' AND scope = $1", [scope]);
        await q.run("DELETE FROM tenant_removals WHERE scope = $1", [scope]);
        return { topics, feeds, outbox };
      });
    },
    async scheduleTenantRemoval(scope, dueAt, now) {
      await db.run(
        `INSERT INTO tenant_removals (scope, due_at, requested_at) VALUES ($1, $2, $3)
         ON CONFLICT (scope) DO UPDATE SET due_at = EXCLUDED.due_at, requested_at = EXCLUDED.requested_at`,
        [scope, dueAt, now],
      );
    },
    async cancelTenantRemoval(scope) {
      return (await db.run("DELETE FROM tenant_removals WHERE scope = $1", [scope])) > 0;
    },
    async dueTenantRemovals(now) {
      const rows = await db.rows(
        "SELECT scope FROM tenant_removals WHERE due_at <= $1 ORDER BY due_at, scope",
        [now],
      );
      return rows.map((r) => String(r.scope));
    },
  };
}
