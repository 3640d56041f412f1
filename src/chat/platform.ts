/**
 * What every chat platform gives the composition root: its sink (alerts out), and, for
 * `wirewatch run` only, its command transport (commands in). `main.ts` builds the list
 * `[console, slack, discord]` from the factories in each `chat/<platform>/index.ts`; a
 * factory returns null when its platform is not configured, and hides its modes (Slack's
 * single workspace or OAuth distribution; Discord's gateway or HTTP interactions).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../config/load.ts";
import type { TopicStore } from "../core/commands/store.ts";
import type { Actor, CommandContext } from "../core/commands/types.ts";
import type { Platform } from "../core/destination.ts";
import type { ChatSink, Clock, Logger, RequestLedger } from "../core/ports.ts";
import type { TenantStore } from "../core/tenancy.ts";

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The routes of the one HTTP server a command transport may answer (server/index.ts). */
export type HttpRoutes = { slack?: HttpHandler; slackInstall?: HttpHandler; discord?: HttpHandler };

export interface PlatformCommands {
  /** Routes on the HTTP server (HTTP mode); empty over a socket or the gateway. */
  http: HttpRoutes;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `/readyz`: commands can arrive (connected, or listening). */
  connected(): boolean;
}

export interface ChatPlatform {
  platform: Platform;
  sink: ChatSink;
  /**
   * The command transport, made only when `run` serves (one-shot CLI commands never open
   * a connection): null, after a warning, when the credentials for commands are incomplete.
   */
  commands?: (context: (actor: Actor) => CommandContext) => PlatformCommands | null;
}

/**
 * What the platforms need of the store: the request ledger (a command delivered twice runs
 * once), Slack's shared pacing, and, in distribution mode, installations, the channel →
 * workspace look-up and a workspace's removal.
 */
export type PlatformStore = RequestLedger &
  Pick<TopicStore, "listTopics"> & {
    /** Slack's pacing shared by instances (store/store.ts RootStore.reserveSend). */
    reserveSend(destination: string, now: string, intervalMs: number): Promise<string>;
  } & Pick<TenantStore, "saveInstallation" | "getInstallation" | "deleteInstallation" | "removeTenant">;

/** What a platform factory is given; each factory takes from it what its mode needs. */
export interface PlatformDeps {
  config: Config;
  store: PlatformStore;
  clock: Clock;
  logger: Logger;
}
