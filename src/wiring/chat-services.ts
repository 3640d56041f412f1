import type { App } from "../main.ts";

/**
 * The HTTP server (health, Slack events, Discord interactions) and the chat command
 * transports, as services the run loop starts and stops.
 */
export function chatServices(_app: App): { start(): Promise<void>; stop(): Promise<void> }[] {
  return [];
}
