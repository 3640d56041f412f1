import type { FetchState } from "../../src/core/ports.ts";

/** A successful fetch at `at` with no validators: what tests commit items with. */
export function okFetchState(at: string, over: Partial<FetchState> = {}): FetchState {
  return {
    at,
    status: 200,
    errorCode: null,
    etag: null,
    lastModified: null,
    nextPollAt: at,
    consecutiveErrors: 0,
    failingSince: null,
    disabled: false,
    title: "Feed",
    identity: "guid",
    ...over,
  };
}
