/**
 * What a parse job becomes in the worker before the XML parser sees it (parse-worker.js
 * calls `runJob` with its parse function):
 * - `{ text }`: parsed as sent (worker-pool.ts `run`: tests of the parser alone);
 * - `{ document }`: a fetched body's bytes (transferred by the pool, not copied) or a text,
 *   decoded and pre-flighted here by prepare-document.ts. A JSON Feed comes back as its
 *   text (`json`), mapped on the main thread; a refusal keeps the pre-flight's FeedError
 *   code (`code`), so the main thread reports it as if it had run there.
 *
 * prepare-document.ts is TypeScript, and a worker does not inherit the loader that the CLI or
 * `node --import tsx` registered. From the sources (worker-pool.ts passes `fromSources`) the
 * worker loads it through tsx's CommonJS hook, which transforms in this thread: measured
 * +3 MB and 0.1-0.3 s of start-up per worker, where tsx's ESM `register()` costs +19 MB, a
 * hooks thread of its own and 0.7 s. From `dist/` it imports the compiled module.
 */
import { createRequire } from "node:module";
import { workerData } from "node:worker_threads";

const { prepareDocument } = await loadPrepare();

async function loadPrepare() {
  if (workerData?.fromSources !== true) return import("./prepare-document.js");
  const require = createRequire(import.meta.url);
  require("tsx/cjs/api").register();
  return require("./prepare-document.ts");
}

/** The job's reply: `{ id, ok: true, feed }`, `{ id, ok: true, json }` or `{ id, ok: false, message, code? }`. */
export async function runJob(job, parse) {
  try {
    const checked = checkedInput(job);
    if (checked.kind === "json") return { id: job.id, ok: true, json: checked.text };
    return { id: job.id, ok: true, feed: await parse(checked.text) };
  } catch (error) {
    // A pre-flight FeedError keeps its code; so does the XML reader's too_complex (parse-worker-xml.js).
    const coded = error?.name === "FeedError" || error?.code === "too_complex";
    const code = coded && typeof error.code === "string" ? error.code : undefined;
    return { id: job.id, ok: false, message: String(error?.message ? error.message : error), code };
  }
}

/** Takes the input out of the job: neither the bytes nor the raw text outlive the pre-flight. */
function checkedInput(job) {
  if (job.document === undefined) return { kind: "xml", text: job.text };
  const document = job.document;
  job.document = undefined;
  return prepareDocument(document);
}
