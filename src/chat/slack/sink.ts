/**
 * Slack sink: posts through the Web API client that `@slack/bolt` ships, with the
 * client's own retries off — the deliverer owns retries and backoff.
 *
 * A message renders to one or more payloads: the first is the channel message (its `ts`
 * is the outbox ref), the rest are replies in its thread. Every payload carries the
 * outbox id (and its part number) in message metadata, so after an ambiguous failure
 * (timeout, reset, 5xx) the sink first looks the message up in the channel history
 * and only posts what is really missing. The same look-up runs before every post the
 * deliverer marks `mayExist` (an earlier attempt failed, or its sender died holding the
 * row: after a crash that row may come back after later ones, so "the first post per
 * channel" is not enough), and, as a cheap extra guard, before a process's first post
 * to each channel.
 *
 * Looking up needs the `channels:history` (`groups:history` for private channels)
 * scope; when Slack refuses it, the sink logs and posts without looking.
 *
 * One bot token (SLACK_BOT_TOKEN), or, in distribution mode, a function that gives the
 * token of the workspace a channel belongs to: a channel with no installed workspace is a
 * permanent failure (`not_installed`), so its destination is parked.
 */
import { webApi } from "@slack/bolt";
import type { Message } from "../../core/message.ts";
import type { ChatSink, Clock, Logger, PostOptions, SendResult } from "../../core/ports.ts";
import { classifySlackError } from "./errors.ts";
import { createPacer, type SharedPacing } from "./pacer.ts";
import { findPostedParts, type PostedParts } from "./reconcile.ts";
import { renderSlack } from "./render.ts";

export const SLACK_EVENT_TYPE = "wirewatch_alert";
export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

/** The bot token for a channel's workspace; null when none is installed. */
export type SlackTokenFor = (channelId: string) => Promise<string | null>;

export interface SlackSinkOptions {
  token: string | SlackTokenFor;
  /** SLACK_API_URL; default https://slack.com/api/ */
  apiUrl?: string;
  unfurl?: boolean;
  /** Minimum spacing of messages per channel; Slack allows about one per second. */
  minIntervalMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Per-request timeout; a timeout is an ambiguous failure. */
  timeoutMs?: number;
  /** Reserves a channel's next send across every process sharing the database (pacer.ts). */
  sharedPacing?: SharedPacing;
}

type Payload = ReturnType<typeof renderSlack>[number];
type Call = (method: string, args: Record<string, unknown>) => Promise<webApi.WebAPICallResult>;
interface Workspace {
  call: Call;
  /** Slack refused this workspace's history (no scope): its posts go unchecked. */
  historyRefused: boolean;
}

/** Platform errors of a history lookup worth retrying rather than skipping the lookup. */
const TRANSIENT_PLATFORM_ERRORS: ReadonlySet<string> = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

const systemClock: Clock = { now: () => new Date() };

export function createSlackSink(options: SlackSinkOptions): ChatSink {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const apiUrl = withTrailingSlash(options.apiUrl ?? DEFAULT_SLACK_API_URL);
  const clientOptions = {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    allowAbsoluteUrls: false,
    logger: quietLogger(logger),
  };
  /** One client per token (per workspace), made on first use; a workspace refusing history is skipped alone. */
  const workspaces = new Map<string, Workspace>();
  const tokenFor: SlackTokenFor =
    typeof options.token === "string" ? async () => options.token as string : options.token;
  const pacer = createPacer(options.minIntervalMs ?? 1_000, clock, options.sharedPacing);
  /** Outbox ids whose last attempt may have posted without us knowing. */
  const uncertain = new Set<string>();
  /** Channels this process has already posted to (or looked up) since it started. */
  const seenChannels = new Set<string>();
  /** Parts already posted by this process, so a retry only sends the rest. */
  const progress = new Map<string, PostedParts>();

  /** The API of the channel's workspace, or null when no workspace of this channel is installed. */
  async function apiFor(channel: string): Promise<Workspace | null> {
    const token = await tokenFor(channel);
    if (token === null) return null;
    let workspace = workspaces.get(token);
    if (workspace === undefined) {
      const client = new webApi.WebClient(token, clientOptions);
      workspace = { call: (method, args) => client.apiCall(method, args), historyRefused: false };
      workspaces.set(token, workspace);
    }
    return workspace;
  }

  async function postPart(
    call: Call,
    channel: string,
    payload: Payload,
    key: string,
    part: number,
    threadTs: string | null,
  ) {
    const result = await pacer.run(channel, () =>
      call("chat.postMessage", {
        channel,
        text: payload.text,
        blocks: payload.blocks,
        unfurl_links: payload.unfurl_links,
        unfurl_media: payload.unfurl_media,
        ...(threadTs === null ? {} : { thread_ts: threadTs }),
        metadata: { event_type: SLACK_EVENT_TYPE, event_payload: { outbox_id: key, part } },
      }),
    );
    const ts = (result as { ts?: unknown }).ts;
    if (typeof ts !== "string") throw new Error("chat.postMessage answered without ts");
    return ts;
  }

  /** A transient lookup failure throws (the post is retried); a refusal is logged and skipped. */
  async function reconcile(
    workspace: Workspace,
    channel: string,
    key: string,
    known: PostedParts,
    threadTs: string | null,
  ): Promise<PostedParts> {
    const oldest = (clock.now().getTime() - 24 * 3600_000) / 1000;
    try {
      const found = await findPostedParts(workspace.call, channel, key, oldest, known, threadTs);
      uncertain.delete(key);
      if (found.parentTs !== null && known.parentTs === null) {
        logger?.info({ channel, outboxId: key }, "slack: found the message already posted");
      }
      return found;
    } catch (error) {
      if (!(error instanceof webApi.WebAPIPlatformError) || TRANSIENT_PLATFORM_ERRORS.has(error.data.error)) {
        throw error;
      }
      if (error.data.error === "missing_scope") workspace.historyRefused = true;
      logger?.warn(
        { channel, outboxId: key, error: error.data.error },
        "slack: cannot read history, posting unchecked",
      );
      uncertain.delete(key);
      return known;
    }
  }

  /** After a 429, the other processes sharing the database wait out the Retry-After too. */
  async function holdChannel(channel: string, ms: number): Promise<void> {
    if (options.sharedPacing === undefined || ms <= 0) return;
    await options.sharedPacing(channel, clock.now().toISOString(), ms).catch((error: unknown) => {
      logger?.warn({ channel, err: error }, "slack: could not share a rate limit wait");
    });
  }

  function notInstalled(channel: string): SendResult {
    logger?.warn({ channel, error: "not_installed" }, "slack: no installed workspace has this channel");
    return { kind: "permanent", error: "not_installed" };
  }

  return {
    platform: "slack",

    async post(
      channelId: string,
      message: Message,
      idempotencyKey: string,
      postOptions: PostOptions = {},
    ): Promise<SendResult> {
      const payloads = renderSlack(message, { unfurl: options.unfurl ?? false });
      // A reply goes into the thread of the alert it answers, all its parts with it.
      const threadRoot = postOptions.replyTo ?? null;
      let posted = progress.get(idempotencyKey) ?? { parentTs: null, parts: new Set<number>() };
      try {
        const workspace = await apiFor(channelId);
        if (workspace === null) return notInstalled(channelId);
        const look = postOptions.mayExist === true || uncertain.has(idempotencyKey);
        if (!workspace.historyRefused && (look || !seenChannels.has(channelId))) {
          posted = await reconcile(workspace, channelId, idempotencyKey, posted, threadRoot);
        }
        seenChannels.add(channelId);
        for (const [part, payload] of payloads.entries()) {
          if (posted.parts.has(part)) continue;
          const thread = threadRoot ?? posted.parentTs;
          const ts = await postPart(workspace.call, channelId, payload, idempotencyKey, part, thread);
          if (part === 0) posted.parentTs = ts;
          posted.parts.add(part);
          progress.set(idempotencyKey, posted);
        }
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.kind === "retry" && failure.ambiguous) uncertain.add(idempotencyKey);
        if (failure.kind === "retry" && failure.error === "ratelimited")
          await holdChannel(channelId, failure.afterMs);
        logger?.warn(
          { channel: channelId, outboxId: idempotencyKey, error: failure.error },
          "slack: post failed",
        );
        return failure.kind === "retry"
          ? { kind: "retry", afterMs: failure.afterMs, error: failure.error }
          : { kind: failure.kind, error: failure.error };
      }
      progress.delete(idempotencyKey);
      if (posted.parentTs === null) return { kind: "permanent", error: "renderer produced no payload" };
      return { kind: "ok", ref: posted.parentTs };
    },

    async edit(channelId: string, ref: string, message: Message): Promise<SendResult> {
      // Thread continuations of a long message are not rewritten; an edit adds a source
      // to an alert, which always fits in the first payload.
      const [payload] = renderSlack(message, { unfurl: options.unfurl ?? false });
      if (payload === undefined) return { kind: "permanent", error: "renderer produced no payload" };
      try {
        const workspace = await apiFor(channelId);
        if (workspace === null) return notInstalled(channelId);
        await pacer.run(channelId, () =>
          workspace.call("chat.update", {
            channel: channelId,
            ts: ref,
            text: payload.text,
            blocks: payload.blocks,
          }),
        );
        return { kind: "ok", ref };
      } catch (error) {
        // An edit is idempotent: retrying it after an ambiguous failure is harmless.
        const failure = classifySlackError(error);
        logger?.warn({ channel: channelId, ref, error: failure.error }, "slack: edit failed");
        return failure.kind === "retry"
          ? { kind: "retry", afterMs: failure.afterMs, error: failure.error }
          : { kind: failure.kind, error: failure.error };
      }
    },
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** The client logs every failed request as a warning; we classify and log them ourselves. */
function quietLogger(logger: Logger | undefined) {
  let level = webApi.LogLevel.WARN;
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" ");
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => logger?.debug({ source: "slack-web-api" }, text(msg)),
    error: (...msg: unknown[]) => logger?.warn({ source: "slack-web-api" }, text(msg)),
    setLevel: (next: webApi.LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
