/**
 * Process-wide event counters: every alert the pipeline decides not to send, and every
 * decision that changes what a channel sees, is counted here as well as logged, so a
 * drop is never silent. `wirewatch` prints them on exit and a metrics endpoint can read them.
 */
export type CounterName =
  /** A new alert (post) was drafted. */
  | "alerts_posted"
  /** An earlier alert of the same story was updated (edit, plus a reply in thread mode). */
  | "alerts_story_updates"
  /** Not alerted: the same link is already shown in that channel's story. */
  | "alerts_same_item_skipped"
  /** A draft referred to a story alert that vanished before the commit; drafted again. */
  | "alerts_redrafted"
  /** Not alerted: the topic is muted in that channel (Mute 24 h, a user's explicit choice). */
  | "alerts_muted_skipped"
  /** WebSub: a content delivery whose X-Hub-Signature is missing or wrong; answered 2xx, not read. */
  | "websub_forged_refused"
  /** WebSub: a signed delivery that could not be read or committed (the backstop poll catches up). */
  | "websub_push_failed"
  /** WebSub: a signed delivery read and committed. */
  | "websub_pushes";

export interface Counters {
  inc(name: CounterName, by?: number): void;
  get(name: CounterName): number;
  snapshot(): Record<CounterName, number>;
}

export function createCounters(): Counters {
  const values: Record<CounterName, number> = {
    alerts_posted: 0,
    alerts_story_updates: 0,
    alerts_same_item_skipped: 0,
    alerts_redrafted: 0,
    alerts_muted_skipped: 0,
    websub_forged_refused: 0,
    websub_push_failed: 0,
    websub_pushes: 0,
  };
  return {
    inc(name, by = 1) {
      values[name] += by;
    },
    get(name) {
      return values[name];
    },
    snapshot() {
      return { ...values };
    },
  };
}
