import type { FeedRecord } from "../../core/ports.ts";

/**
 * `--scope` of `import opml` / `export opml`: `config` (feeds from the config file, export
 * only), `operator` (feeds the operator added outside the config file, seen by every
 * workspace), or a chat workspace or guild as stored (`slack:T0123`, `discord:81234`).
 */
export type OpmlScope = { kind: "config" } | { kind: "operator" } | { kind: "tenant"; scope: string };

export function parseOpmlScope(raw: string | null): OpmlScope | { error: string } | null {
  if (raw === null) return null;
  if (raw === "config") return { kind: "config" };
  if (raw === "operator") return { kind: "operator" };
  if (/^(slack|discord):[A-Za-z0-9_-]{1,64}$/.test(raw)) return { kind: "tenant", scope: raw };
  return { error: `--scope: expected config, operator, slack:<team> or discord:<guild>, not "${raw}"` };
}

/** The group a feed is exported under; parseOpmlScope reads it back. */
export function groupOf(feed: Pick<FeedRecord, "origin" | "scope">): string {
  if (feed.origin === "config") return "config";
  return feed.scope ?? "operator";
}

export function inScope(feed: Pick<FeedRecord, "origin" | "scope">, scope: OpmlScope | null): boolean {
  if (scope === null) return true;
  return groupOf(feed) === (scope.kind === "tenant" ? scope.scope : scope.kind);
}
