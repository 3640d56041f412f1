/**
 * Discord sink: discord.js REST (@discordjs/rest), `POST /channels/{id}/messages` and `PATCH` for edits.
 *
 * REST keeps its rate-limit buckets (per route and channel, from the X-RateLimit-*
 * headers, plus the global 50/s) and sleeps until a bucket's announced reset before the
 * next request, so a channel runs at its limit (5 messages per 5 s) with no 429 and no
 * request before a reset. A real 429, or a bucket wait longer than `maxQueueWaitMs`
 * (6 s: past the 5 s message window, still short of a shutdown's patience), is
 * rejected back to us instead, so the deliverer sees it and reschedules the row.
 *
 * Idempotency: each post carries a nonce derived from the outbox id with
 * `enforce_nonce: true`; Discord answers a repeated nonce with the message it already
 * created, so a retry after a timeout, a reset or a crash never doubles a message.
 */
// @discordjs/rest is the REST client discord.js itself uses and re-exports; importing it
// directly skips loading the gateway client (a second of CPU per process start).
import { type RateLimitData, REST } from "@discordjs/rest";
import type { Message } from "../../core/message.ts";
import type { ChatSink, Logger, PostOptions, SendResult } from "../../core/ports.ts";
import { classifyDiscordError } from "./errors.ts";
import { renderDiscord } from "./render.ts";

export const DEFAULT_DISCORD_API_URL = "https://discord.com/api";
/** Discord's message bucket is 5 per 5 s per channel: its waits are slept through in REST. */
export const DEFAULT_MAX_QUEUE_WAIT_MS = 6_000;

export interface DiscordSinkOptions {
  token: string;
  /** DISCORD_API_URL; default https://discord.com/api */
  apiUrl?: string;
  logger?: Logger;
  /** Per-request timeout; a timeout is retried (the nonce makes that safe). */
  timeoutMs?: number;
  /** Longest bucket wait REST may sleep through before handing it back as a retry. */
  maxQueueWaitMs?: number;
}

/** Discord accepts string nonces of at most 25 characters. */
export function discordNonce(idempotencyKey: string, part: number): string {
  const nonce = part === 0 ? `ww-${idempotencyKey}` : `ww-${idempotencyKey}.${part}`;
  if (nonce.length > 25) throw new Error(`nonce too long for outbox id ${idempotencyKey}`);
  return nonce;
}

export function createDiscordSink(options: DiscordSinkOptions): ChatSink {
  const logger = options.logger;
  const maxQueueWaitMs = options.maxQueueWaitMs ?? DEFAULT_MAX_QUEUE_WAIT_MS;
  const rest = new REST({
    api: options.apiUrl ?? DEFAULT_DISCORD_API_URL,
    version: "10",
    retries: 0,
    timeout: options.timeoutMs ?? 10_000,
    rejectOnRateLimit: (data: RateLimitData) => isReal429(data) || data.timeToReset > maxQueueWaitMs,
  }).setToken(options.token);

  function fail(error: unknown, context: object): SendResult {
    const failure = classifyDiscordError(error);
    logger?.warn({ ...context, error: failure.error }, "discord: request failed");
    return failure;
  }

  return {
    platform: "discord",

    async post(
      channelId: string,
      message: Message,
      idempotencyKey: string,
      postOptions: PostOptions = {},
    ): Promise<SendResult> {
      const payloads = renderDiscord(message);
      // A reply references the alert it answers (shown above it, and it notifies the channel).
      const reference =
        postOptions.replyTo === undefined
          ? {}
          : { message_reference: { message_id: postOptions.replyTo, fail_if_not_exists: false } };
      let ref: string | null = null;
      try {
        // Later parts are posted again on a retry too; their own nonces dedupe them.
        for (const [part, payload] of payloads.entries()) {
          const created = (await rest.post(`/channels/${channelId}/messages`, {
            body: {
              ...payload,
              ...(part === 0 ? reference : {}),
              nonce: discordNonce(idempotencyKey, part),
              enforce_nonce: true,
            },
          })) as { id?: unknown };
          if (typeof created.id !== "string") throw new Error("Discord answered without a message id");
          if (part === 0) ref = created.id;
        }
      } catch (error) {
        return fail(error, { channel: channelId, outboxId: idempotencyKey });
      }
      if (ref === null) return { kind: "permanent", error: "renderer produced no payload" };
      return { kind: "ok", ref };
    },

    async edit(channelId: string, ref: string, message: Message): Promise<SendResult> {
      const [payload] = renderDiscord(message);
      if (payload === undefined) return { kind: "permanent", error: "renderer produced no payload" };
      try {
        await rest.patch(`/channels/${channelId}/messages/${ref}`, { body: payload });
        return { kind: "ok", ref };
      } catch (error) {
        return fail(error, { channel: channelId, ref });
      }
    },
  };
}

/**
 * REST reports two kinds of waits through the same hook: a bucket it knows is empty
 * (then `retryAfter` equals `timeToReset` and there is no sublimit), and a 429 the
 * server actually sent (then `retryAfter` comes from the Retry-After header).
 */
function isReal429(data: RateLimitData): boolean {
  return data.sublimitTimeout !== 0 || data.retryAfter !== data.timeToReset;
}
