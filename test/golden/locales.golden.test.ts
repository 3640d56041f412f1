/**
 * French and German alerts and digests on both platforms, as golden payloads, with the
 * same limit and safety checks as the English ones.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { discordLimitViolations } from "../../src/chat/discord/limits.ts";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { slackLimitViolations } from "../../src/chat/slack/limits.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import { assertGolden, goldenJson } from "./golden.ts";
import { localizedAlert, localizedDigest } from "./localized-messages.ts";
import { DISCORD_MENTIONS, SLACK_MENTIONS } from "./messages.ts";
import { discordSafetyProblems, slackSafetyProblems } from "./structure.ts";

const DISCORD_CONFIGURED = { roles: ["112233445566778899"], users: ["998877665544332211"] };

const expected = {
  fr: {
    alert: /Alerte · russia-us/,
    also: /également rapporté par Le Monde/,
    time: /28 nov\. 14:05 Europe\/Paris/,
    digest: /Résumé · russia-us — 3 articles \(28 nov\. 18:00 Europe\/Paris\)/,
  },
  de: {
    alert: /Meldung · russia-us/,
    also: /auch gemeldet von Le Monde/,
    time: /28\. Nov\. 14:05 Europe\/Berlin/,
    digest: /Übersicht · russia-us — 3 Beiträge \(28\. Nov\. 18:00 Europe\/Berlin\)/,
  },
} as const;

for (const locale of ["fr", "de"] as const) {
  describe(`${locale} golden payloads`, () => {
    const want = expected[locale];

    it("Slack alert and digest", () => {
      const alert = renderSlack(localizedAlert(locale, SLACK_MENTIONS));
      const digest = localizedDigest(locale, SLACK_MENTIONS).flatMap((m) => renderSlack(m));
      for (const p of [...alert, ...digest]) assert.deepEqual(slackLimitViolations(p), []);
      assert.deepEqual(slackSafetyProblems([...alert, ...digest], ["<!subteam^S0614TZR7>"]), []);
      const text = JSON.stringify([alert, digest]);
      for (const pattern of Object.values(want)) assert.match(text, pattern);
      assertGolden(`slack/${locale}-alert.json`, goldenJson(alert));
      assertGolden(`slack/${locale}-digest.json`, goldenJson(digest));
    });

    it("Discord alert and digest", () => {
      const alert = renderDiscord(localizedAlert(locale, DISCORD_MENTIONS));
      const digest = localizedDigest(locale, DISCORD_MENTIONS).flatMap((m) => renderDiscord(m));
      for (const p of [...alert, ...digest]) assert.deepEqual(discordLimitViolations(p), []);
      assert.deepEqual(discordSafetyProblems([...alert, ...digest], DISCORD_CONFIGURED), []);
      // Markdown escapes (`\\(`, `28\\.` at a line start) removed: the words are what is checked here.
      const text = JSON.stringify([alert, digest]).replaceAll("\\\\", "");
      for (const pattern of Object.values(want)) assert.match(text, pattern);
      assertGolden(`discord/${locale}-alert.json`, goldenJson(alert));
      assertGolden(`discord/${locale}-digest.json`, goldenJson(digest));
    });
  });
}
