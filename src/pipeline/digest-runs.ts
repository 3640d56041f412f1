/**
 * The two ways a digest goes out: the scheduled run (every target's due windows) and
 * `/wirewatch digest now` from chat. Targets are derived from the topics in force at
 * each call (core/digest/targets.ts), so a digest topic made in chat needs no restart.
 */
import type { DigestTrigger } from "../core/commands/types.ts";
import { digestTargets } from "../core/digest/targets.ts";
import type { Metrics } from "../core/metrics.ts";
import type { Clock, Logger } from "../core/ports.ts";
import type { Topic } from "../core/topic.ts";
import { type DigestStore, sendDigestNow, sendDueDigests } from "./send-digests.ts";

export interface DigestRuns extends DigestTrigger {
  /** Sends every due window; returns the number of digest messages enqueued. */
  sendDue(): Promise<number>;
}

export function createDigestRuns(deps: {
  store: DigestStore;
  clock: Clock;
  logger: Logger;
  metrics: Pick<Metrics, "digestsSent">;
  topics: () => Promise<Topic[]>;
}): DigestRuns {
  const { store, clock, logger } = deps;
  // Windows of a destination with no digest sent yet start at this process's start.
  const startedAt = clock.now().toISOString();
  return {
    async sendDue() {
      const targets = digestTargets(await deps.topics(), startedAt);
      const sent = await sendDueDigests({ store, clock, logger, targets });
      deps.metrics.digestsSent(sent);
      return sent;
    },
    async sendNow(destination, topicName) {
      const topics = (await deps.topics()).filter(
        (t) =>
          (topicName === null || t.name === topicName) && t.notify.some((n) => n.channel === destination),
      );
      const target = digestTargets(topics, clock.now().toISOString()).find(
        (t) => t.destination === destination,
      );
      if (!target) return 0;
      const topicIds = topicName === null ? null : topics.map((t) => t.id);
      return sendDigestNow({ store, clock, logger }, { ...target, topicIds });
    },
  };
}
