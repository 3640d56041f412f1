/**
 * A small pool of parse workers. Each job gets a kill timeout: a worker still busy when
 * it fires is terminated (the only way to stop a runaway regex) and replaced on demand.
 * Idle workers are unref'd so an idle pool never keeps the process alive.
 *
 * Big documents do not hold up small ones (a 2-CPU host has one worker, and a 4 MB hostile
 * document takes it for 1-3 s: a healthy feed's parse queued behind each one before it):
 * - the queue runs the smallest waiting document first (a big one still runs as soon as no
 *   smaller one waits: polls come in bursts);
 * - when every worker is busy with a document over SMALL_CHARS, one extra worker may start
 *   for small documents only (a small parse needs a few MB, not the 56 MB heap cap).
 * A fetched body over SMALL_CHARS that has to wait is deflated meanwhile (waiting-body.ts),
 * and a body the caller hands over moves to the worker instead of being copied.
 */
import { Worker } from "node:worker_threads";
import { FeedError } from "../../core/errors.ts";
import type { DocumentInput } from "./prepare-document.ts";
import { deflateBody, ownsMemory } from "./waiting-body.ts";
import { MAX_TEXT_CHARS } from "./worker-text-cap.ts";

/**
 * `feed`: rss-parser's output; `json`: a JSON Feed's text, for the main thread to map;
 * `code`: the pre-flight's FeedError code when it refused the document.
 */
export type WorkerReply = ParseReply | { id: number; ok: true; json: string };
/** The reply to XML parsed as it is (`run`): never JSON. */
export type ParseReply =
  | { id: number; ok: true; feed: unknown }
  | { id: number; ok: false; message: string; code?: string };

interface Job {
  id: number;
  /** What is posted: `{ text }` is parsed as is, `{ document }` decoded and pre-flighted first. */
  payload: { text: string } | { document: DocumentInput } | null;
  /** Characters or bytes (as fetched): the queue runs the smallest first. */
  size: number;
  /** The body's memory may move to the worker (the caller gave it up). */
  handOver: boolean;
  /** Being deflated while it waits: not sent until done. */
  packing: boolean;
  timeoutMs: number;
  resolve: (reply: WorkerReply) => void;
  reject: (error: FeedError) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** The job's kill timeout; for the idle extra worker, when it is stopped. */
  timer: NodeJS.Timeout | null;
  /** The extra worker: small documents only, so two big parses never run at once beyond `size`. */
  smallOnly: boolean;
}

export interface ParsePool {
  /**
   * Parses XML text as it is (no pre-flight). Resolves with the worker's reply; rejects only
   * with FeedError("parse_timeout" | "malformed" | "too_complex").
   */
  run(text: string, timeoutMs: number): Promise<ParseReply>;
  /**
   * Decodes (bytes) and pre-flights the document in the worker, then parses it. With `handOver`
   * the bytes' memory moves to the pool at once and then to the worker, never copied: every
   * view the caller holds of it is emptied (a small Buffer on a shared slab is copied instead).
   */
  runDocument(document: DocumentInput, timeoutMs: number, handOver?: boolean): Promise<WorkerReply>;
  /** Live workers, workers ever started (a pool that leaks threads shows here), bodies deflated to wait. */
  stats(): { workers: number; spawned: number; deflated: number };
  close(): Promise<void>;
}

/** A real module beside this one, in src/ under tsx and in dist/ once built (see its header). */
const PARSE_WORKER = new URL("./parse-worker.js", import.meta.url);

/** Documents up to this many characters may use the extra small-document worker. */
export const SMALL_CHARS = 256 * 1024;
/** How long the extra worker stays idle before it is stopped (~13-30 MB; a burst of polls outlasts it). */
const EXTRA_IDLE_MS = 5_000;

export function createParsePool(size: number): ParsePool {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let spawned = 0;
  let deflated = 0;
  let closed = false;

  const spawn = (smallOnly: boolean): Slot => {
    const worker = new Worker(PARSE_WORKER, {
      // From the sources (under tsx) the worker registers tsx to load prepare-document.ts.
      workerData: { maxTextChars: MAX_TEXT_CHARS, fromSources: import.meta.url.endsWith(".ts") },
      // One parse may add at most ~64 MB to the process: a hostile document that balloons in
      // the XML tree runs its worker out of heap (too_complex), never the bot. A legitimate
      // 5.4 MB feed of 2,500 items needs about 30-46 MB (measured six at once under load).
      resourceLimits: { maxOldGenerationSizeMb: 56, maxYoungGenerationSizeMb: 4 },
    });
    const slot: Slot = { worker, job: null, timer: null, smallOnly };
    spawned += 1;
    worker.unref();
    worker.on("message", (reply: WorkerReply) => {
      const job = slot.job;
      if (job === null || reply.id !== job.id) return;
      finish(slot);
      // The worker's XML reader refuses element floods and deep nesting before they fill its heap.
      if (!reply.ok && reply.code === "too_complex") job.reject(new FeedError("too_complex", reply.message));
      else job.resolve(reply);
    });
    const lost = (error: unknown) => {
      const job = slot.job;
      discard(slot);
      const outOfMemory = (error as { code?: unknown } | null)?.code === "ERR_WORKER_OUT_OF_MEMORY";
      job?.reject(
        outOfMemory
          ? new FeedError("too_complex", "the document needs more memory than a parse may use", {
              cause: error,
            })
          : new FeedError("malformed", "the parse worker failed", { cause: error }),
      );
    };
    worker.on("error", lost);
    worker.on("exit", (code) => (slot.job === null ? discard(slot) : lost(new Error(`exit ${code}`))));
    slots.push(slot);
    return slot;
  };

  const discard = (slot: Slot) => {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.job = null;
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    dispatch();
  };

  const finish = (slot: Slot) => {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
    dispatch();
    // The extra worker is for bursts: idle, it is stopped rather than kept with its heap.
    if (slot.smallOnly && slot.job === null) {
      slot.timer = setTimeout(() => {
        discard(slot);
        void slot.worker.terminate();
      }, EXTRA_IDLE_MS);
      slot.timer.unref();
    }
  };

  /** Index of the smallest queued document ready to go (the earliest among equals); -1 if none. */
  const smallest = () => {
    let best = -1;
    for (let i = 0; i < queue.length; i++) {
      const job = queue[i];
      if (job !== undefined && !job.packing && (best < 0 || job.size < (queue[best]?.size ?? 0))) best = i;
    }
    return best;
  };
  const busyWithBig = () => slots.every((s) => s.job !== null && s.job.size > SMALL_CHARS);
  const slotFor = (small: boolean): Slot | undefined => {
    const idle = slots.find((s) => s.job === null && (small || !s.smallOnly));
    if (idle !== undefined) return idle;
    if (slots.filter((s) => !s.smallOnly).length < size) return spawn(false);
    if (small && !slots.some((s) => s.smallOnly) && busyWithBig()) return spawn(true);
    return undefined;
  };

  const dispatch = () => {
    while (!closed && queue.length > 0) {
      const at = smallest();
      if (at < 0) break;
      const slot = slotFor((queue[at]?.size ?? 0) <= SMALL_CHARS);
      const job = slot === undefined ? undefined : queue.splice(at, 1)[0];
      if (slot === undefined || job === undefined) break;
      slot.job = job;
      slot.worker.ref();
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.timer = setTimeout(() => {
        discard(slot);
        void slot.worker.terminate();
        job.reject(new FeedError("parse_timeout", `parsing took longer than ${job.timeoutMs} ms`));
      }, job.timeoutMs);
      slot.worker.postMessage({ id: job.id, ...job.payload }, transferable(job));
      // The worker has its copy (or the bytes themselves): nothing here keeps the document alive.
      job.payload = null;
    }
    for (const job of queue) if (!job.packing && job.size > SMALL_CHARS) pack(job);
  };

  /** A waiting body is deflated once; the job goes back to the queue's choice when done. */
  const pack = (job: Job) => {
    const payload = job.payload;
    if (payload === null || !("document" in payload) || !("bytes" in payload.document)) return;
    if (payload.document.inflatedBytes !== undefined) return;
    job.packing = true;
    void deflateBody(payload.document).then((packed) => {
      job.packing = false;
      if (packed.inflatedBytes !== undefined) deflated += 1;
      // Ours alone, whoever owned the bytes before.
      job.payload = { document: packed };
      job.handOver = true;
      dispatch();
    });
  };

  const transferable = (job: Job): ArrayBuffer[] => {
    const document = job.payload !== null && "document" in job.payload ? job.payload.document : null;
    if (!job.handOver || document === null || !("bytes" in document)) return [];
    return ownsMemory(document.bytes) ? [document.bytes.buffer as ArrayBuffer] : [];
  };

  const enqueue = (
    payload: NonNullable<Job["payload"]>,
    size: number,
    handOver: boolean,
    timeoutMs: number,
  ) => {
    if (closed) return Promise.reject(new FeedError("parse_timeout", "the parse pool is closed"));
    return new Promise<WorkerReply>((resolve, reject) => {
      queue.push({ id: nextId++, payload, size, handOver, packing: false, timeoutMs, resolve, reject });
      dispatch();
    });
  };

  return {
    // Text parsed as it is skips the pre-flight, so it is never taken for JSON.
    run: (text, timeoutMs) => enqueue({ text }, text.length, false, timeoutMs) as Promise<ParseReply>,
    runDocument(document, timeoutMs, handOver = false) {
      if ("text" in document) return enqueue({ document }, document.text.length, false, timeoutMs);
      // Handed over, the memory is taken now, emptying every view of it the caller's frames still
      // hold: a body waiting here deflated is then not also kept whole by the code that fetched it.
      const own = handOver && ownsMemory(document.bytes);
      const bytes = own
        ? structuredClone(document.bytes, { transfer: [document.bytes.buffer as ArrayBuffer] })
        : document.bytes;
      return enqueue({ document: { ...document, bytes } }, bytes.byteLength, own, timeoutMs);
    },
    stats: () => ({ workers: slots.length, spawned, deflated }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new FeedError("parse_timeout", "the parse pool closed"));
      const all = slots.splice(0);
      for (const slot of all) {
        if (slot.timer !== null) clearTimeout(slot.timer);
        slot.job?.reject(new FeedError("parse_timeout", "the parse pool closed"));
        slot.job = null;
      }
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}
