/**
 * Console sink: writes rendered messages to stdout (or any writer). It never fails, so
 * console rows always leave the outbox on their first attempt. Refs are synthetic.
 */
import type { Message } from "../../core/message.ts";
import type { ChatSink, PostOptions, SendResult } from "../../core/ports.ts";
import type { ChatPlatform } from "../platform.ts";
import { renderConsole } from "./render.ts";

export interface ConsoleSinkOptions {
  write?: (text: string) => void;
  /** ANSI bold/dim from the renderer, for terminals. */
  color?: boolean;
}

export function createConsoleSink(options: ConsoleSinkOptions = {}): ChatSink {
  const write = options.write ?? ((text: string) => process.stdout.write(`${text}\n`));
  const color = options.color ?? false;

  return {
    platform: "console",

    async post(
      _channelId: string,
      message: Message,
      idempotencyKey: string,
      options: PostOptions = {},
    ): Promise<SendResult> {
      const text = renderConsole(message, { color });
      write(options.replyTo === undefined ? text : `(reply to ${options.replyTo}) ${text}`);
      return { kind: "ok", ref: `console-${idempotencyKey}` };
    },

    async edit(_channelId: string, ref: string, message: Message): Promise<SendResult> {
      write(`(update) ${renderConsole(message, { color })}`);
      return { kind: "ok", ref };
    },
  };
}

/** The console is always on: alerts to `console` are written to stdout (or `write`). */
export function createConsolePlatform(options: { write?: (text: string) => void }): ChatPlatform {
  return {
    platform: "console",
    sink: createConsoleSink({ write: options.write, color: process.stdout.isTTY }),
  };
}
