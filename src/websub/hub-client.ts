/**
 * Subscription requests to a hub (WebSub §5.1): a form POST, answered 202 when the hub will
 * verify our intent. The hub URL comes from a feed, so it is hostile: for a feed added from
 * chat every address of its host must be public (the fetcher's policy), no redirect is
 * followed, and the request has a 10 s budget.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isPublicAddress } from "../feeds/fetch/address-policy.ts";

export interface HubRequest {
  hub: string;
  mode: "subscribe" | "unsubscribe";
  callback: string;
  topic: string;
  secret: string;
  leaseSeconds: number;
  /** The feed was configured by the operator (a loopback hub is fine). */
  trusted: boolean;
}

export type HubSend = (
  request: HubRequest,
) => Promise<{ ok: boolean; status: number | null; detail: string }>;

export function createHubClient(options: { userAgent: string; timeoutMs?: number }): HubSend {
  return async (request) => {
    const url = new URL(request.hub);
    if (!request.trusted && !(await publicHost(url.hostname))) {
      return { ok: false, status: null, detail: "blocked_address" };
    }
    const form = new URLSearchParams({
      "hub.mode": request.mode,
      "hub.callback": request.callback,
      "hub.topic": request.topic,
      "hub.lease_seconds": String(request.leaseSeconds),
    });
    if (request.mode === "subscribe") form.set("hub.secret", request.secret);
    try {
      const response = await fetch(url, {
        method: "POST",
        body: form,
        redirect: "manual",
        headers: { "user-agent": options.userAgent },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      return { ok: response.status >= 200 && response.status < 300, status: response.status, detail: "" };
    } catch (error) {
      return { ok: false, status: null, detail: error instanceof Error ? error.name : "error" };
    }
  };
}

async function publicHost(hostname: string): Promise<boolean> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  try {
    const records = isIP(bare) !== 0 ? [{ address: bare }] : await lookup(bare, { all: true });
    return records.length > 0 && records.every((r) => isPublicAddress(r.address));
  } catch {
    return false;
  }
}
