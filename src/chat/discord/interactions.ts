/**
 * Discord's HTTP interactions endpoint (enabled by DISCORD_PUBLIC_KEY). Every request is
 * verified before anything reads it: Ed25519 (node:crypto) over the timestamp header
 * followed by the raw body bytes, with the timestamp within 5 minutes of our clock.
 * Only then is a PING answered, so the endpoint cannot be probed unsigned. A signed
 * interaction is acted on once: its id is recorded in the database (shared by every
 * instance) for longer than the window, and a replay of it gets 409 and does nothing.
 *
 * Commands are deferred at once (type 5, private when the reply will be) and finished
 * by editing the original response; slow work never holds the 3-second window.
 */
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkArgs } from "../../core/commands/parse-text.ts";
import { COMMAND_SPECS } from "../../core/commands/registry.ts";
import type { Actor, Invocation } from "../../core/commands/types.ts";
import { err, type Result } from "../../core/errors.ts";
import { type Locale, t } from "../../core/i18n/index.ts";
import type { Clock, Logger, RequestLedger } from "../../core/ports.ts";
import { PERMISSIONS } from "./register.ts";

export type DiscordHttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Interaction and callback types used here (Discord API v10). */
export const INTERACTION = { ping: 1, command: 2, component: 3 } as const;
export const CALLBACK = { pong: 1, message: 4, deferred: 5 } as const;
export const EPHEMERAL_FLAG = 64;

export const SIGNATURE_WINDOW_SECONDS = 300;
/** How long a handled interaction id is remembered: past the window both ways, with room. */
const REMEMBER_MS = 3600_000;
/** Interactions are small; a larger body is not Discord. */
const MAX_BODY_BYTES = 256 * 1024;
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export function ed25519PublicKey(hex: string): KeyObject {
  const raw = Buffer.from(hex, "hex");
  if (raw.length !== 32 || !/^[0-9a-f]{64}$/iu.test(hex))
    throw new Error("DISCORD_PUBLIC_KEY must be 64 hex characters");
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: "der", type: "spki" });
}

/** True when `signatureHex` signs `timestamp + body` and the timestamp is within the window of `nowSeconds`. */
export function verifyInteraction(input: {
  key: KeyObject;
  signatureHex: string;
  timestamp: string;
  body: Buffer;
  nowSeconds: number;
}): boolean {
  const { signatureHex, timestamp } = input;
  if (!/^[0-9a-f]{128}$/iu.test(signatureHex) || !/^\d{1,12}$/u.test(timestamp)) return false;
  if (Math.abs(input.nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return false;
  const message = Buffer.concat([Buffer.from(timestamp, "utf8"), input.body]);
  try {
    return verify(null, message, input.key, Buffer.from(signatureHex, "hex"));
  } catch {
    return false;
  }
}

/** The raw interaction fields we read; everything else is ignored. */
export interface RawInteraction {
  id: string;
  type: number;
  token: string;
  application_id?: string;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string; guild_id?: string; type?: number };
  member?: { user?: { id: string }; permissions?: string };
  user?: { id: string };
  data?: RawCommandData;
  /** The user's client language (`fr`, `es-ES`, `en-US`); sent with every command. */
  locale?: string;
}

export interface RawCommandData {
  /** Commands only. */
  name: string;
  /** Components only: the button's id string and component type. */
  custom_id?: string;
  component_type?: number;
  options?: RawOption[];
  resolved?: { users?: Record<string, unknown>; roles?: Record<string, unknown> };
}

export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: RawOption[];
}

/** Answers the HTTP request (callback body) and may keep working after it. */
export type InteractionHandler = (interaction: RawInteraction) => {
  response: object;
  after?: () => Promise<void>;
};

export function createInteractionsEndpoint(deps: {
  publicKey: string;
  clock: Clock;
  logger: Logger;
  ledger: RequestLedger;
  handle: InteractionHandler;
}): DiscordHttpHandler {
  const key = ed25519PublicKey(deps.publicKey);
  return async (req, res) => {
    const body = await readBody(req);
    const signature = header(req, "x-signature-ed25519");
    const timestamp = header(req, "x-signature-timestamp");
    const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
    if (body === null || !verifyInteraction({ key, signatureHex: signature, timestamp, body, nowSeconds })) {
      deps.logger.warn({ platform: "discord" }, "interaction with a bad signature refused");
      return send(res, 401, { error: "invalid request signature" });
    }
    let interaction: RawInteraction;
    try {
      interaction = JSON.parse(body.toString("utf8")) as RawInteraction;
    } catch {
      return send(res, 400, { error: "invalid JSON" });
    }
    if (interaction.type === INTERACTION.ping) return send(res, 200, { type: CALLBACK.pong });
    if (typeof interaction.id !== "string" || !/^\d{1,20}$/u.test(interaction.id))
      return send(res, 400, { error: "interaction without an id" });
    const now = deps.clock.now();
    const until = new Date(now.getTime() + REMEMBER_MS).toISOString();
    if (!(await deps.ledger.rememberRequest(`discord:${interaction.id}`, now.toISOString(), until))) {
      deps.logger.warn(
        { platform: "discord", event: "request_replayed", interactionId: interaction.id },
        "discord: an interaction already handled came again; refused without acting",
      );
      return send(res, 409, { error: "interaction already handled" });
    }
    const { response, after } = deps.handle(interaction);
    send(res, 200, response);
    if (after !== undefined) {
      await after().catch((error: unknown) =>
        deps.logger.error({ err: error, platform: "discord" }, "interaction failed"),
      );
    }
  };
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return typeof value === "string" ? value : "";
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** `data` of a chat-input interaction → the core invocation, with the spec's checks. */
export function invocationFromData(data: RawCommandData, locale: Locale = "en"): Result<Invocation, string> {
  let options = data.options ?? [];
  const path: string[] = [];
  for (let depth = 0; depth < 2; depth++) {
    const first = options[0];
    if (first === undefined || (first.type !== 1 && first.type !== 2)) break;
    path.push(first.name);
    options = first.options ?? [];
  }
  const spec = COMMAND_SPECS.find((s) => s.path === path.join(" "));
  if (spec === undefined) return err(t(locale, "reply.unknownCommand", { path: path.join(" ") }));
  const args: Record<string, string> = {};
  for (const o of options) {
    if (o.value === undefined) continue;
    const id = String(o.value);
    const isMention = spec.options.find((s) => s.name === o.name)?.input === "mention";
    args[o.name] = !isMention ? id : data.resolved?.roles?.[id] !== undefined ? `<@&${id}>` : `<@${id}>`;
  }
  return checkArgs(spec, args, locale);
}

/** Who and where, from the interaction itself; Manage Channels is read from this interaction's member. */
export function actorFromInteraction(raw: RawInteraction): Actor {
  const guild = raw.guild_id ?? null;
  const bits = raw.member?.permissions === undefined ? 0n : BigInt(raw.member.permissions);
  const canManage =
    guild !== null &&
    ((bits & PERMISSIONS.manageChannels) !== 0n || (bits & PERMISSIONS.administrator) !== 0n);
  return {
    platform: "discord",
    workspace: guild,
    // A partial channel may omit guild_id; only a DM channel (types 1 and 3) or a different guild id refuses.
    channelWorkspace:
      raw.channel?.guild_id ?? (raw.channel?.type === 1 || raw.channel?.type === 3 ? null : guild),
    channel: raw.channel_id ?? raw.channel?.id ?? "",
    isDirect: guild === null,
    userId: raw.member?.user?.id ?? raw.user?.id ?? "",
    canManage,
    ...(typeof raw.locale === "string" ? { locale: raw.locale } : {}),
  };
}
