/**
 * The SSRF guard. Every hop of an untrusted fetch (a feed added from chat) is vetted here:
 * scheme, port, and every address the name resolves to. The address that passed is then
 * pinned for the connection (`pinnedLookup`), so a resolver that answers differently the
 * second time (DNS rebinding) is never asked again. Trusted fetches (the operator's config
 * file) resolve and pin the same way but skip the policy.
 *
 * Refusals are one uniform `blocked_address` error: the user learns nothing about what is
 * behind the address (no body, no connection detail).
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { FeedError } from "../../core/errors.ts";
import { isPublicAddress } from "./address-policy.ts";
import { formatIPv4, parseIp } from "./ip.ts";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/**
 * What untrusted URLs may reach. Production always uses `defaultGuardPolicy`; tests inject
 * a policy that also admits one loopback "public" stand-in and their ephemeral ports,
 * because a real public address would mean touching the internet.
 */
export interface GuardPolicy {
  allowAddress(address: string): boolean;
  allowPort(port: number): boolean;
}

export const defaultGuardPolicy: GuardPolicy = {
  allowAddress: isPublicAddress,
  allowPort: (port) => port === 80 || port === 443,
};

export const defaultResolver: Resolver = async (hostname) => {
  const records = await lookup(hostname, { all: true, verbatim: true });
  return records.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

export const blocked = (): FeedError => new FeedError("blocked_address", "this address is not allowed");

/** Checks scheme and port of an http(s) hop; `file:` is handled before any hop. */
export function vetUrl(url: URL, trusted: boolean, policy: GuardPolicy): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    if (trusted) throw new FeedError("bad_url", `unsupported URL scheme ${url.protocol}`);
    throw blocked();
  }
  if (trusted) return;
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  if (!policy.allowPort(port)) throw blocked();
}

/**
 * Resolves the hop's host and returns the one address to connect to. Untrusted: every
 * record must pass the policy (a name with public and private records is refused outright).
 */
export async function resolveHost(
  hostname: string,
  trusted: boolean,
  resolver: Resolver,
  policy: GuardPolicy,
): Promise<ResolvedAddress> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  let records: ResolvedAddress[];
  if (isIP(bare) !== 0) {
    records = [{ address: bare, family: isIP(bare) === 6 ? 6 : 4 }];
  } else {
    try {
      records = await resolver(bare);
    } catch (cause) {
      throw new FeedError("network", "could not resolve the feed's host", { cause });
    }
  }
  const normalised = records.map(normalise);
  if (normalised.length === 0) throw new FeedError("network", "could not resolve the feed's host");
  if (normalised.some((r) => r === null)) {
    if (!trusted) throw blocked();
    throw new FeedError("network", "the resolver returned an invalid address");
  }
  const valid = normalised.filter((r): r is ResolvedAddress => r !== null);
  if (!trusted && !valid.every((r) => policy.allowAddress(r.address))) throw blocked();
  const [first] = valid;
  if (first === undefined) throw new FeedError("network", "could not resolve the feed's host");
  return first;
}

/** Canonical spelling of a resolver answer, so `0x7f.1` cannot reach a socket as-is. */
function normalise(record: ResolvedAddress): ResolvedAddress | null {
  const ip = parseIp(record.address);
  if (ip === null) return null;
  if (ip.family === 4) return { address: formatIPv4(ip.bytes), family: 4 };
  const bare = record.address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  return isIP(bare) === 6 ? { address: bare, family: 6 } : null;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/**
 * A `net.connect` lookup that only answers with pinned addresses: the socket connects to
 * the vetted address while TLS SNI and `Host` keep the name. Unknown names fail closed.
 */
export function pinnedLookup(pins: Map<string, ResolvedAddress>) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    const pin = pins.get(hostname.toLowerCase());
    if (pin === undefined) {
      const error: NodeJS.ErrnoException = new Error("host was not vetted");
      error.code = "ENOTFOUND";
      callback(error, "");
      return;
    }
    if (options.all === true) callback(null, [{ address: pin.address, family: pin.family }]);
    else callback(null, pin.address, pin.family);
  };
}
