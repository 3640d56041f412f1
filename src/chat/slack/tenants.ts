/**
 * Slack distribution wiring: which installed workspace a channel belongs to (the scope of
 * the chat topics that alert it: a channel's topics are created from its own workspace),
 * and what leaving a workspace deletes.
 */

import type { Env } from "../../config/env.ts";
import type { TopicStore } from "../../core/commands/store.ts";
import type { Clock, Logger } from "../../core/ports.ts";
import type { TenantStore } from "../../core/tenancy.ts";
import { createSlackInstallations, type SlackInstallations } from "./installations.ts";
import { createSealer } from "./seal.ts";
import type { SlackTokenFor } from "./sink.ts";

/** The installation store of distribution mode; null in single-workspace mode. */
export function slackInstallations(
  env: Env,
  store: Pick<TenantStore, "saveInstallation" | "getInstallation" | "deleteInstallation">,
  clock: Clock,
): SlackInstallations | null {
  if (env.slackOAuth === null || env.secretKey === null) return null;
  return createSlackInstallations(store, createSealer(env.secretKey), clock);
}

/** The Slack team whose chat topics alert `channelId`, or null when none does. */
export async function teamOfChannel(
  store: Pick<TopicStore, "listTopics">,
  channelId: string,
): Promise<string | null> {
  for (const topic of await store.listTopics({ channel: `slack:${channelId}` })) {
    if (topic.scope?.startsWith("slack:")) return topic.scope.slice("slack:".length);
  }
  return null;
}

export function slackTokenFor(
  store: Pick<TopicStore, "listTopics">,
  installations: SlackInstallations,
): SlackTokenFor {
  return async (channelId) => {
    const team = await teamOfChannel(store, channelId);
    return team === null ? null : installations.tokenForTeam(team);
  };
}

/** A workspace uninstalled the app or revoked its token: its chat data, then its tokens. */
export async function removeSlackWorkspace(
  deps: { store: Pick<TenantStore, "removeTenant">; installations: SlackInstallations; logger: Logger },
  teamId: string,
): Promise<void> {
  const removed = await deps.store.removeTenant(`slack:${teamId}`);
  const hadTokens = await deps.installations.forget(teamId);
  deps.logger.info({ platform: "slack", team: teamId, ...removed, hadTokens }, "slack: workspace removed");
}
