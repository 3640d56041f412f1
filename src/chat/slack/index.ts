/**
 * Slack's platform factory. It reads the configuration first and loads the Slack client
 * (@slack/bolt, ~35 MB of RSS) only when Slack is configured: a process without Slack
 * never pays for it (issue 13.3's 256 MB budget). The sink is sink.ts, commands transport.ts.
 */
import type { ChatPlatform, PlatformDeps } from "../platform.ts";
import type { SlackInstallations } from "./installations.ts";
import { slackInstallations, slackTokenFor } from "./tenants.ts";

export interface SlackPlatform extends ChatPlatform {
  /** Distribution mode: every workspace's sealed installation; null with SLACK_BOT_TOKEN. */
  installations: SlackInstallations | null;
}

/**
 * Slack in one of its two modes; null when neither is configured. Single workspace:
 * SLACK_BOT_TOKEN posts every alert. Distribution (SLACK_CLIENT_*): each channel is posted
 * with the token of the workspace whose chat topics target it (chat/slack/tenants.ts).
 */
export async function createSlackPlatform(deps: PlatformDeps): Promise<SlackPlatform | null> {
  const { config, store, clock, logger } = deps;
  const installations = slackInstallations(config.env, store, clock);
  const token = installations ? slackTokenFor(store, installations) : config.env.slackBotToken;
  if (!token) return null;
  const [{ createSlackSink }, { slackCommands }] = await Promise.all([
    import("./sink.ts"),
    import("./transport.ts"),
  ]);
  const sink = createSlackSink({
    token,
    apiUrl: config.env.slackApiUrl ?? undefined,
    unfurl: config.delivery.unfurl,
    clock,
    logger,
    // Instances sharing the database share each channel's one message per second.
    sharedPacing: (channel, now, intervalMs) => store.reserveSend(`slack:${channel}`, now, intervalMs),
  });
  return { platform: "slack", sink, commands: slackCommands(deps, installations), installations };
}
