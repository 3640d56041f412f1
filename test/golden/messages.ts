/**
 * The messages behind the golden files, built by hand from the `Message` type so the
 * goldens change only when rendering does, not when the digest builders do.
 */
import type { Highlight, Message, MessageEntry } from "../../src/core/message.ts";
import type { Mention } from "../../src/core/topic.ts";

/** Highlights for each listed word, found in `text` (first occurrence). */
function spans(field: Highlight["field"], text: string, words: string[]): Highlight[] {
  return words.map((word) => {
    const start = text.indexOf(word);
    if (start < 0) throw new Error(`"${word}" is not in "${text}"`);
    return { field, start, end: start + word.length };
  });
}

function entry(fields: Partial<MessageEntry> & Pick<MessageEntry, "title">): MessageEntry {
  return {
    link: null,
    source: "",
    time: null,
    localTime: null,
    snippet: "",
    highlights: [],
    alsoReportedBy: [],
    topics: [],
    ...fields,
  };
}

const SEED_TITLE = "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine";
const SEED_SNIPPET =
  "Moscou et Washington se sont entendus vendredi pour « coopérer » afin de mettre fin à la guerre " +
  "qu'a déclenchée l'invasion de l'Ukraine, d'après un communiqué publié à l'issue d'un entretien " +
  "entre les chefs de la diplomatie russe et américaine.";

/** (1) The seed headline from RFI: « », accents, elision, highlights in title and snippet. */
export function frenchAlert(mentions: Mention[]): Message {
  return {
    kind: "alert",
    heading: "Veille · russie-usa",
    body: null,
    entries: [
      entry({
        title: SEED_TITLE,
        link: "https://www.rfi.fr/fr/europe/20261128-la-russie-et-les-états-unis-conviennent-de-coopérer-sur-le-conflit-en-ukraine",
        source: "RFI",
        time: "2026-11-28T13:05:00.000Z",
        localTime: "28 nov. 14:05",
        snippet: SEED_SNIPPET,
        highlights: [
          ...spans("title", SEED_TITLE, ["Russie", "États-Unis", "Ukraine"]),
          ...spans("snippet", SEED_SNIPPET, ["l'Ukraine", "Washington"]),
        ],
        alsoReportedBy: [
          { source: "France 24", link: "https://www.france24.com/fr/europe/20261128-russie-etats-unis" },
          { source: "Le Monde", link: null },
        ],
        topics: ["russie-usa"],
      }),
    ],
    footer: "Wirewatch · russie-usa",
    mentions,
    ephemeral: false,
  };
}

const OUTLETS = ["RFI", "France 24", "Le Monde", "AFP", "Reuters", "BBC News", "Libération", "Le Figaro"];
const SUBJECTS = ["Kyiv", "Moscou", "Washington", "Bruxelles", "l'OTAN", "Genève", "l'ONU", "Pékin"];

/**
 * (2) A 60-entry digest, varied enough to exercise the packing: long snippets that must
 * be cut, entries with and without links or local times, `&` and `<` that grow when
 * escaped, stories reported by several outlets.
 */
export function sixtyEntryDigest(mentions: Mention[]): Message {
  const entries: MessageEntry[] = [];
  for (let i = 0; i < 60; i++) {
    const outlet = OUTLETS[i % OUTLETS.length] ?? "RFI";
    const subject = SUBJECTS[(i * 3) % SUBJECTS.length] ?? "Kyiv";
    const title = `Dépêche ${i + 1} : ${subject} et l'Ukraine — négociations & sanctions${i % 7 === 0 ? " <mise à jour>" : ""}`;
    const repeat = i % 10 === 3 ? 12 : 1 + (i % 3);
    const snippet = Array.from(
      { length: repeat },
      (_, k) =>
        `Paragraphe ${k + 1} : les discussions sur l'Ukraine se poursuivent à ${subject} (${outlet}).`,
    ).join(" ");
    const minute = String((i * 7) % 60).padStart(2, "0");
    const hour = String(6 + Math.floor(i / 5)).padStart(2, "0");
    entries.push(
      entry({
        title,
        link:
          i % 9 === 4
            ? null
            : `https://news.example/${outlet.toLowerCase().replace(/\W+/g, "-")}/${i + 1}?a=1&b=2`,
        source: outlet,
        time: `2026-11-28T${hour}:${minute}:00.000Z`,
        localTime: i % 11 === 5 ? null : `28 nov. ${hour}:${minute}`,
        snippet,
        highlights: [...spans("title", title, ["l'Ukraine"]), ...spans("snippet", snippet, ["l'Ukraine"])],
        alsoReportedBy:
          i % 4 === 0 ? [{ source: OUTLETS[(i + 1) % OUTLETS.length] ?? "AFP", link: null }] : [],
        topics: [],
      }),
    );
  }
  return {
    kind: "digest",
    heading: "Digest russie-usa · 28 nov.",
    body: null,
    entries,
    footer: "Wirewatch · russie-usa · 60 entries",
    mentions,
    ephemeral: false,
  };
}

export const HOSTILE_TEXT =
  "<!channel> <!here> <@U123> @everyone @here <@&123> <#C123> <https://evil.test|https://bank.test> " +
  "[bank](https://evil.test) *bold* _italic_ ~strike~ `code` > quote # heading ||spoiler|| & co";

/** (3) Every trick a feed could try in the title, the summary, the source name and the links. */
export function hostileAlert(mentions: Mention[]): Message {
  return {
    kind: "alert",
    heading: "Alert <!channel> @everyone",
    body: null,
    entries: [
      entry({
        title: `Breaking ${HOSTILE_TEXT}`,
        link: "javascript:alert(document.cookie)",
        source: "Evil <!here> *Feed*",
        time: "2026-11-28T13:05:00.000Z",
        localTime: null,
        snippet: `Summary ${HOSTILE_TEXT} javascript:alert(1)`,
        highlights: [{ field: "snippet", start: 0, end: 7 }],
        alsoReportedBy: [
          { source: "<@U999> data", link: "data:text/html,<script>alert(1)</script>" },
          { source: "file", link: "file:///etc/passwd" },
        ],
        topics: ["@here"],
      }),
    ],
    footer: "Wirewatch · <!channel>",
    mentions,
    ephemeral: false,
  };
}

export const SLACK_MENTIONS: Mention[] = [{ kind: "role", id: "S0614TZR7" }];
export const DISCORD_MENTIONS: Mention[] = [
  { kind: "role", id: "112233445566778899" },
  { kind: "user", id: "998877665544332211" },
];
