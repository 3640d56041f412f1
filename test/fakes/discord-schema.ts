/**
 * Validates Discord message bodies the way the real API would reject them: against the
 * `MessageCreateRequest` / `MessageEditRequestPartial` schemas of Discord's OpenAPI 3.1
 * spec (../shared/corpora, MIT) with ajv's 2020-12 draft, plus the documented limits the
 * spec does not express (content 2,000, 6,000 characters of embed text per message).
 *
 * Only the schemas reachable from the two request schemas are compiled (all 539 take
 * seconds). Returns null when the corpus is absent, after saying so once.
 */
import { existsSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { corporaDir, corpus } from "../support/corpora.ts";

export type DiscordBodyKind = "create" | "edit";
export type DiscordValidator = (kind: DiscordBodyKind, body: unknown) => string[];

const SCHEMAS: Record<DiscordBodyKind, string> = {
  create: "MessageCreateRequest",
  edit: "MessageEditRequestPartial",
};

let cached: DiscordValidator | null | undefined;

export function discordValidator(): DiscordValidator | null {
  if (cached !== undefined) return cached;
  const path = corporaDir === null ? null : corpus("specs", "discord-api-spec", "specs", "openapi.json");
  if (path === null || !existsSync(path)) {
    console.log("# discord fake: ../shared/corpora absent, message bodies are not validated");
    cached = null;
    return cached;
  }
  const doc = JSON.parse(readFileSync(path, "utf8")) as { components: { schemas: Record<string, unknown> } };
  const all = doc.components.schemas;
  const picked: Record<string, unknown> = {};
  const visit = (name: string) => {
    if (name in picked || !(name in all)) return;
    picked[name] = all[name];
    for (const ref of JSON.stringify(all[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (ref[1] !== undefined) visit(ref[1]);
    }
  };
  for (const name of Object.values(SCHEMAS)) visit(name);
  // The spec uses formats and keywords ajv does not know (snowflake, int64, nonce).
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: "discord-openapi", components: { schemas: picked } });
  const validators = {
    create: ajv.compile({ $ref: `discord-openapi#/components/schemas/${SCHEMAS.create}` }),
    edit: ajv.compile({ $ref: `discord-openapi#/components/schemas/${SCHEMAS.edit}` }),
  };
  cached = (kind, body) => {
    const validate = validators[kind];
    const problems = validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`);
    return [...problems, ...documentedLimits(kind, body)];
  };
  return cached;
}

interface Embed {
  title?: string;
  description?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string };
}

/** message.mdx: content ≤ 2,000; the sum of embed texts ≤ 6,000 (counted trimmed). */
function documentedLimits(kind: DiscordBodyKind, body: unknown): string[] {
  const problems: string[] = [];
  if (typeof body !== "object" || body === null) return ["body is not an object"];
  const { content, embeds } = body as { content?: unknown; embeds?: unknown };
  if (typeof content === "string" && [...content].length > 2000) problems.push("/content longer than 2000");
  if (Array.isArray(embeds)) {
    let total = 0;
    const len = (s: string | undefined) => [...(s ?? "").trim()].length;
    for (const e of embeds as Embed[]) {
      total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
      for (const f of e.fields ?? []) total += len(f.name) + len(f.value);
    }
    if (total > 6000) problems.push(`/embeds total text ${total} > 6000`);
  }
  const hasContent = typeof content === "string" && content.trim() !== "";
  if (kind === "create" && !hasContent && !(Array.isArray(embeds) && embeds.length > 0)) {
    problems.push("message has neither content nor embeds");
  }
  return problems;
}
