import { pino } from "pino";
import type { Logger } from "../core/ports.ts";

/**
 * Structured logs on stderr (stdout belongs to console alerts and command output), with
 * stable keys (`feedId`, `topicId`, `ms`) and secrets redacted wherever they might appear.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { app: "wirewatch" },
      redact: {
        paths: ["token", "*.token", "headers.authorization", "*.headers.authorization", "secret", "*.secret"],
        censor: "[redacted]",
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
