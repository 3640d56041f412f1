/**
 * Template checks that need more than the schema: every text part parses (an unknown
 * placeholder is reported with its column), and every template named in `notify[]` exists.
 * Runs on what can be read of the file, like the other semantic checks.
 */
import { formatTemplateError, parseTemplate } from "../core/templates/parse.ts";
import { DISCORD_TEXT_PARTS, SLACK_TEXT_PARTS } from "../core/templates/template.ts";
import type { ConfigProblem } from "./problems.ts";
import type { ReadableConfig } from "./readable.ts";

type Located = Omit<ConfigProblem, "line">;
type Fields = Record<string, unknown>;

const PARTS = { slack: SLACK_TEXT_PARTS, discord: DISCORD_TEXT_PARTS } as const;

function fields(value: unknown): Fields | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : null;
}

/** The placeholder problems of one template written at `at`. */
export function templateProblems(template: unknown, at: (string | number)[]): Located[] {
  const problems: Located[] = [];
  const root = fields(template);
  if (root === null) return problems;
  for (const platform of ["slack", "discord"] as const) {
    const parts = fields(root[platform]);
    if (parts === null) continue;
    for (const part of PARTS[platform]) {
      const text = parts[part];
      if (typeof text !== "string") continue;
      const parsed = parseTemplate(text);
      if (parsed.ok) continue;
      for (const error of parsed.error)
        problems.push({ path: [...at, platform, part], message: formatTemplateError(error, text) });
    }
  }
  return problems;
}

export function templatesProblems(raw: ReadableConfig): Located[] {
  const problems: Located[] = [];
  for (const [name, template] of Object.entries(raw.templates))
    problems.push(...templateProblems(template, ["templates", name]));
  const names = Object.keys(raw.templates);
  raw.topics.forEach((topic, i) => {
    topic.notify.forEach((n, j) => {
      const at = ["topics", i, "notify", j, "template"];
      if (n.template !== undefined && n.digest !== undefined)
        problems.push({
          path: at,
          message: "templates apply to instant alerts: remove digest: or template:",
        });
      if (typeof n.template !== "string") {
        problems.push(...templateProblems(n.template, at));
        return;
      }
      if (!Object.hasOwn(raw.templates, n.template)) {
        const known = names.length === 0 ? "no templates: are defined" : `known: ${names.join(", ")}`;
        problems.push({ path: at, message: `no template named ${n.template} (${known})` });
      }
    });
  });
  return problems;
}
