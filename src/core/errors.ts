/**
 * One small error hierarchy. Every error has a stable `code` that logs, tests and
 * users can rely on; `cause` keeps the original. Expected failures inside the core
 * are values (`Result`), exceptions are for the edges.
 */
export class AppError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
  }
}

/** Why a feed could not be fetched or read. Codes are stable and shown by `wirewatch inspect`. */
export type FeedErrorCode =
  | "bad_url"
  | "blocked_address"
  | "network"
  | "timeout"
  | "too_many_redirects"
  | "http_status"
  | "too_large"
  | "decode"
  | "malformed"
  | "not_a_feed"
  // Documents that are XML but not a feed, each named so `inspect` and `feeds add` can say what it is.
  | "not_a_feed_html"
  | "not_a_feed_opml"
  | "not_a_feed_kml"
  | "not_a_feed_opensearch"
  | "not_a_feed_entry"
  | "parse_timeout"
  // A document whose parse would need more memory than one parse may take (element floods).
  | "too_complex";

export class FeedError extends AppError {
  override readonly code: FeedErrorCode;
  /** HTTP status when there was one, for `feeds` state and backoff decisions. */
  readonly status: number | undefined;
  /** Seconds the server asked us to wait (429/503 Retry-After). */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    code: FeedErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number; retryAfterSeconds?: number },
  ) {
    super(code, message, options);
    this.name = "FeedError";
    this.code = code;
    this.status = options?.status;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/**
 * A problem the user can fix; its message is shown to them as it is (privately in chat).
 * `text` names the catalog sentence (core/i18n) it was built from, so it can be shown in
 * the user's language; `message` stays the English one, for logs.
 */
export class UserError extends AppError {
  readonly text: { key: string; params: Readonly<Record<string, string | number>> } | undefined;
  constructor(
    message: string,
    code = "user_error",
    options?: { cause?: unknown; text?: { key: string; params: Readonly<Record<string, string | number>> } },
  ) {
    super(code, message, options);
    this.name = "UserError";
    this.text = options?.text;
  }
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
