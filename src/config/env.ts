/**
 * The only place that reads process.env. Secrets come from here, never from the file.
 * Every variable is listed in config/example.env.
 */
export interface Env {
  slackBotToken: string | null;
  slackAppToken: string | null;
  slackSigningSecret: string | null;
  slackApiUrl: string | null;
  /**
   * Slack distribution (many workspaces, OAuth install): on when SLACK_CLIENT_ID,
   * SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are all set; null otherwise.
   */
  slackOAuth: SlackOAuthEnv | null;
  /** WIREWATCH_SECRET_KEY decoded (32 bytes): seals Slack installations at rest. */
  secretKey: Buffer | null;
  discordToken: string | null;
  discordApplicationId: string | null;
  discordPublicKey: string | null;
  discordApiUrl: string | null;
  port: number;
  logLevel: string;
  /** LOG_FORMAT: `pretty` or `json`; null: pretty when stderr is a terminal, else JSON. */
  logFormat: LogFormat | null;
  databaseUrl: string | null;
  /** Variables set to a value Wirewatch cannot use, reported as config problems (exit 2). */
  invalid: { name: string; expected: string }[];
  /** WebSub: the base URL hubs reach this instance at (callbacks under /websub/); off when null. */
  publicUrl: string | null;
}

export type LogFormat = "pretty" | "json";

export interface SlackOAuthEnv {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const get = (name: string): string | null => {
    const value = source[name]?.trim();
    return value ? value : null;
  };
  const port = Number(get("PORT") ?? "3000");
  const invalid: Env["invalid"] = [];
  const format = get("LOG_FORMAT")?.toLowerCase() ?? null;
  if (format !== null && format !== "pretty" && format !== "json") {
    invalid.push({ name: "LOG_FORMAT", expected: "pretty or json (unset: pretty on a terminal)" });
  }
  const secretKey = decodeKey(get("WIREWATCH_SECRET_KEY"));
  if (secretKey === "invalid") invalid.push({ name: "WIREWATCH_SECRET_KEY", expected: KEY_EXPECTED });
  const slackOAuth = readSlackOAuth(get, invalid, secretKey);
  return {
    slackOAuth,
    secretKey: secretKey === "invalid" ? null : secretKey,
    slackBotToken: get("SLACK_BOT_TOKEN"),
    slackAppToken: get("SLACK_APP_TOKEN"),
    slackSigningSecret: get("SLACK_SIGNING_SECRET"),
    slackApiUrl: get("SLACK_API_URL"),
    discordToken: get("DISCORD_TOKEN"),
    discordApplicationId: get("DISCORD_APPLICATION_ID"),
    discordPublicKey: get("DISCORD_PUBLIC_KEY"),
    discordApiUrl: get("DISCORD_API_URL"),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 3000,
    logLevel: get("LOG_LEVEL") ?? "info",
    logFormat: format === "pretty" || format === "json" ? format : null,
    databaseUrl: get("WIREWATCH_DATABASE"),
    invalid,
    publicUrl: publicUrl(get("WIREWATCH_PUBLIC_URL")),
  };
}

/** Only an absolute http(s) URL turns WebSub on; anything else leaves it off. */
function publicUrl(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href.replace(/\/+$/, "") : null;
  } catch {
    return null;
  }
}

const OAUTH_VARS = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;
const KEY_EXPECTED = "32 random bytes in base64 (openssl rand -base64 32)";

/**
 * Distribution mode is all three OAuth variables or none. It stores every workspace's
 * tokens, so it refuses to start without a key to seal them, and it serves the install
 * flow over HTTP, so it needs the signing secret and excludes the single-workspace token
 * and Socket Mode.
 */
function readSlackOAuth(
  get: (name: string) => string | null,
  invalid: Env["invalid"],
  key: Buffer | "invalid" | null,
): SlackOAuthEnv | null {
  const [clientId, clientSecret, stateSecret] = OAUTH_VARS.map(get);
  const set = OAUTH_VARS.filter((name) => get(name) !== null);
  if (set.length === 0) return null;
  if (set.length < OAUTH_VARS.length || !clientId || !clientSecret || !stateSecret) {
    for (const name of OAUTH_VARS.filter((n) => get(n) === null))
      invalid.push({ name, expected: `a value: Slack distribution needs all of ${OAUTH_VARS.join(", ")}` });
    return null;
  }
  const need = (name: string, expected: string) => invalid.push({ name, expected });
  if (key === null) need("WIREWATCH_SECRET_KEY", `${KEY_EXPECTED}: Slack distribution seals tokens with it`);
  if (get("SLACK_SIGNING_SECRET") === null)
    need("SLACK_SIGNING_SECRET", "a value: Slack distribution verifies events with it");
  if (get("SLACK_BOT_TOKEN") !== null)
    need(
      "SLACK_BOT_TOKEN",
      "unset in Slack distribution mode (each workspace's token comes from its install)",
    );
  if (get("SLACK_APP_TOKEN") !== null)
    need("SLACK_APP_TOKEN", "unset in Slack distribution mode (it runs over HTTP: /slack/events)");
  return { clientId, clientSecret, stateSecret };
}

/** null when unset; "invalid" unless it is base64 for exactly 32 bytes. */
function decodeKey(value: string | null): Buffer | "invalid" | null {
  if (value === null) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return "invalid";
  const key = Buffer.from(value, "base64");
  return key.length === 32 ? key : "invalid";
}
