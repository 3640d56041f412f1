/**
 * The scheduler: cron jobs through node-cron (with `timezone` and `noOverlap`), and
 * interval jobs through a ticker that waits for a run to finish before arming the next
 * one (poll due feeds, drain the outbox). `stop()` stops every trigger, then waits for
 * the runs in flight, so SIGTERM drains instead of cutting a send in half.
 *
 * Triggers only say "look now". Work that must happen exactly once per period (digest
 * windows) decides what is due from the store with the pure evaluator, never from when
 * node-cron fired: node-cron 4.6 skips a local time that a DST jump removes (see
 * cron-crosscheck.test.ts). So digests are one cron job ticking every minute.
 */
import cron, { type ScheduledTask } from "node-cron";
import { AppError } from "../core/errors.ts";
import type { Logger } from "../core/ports.ts";

export interface SchedulerJob {
  name: string;
  cron?: { expression: string; timezone: string };
  /** A cron job also runs once at start (interval jobs always do), e.g. to catch up after downtime. */
  atStart?: boolean;
  everyMs?: number;
  run: () => Promise<void>;
}

export interface Scheduler {
  start(): void;
  /** Stops the triggers and resolves once every running job has finished. */
  stop(): Promise<void>;
}

interface Trigger {
  start(): void;
  stop(): void;
}

export function createScheduler(deps: { jobs: SchedulerJob[]; logger: Logger }): Scheduler {
  const { logger } = deps;
  const inFlight = new Map<string, Promise<void>>();
  let state: "idle" | "running" | "stopped" = "idle";

  /** Runs a job unless it is still running; never throws. */
  function runGuarded(job: SchedulerJob): Promise<void> {
    const running = inFlight.get(job.name);
    if (running !== undefined) {
      logger.debug({ job: job.name }, "job still running: trigger skipped");
      return running;
    }
    const started = Date.now();
    const run = (async () => {
      try {
        await job.run();
        logger.debug({ job: job.name, ms: Date.now() - started }, "job finished");
      } catch (error) {
        logger.error({ job: job.name, ms: Date.now() - started, err: error }, "job failed");
      } finally {
        inFlight.delete(job.name);
      }
    })();
    inFlight.set(job.name, run);
    return run;
  }

  const triggers = deps.jobs.map((job) => createTrigger(job, runGuarded, logger, () => state === "running"));

  return {
    start() {
      if (state !== "idle") return;
      state = "running";
      for (const t of triggers) t.start();
    },
    async stop() {
      if (state === "running") for (const t of triggers) t.stop();
      state = "stopped";
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}

function createTrigger(
  job: SchedulerJob,
  run: (job: SchedulerJob) => Promise<void>,
  logger: Logger,
  isRunning: () => boolean,
): Trigger {
  if ((job.cron === undefined) === (job.everyMs === undefined)) {
    throw new AppError("bad_job", `job "${job.name}" needs exactly one of cron or everyMs`);
  }
  if (job.cron !== undefined) return cronTrigger(job, job.cron, run, logger);
  const everyMs = job.everyMs ?? 0;
  if (!(everyMs > 0)) throw new AppError("bad_job", `job "${job.name}": everyMs must be positive`);
  return intervalTrigger(job, everyMs, run, isRunning);
}

function cronTrigger(
  job: SchedulerJob,
  spec: { expression: string; timezone: string },
  run: (job: SchedulerJob) => Promise<void>,
  logger: Logger,
): Trigger {
  let task: ScheduledTask;
  try {
    task = cron.createTask(spec.expression, () => run(job), {
      name: job.name,
      timezone: spec.timezone,
      noOverlap: true,
      logger: {
        info: (message) => logger.info({ job: job.name }, message),
        warn: (message) => logger.warn({ job: job.name }, message),
        error: (message, err) => logger.error({ job: job.name, err: err ?? message }, String(message)),
        debug: (message) => logger.debug({ job: job.name }, String(message)),
      },
    });
  } catch (error) {
    throw new AppError("bad_job", `job "${job.name}": bad cron "${spec.expression}"`, { cause: error });
  }
  return {
    start: () => {
      void task.start();
      if (job.atStart) void run(job);
    },
    stop: () => void task.destroy(),
  };
}

/** Runs now, then `everyMs` after each start, but never before the previous run ended. */
function intervalTrigger(
  job: SchedulerJob,
  everyMs: number,
  run: (job: SchedulerJob) => Promise<void>,
  isRunning: () => boolean,
): Trigger {
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    timer = undefined;
    const started = Date.now();
    await run(job);
    if (isRunning()) timer = setTimeout(tick, Math.max(0, everyMs - (Date.now() - started)));
  };
  return {
    start: () => {
      timer = setTimeout(tick, 0);
    },
    stop: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
