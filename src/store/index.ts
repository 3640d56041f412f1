/**
 * Picks the store backend from the `database` URL of the config:
 * `sqlite:data/wirewatch.db` (relative to the working directory), `sqlite::memory:`,
 * `postgres://…` / `postgresql://…`.
 */
import { AppError } from "../core/errors.ts";
import { createPostgresStore } from "./postgres/index.ts";
import { createSqliteStore } from "./sqlite/index.ts";
import type { Store } from "./store.ts";

export { createPostgresStore } from "./postgres/index.ts";
export { createSqliteStore } from "./sqlite/index.ts";

export function createStore(url: string): Store {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    if (path === "") throw new AppError("bad_database_url", `no file in database URL "${url}"`);
    return createSqliteStore(path);
  }
  if (/^postgres(ql)?:\/\//.test(url)) return createPostgresStore(url);
  // The URL is not echoed: it may carry a password.
  throw new AppError(
    "bad_database_url",
    `unsupported database URL scheme "${url.split(":")[0]}": expected sqlite:<file> or postgres://…`,
  );
}
