/**
 * A small pool of parse workers. Each job gets a kill timeout: a worker still busy when
 * it fires is terminated (the only way to stop a runaway regex) and replaced on demand.
 * Idle workers are unref'd so an idle pool never keeps the process alive.
 */
import { Worker } from "node:worker_threads";
import { FeedError } from "../../core/errors.ts";

export type WorkerReply =
  | { id: number; ok: true; feed: unknown }
  | { id: number; ok: false; message: string };

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

export function createParsePool(size: number): ParsePool {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let spawned = 0;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(PARSE_WORKER, {
      // One parse may add at most ~64 MB to the process: a hostile document that balloons in
      // the XML tree runs its worker out of heap (too_complex), never the bot. A legitimate
      // 5.4 MB feed of 2,500 items needs about 30-46 MB (measured six at once under load).
      resourceLimits: { maxOldGenerationSizeMb: 56, maxYoungGenerationSizeMb: 4 },
    });
    const slot: Slot = { worker, job: null, timer: null };
    spawned += 1;
    worker.unref();
    worker.on("message", (reply: WorkerReply) => {
      const job = slot.job;
      if (job === null || reply.id !== job.id) return;
      finish(slot);
      job.resolve(reply);
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

  const dispatch = () => {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.job === null) ?? (slots.length < size ? spawn() : undefined);
      const job = slot === undefined ? undefined : queue.shift();
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
