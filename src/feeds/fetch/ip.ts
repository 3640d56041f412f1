/**
 * IP address parsing for the SSRF guard, independent of how the address was spelled.
 * IPv4 accepts the legacy inet_aton spellings (`2130706433`, `0x7f.1`, `017700000001`,
 * `127.1`) because some resolvers and URL parsers still honour them; IPv6 accepts `::`
 * compression, an embedded dotted quad, brackets and a zone id.
 */

export type IpBytes = { family: 4; bytes: Uint8Array } | { family: 6; bytes: Uint8Array };

export function parseIp(text: string): IpBytes | null {
  let s = text.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  if (s.includes(":")) {
    const bytes = parseIPv6(s);
    return bytes === null ? null : { family: 6, bytes };
  }
  const bytes = parseIPv4(s);
  return bytes === null ? null : { family: 4, bytes };
}

/** inet_aton: 1–4 parts of decimal, octal (leading 0) or hex (0x); the last part fills the rest. */
export function parseIPv4(text: string): Uint8Array | null {
  const parts = text.split(".");
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop(); // trailing dot, as in URLs
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIPv4Part(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop() ?? 0;
  if (numbers.some((n) => n > 255)) return null;
  const lastBytes = 4 - numbers.length;
  if (last >= 2 ** (8 * lastBytes)) return null;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 2 ** (8 * (3 - i));
  });
  return new Uint8Array([(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]);
}

function parseIPv4Part(part: string): number | null {
  let n: number;
  if (/^0x[0-9a-f]*$/i.test(part)) n = part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
  else if (/^0[0-7]+$/.test(part)) n = Number.parseInt(part.slice(1), 8);
  else if (/^(0|[1-9][0-9]*)$/.test(part)) n = Number.parseInt(part, 10);
  else return null;
  return Number.isSafeInteger(n) ? n : null;
}

export function parseIPv6(text: string): Uint8Array | null {
  const s = text.replace(/%.*$/, ""); // zone id: fe80::1%eth0
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? "");
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? "") : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 255;
  });
  return bytes;
}

function parseGroups(text: string): number[] | null {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes(".")) {
      // Strict dotted quad only: embedded IPv4 in IPv6 has no legacy spellings.
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(part)) return null;
      const v4 = part.split(".").map(Number);
      if (v4.some((n) => n > 255)) return null;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      continue;
    }
    if (!/^[0-9a-f]{1,4}$/i.test(part)) return null;
    groups.push(Number.parseInt(part, 16));
  }
  return groups;
}

export function formatIPv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join(".");
}
