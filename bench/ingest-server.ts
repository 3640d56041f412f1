/**
 * The loopback feed server of bench/ingest.ts, in its own process so that serving costs
 * the bench's process no CPU. `node --import tsx bench/ingest-server.ts <feeds>` prints its
 * origin on stdout, serves version 1 of every feed with an ETag (304 when it matches), and
 * switches every feed to version 2 after a request to /bump. Ends when its stdin closes.
 */
import { conditionalRoute, startFeedServer } from "../test/fakes/feed-server.ts";
import { feedDocument, feedPath } from "./ingest-data.ts";

const count = Number(process.argv[2] ?? "2000");
const server = await startFeedServer();
for (let i = 0; i < count; i++) {
  const v1 = conditionalRoute({ body: feedDocument(i, 1), etag: `"${i}-v1"` });
  let v2: ReturnType<typeof conditionalRoute> | null = null;
  server.route(feedPath(i), (request, index) => {
    if (!bumped) return typeof v1 === "function" ? v1(request, index) : { status: 500 };
    v2 ??= conditionalRoute({ body: feedDocument(i, 2), etag: `"${i}-v2"` });
    return typeof v2 === "function" ? v2(request, index) : { status: 500 };
  });
}
let bumped = false;
server.route("/bump", () => {
  bumped = true;
  return { status: 204 };
});
process.stdout.write(`${server.origin}\n`);
process.stdin.resume();
process.stdin.on("end", () => {
  void server.close().then(() => process.exit(0));
});
