import { UserError } from "../errors.ts";
import { t } from "../i18n/index.ts";
import type { Message } from "../message.ts";
import { checkPermission, isPersonal } from "./permissions.ts";
import { errorReply } from "./reply.ts";
import type { Command, CommandArgs, CommandContext, Invocation } from "./types.ts";
import { errorText, replyLocale } from "./user-text.ts";

/**
 * Runs one invocation: permission first (nothing is read or written for a refused
 * user), then the handler. A `UserError` becomes a private reply; anything else is a
 * bug and propagates to the adapter, which logs it and answers with a generic error.
 * Replies are in the language user-text.ts picks; errors in the asker's.
 */
export async function runCommand(
  invocation: Invocation,
  ctx: CommandContext,
  commands: readonly Command[],
): Promise<Message> {
  const command = commands.find((c) => c.spec.path === invocation.path);
  const asker = replyLocale(ctx, null);
  if (command === undefined)
    return errorReply(t(asker, "reply.unknownCommand", { path: invocation.path }), asker);
  const permission = checkPermission(command.spec, ctx.actor, invocation.args, asker);
  if (permission.kind === "refused") return errorReply(permission.reason, asker);
  // A personal command (`dm:true`) answers its asker alone, so in the asker's language.
  const private_ = command.spec.reply === "private" || isPersonal(command.spec, invocation.args);
  const locale = replyLocale(ctx, { reply: private_ ? "private" : command.spec.reply });
  try {
    const message = await command.run({
      args: invocation.args,
      ctx,
      specs: commands.map((c) => c.spec),
      locale,
    });
    return { ...message, ephemeral: message.ephemeral || private_, locale };
  } catch (error) {
    if (error instanceof UserError) return errorReply(errorText(error, asker), asker);
    throw error;
  }
}

/** Whether the reply will be private before the handler runs, so adapters can defer the right way. */
export function replyIsPrivate(path: string, commands: readonly Command[], args: CommandArgs = {}): boolean {
  const spec = commands.find((c) => c.spec.path === path)?.spec;
  return spec === undefined || spec.reply !== "public" || isPersonal(spec, args);
}
