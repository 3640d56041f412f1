/**
 * HTTPS through a pinned connection: the socket goes to the vetted address, yet TLS still
 * sends SNI for the name and verifies the certificate against it. Loopback only, with a
 * self-signed certificate for `secure.example` (test/fixtures/fetch/README.md).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { TLSSocket } from "node:tls";
import { repoRoot } from "../../../test/support/corpora.ts";
import { FeedError } from "../../core/errors.ts";
import { createGuardedFetcher } from "./fetcher.ts";
import { DEFAULT_FETCH_OPTIONS, decodeBody } from "./index.ts";

const fixture = (name: string) => readFileSync(join(repoRoot, "test", "fixtures", "fetch", name));
const cert = fixture("secure-example.cert.pem");

let server: Server;
let port = 0;
const sniSeen: (string | false | null)[] = [];
const hostsSeen: (string | undefined)[] = [];

before(async () => {
  server = createServer({ key: fixture("secure-example.key.pem"), cert }, (req, res) => {
    hostsSeen.push(req.headers.host);
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
    res.end("<rss><channel><title>Sécurisé</title></channel></rss>");
  });
  server.on("secureConnection", (socket: TLSSocket) => sniSeen.push(socket.servername));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const resolver = async (hostname: string) => {
  if (hostname === "secure.example" || hostname === "wrong-name.example") {
    return [{ address: "127.0.0.1", family: 4 as const }];
  }
  throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
};
// Loopback plays the public internet here (see test/hostile/t01-ssrf-fetcher.test.ts for why).
const policy = { allowAddress: (ip: string) => ip === "127.0.0.1", allowPort: () => true };
const fetcher = () => createGuardedFetcher({ ...DEFAULT_FETCH_OPTIONS, resolver }, policy, cert);

describe("HTTPS with a pinned address", () => {
  it("verifies the certificate for the name and sends SNI and Host for it", async () => {
    const res = await fetcher().fetch({
      url: `https://secure.example:${port}/feed`,
      etag: null,
      lastModified: null,
      trusted: false,
    });
    assert.ok(res.kind === "ok");
    assert.equal(
      decodeBody(res.body, res.contentType).text,
      "<rss><channel><title>Sécurisé</title></channel></rss>",
    );
    assert.equal(sniSeen.at(-1), "secure.example");
    assert.equal(hostsSeen.at(-1), `secure.example:${port}`);
  });

  it("still refuses a certificate that does not match the name", async () => {
    const error = await fetcher()
      .fetch({
        url: `https://wrong-name.example:${port}/feed`,
        etag: null,
        lastModified: null,
        trusted: false,
      })
      .then(
        () => assert.fail("expected a network error"),
        (e: unknown) => e,
      );
    assert.ok(error instanceof FeedError);
    assert.equal(error.code, "network");
    assert.doesNotMatch(
      error.message,
      /127\.0\.0\.1|altname|certificate/i,
      "no connection details in the message",
    );
  });
});
