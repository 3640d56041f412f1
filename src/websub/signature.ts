/**
 * `X-Hub-Signature: method=hex` (WebSub §8): an HMAC of the raw body keyed by `hub.secret`.
 * sha1 (still what most hubs send) and the SHA-2 family are accepted; anything else,
 * a missing header or a wrong digest is a forgery. Compared in constant time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const METHODS = new Set(["sha1", "sha256", "sha384", "sha512"]);

export function signatureValid(header: string | undefined, body: Uint8Array, secret: string): boolean {
  if (header === undefined) return false;
  const match = /^\s*(sha1|sha256|sha384|sha512)=([0-9a-fA-F]+)\s*$/.exec(header);
  const method = match?.[1];
  const hex = match?.[2];
  if (method === undefined || hex === undefined || !METHODS.has(method)) return false;
  const expected = createHmac(method, secret).update(body).digest();
  const given = Buffer.from(hex, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function sign(method: "sha1" | "sha256", body: Uint8Array, secret: string): string {
  return `${method}=${createHmac(method, secret).update(body).digest("hex")}`;
}
