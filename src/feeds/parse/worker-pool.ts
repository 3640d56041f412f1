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
 */
import { Worker } from "node:worker_threads";
import { FeedError } from "../../core/errors.ts";
import { MAX_TEXT_CHARS } from "./worker-text-cap.ts";

export type WorkerReply =
  | { id: number; ok: true; feed: unknown }
  | { id: number; ok: false; message: string; code?: "too_complex" };

interface Job {
  id: number;
  text: string;
  timeoutMs: number;
  resolve: (reply: WorkerReply) => void;
  reject: (error: FeedError) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** The extra worker: small documents only, so two big parses never run at once beyond `size`. */
  smallOnly: boolean;
}

export interface ParsePool {
  /** Resolves with the worker's reply; rejects only with FeedError("parse_timeout" | "malformed" | "too_complex"). */
  run(text: string, timeoutMs: number): Promise<WorkerReply>;
  /** Live workers and workers ever started: a pool that leaks threads shows here. */
  stats(): { workers: number; spawned: number };
  close(): Promise<void>;
}

/** A real module beside this one, in src/ under tsx and in dist/ once built (see its header). */
const PARSE_WORKER = new URL("./parse-worker.js", import.meta.url);

/** Documents up to this many characters may use the extra small-document worker. */
export const SMALL_CHARS = 256 * 1024;

export function createParsePool(size: number): ParsePool {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let spawned = 0;
  let closed = false;

  const spawn = (smallOnly: boolean): Slot => {
    const worker = new Worker(PARSE_WORKER, {
      workerData: { maxTextChars: MAX_TEXT_CHARS },
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
  };

  /** Index of the smallest queued document (the earliest among equals). */
  const smallest = () => {
    let best = 0;
    for (let i = 1; i < queue.length; i++)
      if ((queue[i]?.text.length ?? 0) < (queue[best]?.text.length ?? 0)) best = i;
    return best;
  };
  const busyWithBig = () => slots.every((s) => s.job !== null && s.job.text.length > SMALL_CHARS);
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
      const slot = slotFor((queue[at]?.text.length ?? 0) <= SMALL_CHARS);
      const job = slot === undefined ? undefined : queue.splice(at, 1)[0];
      if (slot === undefined || job === undefined) return;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        discard(slot);
        void slot.worker.terminate();
        job.reject(new FeedError("parse_timeout", `parsing took longer than ${job.timeoutMs} ms`));
      }, job.timeoutMs);
      slot.worker.postMessage({ id: job.id, text: job.text });
    }
  };

  return {
    run(text, timeoutMs) {
      if (closed) return Promise.reject(new FeedError("parse_timeout", "the parse pool is closed"));
      return new Promise<WorkerReply>((resolve, reject) => {
        queue.push({ id: nextId++, text, timeoutMs, resolve, reject });
        dispatch();
      });
    },
    stats: () => ({ workers: slots.length, spawned }),
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
