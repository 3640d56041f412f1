/**
 * What a workspace or guild leaving the bot needs from the store: Slack installations
 * (sealed: the store never sees a token in clear), the removal of everything a tenant
 * made from chat, and pending removals that wait out a grace period (a Discord guild the
 * bot was removed from may add it back).
 *
 * A tenant is a scope as commands write it: `slack:T…` (or `slack:E…` for an org-wide
 * install), `discord:<guild>`.
 */

/** What `removeTenant` deleted. */
export interface TenantRemoval {
  topics: number;
  feeds: number;
  /** Outbox rows (pending, parked and sent) of the channels the tenant's topics alerted. */
  outbox: number;
}

export interface TenantStore {
  /** Stores (or replaces) the sealed installation of a Slack team or enterprise (`T…`, `E…`). */
  saveInstallation(teamKey: string, sealed: string, now: string): Promise<void>;
  getInstallation(teamKey: string): Promise<string | null>;
  /** True when there was one. */
  deleteInstallation(teamKey: string): Promise<boolean>;
  /**
   * One transaction: the tenant's chat topics, chat feeds (with their items), the outbox
   * rows and digest entries of the channels its topics alerted, and its pending removal.
   */
  removeTenant(scope: string): Promise<TenantRemoval>;
  /** Remembers that `scope` is to be removed at `dueAt`; a later call moves the date. */
  scheduleTenantRemoval(scope: string, dueAt: string, now: string): Promise<void>;
  /** True when a removal was pending (and is now cancelled). */
  cancelTenantRemoval(scope: string): Promise<boolean>;
  /** Scopes whose removal is due at `now`, oldest first. */
  dueTenantRemovals(now: string): Promise<string[]>;
}
