/**
 * Candidate search over FTS5. The index holds folded text (search-text.ts) and the
 * tokenizer is `unicode61 remove_diacritics 2`, so "Etats-Unis", "états unis" and
 * "ÉTATS-UNIS" are the same two tokens. The caller re-checks candidates with the rule
 * engine; this only has to never miss one and to be fast.
 */
import type Database from "better-sqlite3";
import type { Store } from "../../core/ports.ts";
import { type Row, toItem } from "../rows.ts";
import { foldSearchText, fts5Query, parseSearchTerms } from "../search-text.ts";

const FILTERS = "(@since IS NULL OR i.sort_at >= @since) AND (@source IS NULL OR i.source_key = @source)";

export function sqliteSearch(db: Database.Database): Pick<Store, "searchItems"> {
  const plain = db.prepare(
    `SELECT i.* FROM items i WHERE ${FILTERS} ORDER BY i.sort_at DESC, i.id DESC LIMIT @limit`,
  );
  const matching = db.prepare(`SELECT i.* FROM items_fts f JOIN items i ON i.id = f.rowid
    WHERE items_fts MATCH @match AND ${FILTERS} ORDER BY i.sort_at DESC, i.id DESC LIMIT @limit`);

  return {
    async searchItems(query) {
      const terms = parseSearchTerms(query.terms);
      const params = {
        since: query.since,
        source: query.source === null ? null : foldSearchText(query.source),
        limit: query.limit,
      };
      const rows =
        terms.length === 0 ? plain.all(params) : matching.all({ ...params, match: fts5Query(terms) });
      return (rows as Row[]).map(toItem);
    },
  };
}
