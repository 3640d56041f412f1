import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { createGuardedFetcher } from "./fetcher.ts";
import { DEFAULT_FETCH_OPTIONS } from "./index.ts";
import type { FetchRequest } from "./types.ts";

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`;

let server: Server;
let connections = 0;
let base = "";
before(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    res.end(RSS);
  });
  server.on("connection", () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

// Loopback allowed, so untrusted fetches reach the test server; trust alone differs.
const open = { allowAddress: () => true, allowPort: () => true };
const get = (path: string, trusted: boolean): FetchRequest => ({
  url: `${base}${path}`,
  etag: null,
  lastModified: null,
  trusted,
});

describe("fetcher connections", () => {
  it("reuses one kept-alive connection for trusted (config) feeds, one after another", async () => {
    const f = createGuardedFetcher(DEFAULT_FETCH_OPTIONS, open);
    const before = connections;
    for (const path of ["/a.xml", "/b.xml", "/c.xml", "/d.xml", "/e.xml", "/f.xml"]) {
      const res = await f.fetch(get(path, true));
      assert.equal(res.kind, "ok");
    }
    // Six fetches, one after another: at most two sockets (undici may open a second one while
    // the first is handed back), never one per fetch.
    assert.ok(connections - before <= 2, `${connections - before} connections for 6 fetches`);
    await f.close();
  });

  it("opens a connection per fetch for untrusted feeds (each socket reaches only its vetted address)", async () => {
    const f = createGuardedFetcher(DEFAULT_FETCH_OPTIONS, open);
    const before = connections;
    for (const path of ["/a.xml", "/b.xml", "/c.xml", "/d.xml", "/e.xml", "/f.xml"]) {
      const res = await f.fetch(get(path, false));
      assert.equal(res.kind, "ok");
    }
    assert.equal(connections - before, 6);
    await f.close();
  });
});
