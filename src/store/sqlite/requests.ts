/**
 * Signed chat requests already handled (Slack signature + timestamp, Discord interaction
 * id), kept until their signature window has passed, so a replayed request is refused.
 * A key whose time has passed is taken again as new (and the old rows are swept then).
 */
import type Database from "better-sqlite3";
import type { RequestLedger } from "../../core/ports.ts";

export function sqliteRequests(db: Database.Database): RequestLedger {
  const remember = db.prepare(`INSERT INTO handled_requests (key, expires_at) VALUES (@key, @until)
    ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE handled_requests.expires_at <= @now`);
  const sweep = db.prepare("DELETE FROM handled_requests WHERE expires_at <= ?");
  const once = db.transaction((key: string, now: string, until: string): boolean => {
    sweep.run(now);
    return remember.run({ key, now, until }).changes === 1;
  });
  return {
    async rememberRequest(key, now, until) {
      return once.immediate(key, now, until);
    },
  };
}
