import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Message } from "../message.ts";
import type { StoryRecord } from "../ports.ts";
import { createTermStats, storySignature } from "./story.ts";
import { decideStory, grownStory, type ItemReport, openStory, storyEditMessage } from "./story-update.ts";

const stats = createTermStats();
const SEED = "La Russie et les États-Unis conviennent de coopérer sur le conflit en Ukraine";

function report(source: string, title: string, link: string | null, topics = ["russia-us"]): ItemReport {
  return { source, title, link, topics, signature: storySignature({ title, summary: "", lang: "fr" }) };
}

function story(lead: ItemReport, outboxId = 1): StoryRecord {
  return { ...openStory(lead), outboxId, destination: "console", signature: lead.signature, createdAt: "" };
}

describe("decideStory: what a channel sees for a second report", () => {
  const rfi = report("RFI", SEED, "https://rfi.test/a");
  const stories = [story(rfi)];

  it("another outlet's report of the same event updates the alert", () => {
    const f24 = report("France 24", `Ukraine : ${SEED}`, "https://f24.test/b");
    assert.equal(decideStory(f24, stories, "thread", stats).kind, "update");
    assert.equal(decideStory(f24, stories, "edit", stats).kind, "update");
  });

  it("with storyUpdates: post every report is a new alert", () => {
    const f24 = report("France 24", `Ukraine : ${SEED}`, "https://f24.test/b");
    assert.deepEqual(decideStory(f24, stories, "post", stats), { kind: "post", reason: "posts_only" });
  });

  it("the same outlet with another link is a new alert, whatever the words", () => {
    const again = report("RFI", SEED, "https://rfi.test/update-1");
    assert.deepEqual(decideStory(again, stories, "thread", stats), { kind: "post", reason: "same_outlet" });
  });

  it("the same link already shown is the same item: nothing new to show", () => {
    const republished = report("RFI", `UPDATE 1-${SEED}`, "https://rfi.test/a");
    assert.equal(decideStory(republished, stories, "thread", stats).kind, "same_item");
  });

  it("the same link matching a topic the story does not name is that topic's alert", () => {
    const republished = report("RFI", SEED, "https://rfi.test/a", ["russia-us", "ukraine"]);
    assert.deepEqual(decideStory(republished, stories, "thread", stats), {
      kind: "post",
      reason: "new_topic",
    });
  });

  it("a topic the story's alert does not name gets its own alert, never only an edit", () => {
    const f24 = report("France 24", `Ukraine : ${SEED}`, "https://f24.test/b", ["ukraine"]);
    assert.deepEqual(decideStory(f24, stories, "thread", stats), { kind: "post", reason: "new_topic" });
  });

  it("stored signatures of another format never match", () => {
    const old = { ...story(rfi), signature: [1, 2, 3] };
    const f24 = report("France 24", `Ukraine : ${SEED}`, "https://f24.test/b");
    assert.deepEqual(decideStory(f24, [old], "thread", stats), { kind: "post", reason: "new_story" });
  });
});

describe("storyEditMessage", () => {
  const entry = {
    title: SEED,
    link: "https://rfi.test/a",
    source: "RFI",
    time: null,
    localTime: null,
    snippet: "",
    highlights: [],
    alsoReportedBy: [],
    topics: ["russia-us"],
  };
  const lead: Message = {
    kind: "alert",
    heading: "Alert · russia-us",
    body: null,
    entries: [entry],
    footer: null,
    mentions: [{ kind: "here", id: "" } as never],
    ephemeral: false,
  };

  it("lists each later report with its own headline and link, from the lead and the record", () => {
    const first = report("RFI", SEED, "https://rfi.test/a");
    const second = report("France 24", "Russie et États-Unis : accord", "https://f24.test/b", ["ukraine"]);
    const state = grownStory(openStory(first), second);
    const edited = storyEditMessage(lead, state);
    assert.deepEqual(edited.entries[0]?.alsoReportedBy, [
      { source: "France 24", title: "Russie et États-Unis : accord", link: "https://f24.test/b" },
    ]);
    assert.equal(edited.heading, "Alert · russia-us, ukraine");
    assert.deepEqual(edited.mentions, lead.mentions, "the message reads as posted; edits ping nobody");
  });

  it("keeps the lead's template and image, so the edited alert keeps its layout", () => {
    const template = { name: "brief", slack: { section: "{title}\n{also}" } };
    const templated: Message = {
      ...lead,
      template,
      entries: [{ ...entry, image: "https://img.test/a.jpg" }],
    };
    const state = grownStory(
      openStory(report("RFI", SEED, "https://rfi.test/a")),
      report("AFP", "x", "https://afp.test/c"),
    );
    const edited = storyEditMessage(templated, state);
    assert.deepEqual(edited.template, template);
    assert.equal(edited.entries[0]?.image, "https://img.test/a.jpg");
  });

  it("names outlets of records kept before reports were", () => {
    const edited = storyEditMessage(lead, { sources: ["RFI", "AFP"], topics: ["russia-us"], reports: [] });
    assert.deepEqual(edited.entries[0]?.alsoReportedBy, [{ source: "AFP", link: null, title: null }]);
  });
});
