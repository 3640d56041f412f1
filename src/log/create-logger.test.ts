import assert from "node:assert/strict";
import { test } from "node:test";
import { createLogger } from "./create-logger.ts";

test("feed URLs are logged with their credentials masked; tokens and secrets are redacted", () => {
  const lines: string[] = [];
  const logger = createLogger("info", "json", {}, { write: (line: string) => lines.push(line) });
  logger.warn({ feedId: 3, url: "https://u:pw@feeds.example/rss?token=s3cr3t&lang=fr" }, "feed disabled");
  logger.info({ feedUrl: "https://feeds.example/rss?sig=abc", token: "xoxb-1" }, "added");
  const text = lines.join("");
  for (const secret of ["s3cr3t", "pw@", "sig=abc", "xoxb-1"]) assert.ok(!text.includes(secret), secret);
  assert.match(text, /"url":"https:\/\/\*\*\*@feeds\.example\/rss\?token=\*\*\*&lang=fr"/);
});
