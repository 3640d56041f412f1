/**
 * One more cold round of bench/ingest.ts, in a process of its own:
 * `node --import tsx bench/ingest-cold.ts <origin> <feeds> <ours|baseline>` prints
 * `{ "ours": Cycle, "base": Cycle }` on stdout.
 *
 * A cold cycle is the first in its process, so a process gives one cold sample: more rounds
 * need more processes. The app is created first (as in ingest.ts), then both cycles run, the
 * side named by the third argument first: whichever goes first pays for compiling what both
 * use (Node's streams, timers, URL, Buffer), so ingest.ts alternates it from round to round.
 */
import { closeParser } from "../src/feeds/parse/index.ts";
import { baseline, ours } from "./ingest-cycles.ts";
import { feedPath } from "./ingest-data.ts";

const [origin = "", feeds = "0", first = "baseline"] = process.argv.slice(2);
const urls = Array.from({ length: Number(feeds) }, (_, i) => `${origin}${feedPath(i)}`);
const base = baseline(urls);
const app = await ours(urls, null);
try {
  if (first === "ours") {
    const o = await app.cycle();
    const b = await base("cold");
    console.log(JSON.stringify({ ours: o, base: b }));
  } else {
    const b = await base("cold");
    const o = await app.cycle();
    console.log(JSON.stringify({ ours: o, base: b }));
  }
} finally {
  await app.close();
  await closeParser();
}
