import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCommandText, splitText } from "./parse-text.ts";
import { COMMAND_SPECS } from "./registry.ts";

const cases: { text: string; path: string; args: Record<string, string> }[] = [
  { text: "", path: "help", args: {} },
  { text: "help", path: "help", args: {} },
  {
    text: 'watch ukraine "etats-unis" AND russie',
    path: "watch",
    args: { name: "ukraine", rule: '"etats-unis" AND russie' },
  },
  {
    text: 'watch ukraine  «coopérer»   AND  États-Unis digest:"0 8 * * *" tz:Europe/Paris',
    path: "watch",
    args: { name: "ukraine", rule: "«coopérer» AND États-Unis", digest: "0 8 * * *", tz: "Europe/Paris" },
  },
  {
    text: "watch ops mention:<!subteam^S0123ABC|@oncall> title:panne",
    path: "watch",
    args: { name: "ops", rule: "title:panne", mention: "<!subteam^S0123ABC|@oncall>" },
  },
  {
    text: 'search since:3d "etats-unis" AND russie source:RFI',
    path: "search",
    args: { query: '"etats-unis" AND russie', since: "3d", source: "RFI" },
  },
  // A rule's own `title:` scope is not an option of search and stays in the query.
  { text: "search title:ukraine", path: "search", args: { query: "title:ukraine" } },
  {
    text: "feeds add https://www.rfi.fr/fr/rss",
    path: "feeds add",
    args: { url: "https://www.rfi.fr/fr/rss" },
  },
  { text: "FEEDS List", path: "feeds list", args: {} },
  { text: "feeds remove 12", path: "feeds remove", args: { feed: "12" } },
  { text: "digest now", path: "digest now", args: {} },
  { text: "digest now ukraine", path: "digest now", args: { name: "ukraine" } },
  { text: "pause", path: "pause", args: {} },
  { text: "resume ukraine", path: "resume", args: { name: "ukraine" } },
  { text: "why https://x.test/a", path: "why", args: { link: "https://x.test/a" } },
  { text: "test coop* NOT sport", path: "test", args: { rule: "coop* NOT sport" } },
];

describe("parseCommandText", () => {
  for (const c of cases) {
    it(`reads ${JSON.stringify(c.text)}`, () => {
      const parsed = parseCommandText(c.text, COMMAND_SPECS);
      assert.deepEqual(parsed, { ok: true, value: { path: c.path, args: c.args } });
    });
  }

  const failures: { text: string; message: RegExp }[] = [
    { text: "frobnicate", message: /Unknown command "frobnicate"/ },
    { text: "watch", message: /Missing <name>.*Usage: \/wirewatch watch <name> <rule>/ },
    { text: "watch ukraine", message: /Missing <rule>/ },
    { text: "topics extra", message: /Unexpected "extra"/ },
    { text: 'search "open quote', message: /at column 8: expected a closing quote "/ },
    { text: "search a since:1d since:2d", message: /since: given twice/ },
    { text: "feeds", message: /Unknown command "feeds"/ },
  ];
  for (const f of failures) {
    it(`refuses ${JSON.stringify(f.text)}`, () => {
      const parsed = parseCommandText(f.text, COMMAND_SPECS);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.error, f.message);
    });
  }
});

describe("splitText", () => {
  it("keeps quoted stretches with their spaces in one token", () => {
    const split = splitText('a "b c" «d e» “f g” key:"h i"');
    assert.ok(split.ok);
    if (split.ok)
      assert.deepEqual(
        split.value.map((t) => t.raw),
        ["a", '"b c"', "«d e»", "“f g”", 'key:"h i"'],
      );
  });
});
