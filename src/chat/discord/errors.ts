/**
 * Classifies what discord.js REST threw. REST runs with `retries: 0` and rejects on
 * 429s, so each failure reaches us once and the deliverer schedules the retry.
 * Timeouts and resets are safe to retry blindly: every post carries a nonce that
 * Discord enforces, so a repeated post returns the message already created.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from "@discordjs/rest";
import type { SendResult } from "../../core/ports.ts";

type Failure = Exclude<SendResult, { kind: "ok" }>;

/** 401 bad token, 403 missing access or permission, 404 unknown channel. */
const PERMANENT_STATUSES: ReadonlySet<number> = new Set([401, 403, 404]);
/** Discord's JSON error code for "Unknown Message": the message an edit targets was deleted. */
const UNKNOWN_MESSAGE = 10008;

export function classifyDiscordError(error: unknown): Failure {
  if (error instanceof RateLimitError) {
    return { kind: "retry", afterMs: Math.max(0, Math.ceil(error.retryAfter)), error: "rate_limited" };
  }
  if (error instanceof DiscordAPIError) {
    const label = `http_${error.status}:${error.code}`;
    if (error.code === UNKNOWN_MESSAGE) return { kind: "rejected", error: label };
    if (PERMANENT_STATUSES.has(error.status)) return { kind: "permanent", error: label };
    if (error.status === 429) {
      const seconds = (error.rawError as { retry_after?: unknown }).retry_after;
      const afterMs = typeof seconds === "number" ? Math.ceil(seconds * 1000) : 1_000;
      return { kind: "retry", afterMs, error: label };
    }
    // 400 and 413: Discord refused this payload; retrying the same body cannot help.
    if (error.status === 400 || error.status === 413) return { kind: "rejected", error: label };
    return { kind: "retry", afterMs: 0, error: label };
  }
  if (error instanceof HTTPError) return { kind: "retry", afterMs: 0, error: `http_${error.status}` };
  // After a 401, REST drops its token and refuses every later request locally.
  if (error instanceof Error && error.message.startsWith("Expected token to be set")) {
    return { kind: "permanent", error: "invalid_token" };
  }
  return { kind: "retry", afterMs: 0, error: transportCode(error) };
}

function transportCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.name === "AbortError" || current.name === "TimeoutError") return "timeout";
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return error instanceof Error ? error.message : String(error);
}
