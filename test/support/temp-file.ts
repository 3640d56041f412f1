import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A test body given a database file path in a fresh temporary folder, removed afterwards
 * whatever the body does.
 */
export function withDatabaseFile(prefix: string, run: (file: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    try {
      await run(join(dir, "ww.db"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
