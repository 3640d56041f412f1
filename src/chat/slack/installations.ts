/**
 * Bolt's `InstallationStore` over our store: each workspace's installation (bot token,
 * scopes, ids) is sealed as one JSON value keyed by its team id, or its enterprise id for
 * an org-wide install. `tokenForTeam` is what the alert sender uses.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Clock } from "../../core/ports.ts";
import type { TenantStore } from "../../core/tenancy.ts";
import type { Sealer } from "./seal.ts";

type Store = Pick<TenantStore, "saveInstallation" | "getInstallation" | "deleteInstallation">;

export interface SlackInstallations extends InstallationStore {
  /** The bot token installed for `teamId`, or null when the workspace has none. */
  tokenForTeam(teamId: string): Promise<string | null>;
  /** Forgets the workspace's installation (its tokens); true when there was one. */
  forget(teamId: string): Promise<boolean>;
}

function keyOf(installation: {
  isEnterpriseInstall?: boolean;
  enterprise?: { id: string };
  team?: { id: string };
}) {
  const key = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  if (key === undefined) throw new Error("a Slack installation without a team or enterprise id");
  return key;
}

export function createSlackInstallations(store: Store, sealer: Sealer, clock: Clock): SlackInstallations {
  async function load(key: string): Promise<Installation | null> {
    const sealed = await store.getInstallation(key);
    return sealed === null ? null : (JSON.parse(sealer.open(sealed, key)) as Installation);
  }
  return {
    async storeInstallation(installation) {
      const key = keyOf(installation);
      await store.saveInstallation(
        key,
        sealer.seal(JSON.stringify(installation), key),
        clock.now().toISOString(),
      );
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
      const found = key === undefined ? null : await load(key);
      if (found === null) throw new Error(`no Slack installation for ${key ?? "an unnamed team"}`);
      return found;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
      if (key !== undefined) await store.deleteInstallation(key);
    },
    async tokenForTeam(teamId) {
      return (await load(teamId))?.bot?.token ?? null;
    },
    forget: (teamId) => store.deleteInstallation(teamId),
  };
}
