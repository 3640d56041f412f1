/**
 * After an ambiguous failure, find which parts of an outbox message Slack already has.
 * Our messages carry `{ event_type: "wirewatch_alert", event_payload: { outbox_id, part } }`
 * metadata; `include_all_metadata` returns it in the history.
 */
import type { webApi } from "@slack/bolt";

export interface PostedParts {
  /** `ts` of part 0 (the channel message), when it exists. */
  parentTs: string | null;
  parts: Set<number>;
}

type Call = (method: string, args: Record<string, unknown>) => Promise<webApi.WebAPICallResult>;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { outbox_id?: unknown; part?: unknown } };
}

const PAGE = 200;
const MAX_PAGES = 5;

export async function findPostedParts(
  call: Call,
  channel: string,
  key: string,
  oldestSeconds: number,
  known: PostedParts,
  /** A thread reply's parts are all in that thread, not in the channel's history. */
  threadTs: string | null = null,
): Promise<PostedParts> {
  const found: PostedParts = { parentTs: known.parentTs, parts: new Set(known.parts) };
  if (threadTs !== null) {
    const replies = await call("conversations.replies", {
      channel,
      ts: threadTs,
      limit: PAGE,
      include_all_metadata: true,
    });
    for (const m of messagesOf(replies)) {
      const part = partOf(m, key);
      if (part === null) continue;
      found.parts.add(part);
      if (part === 0 && typeof m.ts === "string") found.parentTs = m.ts;
    }
    return found;
  }
  if (found.parentTs === null) {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES && found.parentTs === null; page++) {
      const result = await call("conversations.history", {
        channel,
        oldest: oldestSeconds.toFixed(6),
        limit: PAGE,
        include_all_metadata: true,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const m of messagesOf(result)) {
        if (partOf(m, key) === 0 && typeof m.ts === "string") found.parentTs = m.ts;
      }
      cursor = nextCursor(result);
      if (cursor === undefined) break;
    }
    if (found.parentTs === null) return found;
    found.parts.add(0);
  }
  const replies = await call("conversations.replies", {
    channel,
    ts: found.parentTs,
    limit: PAGE,
    include_all_metadata: true,
  });
  for (const m of messagesOf(replies)) {
    const part = partOf(m, key);
    if (part !== null) found.parts.add(part);
  }
  return found;
}

function messagesOf(result: webApi.WebAPICallResult): HistoryMessage[] {
  const messages = (result as { messages?: unknown }).messages;
  return Array.isArray(messages) ? (messages as HistoryMessage[]) : [];
}

function nextCursor(result: webApi.WebAPICallResult): string | undefined {
  const cursor = result.response_metadata?.next_cursor;
  return typeof cursor === "string" && cursor !== "" ? cursor : undefined;
}

function partOf(m: HistoryMessage, key: string): number | null {
  if (m.metadata?.event_type !== "wirewatch_alert") return null;
  const payload = m.metadata.event_payload;
  if (payload === undefined || String(payload.outbox_id) !== key) return null;
  const part = Number(payload.part ?? 0);
  return Number.isInteger(part) ? part : null;
}
