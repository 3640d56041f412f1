import { createRequire } from "node:module";
import { pino } from "pino";
import type { PinoPretty as PinoPrettyFn } from "pino-pretty";
import type { LogFormat } from "../config/env.ts";
import type { Logger } from "../core/ports.ts";
import { redactUrl } from "../core/redact-url.ts";

/**
 * Structured logs on stderr (stdout belongs to console alerts and command output), with
 * stable keys (`feedId`, `topicId`, `ms`) and secrets redacted wherever they might appear.
 * A person at a terminal reads one human line per event (pino-pretty, in-process and
 * synchronous so nothing is lost at exit); anything else (a file, a pipe, a container log
 * collector) gets one JSON object per line. LOG_FORMAT overrides the guess.
 */
export function createLogger(
  level: string,
  format: LogFormat | null = null,
  stderr: { isTTY?: boolean } = process.stderr,
  /** JSON lines go here instead of stderr (tests). */
  destination: pino.DestinationStream | null = null,
): Logger {
  const options = {
    level,
    base: { app: "wirewatch" },
    // A feed URL may carry a token or userinfo: logged under these keys, it is masked.
    serializers: { url: maskUrl, feedUrl: maskUrl },
    redact: {
      paths: ["token", "*.token", "headers.authorization", "*.headers.authorization", "secret", "*.secret"],
      censor: "[redacted]",
    },
  };
  if (destination !== null) return pino(options, destination);
  if (logFormat(format, stderr.isTTY === true) === "pretty") {
    // Required only for a terminal: JSON logging never loads it (~9 MB).
    const { PinoPretty } = createRequire(import.meta.url)("pino-pretty") as {
      PinoPretty: typeof PinoPrettyFn;
    };
    return pino(
      options,
      PinoPretty({
        destination: 2,
        sync: true,
        colorize: stderr.isTTY === true,
        ignore: "pid,hostname,app",
        singleLine: true,
        translateTime: "SYS:HH:MM:ss.l",
      }),
    );
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

/** The format asked for, else pretty on a terminal and JSON everywhere else. */
export function logFormat(asked: LogFormat | null, stderrIsTTY: boolean): LogFormat {
  return asked ?? (stderrIsTTY ? "pretty" : "json");
}

function maskUrl(value: unknown): unknown {
  return typeof value === "string" ? redactUrl(value) : value;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
