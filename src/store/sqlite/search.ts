/**
 * Candidate search over FTS5. The index holds folded text (search-text.ts) and the
 * tokenizer only splits them (`ascii`: migrations-later.ts), so "Etats-Unis", "états unis" and
 * "ÉTATS-UNIS" are the same two tokens. The caller re-checks candidates with the rule
 * engine; this only has to never miss one and to be fast.
 *
 * Three plans, picked by how many items match (counting FTS hits reads no table rows);
 * bench/search.ts measures them on 100,000 items:
 * - sparse (≤ 4,000 hits): look every hit up in a covering index (id → sort_at,
 *   source_key), sort, keep the newest — cost grows with the hits;
 * - dense: walk the time index newest first, keeping rows whose id is in the hit set —
 *   it stops after `limit` hits, but the hit set is built first;
 * - probe (hits are most items): walk the time index and ask FTS about each row; no hit
 *   set at all, and few rows to walk before `limit` hits. Not for prefix terms: FTS5
 *   answers "prefix match AND rowid = ?" slowly (the preview bench's `peun*`, in 94 % of
 *   100,000 items: 2 s for 300 rows, where the dense plan takes 31 ms).
 */
import type Database from "better-sqlite3";
import { type Row, toItem } from "../rows.ts";
import { foldSearchText, fts5Query, parseSearchTerms } from "../search-text.ts";
import type { Store } from "../store.ts";
import type { SqliteSearchIndex } from "./search-index.ts";

/** Above this many hits the dense plan wins over sparse. */
const DENSE_HITS = 4000;

const FILTERS = "(@since IS NULL OR c.sort_at >= @since) AND (@source IS NULL OR c.source_key = @source)";
/**
 * Items of feeds another workspace or guild added are never candidates for a tenant's
 * lookups. Only the tenant's statements carry it: it reads `feed_id`, which the covering
 * index does not hold.
 */
const TENANT = "AND c.feed_id NOT IN (SELECT id FROM feeds WHERE scope IS NOT NULL AND scope <> @tenant)";
const HITS = "SELECT rowid FROM items_fts WHERE items_fts MATCH @match";
const NEWEST = "ORDER BY i.sort_at DESC, i.id DESC";

function rowsOf(ids: string): string {
  return `SELECT i.* FROM items i WHERE i.id IN (${ids}) ${NEWEST}`;
}

/** Newest-first walk of a time index keeping rows that satisfy `hit`. */
function walk(db: Database.Database, hit: string, bySource: boolean, tenant: string) {
  const index = bySource ? "items_source_sort" : "items_sort";
  const source = bySource ? "c.source_key = @source AND" : "";
  return db.prepare(
    rowsOf(`SELECT c.id FROM items c INDEXED BY ${index} WHERE ${source} ${hit}
      AND (@since IS NULL OR c.sort_at >= @since) ${tenant} ORDER BY c.sort_at DESC, c.id DESC LIMIT @limit`),
  );
}

/** The statements of every plan, with or without the tenant filter. */
function plans(db: Database.Database, tenant: string) {
  const filters = `${FILTERS} ${tenant}`;
  const inHits = `c.id IN (${HITS})`;
  const probeHit = "EXISTS (SELECT 1 FROM items_fts f WHERE items_fts MATCH @match AND f.rowid = c.id)";
  return {
    plain: db.prepare(
      `SELECT i.* FROM items i WHERE ${filters.replaceAll("c.", "i.")} ${NEWEST} LIMIT @limit`,
    ),
    sparse: db.prepare(
      rowsOf(`SELECT c.id FROM items_fts f JOIN items c INDEXED BY items_search_cover ON c.id = f.rowid
      WHERE items_fts MATCH @match AND ${filters} ORDER BY c.sort_at DESC, c.id DESC LIMIT @limit`),
    ),
    dense: [walk(db, inHits, false, tenant), walk(db, inHits, true, tenant)] as const,
    probe: [walk(db, probeHit, false, tenant), walk(db, probeHit, true, tenant)] as const,
    // Counting reads the time index, or the FTS hits and the covering index: no item row.
    countPlain: db.prepare(
      `SELECT count(*) AS n FROM (SELECT 1 FROM items i WHERE ${filters.replaceAll("c.", "i.")} LIMIT @cap)`,
    ),
    countHits: db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM items_fts f
    JOIN items c INDEXED BY items_search_cover ON c.id = f.rowid
    WHERE items_fts MATCH @match AND ${filters} LIMIT @cap)`),
  };
}

export function sqliteSearch(
  db: Database.Database,
  searchIndex: SqliteSearchIndex,
  denseHits = DENSE_HITS,
): Pick<Store, "searchItems" | "countItems"> {
  const count = db.prepare(`SELECT count(*) AS n FROM items_fts WHERE items_fts MATCH @match`);
  const all = plans(db, "");
  const tenants = plans(db, TENANT);
  // Ids are never reused (AUTOINCREMENT): the span bounds the item count, good enough to pick a plan.
  // Two subqueries, so each uses SQLite's O(1) min/max lookup.
  const span = db.prepare(
    "SELECT coalesce((SELECT max(id) FROM items) - (SELECT min(id) FROM items) + 1, 0) AS n",
  );
  const pick = (tenant: string | null | undefined) =>
    tenant == null ? { set: all, extra: {} } : { set: tenants, extra: { tenant } };

  return {
    async countItems(query, cap) {
      searchIndex.flush();
      const terms = parseSearchTerms(query.terms);
      const { set, extra } = pick(query.tenant);
      const params = {
        since: query.since,
        source: query.source === null ? null : foldSearchText(query.source),
        cap,
        ...extra,
      };
      const stmt = terms.length === 0 ? set.countPlain : set.countHits;
      return (stmt.get(terms.length === 0 ? params : { ...params, match: fts5Query(terms) }) as { n: number })
        .n;
    },
    async searchItems(query) {
      searchIndex.flush();
      const terms = parseSearchTerms(query.terms);
      const { set, extra } = pick(query.tenant);
      const { plain, sparse, dense, probe } = set;
      const params = {
        since: query.since,
        source: query.source === null ? null : foldSearchText(query.source),
        limit: query.limit,
        ...extra,
      };
      if (terms.length === 0) return (plain.all(params) as Row[]).map(toItem);
      const match = fts5Query(terms);
      const hits = (count.get({ match }) as { n: number }).n;
      if (hits === 0) return [];
      const bySource = params.source === null ? 0 : 1;
      const prefix = terms.some((t) => t.prefix);
      const stmt =
        hits <= denseHits
          ? sparse
          : prefix || hits * 2 < (span.get() as { n: number }).n
            ? dense[bySource]
            : probe[bySource];
      return (stmt.all({ ...params, match }) as Row[]).map(toItem);
    },
  };
}
