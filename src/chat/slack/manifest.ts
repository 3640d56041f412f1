/**
 * The Slack app manifest, printed by `wirewatch slack manifest` and pasted into
 * api.slack.com/apps → "Create from manifest". Generated from the command specs so the
 * usage hint never drifts from what the parser accepts.
 */
import { COMMAND_SPECS } from "../../core/commands/registry.ts";
import { ROOT } from "../../core/commands/usage.ts";
import { SLACK_EVENTS_PATH } from "./commands.ts";
import { BOT_SCOPES, SLACK_REDIRECT_PATH } from "./oauth.ts";

/** Slash command usage hints are cut by Slack at 1,000 characters. */
const USAGE_HINT_MAX = 1000;

/**
 * `distribution` (with a URL): the app is installed by many workspaces through
 * /slack/install, so the manifest adds the OAuth redirect URL and subscribes to the two
 * events that tell Wirewatch a workspace left.
 */
export function slackManifest(options: { name: string; url: string | null; distribution?: boolean }): object {
  const paths = COMMAND_SPECS.map((s) => s.path.split(" ")[0]);
  const hint = [...new Set(paths)].join(" | ").slice(0, USAGE_HINT_MAX);
  const requestUrl = options.url === null ? null : new URL(SLACK_EVENTS_PATH, options.url).toString();
  const distributed = options.distribution === true && options.url !== null;
  return {
    display_information: {
      name: options.name.slice(0, 35),
      description: "News alerts from RSS/Atom feeds: accent-blind keyword rules, digests, search.",
    },
    features: {
      bot_user: { display_name: options.name.slice(0, 80), always_online: true },
      slash_commands: [
        {
          command: ROOT,
          description: "Search the news and manage what this channel watches",
          usage_hint: hint,
          // Escaped text carries user and group ids, which `mention:` needs; commands.ts undoes the rest.
          should_escape: true,
          ...(requestUrl === null ? {} : { url: requestUrl }),
        },
      ],
    },
    oauth_config: {
      ...(distributed ? { redirect_urls: [new URL(SLACK_REDIRECT_PATH, options.url ?? "").toString()] } : {}),
      scopes: { bot: [...BOT_SCOPES] },
    },
    settings: {
      ...(distributed && requestUrl !== null
        ? {
            event_subscriptions: {
              request_url: requestUrl,
              bot_events: ["app_uninstalled", "tokens_revoked"],
            },
          }
        : {}),
      // The alert buttons (block_actions) come to the same endpoint as the command.
      interactivity: { is_enabled: true, ...(requestUrl === null ? {} : { request_url: requestUrl }) },
      org_deploy_enabled: false,
      socket_mode_enabled: requestUrl === null,
      token_rotation_enabled: false,
    },
  };
}
