/**
 * Group commit: the writes of fetches that finish close together share one SQLite
 * transaction. A COMMIT writes every page the transaction changed to the WAL (and every
 * ~1,000 pages a checkpoint copies them back); fetches stored one after another touch many
 * of the same pages (the tails of the items table, of its id-ordered indexes and of
 * `item_keys`, the feeds' rows), so a group writes fewer pages than its fetches would one
 * by one: 2,000 fetches of 20 items wrote 120,079 WAL frames one by one, 51,439 in groups
 * of 4 (bench/README.md, h/cold).
 *
 * The rules that keep "nothing lost, nothing alerted twice":
 * - each fetch's writes are one synchronous call (`write`), so the group only ever holds
 *   whole fetches: its seen-marks, fetch state and outbox rows together;
 * - a `write` that throws undoes itself alone: the group rolls back and the writes before
 *   it run again (they are deterministic: the same calls on the same state), no savepoint
 *   (a savepoint journals every page it changes: measured, half the ingest rate);
 * - the group commits WINDOW_MS after it opened, when it reaches `maxMembers`, and before
 *   ANY other use of the connection (the store calls `settle` first, see index.ts): nothing
 *   else (the deliverer above all) ever reads or writes beside an uncommitted fetch, so no
 *   alert can be sent before its fetch commits;
 * - a process killed before the commit loses the group's fetches whole, outbox rows
 *   included: nothing of them was sent, and their feeds are still due, so they are fetched
 *   again (an alert is then drafted once, from the refetch);
 * - `durable()` resolves once what was written has committed (rejects if that COMMIT
 *   failed: the fetch then counts as failed and is fetched again).
 */
import type Database from "better-sqlite3";

export interface GroupCommit {
  /** Runs `write` (one fetch's writes) in the open group, opening one; returns its result. */
  write<T>(write: () => T): T;
  /** Commits the open group now, if there is one. */
  settle(): void;
  /** Resolves once everything written so far has committed. */
  durable(): Promise<void>;
}

interface Group {
  members: (() => unknown)[];
  done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Fetches a group holds at most: as many as a poll cycle has in flight by default
 * (`poll.global`). Back-to-back commits of 20 items (the store bench) stored ~8 % more per
 * CPU second in groups of 8 than one by one, and groups of 64 no more than one by one.
 */
const MAX_MEMBERS = 16;
/**
 * How long a group stays open for more fetches. Committing at the end of the event loop's
 * turn instead made groups of ~3.5 fetches in the bench's cold cycle; waiting 10 ms makes
 * them larger, so fewer pages are written again by the next group (the tails of the items
 * table, its indexes and `item_keys`): 1,000 first fetches of 20 items wrote 206 MB instead
 * of 160–168 MB, and the cycle's CPU over the baseline's fell from 2.40 to 2.26 at the
 * medians (bench/README.md, 2026-12-07 evening). A fetch's own wait for its commit grows by
 * at most this; another process's writes waited less, not more (same section).
 */
const WINDOW_MS = 10;

/**
 * `ended` hears how each group's transaction ended (committed or rolled back), before a
 * rolled-back group's earlier members run again.
 */
export function createGroupCommit(
  db: Database.Database,
  ended: (committed: boolean) => void = () => {},
  maxMembers = MAX_MEMBERS,
): GroupCommit {
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  let open: Group | null = null;

  const start = (): Group => {
    begin.run();
    let resolve = () => {};
    let reject: (error: unknown) => void = () => {};
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be waiting (a caller that never asks for durability): not an unhandled one.
    done.catch(() => {});
    const group: Group = { members: [], done, resolve, reject };
    // Not unref'd: a process with nothing else to do must still commit before it ends.
    setTimeout(() => {
      if (open === group) settle();
    }, WINDOW_MS);
    return group;
  };

  const settle = (): void => {
    const group = open;
    if (group === null) return;
    open = null;
    try {
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      ended(false);
      group.reject(error);
      return;
    }
    ended(true);
    group.resolve();
  };

  /** Undoes the failed write: the group again holds its earlier members only. */
  const undo = (group: Group): void => {
    // SQLite rolls some failures back itself (a full disk, out of memory).
    if (db.inTransaction) rollback.run();
    ended(false);
    if (group.members.length === 0) {
      open = null;
      group.resolve();
      return;
    }
    try {
      begin.run();
      for (const member of group.members) member();
    } catch (error) {
      // The same writes on the same state failed this time: the group is lost whole (its
      // fetches are fetched again), and whoever waits on it is told.
      if (db.inTransaction) rollback.run();
      ended(false);
      open = null;
      group.reject(error);
    }
  };

  return {
    write(fn) {
      const group = open ?? start();
      open = group;
      let result: ReturnType<typeof fn>;
      try {
        result = fn();
      } catch (error) {
        undo(group);
        throw error;
      }
      group.members.push(fn);
      if (group.members.length >= maxMembers) settle();
      return result;
    },
    settle,
    durable() {
      return open?.done ?? Promise.resolve();
    },
  };
}
