/**
 * The prolog's DOCTYPE, read before any XML parser sees the document. It is always
 * dropped (a DTD is never fetched); its internal subset's entity declarations decide:
 *
 * - a general entity with a plain literal value (`<!ENTITY id "tag:example.com,">`: no `&`,
 *   `%` or `<` in it, at most 1 KiB, at most 64 of them) is expanded by the pre-flight, with
 *   the total expansion capped at 1 MiB: it cannot nest, so it cannot explode;
 * - an external parameter entity (`<!ENTITY % HTMLlat1 PUBLIC … "xhtml-lat1.ent">`, how
 *   XHTML DTD modules are pulled in) is ignored: nothing is ever fetched;
 * - anything else is refused: an external general entity is the shape of an XXE read, and a
 *   value that references other entities (or a parameter entity with a value) is how entity
 *   bombs ("billion laughs") start. No honest feed needs either.
 *
 * Scans are linear: indexOf over the prolog and sticky regexes over single declarations.
 */
import { FeedError } from "../../core/errors.ts";

export interface DeclaredEntities {
  get(name: string): string | undefined;
  /** Counts expanded characters; throws once the cap is passed. */
  spend(chars: number): void;
}

const MAX_VALUE = 1024;
const MAX_DECLARED = 64;
const MAX_EXPANSION = 1 << 20;
const DECLARATION =
  /<!ENTITY\s+(%\s+)?([A-Za-z_][\w.-]{0,63})\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\s[^>]*))\s*>/iy;

/** Past the whitespace, processing instructions and comments at `from`; -1 when one is unterminated. */
export function skipMisc(text: string, from: number): number {
  let at = from;
  for (;;) {
    while (at < text.length && /\s/.test(text.charAt(at))) at++;
    const comment = text.startsWith("<!--", at);
    if (!comment && !text.startsWith("<?", at)) return at;
    const end = text.indexOf(comment ? "-->" : "?>", at + 2);
    if (end < 0) return -1;
    at = end + (comment ? 3 : 2);
  }
}

const refuse = (why: string) => new FeedError("malformed", `the DOCTYPE ${why} (refused: entity expansion)`);

function declaredEntities(subset: string): DeclaredEntities {
  const values = new Map<string, string>();
  for (let at = subset.search(/<!ENTITY/i); at >= 0; ) {
    DECLARATION.lastIndex = at;
    const m = DECLARATION.exec(subset);
    if (m === null) throw refuse("has an entity declaration it cannot check");
    const [whole, parameter, name = "", double, single, external] = m;
    const value = double ?? single;
    if (value !== undefined && (parameter !== undefined || /[&%<]/.test(value) || value.length > MAX_VALUE)) {
      throw refuse("declares an entity whose value could expand");
    }
    if (external !== undefined && parameter === undefined) throw refuse("declares an external entity");
    if (value !== undefined && !values.has(name)) values.set(name, value);
    if (values.size > MAX_DECLARED) throw refuse("declares too many entities");
    const next = subset.slice(at + whole.length).search(/<!ENTITY/i);
    at = next < 0 ? -1 : at + whole.length + next;
  }
  let spent = 0;
  return {
    get: (name) => values.get(name),
    spend(chars) {
      spent += chars;
      if (spent > MAX_EXPANSION) throw refuse("entities expand past 1 MiB");
    },
  };
}

const NONE: DeclaredEntities = { get: () => undefined, spend: () => undefined };

/** The text without its DOCTYPE, and the entities the DOCTYPE declared. */
export function readDoctype(text: string): { text: string; entities: DeclaredEntities } {
  const at = skipMisc(text, 0);
  if (at < 0 || text.slice(at, at + 9).toUpperCase() !== "<!DOCTYPE") return { text, entities: NONE };
  // The internal subset, when present, is `[ … ]` before the closing `>`.
  const bracket = text.indexOf("[", at);
  const close = text.indexOf(">", at);
  if (close < 0) throw new FeedError("malformed", "unterminated DOCTYPE");
  if (bracket < 0 || bracket > close)
    return { text: text.slice(0, at) + text.slice(close + 1), entities: NONE };
  const subsetEnd = text.indexOf("]", bracket);
  if (subsetEnd < 0) throw new FeedError("malformed", "unterminated DOCTYPE internal subset");
  const end = text.indexOf(">", subsetEnd);
  if (end < 0) throw new FeedError("malformed", "unterminated DOCTYPE");
  const entities = declaredEntities(text.slice(bracket + 1, subsetEnd));
  return { text: text.slice(0, at) + text.slice(end + 1), entities };
}
