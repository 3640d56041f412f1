/**
 * Slack distribution: one deployment installed in many workspaces. Bolt's HTTP receiver
 * serves the "Add to Slack" page at `/slack/install` and finishes the OAuth exchange
 * (`oauth.v2.access`) at `/slack/oauth_redirect`; the state parameter is signed with
 * SLACK_STATE_SECRET and tied to the browser by a cookie. Each installation goes to the
 * installation store (sealed in the database), and Bolt authorizes every request with the
 * installation of the workspace it comes from, so `users.info` and replies use that
 * workspace's token.
 *
 * When a workspace uninstalls the app (`app_uninstalled`) or revokes the bot token
 * (`tokens_revoked`), `onUninstalled` deletes what the workspace made and its tokens.
 * Bolt runs these two events without authorizing them: the tokens may already be gone.
 */
import type { App, InstallationStore } from "@slack/bolt";
import type { Logger } from "../../core/ports.ts";

/** chat:write posts alerts; commands receives /wirewatch; users:read tells admins and owners apart. */
// chat:write posts alerts; commands receives /wirewatch; users:read tells admins and owners
// apart; im:write opens the DM that personal alerts (`watch … dm:true`) go to.
export const BOT_SCOPES = ["chat:write", "commands", "users:read", "im:write"] as const;

export const SLACK_INSTALL_PATH = "/slack/install";
export const SLACK_REDIRECT_PATH = "/slack/oauth_redirect";

export interface SlackDistribution {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  installationStore: InstallationStore;
  /** The workspace left (uninstall or bot token revoked): delete its data and its tokens. */
  onUninstalled(teamId: string): Promise<void>;
}

/** The receiver options that turn on the install flow. */
export function installerOptions(distribution: SlackDistribution, apiUrl: string) {
  return {
    clientId: distribution.clientId,
    clientSecret: distribution.clientSecret,
    stateSecret: distribution.stateSecret,
    installationStore: distribution.installationStore,
    scopes: [...BOT_SCOPES],
    installerOptions: {
      installPath: SLACK_INSTALL_PATH,
      redirectUriPath: SLACK_REDIRECT_PATH,
      // oauth.v2.access and the auth.test after it go where the rest of the Web API goes.
      clientOptions: { slackApiUrl: apiUrl },
    },
  };
}

/** One listener per event; both end in the same clean-up. */
export function listenForUninstalls(app: App, distribution: SlackDistribution, logger: Logger): void {
  const leave = async (teamId: string | undefined, reason: string) => {
    if (teamId === undefined || teamId === "") return;
    logger.info({ platform: "slack", team: teamId, reason }, "slack: workspace left; removing its data");
    await distribution.onUninstalled(teamId);
  };
  app.event("app_uninstalled", async ({ body }) => {
    await leave(teamOf(body), "app_uninstalled");
  });
  app.event("tokens_revoked", async ({ body, event }) => {
    // Only the bot token matters: Wirewatch asks for no user scopes.
    if ((event.tokens.bot ?? []).length === 0) return;
    await leave(teamOf(body), "tokens_revoked");
  });
}

function teamOf(body: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean }) {
  return body.is_enterprise_install === true ? body.enterprise_id : body.team_id;
}
