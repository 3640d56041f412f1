/**
 * feedparser's 2,106 test documents (kurtmckee/feedparser, BSD-2-Clause) through the
 * same decoder, parser and normaliser the bot uses. Every file must end in a result or
 * a typed FeedError (never a crash); the `Expect:` lines we can translate must pass at
 * or above the measured floor. Per suite (wellformed, entities, encoding, illformed) it
 * prints the common table: refusals by code, item counts against the document's own
 * items (source-oracle.ts), and the translated clauses on titles, links, dates, authors.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import { FeedError } from "../../src/core/errors.ts";
import { decodeBody } from "../../src/feeds/fetch/index.ts";
import { normaliseFeed } from "../../src/feeds/normalise/index.ts";
import { closeParser, parseFeed } from "../../src/feeds/parse/index.ts";
import { corporaSkipReason, corpus } from "../support/corpora.ts";
import { clauseField, evaluate, type Observed, translatable } from "./feedparser-fields.ts";
import { translateExpect } from "./python-expect.ts";
import { sourceItems } from "./source-oracle.ts";
import {
  rate as agreement,
  check,
  FIELDS,
  type Field,
  formatTable,
  newTally,
  refuse,
  refusedTotal,
  type Tally,
} from "./suite-table.ts";

interface Case {
  path: string;
  expect: string;
  suite: string;
  http_headers?: Record<string, string>;
}

/** Measured 2026-12-07: 1,216 of 1,306 translated cases (93.1 %; 90.4 % before issue 12). */
const PASS_RATE_FLOOR = 0.92;
/**
 * Measured 2026-12-07 (docs/feeds-conformance.md). Every document of the wellformed,
 * entities and encoding suites parses (before issue 12: 17 refused); only the illformed
 * suite's empty document and unterminated CDATA are refused. The field columns are floors
 * at the measured agreement: a fix may raise them, nothing may lower them.
 */
const REFUSED_MAX: Record<string, number> = { wellformed: 0, entities: 0, encoding: 0, illformed: 2 };
const FIELD_FLOORS: Record<string, Partial<Record<Field, number>>> = {
  wellformed: { title: 0.96, link: 0.9, date: 0.9, author: 0.86 },
  entities: { title: 1, link: 1 },
};
const COUNT_FLOOR = 0.998;

after(() => closeParser());

async function observe(file: string, contentType: string | null): Promise<Observed> {
  const { text, charset } = decodeBody(readFileSync(file), contentType);
  try {
    const parsed = await parseFeed(text);
    const feed = normaliseFeed(parsed, {
      baseUrl: "http://127.0.0.1:8097/",
      sourceName: null,
    });
    return { ok: true, charset, parsed, feed };
  } catch (error) {
    if (error instanceof FeedError) return { ok: false, charset, code: error.code };
    throw error;
  }
}

test("feedparser conformance corpus", { skip: corporaSkipReason, timeout: 120_000 }, async () => {
  const root = corpus("feeds", "feedparser");
  const cases = JSON.parse(readFileSync(`${root}/expectations.json`, "utf8")) as Case[];
  const crashes: string[] = [];
  const tallies = new Map<string, Tally>();
  const tally = (suite: string): Tally => {
    const found = tallies.get(suite) ?? newTally(`feedparser ${suite}`);
    tallies.set(suite, found);
    return found;
  };
  const failures: string[] = [];
  let translated = 0;
  let passed = 0;
  const started = performance.now();
  const run = async (c: Case) => {
    const headers = c.http_headers ?? {};
    const contentType =
      Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? null;
    let observed: Observed;
    try {
      observed = await observe(`${root}/${c.path}`, contentType);
    } catch (error) {
      crashes.push(`${c.path}: ${String(error)}`);
      return;
    }
    const t = tally(c.suite);
    t.files += 1;
    if (!observed.ok) refuse(t, observed.code);
    else if (observed.parsed.format !== "json") {
      const source = sourceItems(readFileSync(`${root}/${c.path}`, "latin1"));
      check(t.counts, source.length === observed.parsed.entries.length);
    }
    const clauses = translateExpect(c.expect);
    for (const clause of clauses ?? []) {
      const f = clauseField(clause);
      if (f !== null) check(t.fields[f], evaluate([clause], observed));
    }
    if (clauses === null || !translatable(clauses)) return;
    translated += 1;
    if (evaluate(clauses, observed)) passed += 1;
    else failures.push(`${c.path}: ${c.expect}`);
  };
  for (let at = 0; at < cases.length; at += 16) await Promise.all(cases.slice(at, at + 16).map(run));
  const rate = translated === 0 ? 0 : passed / translated;
  console.log(
    `# feedparser: ${cases.length} files, ${crashes.length} crashes, ${translated} translated, ` +
      `${passed} pass (${(rate * 100).toFixed(1)} %), ${cases.length - translated} untranslated, ` +
      `${Math.round(performance.now() - started)} ms`,
  );
  for (const line of formatTable([...tallies.values()])) console.log(`# ${line}`);
  if (process.env.CONFORMANCE_VERBOSE) for (const f of failures) console.log(`#   fail ${f}`);
  assert.deepEqual(crashes, [], "no file may crash the parser");
  assert.equal(cases.length, 2106);
  for (const [suite, t] of tallies) {
    assert.ok(refusedTotal(t) <= (REFUSED_MAX[suite] ?? 0), `${suite}: ${refusedTotal(t)} refused`);
    assert.ok(agreement(t.counts) >= COUNT_FLOOR, `${suite}: item counts agree in ${agreement(t.counts)}`);
    for (const field of FIELDS) {
      const floor = FIELD_FLOORS[suite]?.[field] ?? 0;
      assert.ok(agreement(t.fields[field]) >= floor, `${suite}: ${field} agreement below ${floor}`);
    }
  }
  assert.ok(
    rate >= PASS_RATE_FLOOR,
    `pass rate ${(rate * 100).toFixed(1)} % fell below ${PASS_RATE_FLOOR * 100} %`,
  );
});
