/**
 * Templated alerts behind the template golden files: a hostile item (every trick a feed
 * could try, in every placeholder's value) under templates that use every placeholder on
 * both platforms, with and without its image, and an oversized item for the limits.
 */
import type { Message, MessageEntry } from "../../src/core/message.ts";
import type { AlertTemplate } from "../../src/core/templates/template.ts";
import type { Mention } from "../../src/core/topic.ts";
import { HOSTILE_TEXT } from "./messages.ts";

/** Every placeholder, in every part; the literal text (trusted configuration) uses markup. */
export const FULL_TEMPLATE: AlertTemplate = {
  name: "newsroom",
  slack: {
    header: "📰 {topics}: {title}",
    section: "*{title}*\n{summary}\n{also}\nLink: {link} · image {image}",
    context: "{source} · {time} · by {author} · {lang}",
  },
  discord: {
    content: "**{topics}** · {source}\n{link}",
    title: "{title}",
    description: "{summary}\n\n{also}\n{image}",
    footer: "{source} · {time} · {lang}",
    author: "{author}",
    colour: 0xc0392b,
  },
};

export function withImage(
  template: AlertTemplate,
  slack: "accessory" | "none",
  discord: "thumbnail" | "image" | "none",
): AlertTemplate {
  return {
    ...template,
    slack: { ...template.slack, image: slack },
    discord: { ...template.discord, image: discord },
  };
}

function hostileEntry(): MessageEntry {
  return {
    title: `# Breaking ${HOSTILE_TEXT}`,
    link: "https://news.example/story?id=1&ref=<!channel>",
    source: "Evil <!here> *Feed* @everyone",
    time: "2026-11-28T13:05:00.000Z",
    localTime: "28 Nov 14:05 CET",
    snippet: `> ${HOSTILE_TEXT} [x](http://evil.test) <http://evil.test|bank>`,
    highlights: [{ field: "snippet", start: 2, end: 11 }],
    alsoReportedBy: [
      { source: "<@U999> Daily", link: "https://other.example/a", title: "[x](http://evil.test) <@123>" },
      { source: "@here Wire", link: "javascript:alert(1)", title: "<!channel> copy" },
      { source: "Plain Outlet", link: null },
    ],
    topics: ["@here", "<!channel>"],
    image: "https://img.example/@everyone/photo.jpg?w=600&h=400",
    author: "<@123> [x](http://evil) <http://evil|bank> @everyone <!channel>",
    lang: "<!here>",
  };
}

export function hostileTemplated(template: AlertTemplate, mentions: Mention[]): Message {
  return {
    kind: "alert",
    heading: "Alert · @here",
    body: null,
    entries: [hostileEntry()],
    footer: null,
    mentions,
    ephemeral: false,
    template,
  };
}

/** The item with an http: (not https) image: no image may be shown. */
export function insecureImage(template: AlertTemplate | null, mentions: Mention[]): Message {
  const message = hostileTemplated(FULL_TEMPLATE, mentions);
  const [entry] = message.entries;
  return {
    ...message,
    template,
    entries: entry ? [{ ...entry, image: "http://img.example/photo.jpg" }] : [],
  };
}

/** Oversized values in every placeholder, each used several times. */
export function oversized(mentions: Mention[]): Message {
  const long = (word: string) => `${word} & <x> `.repeat(2000);
  const repeat = (text: string) => `${text} ${text} ${text}`;
  const every = "{title} {link} {source} {summary} {topics} {time} {author} {image} {lang} {also}";
  return {
    ...hostileTemplated(
      {
        name: "huge",
        slack: { header: repeat(every), section: repeat(every), context: repeat(every) },
        discord: {
          content: repeat(every),
          title: repeat(every),
          description: repeat(every),
          footer: repeat(every),
          author: repeat(every),
        },
      },
      mentions,
    ),
    footer: long("footer"),
    entries: [
      {
        ...hostileEntry(),
        title: long("title"),
        snippet: long("summary"),
        source: long("source"),
        author: long("author"),
        topics: Array.from({ length: 200 }, (_, i) => `topic-${i}`),
        alsoReportedBy: Array.from({ length: 40 }, (_, i) => ({
          source: `Outlet ${i} <!here>`,
          link: `https://outlet${i}.example/${"p".repeat(500)}`,
          title: long("report").slice(0, 900),
        })),
      },
    ],
  };
}
