/**
 * Slack commands as a platform transport (chat/platform.ts): which receiver the mode
 * needs, and the readiness `/readyz` reports.
 */
import type { ChatPlatform, HttpRoutes, PlatformCommands, PlatformDeps } from "../platform.ts";
import { createSlackCommands } from "./commands.ts";
import type { SlackInstallations } from "./installations.ts";
import { removeSlackWorkspace } from "./tenants.ts";

/**
 * The command transport of the mode in force: distribution over HTTP, or the single
 * workspace over Socket Mode or HTTP; none, after a warning, without their credentials.
 */
export function slackCommands(
  deps: PlatformDeps,
  installations: SlackInstallations | null,
): NonNullable<ChatPlatform["commands"]> {
  const { config, store, logger } = deps;
  const env = config.env;
  const apiUrl = env.slackApiUrl ?? undefined;
  return (context) => {
    const common = { apiUrl, admins: config.slack.admins, context, logger, ledger: store };
    if (env.slackOAuth && installations && env.slackSigningSecret) {
      const distribution = {
        ...env.slackOAuth,
        installationStore: installations,
        onUninstalled: (teamId: string) => removeSlackWorkspace({ store, installations, logger }, teamId),
      };
      return transport(
        createSlackCommands({ distribution, signingSecret: env.slackSigningSecret, ...common }),
      );
    }
    if (env.slackBotToken && (env.slackAppToken || env.slackSigningSecret)) {
      return transport(
        createSlackCommands({
          botToken: env.slackBotToken,
          signingSecret: env.slackSigningSecret ?? "",
          appToken: env.slackAppToken ?? undefined,
          ...common,
        }),
      );
    }
    if (env.slackBotToken)
      logger.warn(
        {},
        "Slack commands are off: set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)",
      );
    return null;
  };
}

/** Bolt's start() resolves once it is connected (Socket Mode) or listening (HTTP mode). */
function transport(slack: ReturnType<typeof createSlackCommands>): PlatformCommands {
  let started = false;
  const http: HttpRoutes = {};
  if (slack.http) http.slack = slack.http;
  if (slack.install) http.slackInstall = slack.install;
  return {
    http,
    async start() {
      await slack.start();
      started = true;
    },
    async stop() {
      started = false;
      await slack.stop();
    },
    connected: () => started,
  };
}
