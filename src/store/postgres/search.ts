/**
 * Candidate search over a `tsvector` of the rule engine's tokens (`simple` config: no
 * stemming, no stop words), GIN-indexed, so it matches the SQLite backend token for token.
 *
 * Two steps, because the planner cannot know how many items a term hits:
 * 1. test the newest `window` items (time index, filters applied): when `limit` of them
 *    match, they are the answer — the usual case for common words, a few rows read;
 * 2. otherwise hits are rare: fetch them all through the GIN index (bitmap scan, forced)
 *    and keep the newest.
 * Left to itself the planner walks the time index for every query, which for a word no
 * item contains reads all 100,000 rows (1–2 s in bench/search.ts).
 */
import type { SearchQuery } from "../../core/ports.ts";
import { toItem } from "../rows.ts";
import { foldSearchText, parseSearchTerms, tsQuery } from "../search-text.ts";
import { ITEM_SELECT, visibleTo } from "../shared-sql.ts";
import type { Store } from "../store.ts";
import type { PgDb } from "./db.ts";

const WINDOW = 1000;
const FILTERS = `($1::text IS NULL OR sort_at >= $1) AND ($2::text IS NULL OR source_key = $2) AND ${visibleTo("$5")}`;
const MATCH = "search_vec @@ to_tsquery('simple', $4)";
const NEWEST = "ORDER BY sort_at DESC, id DESC";

export function pgSearch(db: PgDb, window = WINDOW): Pick<Store, "searchItems" | "countItems"> {
  async function matching(query: SearchQuery, source: string | null, match: string) {
    const params = [query.since, source, query.limit, match, query.tenant ?? null];
    const recent = await db.rows(
      `SELECT ${ITEM_SELECT} FROM (SELECT * FROM items WHERE ${FILTERS} ${NEWEST} LIMIT ${window}) w
       WHERE ${MATCH} ${NEWEST} LIMIT $3`,
      params,
    );
    if (recent.length >= query.limit) return recent;
    return db.tx(async (q) => {
      await q.run("SET LOCAL enable_seqscan = off");
      await q.run("SET LOCAL enable_indexscan = off");
      return q.rows(
        `SELECT ${ITEM_SELECT} FROM items WHERE ${MATCH} AND ${FILTERS} ${NEWEST} LIMIT $3`,
        params,
      );
    });
  }

  return {
    async countItems(query, cap) {
      const terms = parseSearchTerms(query.terms);
      const source = query.source === null ? null : foldSearchText(query.source);
      const match = terms.length === 0 ? "AND $4::text = ''" : `AND search_vec @@ to_tsquery('simple', $4)`;
      const tenant = query.tenant ?? null;
      const row = await db.one(
        `SELECT count(*) AS n FROM (SELECT 1 FROM items WHERE ${FILTERS} ${match} LIMIT $3) s`,
        // $4 is always sent so that $5 has its place ('' and unused without terms).
        [query.since, source, cap, terms.length === 0 ? "" : tsQuery(terms), tenant],
      );
      return Number(row?.n ?? 0);
    },
    async searchItems(query) {
      const terms = parseSearchTerms(query.terms);
      const source = query.source === null ? null : foldSearchText(query.source);
      const rows =
        terms.length === 0
          ? await db.rows(
              `SELECT ${ITEM_SELECT} FROM items WHERE ${FILTERS} AND $4::text IS NULL ${NEWEST} LIMIT $3`,
              [query.since, source, query.limit, null, query.tenant ?? null],
            )
          : await matching(query, source, tsQuery(terms));
      return rows.map(toItem);
    },
  };
}
