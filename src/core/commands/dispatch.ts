import { UserError } from "../errors.ts";
import type { Message } from "../message.ts";
import { checkPermission, isPersonal } from "./permissions.ts";
import { errorReply } from "./reply.ts";
import type { Command, CommandArgs, CommandContext, Invocation } from "./types.ts";

/**
 * Runs one invocation: permission first (nothing is read or written for a refused
 * user), then the handler. A `UserError` becomes a private reply; anything else is a
 * bug and propagates to the adapter, which logs it and answers with a generic error.
 */
export async function runCommand(
  invocation: Invocation,
  ctx: CommandContext,
  commands: readonly Command[],
): Promise<Message> {
  const command = commands.find((c) => c.spec.path === invocation.path);
  if (command === undefined) return errorReply(`Unknown command "${invocation.path}". Try /wirewatch help.`);
  const permission = checkPermission(command.spec, ctx.actor, invocation.args);
  if (permission.kind === "refused") return errorReply(permission.reason);
  try {
    const message = await command.run({ args: invocation.args, ctx, specs: commands.map((c) => c.spec) });
    const private_ = command.spec.reply === "private" || isPersonal(command.spec, invocation.args);
    return { ...message, ephemeral: message.ephemeral || private_ };
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message);
    throw error;
  }
}

/** Whether the reply will be private before the handler runs, so adapters can defer the right way. */
export function replyIsPrivate(path: string, commands: readonly Command[], args: CommandArgs = {}): boolean {
  const spec = commands.find((c) => c.spec.path === path)?.spec;
  return spec === undefined || spec.reply !== "public" || isPersonal(spec, args);
}
