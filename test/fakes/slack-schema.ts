/**
 * Checks Slack `chat.postMessage` / `chat.update` arguments against the Block Kit limits
 * compiled in ../shared/corpora/specs/limits.json (from Slack's docs and
 * python-slack-sdk): 50 blocks, section text 3,000 and 10 fields, header 150 plain_text,
 * context 10 elements, actions 25, block_id 255, button text 75, and the aggregate block
 * text above which Slack answers `msg_blocks_too_long` (we keep a margin: 12,000).
 * Returns null when the corpus is absent, after saying so once.
 */
import { existsSync, readFileSync } from "node:fs";
import { corporaDir, corpus } from "../support/corpora.ts";

export type SlackValidator = (args: Record<string, unknown>) => string[];

interface Limits {
  blocks: number;
  sectionText: number;
  sectionFields: number;
  header: number;
  context: number;
  actions: number;
  blockId: number;
  buttonText: number;
  markdown: number;
  topText: number;
}

/** Observed around 13,200 (bolt-js#2509, varies with the block mix): keep a margin. */
const AGGREGATE_BLOCK_TEXT = 12_000;
const KNOWN_BLOCKS = new Set([
  "section",
  "header",
  "context",
  "divider",
  "actions",
  "image",
  "rich_text",
  "markdown",
]);

let cached: SlackValidator | null | undefined;

export function slackValidator(): SlackValidator | null {
  if (cached !== undefined) return cached;
  const path = corporaDir === null ? null : corpus("specs", "limits.json");
  if (path === null || !existsSync(path)) {
    console.log("# slack fake: ../shared/corpora absent, Block Kit payloads are not validated");
    cached = null;
    return cached;
  }
  const limits = readLimits(JSON.parse(readFileSync(path, "utf8")));
  cached = (args) => validate(args, limits);
  return cached;
}

function readLimits(json: unknown): Limits {
  const slack = (json as { slack: { message_level: { limit: string; value: unknown }[] } }).slack;
  const classes = (
    slack as unknown as { per_class_from_python_slack_sdk: Record<string, Record<string, number>> }
  ).per_class_from_python_slack_sdk;
  const need = (cls: string, key: string): number => {
    const value = classes[cls]?.[key];
    if (typeof value !== "number") throw new Error(`limits.json: ${cls}.${key} missing`);
    return value;
  };
  const perMessage = slack.message_level.find((l) => l.limit === "blocks per message")?.value;
  const topText = slack.message_level.find((l) => l.limit === "top-level text truncated after")?.value;
  return {
    blocks: typeof perMessage === "number" ? perMessage : 50,
    sectionText: need("SectionBlock", "text_max_length"),
    sectionFields: need("SectionBlock", "fields_max_length"),
    header: need("HeaderBlock", "text_max_length"),
    context: need("ContextBlock", "elements_max_length"),
    actions: need("ActionsBlock", "elements_max_length"),
    blockId: need("Block", "block_id_max_length"),
    buttonText: need("ButtonElement", "text_max_length"),
    markdown: need("MarkdownBlock", "text_max_length"),
    topText: typeof topText === "number" ? topText : 40_000,
  };
}

type Block = Record<string, unknown> & { type?: unknown };
type TextObject = { type?: unknown; text?: unknown };

function validate(args: Record<string, unknown>, l: Limits): string[] {
  const problems: string[] = [];
  if ("link_names" in args) problems.push("link_names must never be sent");
  const text = args.text;
  if (typeof text !== "string" || text === "") problems.push("fallback text missing");
  else if (text.length > l.topText) problems.push(`text longer than ${l.topText}`);
  const blocks = args.blocks;
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return [...problems, "blocks is not an array"];
  if (blocks.length > l.blocks) problems.push(`${blocks.length} blocks > ${l.blocks}`);
  let aggregate = 0;
  const textOf = (t: unknown, at: string, max: number, plainOnly = false): void => {
    const obj = t as TextObject;
    if (typeof obj !== "object" || obj === null || typeof obj.text !== "string") {
      problems.push(`${at}: text object expected`);
      return;
    }
    if (obj.type !== "plain_text" && (plainOnly || obj.type !== "mrkdwn"))
      problems.push(`${at}: bad text type`);
    if (obj.text.length > max) problems.push(`${at}: ${obj.text.length} chars > ${max}`);
    if (obj.text.trim() === "") problems.push(`${at}: empty text`);
    aggregate += obj.text.length;
  };
  blocks.forEach((raw: Block, i) => {
    const at = `blocks[${i}]`;
    if (typeof raw?.type !== "string" || !KNOWN_BLOCKS.has(raw.type)) problems.push(`${at}: unknown type`);
    if (typeof raw.block_id === "string" && raw.block_id.length > l.blockId)
      problems.push(`${at}: block_id too long`);
    const elements = Array.isArray(raw.elements) ? (raw.elements as TextObject[]) : [];
    switch (raw.type) {
      case "header":
        textOf(raw.text, `${at}.text`, l.header, true);
        break;
      case "section": {
        if (raw.text !== undefined) textOf(raw.text, `${at}.text`, l.sectionText);
        const fields = Array.isArray(raw.fields) ? raw.fields : [];
        if (fields.length > l.sectionFields) problems.push(`${at}: ${fields.length} fields`);
        for (const [j, f] of fields.entries()) textOf(f, `${at}.fields[${j}]`, 2000);
        if (raw.text === undefined && fields.length === 0) problems.push(`${at}: section without text`);
        break;
      }
      case "context":
        if (elements.length === 0 || elements.length > l.context)
          problems.push(`${at}: ${elements.length} elements`);
        elements.forEach((e, j) => {
          if (e.type !== "image") textOf(e, `${at}.elements[${j}]`, l.sectionText);
        });
        break;
      case "actions":
        if (elements.length > l.actions) problems.push(`${at}: ${elements.length} elements`);
        elements.forEach((e, j) => {
          const t = (e as { text?: TextObject }).text;
          if (t !== undefined) textOf(t, `${at}.elements[${j}].text`, l.buttonText, true);
        });
        break;
      case "markdown":
        if (typeof raw.text !== "string" || raw.text.length > l.markdown)
          problems.push(`${at}: markdown text`);
        else aggregate += raw.text.length;
        break;
    }
  });
  if (aggregate > AGGREGATE_BLOCK_TEXT)
    problems.push(`msg_blocks_too_long: ${aggregate} chars of block text`);
  return problems;
}
