import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UserError } from "../errors.ts";
import {
  parseCron,
  parseFeedUrl,
  parseMention,
  parseSince,
  parseTimezone,
  parseTopicName,
} from "./values.ts";

describe("option values", () => {
  it("reads durations", () => {
    assert.equal(parseSince("7d"), 604800);
    assert.equal(parseSince("24h"), 86400);
    assert.equal(parseSince("30m"), 1800);
    for (const bad of ["7", "d", "0d", "400d", "-1d", "1y"]) assert.throws(() => parseSince(bad), UserError);
  });

  it("reads only explicit mentions", () => {
    assert.deepEqual(parseMention("<@&539082325061836999>"), { kind: "role", id: "539082325061836999" });
    assert.deepEqual(parseMention("<@!53908232506183680>"), { kind: "user", id: "53908232506183680" });
    assert.deepEqual(parseMention("<!subteam^S0123ABC|@oncall>"), { kind: "role", id: "S0123ABC" });
    assert.deepEqual(parseMention("<@U2CERLKJA|roadrunner>"), { kind: "user", id: "U2CERLKJA" });
    for (const bad of ["@everyone", "<!channel>", "<!here>", "bob"])
      assert.throws(() => parseMention(bad), UserError);
  });

  it("checks cron and time zones with the digest scheduler's rules", () => {
    assert.equal(parseCron(" 0  8 * * * "), "0 8 * * *");
    assert.equal(parseCron("0 8,18 * * 1-5"), "0 8,18 * * 1-5");
    for (const bad of ["0 8 * *", "61 * * * *", "0 8 31 2 *", "nonsense"])
      assert.throws(() => parseCron(bad), UserError);
    assert.equal(parseTimezone("Europe/Paris"), "Europe/Paris");
    assert.throws(() => parseTimezone("Mars/Olympus"), UserError);
  });

  it("accepts http(s) feed URLs on default ports only", () => {
    assert.equal(parseFeedUrl("https://www.rfi.fr/fr/rss#x"), "https://www.rfi.fr/fr/rss");
    assert.equal(parseFeedUrl("<https://www.rfi.fr/fr/rss>"), "https://www.rfi.fr/fr/rss");
    for (const bad of [
      "file:///etc/passwd",
      "ftp://x.test/",
      "https://x.test:8443/",
      "http://u:p@x.test/",
      "x",
    ]) {
      assert.throws(() => parseFeedUrl(bad), UserError, bad);
    }
  });

  it("keeps topic names short and plain", () => {
    assert.equal(parseTopicName("russie-usa_2"), "russie-usa_2");
    assert.equal(parseTopicName("états"), "états");
    for (const bad of ["", "a b", "-x", "x".repeat(41)]) assert.throws(() => parseTopicName(bad), UserError);
  });
});
