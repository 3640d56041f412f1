/**
 * PostgreSQL side of sqlite/requests.ts: one statement, so two instances receiving the
 * same replayed request at once act on it once (the unique key decides).
 */
import type { RequestLedger } from "../../core/ports.ts";
import type { PgDb } from "./db.ts";

export function pgRequests(db: PgDb): RequestLedger {
  return {
    async rememberRequest(key, now, until) {
      await db.run("DELETE FROM handled_requests WHERE expires_at <= $1", [now]);
      const row = await db.one(
        `INSERT INTO handled_requests (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at
         WHERE handled_requests.expires_at <= $3
         RETURNING key`,
        [key, until, now],
      );
      return row !== undefined;
    },
  };
}
