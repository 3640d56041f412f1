/**
 * Each signed Slack HTTP request acts at most once (issue 13.2). A request captured and
 * sent again inside the 5-minute signature window is validly signed, so the signature
 * check alone lets it act twice; Slack's own retries (`X-Slack-Retry-Num`) are re-signed
 * copies of a request that may already have acted.
 *
 * So, once the signature is verified and before Bolt sees the request, its keys are
 * recorded in the database (shared by every instance):
 * - the signature and timestamp (a replay repeats both);
 * - the payload's own id when it has one: `trigger_id` of a slash command or interaction,
 *   `event_id` of an event (a retry repeats it under a new signature).
 * A request any of whose keys is already recorded is acknowledged (200, empty) and does
 * nothing. Keys are kept for an hour: longer than the signature window and Slack's last
 * retry (about 5 minutes after the first attempt).
 */
import type { IncomingMessage } from "node:http";
import type { RequestLedger } from "../../core/ports.ts";

export const REMEMBER_MS = 3600_000;

export function slackRequestKeys(headers: IncomingMessage["headers"], body: string): string[] {
  const signature = String(headers["x-slack-signature"] ?? "");
  const timestamp = String(headers["x-slack-request-timestamp"] ?? "");
  const keys = [`slack:sig:${timestamp}:${signature}`];
  const id = payloadId(String(headers["content-type"] ?? ""), body);
  if (id !== null) keys.push(`slack:${id}`);
  return keys;
}

/** True when none of `keys` was recorded before (all are recorded now). */
export async function firstTime(ledger: RequestLedger, keys: string[], now: Date): Promise<boolean> {
  const until = new Date(now.getTime() + REMEMBER_MS).toISOString();
  let fresh = true;
  // Every key is recorded even after a repeat is found, so a retry's new signature is known too.
  for (const key of keys) fresh = (await ledger.rememberRequest(key, now.toISOString(), until)) && fresh;
  return fresh;
}

function payloadId(contentType: string, body: string): string | null {
  try {
    if (contentType.includes("application/json")) {
      const event = JSON.parse(body) as { event_id?: unknown };
      return typeof event.event_id === "string" ? `event:${event.event_id}` : null;
    }
    const form = new URLSearchParams(body);
    const trigger = form.get("trigger_id");
    if (trigger) return `trigger:${trigger}`;
    const payload = form.get("payload");
    if (payload === null) return null;
    const parsed = JSON.parse(payload) as { trigger_id?: unknown };
    return typeof parsed.trigger_id === "string" ? `trigger:${parsed.trigger_id}` : null;
  } catch {
    // An unparsable body has no id; its signature key still guards it (and Bolt refuses it).
    return null;
  }
}
