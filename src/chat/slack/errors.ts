/**
 * Classifies what the Slack Web API client threw into what the deliverer acts on.
 * We disable the client's own retries, so every failure lands here once.
 *
 * `ambiguous` means Slack may have posted the message although we saw no answer
 * (timeout, reset, 5xx): before retrying, the sink looks for it by its metadata.
 */
import { webApi } from "@slack/bolt";

export type SlackFailure =
  | { kind: "retry"; afterMs: number; error: string; ambiguous: boolean }
  | { kind: "permanent"; error: string }
  | { kind: "rejected"; error: string };

/** Errors that no retry can fix: the destination is parked until someone acts. */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "restricted_action",
]);

/**
 * Errors about this one message (its payload, or the message an edit targets): no retry
 * can fix them, and the channel itself is fine, so only the message is set aside.
 */
export const REJECTED_SLACK_ERRORS: ReadonlySet<string> = new Set([
  "msg_blocks_too_long",
  "msg_too_long",
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_arguments",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "metadata_too_large",
  "no_text",
  "too_many_attachments",
  "message_not_found",
  "cant_update_message",
  "edit_window_closed",
]);

/** Used when Slack says "ratelimited" without a usable Retry-After. */
const DEFAULT_RATE_LIMIT_MS = 1_000;

export function classifySlackError(error: unknown): SlackFailure {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { kind: "retry", afterMs: error.retryAfter * 1000, error: "ratelimited", ambiguous: false };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data.error);
    if (PERMANENT_SLACK_ERRORS.has(code)) return { kind: "permanent", error: code };
    if (REJECTED_SLACK_ERRORS.has(code)) return { kind: "rejected", error: code };
    if (code === "ratelimited") {
      const seconds = error.data.response_metadata?.retryAfter;
      const afterMs = typeof seconds === "number" ? seconds * 1000 : DEFAULT_RATE_LIMIT_MS;
      return { kind: "retry", afterMs, error: code, ambiguous: false };
    }
    // Anything else (internal_error, fatal_error…) is retried with backoff; the deliverer
    // parks the row after its last attempt.
    return { kind: "retry", afterMs: 0, error: code, ambiguous: false };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return {
      kind: "retry",
      afterMs: 0,
      error: `http_${error.statusCode}`,
      ambiguous: error.statusCode >= 500,
    };
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return classifyTransport(error.original);
  }
  return classifyTransport(error);
}

/** Network-level failures: a refused connection sent nothing; anything later may have. */
function classifyTransport(error: unknown): SlackFailure {
  const code = transportCode(error);
  return { kind: "retry", afterMs: 0, error: code, ambiguous: code !== "ECONNREFUSED" };
}

function transportCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && !code.startsWith("slack_")) return code;
    if (current.name === "TimeoutError" || current.name === "AbortError") return "timeout";
    current = current.cause;
  }
  return error instanceof Error ? error.message : String(error);
}
