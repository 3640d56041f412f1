/**
 * Which addresses an untrusted feed URL may reach: public unicast only. IPv6 forms that
 * carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by the IPv4
 * address inside, so `::ffff:127.0.0.1` or `2002:7f00:1::` cannot smuggle loopback through.
 * Anything that does not parse as an address is not allowed.
 */
import { type IpBytes, parseIp } from "./ip.ts";

type Range = readonly [prefix: readonly number[], bits: number];

// IANA special-purpose IPv4 registry entries that are not globally reachable, plus multicast.
const BLOCKED_V4: readonly Range[] = [
  [[0], 8], // "this network", unspecified
  [[10], 8], // private
  [[100, 64], 10], // CGNAT shared space
  [[127], 8], // loopback
  [[169, 254], 16], // link-local (cloud metadata lives here)
  [[172, 16], 12], // private
  [[192, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2], 24], // TEST-NET-1
  [[192, 88, 99], 24], // 6to4 relay anycast
  [[192, 168], 16], // private
  [[198, 18], 15], // benchmarking
  [[198, 51, 100], 24], // TEST-NET-2
  [[203, 0, 113], 24], // TEST-NET-3
  [[224], 4], // multicast
  [[240], 4], // reserved, broadcast
];

const BLOCKED_V6: readonly Range[] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64], // discard-only
  [[0x20, 0x01, 0x00, 0x02, 0, 0], 48], // benchmarking
  [[0x20, 0x01, 0x00, 0x10], 28], // ORCHID
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x3f, 0xff], 20], // documentation
  [[0xfc], 7], // unique local
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // site-local (deprecated)
  [[0xff], 8], // multicast
];

export function isPublicAddress(address: string): boolean {
  const ip = parseIp(address);
  return ip !== null && isPublic(ip);
}

function isPublic(ip: IpBytes): boolean {
  if (ip.family === 4) return !BLOCKED_V4.some((range) => inRange(ip.bytes, range));
  const b = ip.bytes;
  const embedded = embeddedIPv4(b);
  if (embedded !== null) return embedded.every((v4) => isPublic({ family: 4, bytes: v4 }));
  if (BLOCKED_V6.some((range) => inRange(b, range))) return false;
  // Only 2000::/3 is global unicast; everything else (::, ::1, 64:ff9b:1::/48…) is special.
  return ((b[0] ?? 0) & 0xe0) === 0x20;
}

/** IPv4 addresses carried inside an IPv6 address, or null when it carries none. */
function embeddedIPv4(b: Uint8Array): Uint8Array[] | null {
  const zeros = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  const last4 = b.subarray(12, 16);
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, except :: and ::1), ::ffff:0:a.b.c.d (SIIT)
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return [last4];
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12)) return [last4];
  if (zeros(0, 12) && !zeros(12, 15)) return [last4];
  // 64:ff9b::/96 NAT64
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return [last4];
  // 2002::/16 6to4: the IPv4 address follows the prefix
  if (b[0] === 0x20 && b[1] === 0x02) return [b.subarray(2, 6)];
  // 2001::/32 Teredo: server IPv4 in bits 32–63, client IPv4 inverted in the last 32 bits
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) {
    return [b.subarray(4, 8), last4.map((x) => ~x & 255)];
  }
  return null;
}

function inRange(bytes: Uint8Array, [prefix, bits]: Range): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const remaining = Math.min(8, bits - bit);
    const mask = (0xff << (8 - remaining)) & 0xff;
    const i = bit / 8;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}
