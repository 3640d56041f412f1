/**
 * The interfaces the core owns and adapters implement: Clock, Logger, FeedSource, ChatSink
 * and the RequestLedger (record types: records.ts, re-exported here).
 *
 * There is no one big store interface: consumers define what they need, next to them
 * (`PollStore` in pipeline/poll-feed.ts, `OutboxStore` in pipeline/deliver.ts,
 * `CommandStore` in core/commands/store.ts, …; the list is in docs/architecture.md).
 * The backends implement their intersection, `Store` in src/store/store.ts, and every
 * backend passes the same contract suite, one file per port (`test/contract/`).
 * All instants are ISO-8601 UTC strings (`2026-11-28T03:00:00.000Z`), compared as text.
 */
import type { Platform } from "./destination.ts";
import type { NormalisedFeed } from "./item.ts";
import type { Message } from "./message.ts";

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// Records (feeds, alerts, outbox, stories, digests) live in records.ts; importers keep
// finding them here.
export type * from "./records.ts";

// ---------------------------------------------------------------- request ledger

/**
 * Signed chat requests already acted on, shared by every instance on the database: a
 * replayed request (same Slack signature, same Discord interaction id) acts at most once.
 * Consumed by both chat adapters, so the core declares it.
 */
export interface RequestLedger {
  /** Records `key` until `until`; false when it is already recorded and has not expired at `now`. */
  rememberRequest(key: string, now: string, until: string): Promise<boolean>;
}

// ---------------------------------------------------------------- feed source

export interface FeedRequest {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** Config feeds are trusted by the operator (file: and loopback allowed); chat feeds are not. */
  trusted: boolean;
  /** Configured name; the feed title is used when null. */
  sourceName: string | null;
  /** Configured language (FeedRecord.language): overrides the feed's and the detected ones. */
  language?: string | null;
}

export type FeedReadResult =
  | { kind: "not_modified"; status: 304; cache: CacheHints }
  | {
      kind: "ok";
      status: number;
      etag: string | null;
      lastModified: string | null;
      cache: CacheHints;
      feed: NormalisedFeed;
    };

/** What the server said about when to come back. */
export interface CacheHints {
  maxAgeSeconds: number | null;
  /** From `Expires`, ISO. */
  expires: string | null;
  retryAfterSeconds: number | null;
}

/** Reads one feed: fetch, decode, parse, normalise. Rejects with a typed `FeedError`. */
export interface FeedSource {
  read(request: FeedRequest): Promise<FeedReadResult>;
  /** A body pushed by a WebSub hub, read as if fetched from `request.url` (no fetch). Optional for fakes. */
  readPushed?(
    request: FeedRequest,
    body: Uint8Array,
    contentType: string | null,
  ): Promise<Extract<FeedReadResult, { kind: "ok" }>>;
}

// ---------------------------------------------------------------- chat

export type SendResult =
  | { kind: "ok"; ref: string }
  | { kind: "retry"; afterMs: number; error: string }
  | { kind: "permanent"; error: string }
  /** The platform refused this one message (bad payload, edited message deleted): set it aside, keep the channel going. */
  | { kind: "rejected"; error: string };

export interface PostOptions {
  /** A platform message ref (Slack `ts`, Discord message id) this post replies to, in its thread. */
  replyTo?: string;
  /**
   * An earlier attempt (of this process or of one that died) may have posted this message
   * without learning so: the sink must look for it before posting again.
   */
  mayExist?: boolean;
}

/**
 * One chat platform. Adapters pace themselves per channel (Slack 1 message/s, Discord
 * rate-limit buckets) and classify failures; the deliver use-case decides what to do.
 */
export interface ChatSink {
  readonly platform: Platform;
  /** `idempotencyKey` is the outbox row id: Discord nonce, Slack metadata. */
  post(
    channelId: string,
    message: Message,
    idempotencyKey: string,
    options?: PostOptions,
  ): Promise<SendResult>;
  edit(channelId: string, ref: string, message: Message): Promise<SendResult>;
}
