import { type Locale, t } from "../i18n/index.ts";
import type { StoredItem } from "../item.ts";
import type { Message } from "../message.ts";
import { channelTopics } from "./channel-topics.ts";
import { itemEntry } from "./preview.ts";
import { entry, reply } from "./reply.ts";
import { compileRule } from "./rule-engine.ts";
import { scopeKey } from "./scope.ts";
import type { Command, CommandContext } from "./types.ts";
import { userError } from "./user-text.ts";

const TRACKING = /^(utm_.*|fbclid|gclid|mc_cid|mc_eid|igshid)$/u;

/** Stored links have tracking parameters removed; a link pasted from a share button often has them. */
function withoutTracking(link: string): string {
  try {
    const url = new URL(link);
    for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
    url.hash = "";
    return url.toString();
  } catch {
    return link;
  }
}

export const why: Command = {
  spec: {
    path: "why",
    description: "Explain why each topic of this channel matched a stored item, or did not",
    options: [
      {
        name: "link",
        description: "the item's link",
        style: "word",
        required: true,
        input: "string",
        maxLength: 2000,
      },
    ],
    access: "anyone",
    reply: "private",
    example: "/wirewatch why https://www.rfi.fr/fr/europe/20261128-russie-etats-unis",
  },
  async run({ args, ctx, locale = "en" }) {
    const link =
      (args.link ?? "")
        .trim()
        .replace(/^<(.*)>$/su, "$1")
        .split("|")[0] ?? "";
    // Only items this workspace or guild may see: the operator's feeds and its own.
    const tenant = scopeKey(ctx.actor);
    let item = await ctx.store.findItemByLink(link, tenant);
    const canonical = withoutTracking(link);
    if (item === null && canonical !== link) item = await ctx.store.findItemByLink(canonical, tenant);
    if (item === null) throw userError("why.notFound", {}, "item_not_found");
    return explainItem(ctx, item, locale);
  },
};

/** Each topic of this channel against one stored item: matched or not, and why. */
export async function explainItem(
  ctx: CommandContext,
  item: StoredItem,
  locale: Locale = "en",
): Promise<Message> {
  const list = await channelTopics(ctx);
  if (list.length === 0)
    return reply(t(locale, "why.heading"), t(locale, "why.none"), {
      entries: [itemEntry(item, null, { timezone: ctx.timezone, locale })],
    });
  const entries = list.map((topic) => {
    const compiled = compileRule(topic.rule, ctx.aliases);
    if (!compiled.ok)
      return entry({ title: t(locale, "why.ruleError", { name: topic.name }), snippet: compiled.error });
    const explanation = compiled.value.explain(item);
    return entry({
      title: t(locale, explanation.matched ? "why.matched" : "why.noMatch", { name: topic.name }),
      snippet: explanation.text,
      topics: [topic.name],
    });
  });
  return reply(t(locale, "why.title", { title: item.title }), item.link, { entries });
}
