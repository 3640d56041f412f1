/**
 * Candidate search over a `tsvector` of the rule engine's tokens (`simple` config: no
 * stemming, no stop words), GIN-indexed, so it matches the SQLite backend token for token.
 *
 * Two plans, because the planner cannot know how many items a term hits:
 * - sparse: look the hits up in the GIN index (at most `SPARSE_HITS` + 1 of them), sort
 *   them by time in memory — fast when hits are few, and a word with no hit costs nothing;
 * - dense (more hits than that): walk the time index newest first and test each row —
 *   it finds `limit` hits after a few rows exactly because hits are many.
 * Left to itself the planner walks the time index for every query, which for a word no
 * item contains reads all 100,000 rows (1–2 s in bench/search.ts).
 */
import type { SearchQuery, Store } from "../../core/ports.ts";
import { num, toItem } from "../rows.ts";
import { foldSearchText, parseSearchTerms, tsQuery } from "../search-text.ts";
import { ITEM_SELECT } from "../shared-sql.ts";
import type { PgDb } from "./db.ts";

const SPARSE_HITS = 4000;
const FILTERS = "($1::text IS NULL OR sort_at >= $1) AND ($2::text IS NULL OR source_key = $2)";
const MATCH = "search_vec @@ to_tsquery('simple', $4)";
const NEWEST = "ORDER BY sort_at DESC, id DESC";

export function pgSearch(db: PgDb, sparseHits = SPARSE_HITS): Pick<Store, "searchItems"> {
  // Bitmap scans only: the capped hit list must come from the GIN index, not a table walk.
  async function sparse(params: unknown[]): Promise<{ ids: number[]; capped: boolean }> {
    return db.tx(async (q) => {
      await q.run("SET LOCAL enable_seqscan = off");
      await q.run("SET LOCAL enable_indexscan = off");
      const rows = await q.rows(
        `WITH hits AS MATERIALIZED (SELECT id, sort_at FROM items WHERE ${MATCH} AND ${FILTERS} LIMIT ${sparseHits + 1})
         SELECT id, (SELECT count(*) FROM hits) AS n FROM hits ${NEWEST} LIMIT $3`,
        params,
      );
      return { ids: rows.map((r) => num(r.id)), capped: num(rows[0]?.n ?? 0) > sparseHits };
    });
  }

  async function matching(query: SearchQuery, source: string | null, match: string) {
    const params = [query.since, source, query.limit, match];
    const hits = await sparse(params);
    if (!hits.capped) {
      if (hits.ids.length === 0) return [];
      return db.rows(`SELECT ${ITEM_SELECT} FROM items WHERE id = ANY($1::bigint[]) ${NEWEST}`, [hits.ids]);
    }
    return db.tx(async (q) => {
      await q.run("SET LOCAL enable_bitmapscan = off");
      return q.rows(
        `SELECT ${ITEM_SELECT} FROM items WHERE ${FILTERS} AND ${MATCH} ${NEWEST} LIMIT $3`,
        params,
      );
    });
  }

  return {
    async searchItems(query) {
      const terms = parseSearchTerms(query.terms);
      const source = query.source === null ? null : foldSearchText(query.source);
      const rows =
        terms.length === 0
          ? await db.rows(`SELECT ${ITEM_SELECT} FROM items WHERE ${FILTERS} ${NEWEST} LIMIT $3`, [
              query.since,
              source,
              query.limit,
            ])
          : await matching(query, source, tsQuery(terms));
      return rows.map(toItem);
    },
  };
}
