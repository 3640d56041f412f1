/**
 * The only place that reads process.env. Secrets come from here, never from the file.
 * Every variable is listed in config/example.env.
 */
export interface Env {
  slackBotToken: string | null;
  slackAppToken: string | null;
  slackSigningSecret: string | null;
  slackApiUrl: string | null;
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
  return {
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
