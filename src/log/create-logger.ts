import { pino } from "pino";
import type { Logger } from "../core/ports.ts";
import { redactUrl } from "../core/redact-url.ts";

/**
 * Structured logs on stderr (stdout belongs to console alerts and command output), with
 * stable keys (`feedId`, `topicId`, `ms`) and secrets redacted wherever they might appear.
 */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  return pino(
    {
      level,
      base: { app: "wirewatch" },
      // A feed URL may carry a token or userinfo: logged under these keys, it is masked.
      serializers: { url: maskUrl, feedUrl: maskUrl },
      redact: {
        paths: ["token", "*.token", "headers.authorization", "*.headers.authorization", "secret", "*.secret"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

function maskUrl(value: unknown): unknown {
  return typeof value === "string" ? redactUrl(value) : value;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
