/**
 * Template text → literal and placeholder pieces. `{name}` is a placeholder; `{{` and `}}`
 * are literal braces. Errors carry the line and column inside the template text (1-based,
 * in code points) so `check-config` can point at the typo; every error of a text is
 * reported, not only the first.
 */
import type { Result } from "../errors.ts";
import { PLACEHOLDERS, type Placeholder } from "./template.ts";

export type TemplatePiece = { kind: "literal"; text: string } | { kind: "placeholder"; name: Placeholder };

export interface TemplateError {
  line: number;
  column: number;
  message: string;
}

const KNOWN = new Set<string>(PLACEHOLDERS);
const LIST = PLACEHOLDERS.map((p) => `{${p}}`).join(" ");

export function parseTemplate(text: string): Result<TemplatePiece[], TemplateError[]> {
  const pieces: TemplatePiece[] = [];
  const errors: TemplateError[] = [];
  const chars = [...text];
  let literal = "";
  let line = 1;
  let column = 1;
  const flush = () => {
    if (literal !== "") pieces.push({ kind: "literal", text: literal });
    literal = "";
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    const at = { line, column };
    if (ch === "{" && chars[i + 1] === "{") {
      literal += "{";
      i++;
      column += 2;
      continue;
    }
    if (ch === "}" && chars[i + 1] === "}") {
      literal += "}";
      i++;
      column += 2;
      continue;
    }
    if (ch === "}") {
      errors.push({ ...at, message: "a lone } (write }} for a literal brace)" });
      column++;
      continue;
    }
    if (ch === "{") {
      const close = chars.indexOf("}", i + 1);
      const newline = chars.indexOf("\n", i + 1);
      if (close < 0 || (newline >= 0 && newline < close)) {
        errors.push({ ...at, message: "a { that is not closed (write {{ for a literal brace)" });
        column++;
        continue;
      }
      const name = chars.slice(i + 1, close).join("");
      if (KNOWN.has(name)) {
        flush();
        pieces.push({ kind: "placeholder", name: name as Placeholder });
      } else {
        errors.push({ ...at, message: `unknown placeholder {${name}}; expected one of ${LIST}` });
      }
      column += close - i + 1;
      i = close;
      continue;
    }
    literal += ch;
    if (ch === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  flush();
  return errors.length > 0 ? { ok: false, error: errors } : { ok: true, value: pieces };
}

/** "at column 7" on one-line templates, "at line 2, column 7" on longer ones. */
export function formatTemplateError(error: TemplateError, text: string): string {
  const where = text.includes("\n") ? `line ${error.line}, column ${error.column}` : `column ${error.column}`;
  return `at ${where}: ${error.message}`;
}

/** The pieces of text already checked by `check-config`; a text that fails is shown as it is. */
export function templatePieces(text: string): TemplatePiece[] {
  const parsed = parseTemplate(text);
  return parsed.ok ? parsed.value : [{ kind: "literal", text }];
}
