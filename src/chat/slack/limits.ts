import type { SlackBlock, SlackPayload } from "./render.ts";

/**
 * Slack's limits, from `../shared/corpora/specs/limits.json` (Block Kit reference and
 * python-slack-sdk). `blockTextPerMessage` is not documented: Slack answers
 * `msg_blocks_too_long` somewhere around 13,200 characters of block text depending on the
 * block mix, so we stay at 12,000.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  blockTextPerMessage: 12_000,
  /** An image element's `image_url` and `alt_text` (Block Kit reference). */
  imageUrl: 3000,
  altText: 2000,
  /** Slack truncates the top-level `text` after 40,000 characters. */
  fallbackText: 40_000,
  /** Buttons: label, `value` and `action_id` (Block Kit reference, button element). */
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
} as const;

/** Characters of text a block carries, as Slack counts them against the message. */
export function blockTextLength(block: SlackBlock): number {
  return blockText(block).length;
}

function blockText(block: SlackBlock): string {
  switch (block.type) {
    case "header":
    case "section":
      return block.text.text;
    case "context":
      return block.elements.map((e) => e.text).join("");
    case "divider":
      return "";
    case "actions":
      return block.elements.map((e) => e.text.text).join("");
  }
}

/** Every limit a payload breaks, as readable strings; empty when it is within all of them. */
export function slackLimitViolations(payload: SlackPayload): string[] {
  const problems: string[] = [];
  const { blocks } = payload;
  if (blocks.length > SLACK_LIMITS.blocksPerMessage) problems.push(`${blocks.length} blocks`);
  if (payload.text.length > SLACK_LIMITS.fallbackText) problems.push(`text of ${payload.text.length}`);
  if (payload.text.trim() === "") problems.push("empty fallback text");
  let total = 0;
  blocks.forEach((block, i) => {
    const length = blockTextLength(block);
    total += length;
    if (block.type === "header" && length > SLACK_LIMITS.headerText) problems.push(`header ${i}: ${length}`);
    if (block.type === "section" && length > SLACK_LIMITS.sectionText)
      problems.push(`section ${i}: ${length}`);
    if (block.type === "section" && block.accessory !== undefined) {
      const { image_url: url, alt_text: alt } = block.accessory;
      if (!url.startsWith("https://") || url.length > SLACK_LIMITS.imageUrl)
        problems.push(`image ${i}: ${url}`);
      if (alt.trim() === "" || alt.length > SLACK_LIMITS.altText) problems.push(`image ${i}: alt text`);
    }
    if (block.type === "context" && block.elements.length > SLACK_LIMITS.contextElements) {
      problems.push(`context ${i}: ${block.elements.length} elements`);
    }
    if (block.type !== "divider" && blockText(block).trim() === "") problems.push(`block ${i}: empty text`);
    if (block.type === "actions") {
      if (block.elements.length > SLACK_LIMITS.actionsElements) problems.push(`actions ${i}: too many`);
      for (const b of block.elements) {
        if (b.text.text.length > SLACK_LIMITS.buttonText) problems.push(`actions ${i}: label ${b.text.text}`);
        if (b.value.length > SLACK_LIMITS.buttonValue) problems.push(`actions ${i}: value ${b.value.length}`);
        if (b.action_id.length > SLACK_LIMITS.actionId) problems.push(`actions ${i}: action_id`);
      }
    }
  });
  if (total > SLACK_LIMITS.blockTextPerMessage) problems.push(`block text ${total}`);
  return problems;
}
