import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPublicAddress } from "./address-policy.ts";
import { parseIp } from "./ip.ts";

describe("isPublicAddress", () => {
  const blocked = [
    // IPv4 special ranges
    "0.0.0.0",
    "10.1.2.3",
    "100.64.0.1", // CGNAT
    "100.127.255.255",
    "127.0.0.1",
    "127.0.0.2",
    "169.254.169.254", // cloud metadata
    "172.16.0.1",
    "172.31.255.255",
    "192.0.0.8",
    "192.0.2.1",
    "192.168.1.1",
    "198.18.0.1",
    "224.0.0.1", // multicast
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    // numeric spellings of 127.0.0.1
    "2130706433",
    "0x7f.1",
    "0x7f000001",
    "017700000001",
    "0177.0.0.1",
    "127.1",
    "127.0.1",
    // IPv6
    "::",
    "::1",
    "[::1]",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "2001:db8::1",
    "::ffff:127.0.0.1", // IPv4-mapped
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1", // IPv4-compatible
    "::ffff:0:127.0.0.1", // SIIT
    "64:ff9b::127.0.0.1", // NAT64
    "64:ff9b::7f00:1",
    "64:ff9b:1::1", // local-use NAT64
    "2002:7f00:1::", // 6to4 of 127.0.0.1
    "2002:c0a8:101::1", // 6to4 of 192.168.1.1
    "2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo, client 127.0.0.1 (inverted)
    "2001:0:7f00:1::1", // Teredo, server 127.0.0.1
    "100::1", // discard
    // not addresses at all
    "",
    "localhost",
    "1.2.3.4.5",
    "256.1.1.1",
    "::ffff:1.2.3",
    "1::2::3",
  ];
  const allowed = [
    "1.1.1.1",
    "8.8.8.8",
    "93.184.216.34",
    "100.63.255.255", // just below CGNAT
    "100.128.0.0", // just above
    "172.15.255.255",
    "172.32.0.0",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4007:80f::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7", // Teredo, client 8.8.8.8
  ];
  for (const address of blocked) {
    it(`blocks ${JSON.stringify(address)}`, () => assert.equal(isPublicAddress(address), false));
  }
  for (const address of allowed) {
    it(`allows ${address}`, () => assert.equal(isPublicAddress(address), true));
  }
});

describe("parseIp", () => {
  it("reads every legacy IPv4 spelling as the same address", () => {
    for (const text of ["127.0.0.1", "2130706433", "0x7f.1", "017700000001", "127.1", "0x7F.0.0.01"]) {
      assert.deepEqual(parseIp(text), { family: 4, bytes: new Uint8Array([127, 0, 0, 1]) }, text);
    }
  });
  it("expands IPv6 with an embedded dotted quad", () => {
    const ip = parseIp("::ffff:1.2.3.4");
    assert.equal(ip?.family, 6);
    assert.deepEqual(Array.from(ip?.bytes ?? []), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
  });
});
