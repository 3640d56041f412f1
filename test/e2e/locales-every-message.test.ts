/**
 * Every message kind in every locale, through every renderer: alerts (with their buttons,
 * and through a template), digests and catch-up digests from the real builders, a digest
 * long enough to be split into parts, the feed health notices, and the reply of every
 * command, button and personal alert (and of their usual errors) from the real handlers
 * over a real SQLite store.
 * Checked on the rendered payloads: no placeholder left unfilled, and in French, German
 * and Spanish no English sentence of the catalog.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { renderConsole } from "../../src/chat/console/render.ts";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import { buildCatchUpMessage } from "../../src/core/catch-up.ts";
import { BUTTONS, buttonInvocation } from "../../src/core/commands/buttons.ts";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../src/core/commands/registry.ts";
import { destinationOf } from "../../src/core/commands/scope.ts";
import type { Actor } from "../../src/core/commands/types.ts";
import { en } from "../../src/core/i18n/en.ts";
import { CATALOGS, LOCALES, type Locale } from "../../src/core/i18n/index.ts";
import type { Message } from "../../src/core/message.ts";
import {
  ADMIN,
  type CommandWorld,
  createCommandWorld,
  item,
  normalisedFeed,
} from "../fakes/context-commands.ts";
import { healthNotices } from "../golden/action-messages.ts";
import { localizedAlert, localizedDigest } from "../golden/localized-messages.ts";
import { SLACK_MENTIONS, sixtyEntryDigest } from "../golden/messages.ts";
import { FULL_TEMPLATE } from "../golden/template-messages.ts";

const NEW_FEED = "https://news.example.org/feed.xml";

/** One invocation per command, plus the errors a user meets most. */
const INVOCATIONS: readonly string[] = [
  "search russie",
  "search psg",
  "search zanzibar",
  "search russie since:forever",
  "watch w russie mention:group:S0614TZR7",
  'watch w2 russie digest:"0 8 * *"',
  "watch w3 russie tz:Europe/Paris",
  "watch t russie template:brief",
  "watch t2 russie template:nope",
  'watch t3 russie digest:"0 8 * * *" template:brief',
  "watch mine russie dm:true",
  "watch mine2 russie dm:maybe",
  "watch mine3 russie dm:true mention:group:S0614TZR7",
  "topics",
  "test russie",
  "why https://www.rfi.fr/fr/sports/psg",
  "pause w",
  "resume w",
  "digest now",
  `feeds add ${NEW_FEED}`,
  "feeds list",
  `feeds remove ${NEW_FEED}`,
  "unwatch w",
  "unwatch mine dm:true",
  "unwatch ghost dm:true",
  "help",
];

const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : Object.values(value as Record<string, string>);

/** English sentences' fixed parts long enough to be words, not names or formats. */
function englishFragments(locale: Locale): string[] {
  const own = Object.values(CATALOGS[locale]).flatMap(strings).join("\n");
  return Object.values(en)
    .flatMap(strings)
    .flatMap((text) => text.split(/\{\w+\}|`[^`]*`/u))
    .map((f) => f.trim())
    .filter((f) => f.length >= 12 && /[a-z]{4}/u.test(f) && !own.includes(f));
}

function rendered(message: Message): string {
  return [
    JSON.stringify(renderSlack(message)),
    JSON.stringify(renderDiscord(message)),
    renderConsole(message),
  ].join("\n");
}

describe("every message kind in every locale", () => {
  let world: CommandWorld;
  before(async () => {
    world = await createCommandWorld({
      feeds: { [NEW_FEED]: normalisedFeed("Example News", [item({ key: "ex-1", title: "Première" })]) },
    });
  });
  after(() => world.close());

  /** Each call in a channel of its own: a second call in the same one would meet "already watches". */
  let calls = 0;
  async function messages(locale: Locale): Promise<Message[]> {
    calls += 1;
    const alert = localizedAlert(locale, SLACK_MENTIONS);
    const out: Message[] = [
      alert,
      { ...alert, actions: { itemId: 1, topicIds: ["config:russia-us"] } },
      { ...alert, template: FULL_TEMPLATE },
      ...healthNotices(locale),
      ...localizedDigest(locale, SLACK_MENTIONS),
      { ...sixtyEntryDigest(SLACK_MENTIONS), locale },
      buildCatchUpMessage([localizedAlert(locale, []), localizedAlert(locale, [])], { maxEntries: 1 }),
    ];
    const actor: Actor = { ...ADMIN, channel: `C-${locale}-${calls}`, locale };
    const context = {
      ...world.context(actor),
      locale,
      templates: ["brief"],
      directChannels: { open: async (user: string) => `D-${locale}-${user}` },
    };
    for (const text of INVOCATIONS) {
      const parsed = parseCommandText(text, COMMAND_SPECS);
      assert.ok(parsed.ok, text);
      out.push(await runCommand(parsed.value, context, COMMANDS));
    }
    // The alert buttons: Why?, More like this, Mute 24 h, then topics shows the mute.
    const stored = await world.store.findItemByLink("https://www.rfi.fr/fr/sports/psg");
    assert.ok(stored);
    const topic = (await world.store.listTopics({ channel: destinationOf(actor) })).find(
      (t) => t.name === "t",
    );
    assert.ok(topic, "the templated topic to mute");
    const press = async (kind: "why" | "more" | "mute", itemId: number, topicIds: string[] = []) =>
      out.push(await runCommand(buttonInvocation({ kind, itemId, topicIds }), context, BUTTONS));
    await press("why", stored.id);
    await press("more", stored.id);
    await press("mute", stored.id, [topic.id]);
    await press("mute", stored.id, ["999999"]);
    await press("why", 99_999_999);
    const parsed = parseCommandText("topics", COMMAND_SPECS);
    assert.ok(parsed.ok);
    out.push(await runCommand(parsed.value, context, COMMANDS));
    const refused = { ...actor, canManage: false };
    out.push(
      await runCommand({ path: "watch", args: { name: "x", rule: "y" } }, world.context(refused), COMMANDS),
    );
    out.push(await runCommand({ path: "nope", args: {} }, world.context(actor), COMMANDS));
    return out;
  }

  for (const locale of LOCALES) {
    it(`${locale}: every placeholder filled on Slack, Discord and the console`, async () => {
      const list = await messages(locale);
      assert.equal(list.filter((m) => m.kind === "reply").length, INVOCATIONS.length + 6 + 2);
      for (const message of list) {
        assert.equal(message.locale, locale, message.heading);
        const text = rendered(message);
        assert.doesNotMatch(text, /\{[a-zA-Z]\w*\}/u, `${message.heading}: a placeholder is left`);
      }
    });
  }

  it("fr: the buttons, personal alerts, templates and health notices are among them, in French", async () => {
    const text = (await messages("fr")).map(rendered).join("\n");
    for (const words of [
      "Pourquoi ?",
      "Sourdine 24 h",
      "Articles similaires",
      "en sourdine pour 24 h",
      "en sourdine jusqu’au",
      "Envoyé à vous seul, en message privé.",
      "Modèle : brief",
      "Aucun modèle nommé nope",
      "Fin de vos alertes personnelles pour mine",
      "Vous n’avez aucun sujet personnel nommé ghost",
      "Ce salon ne suit plus les sujets de cette alerte.",
      "Cet article n’est plus conservé.",
      "Flux en échec",
      "également rapporté par",
    ])
      assert.ok(text.includes(words), words);
  });

  for (const locale of ["fr", "de", "es"] as const) {
    it(`${locale}: no English sentence of the catalog in any rendered message`, async () => {
      const fragments = englishFragments(locale);
      assert.ok(fragments.length > 50, "the check has English to look for");
      for (const message of await messages(locale)) {
        const text = rendered(message);
        const leaked = fragments.filter((f) => text.includes(f));
        assert.deepEqual(leaked, [], `${locale} ${message.heading}`);
      }
    });
  }
});
