/**
 * Tenants leaving: a Discord guild that removed the bot keeps its topics and chat feeds
 * for a grace period (`discord.removeAfter`), in case the bot is added back; the pending
 * removal is a row in the database, so it survives restarts and any instance may carry
 * it out. The bot being in the guild again (GUILD_CREATE) cancels it.
 */
import type { Clock, Logger } from "../core/ports.ts";
import type { TenantStore } from "../core/tenancy.ts";
import { addMs, isoNow } from "../core/time.ts";

type Store = Pick<
  TenantStore,
  "scheduleTenantRemoval" | "cancelTenantRemoval" | "dueTenantRemovals" | "removeTenant"
>;

export interface TenantRemovalDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
}

export function discordGuildWatcher(deps: TenantRemovalDeps, removeAfterSeconds: number) {
  return {
    async removed(guildId: string): Promise<void> {
      const now = isoNow(deps.clock);
      const due = addMs(now, removeAfterSeconds * 1000);
      await deps.store.scheduleTenantRemoval(`discord:${guildId}`, due, now);
      deps.logger.info(
        { platform: "discord", guild: guildId, due },
        "discord: removed from a guild; its data goes then",
      );
    },
    async present(guildId: string): Promise<void> {
      if (await deps.store.cancelTenantRemoval(`discord:${guildId}`))
        deps.logger.info(
          { platform: "discord", guild: guildId },
          "discord: back in a guild; its removal is cancelled",
        );
    },
  };
}

/** Carries out the removals due now; returns the scopes removed. */
export async function removeDueTenants(deps: TenantRemovalDeps): Promise<string[]> {
  const due = await deps.store.dueTenantRemovals(isoNow(deps.clock));
  for (const scope of due) {
    const removed = await deps.store.removeTenant(scope);
    deps.logger.info({ scope, ...removed }, "tenant removed after its grace period");
  }
  return due;
}
