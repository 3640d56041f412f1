/**
 * Feeds → OPML 2.0 (http://opml.org/spec2.opml). One category outline per owner ("config",
 * "operator" for feeds added from the CLI without a scope, else the workspace or guild
 * scope), each feed an `type="rss"` outline with `text`, `title` and `xmlUrl`.
 *
 * URLs are written as stored: a feed whose URL carries credentials (userinfo or a token
 * in the query) exports them, because the file must round-trip to the same feed. The
 * export is an operator's backup; treat it like the config file.
 */

export interface OpmlOutFeed {
  url: string;
  title: string | null;
  group: string;
}

export function writeOpml(
  feeds: readonly OpmlOutFeed[],
  options: { title: string; createdAt: string },
): string {
  const groups = new Map<string, OpmlOutFeed[]>();
  for (const feed of feeds) {
    const list = groups.get(feed.group) ?? [];
    list.push(feed);
    groups.set(feed.group, list);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${escapeXml(options.title)}</title>`,
    `    <dateCreated>${new Date(options.createdAt).toUTCString()}</dateCreated>`,
    "  </head>",
    "  <body>",
  ];
  for (const [group, list] of groups) {
    lines.push(`    <outline text="${escapeXml(group)}" title="${escapeXml(group)}">`);
    for (const feed of list) {
      const text = escapeXml(feed.title ?? feed.url);
      lines.push(
        `      <outline type="rss" text="${text}" title="${text}" xmlUrl="${escapeXml(feed.url)}"/>`,
      );
    }
    lines.push("    </outline>");
  }
  lines.push("  </body>", "</opml>", "");
  return lines.join("\n");
}

/** Escapes for text and double-quoted attributes; control characters XML forbids are dropped. */
export function escapeXml(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/\n/g, "&#10;")
      .replace(/\r/g, "&#13;")
      .replace(/\t/g, "&#9;")
  );
}
