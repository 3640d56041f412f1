import { writeFileSync } from "node:fs";
import { writeOpml } from "../../feeds/opml/write.ts";
import { stringFlag } from "../args.ts";
import type { CliCommand } from "../command.ts";
import { configFromArgs } from "../load-config.ts";
import { withUseCases } from "../open-app.ts";
import { groupOf, inScope, parseOpmlScope } from "../opml/scope.ts";

export const exportCommand: CliCommand = {
  name: "export",
  summary: "export opml: the feeds (config and chat, or one --scope) as an OPML 2.0 file",
  usage: "wirewatch export opml [--scope config|operator|slack:T…|discord:…] [--output FILE] [--config FILE]",
  valueFlags: ["config", "scope", "output"],
  async run(args, io) {
    if (args.positionals[0] !== "opml" || args.positionals.length !== 1) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const scope = parseOpmlScope(stringFlag(args, "scope"));
    if (scope !== null && "error" in scope) {
      io.err(scope.error);
      return 2;
    }
    const config = configFromArgs(args, io);
    if (config === null) return 2;
    return withUseCases(config, async (app) => {
      const feeds = (await app.listFeeds()).filter((f) => inScope(f, scope));
      // URLs are written as stored, credentials included (see feeds/opml/write.ts): the file
      // must bring back the same feeds, so keep it as private as the config.
      const opml = writeOpml(
        feeds.map((f) => ({ url: f.url, title: f.name ?? f.title, group: groupOf(f) })),
        { title: "Wirewatch feeds", createdAt: app.clock.now().toISOString() },
      );
      const output = stringFlag(args, "output");
      if (output === null) io.out(opml.trimEnd());
      else {
        writeFileSync(output, opml, { mode: 0o600 });
        io.err(`${feeds.length} feed(s) written to ${output}`);
      }
      return 0;
    });
  },
};
