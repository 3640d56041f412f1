/**
 * One-shot CLI commands get the App's use-cases, not its store, fetcher or adapters, and
 * the App is closed whatever the command does.
 */
import type { Config } from "../config/load.ts";
import { createApp, type UseCases } from "../main.ts";

export async function withUseCases<T>(config: Config, work: (app: UseCases) => Promise<T>): Promise<T> {
  const app: UseCases = await createApp(config);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
