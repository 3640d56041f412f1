/**
 * The long-running bot: a ticker polls due feeds, a node-cron tick every minute sends the
 * digests that are due (the pure window evaluator decides which, in each destination's
 * time zone), the deliverer drains the outbox continuously. Aborting the signal stops the
 * triggers, waits for jobs in flight, and returns.
 */

import type { App } from "../main.ts";
import { removeDueTenants } from "../pipeline/tenant-removals.ts";
import { createScheduler } from "../scheduler/index.ts";

/** Every minute: the finest digest schedule a cron expression can give. */
export const DIGEST_TICK = { expression: "* * * * *", timezone: "UTC" } as const;

export interface RunExtras {
  /** Started after the loops (HTTP server, chat command transports); stopped first on shutdown. */
  services?: { start(): Promise<void>; stop(): Promise<void> }[];
}

export async function runLoop(app: App, signal: AbortSignal, extras: RunExtras = {}): Promise<void> {
  const { logger } = app;
  const guarded = (name: string, fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (error) {
      logger.error({ job: name, err: error }, "job failed; it runs again at its next tick");
    }
  };
  const scheduler = createScheduler({
    logger,
    jobs: [
      {
        name: "poll",
        everyMs: app.config.poll.tickMs,
        run: guarded("poll", () => app.pollOnce({ all: false })),
      },
      // WebSub lease renewals, retries of unverified requests, unsubscribes of removed feeds.
      ...(app.websub
        ? [
            {
              name: "websub",
              everyMs: 60_000,
              run: guarded("websub", () => app.websub?.subscriber.tick() ?? Promise.resolve()),
            },
          ]
        : []),
      // Guilds that removed the bot, once their grace period is over.
      {
        name: "tenant removals",
        everyMs: 60_000,
        run: guarded("tenant removals", () => removeDueTenants(app)),
      },
      // Topics are read at each tick, so chat-created digest topics need no restart; the run
      // at start sends windows missed during downtime. noOverlap: a slow round skips ticks.
      {
        name: "digests",
        cron: DIGEST_TICK,
        atStart: true,
        run: guarded("digests", () => app.sendDigests()),
      },
    ],
  });

  const delivering = app.deliverer.run(signal);
  // The first poll then does not wait for the parse worker to start; a worker that fails to
  // start is started again by the first parse.
  await guarded("parser start", () => app.startParser())();
  scheduler.start();
  // A service that cannot start yet (a platform unreachable) must not keep a stop waiting.
  for (const service of extras.services ?? []) {
    if (signal.aborted) break;
    await untilAborted(service.start(), signal);
  }
  logger.info({ feeds: app.config.feeds.length }, "wirewatch running");

  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
  logger.info({}, "shutting down: finishing jobs in flight");
  for (const service of extras.services ?? []) await service.stop();
  await scheduler.stop();
  await delivering;
  await app.close();
}

/** Resolves with `work` or when `signal` aborts, whichever is first; `work` still rejects through. */
function untilAborted(work: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    signal.addEventListener("abort", done, { once: true });
    work.then(done, (error: unknown) => {
      signal.removeEventListener("abort", done);
      if (signal.aborted) resolve();
      else reject(error);
    });
  });
}
