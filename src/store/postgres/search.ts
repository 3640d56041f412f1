/**
 * Candidate search over a `tsvector` of folded text (`simple` config: no stemming, no
 * stop words), GIN-indexed. Folding happens in TypeScript on insert and on the query,
 * so it matches the SQLite backend token for token.
 */
import type { Store } from "../../core/ports.ts";
import { toItem } from "../rows.ts";
import { foldSearchText, parseSearchTerms, tsQuery } from "../search-text.ts";
import { ITEM_SELECT } from "../shared-sql.ts";
import type { PgDb } from "./db.ts";

const FILTERS = "($1::text IS NULL OR sort_at >= $1) AND ($2::text IS NULL OR source_key = $2)";

export function pgSearch(db: PgDb): Pick<Store, "searchItems"> {
  return {
    async searchItems(query) {
      const terms = parseSearchTerms(query.terms);
      const source = query.source === null ? null : foldSearchText(query.source);
      const rows =
        terms.length === 0
          ? await db.rows(
              `SELECT ${ITEM_SELECT} FROM items WHERE ${FILTERS} ORDER BY sort_at DESC, id DESC LIMIT $3`,
              [query.since, source, query.limit],
            )
          : await db.rows(
              `SELECT ${ITEM_SELECT} FROM items WHERE ${FILTERS} AND search_vec @@ to_tsquery('simple', $4)
               ORDER BY sort_at DESC, id DESC LIMIT $3`,
              [query.since, source, query.limit, tsQuery(terms)],
            );
      return rows.map(toItem);
    },
  };
}
