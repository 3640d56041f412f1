/**
 * Every command, listed explicitly (never found by scanning files). The order is the
 * order of `help`, of the Slack manifest and of Discord's registration.
 */
import { digestNow } from "./digest-now.ts";
import { feedsAdd } from "./feeds-add.ts";
import { feedsList } from "./feeds-list.ts";
import { feedsRemove } from "./feeds-remove.ts";
import { help } from "./help.ts";
import { pause, resume } from "./pause.ts";
import { search } from "./search.ts";
import { testRule } from "./test-rule.ts";
import { topics } from "./topics.ts";
import type { Command, CommandSpec } from "./types.ts";
import { unwatch } from "./unwatch.ts";
import { watch } from "./watch.ts";
import { why } from "./why.ts";

export const COMMANDS: readonly Command[] = [
  search,
  watch,
  unwatch,
  topics,
  testRule,
  why,
  pause,
  resume,
  digestNow,
  feedsAdd,
  feedsRemove,
  feedsList,
  help,
];

export const COMMAND_SPECS: readonly CommandSpec[] = COMMANDS.map((c) => c.spec);
