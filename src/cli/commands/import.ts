import { readFileSync, statSync } from "node:fs";
import type { Logger } from "../../core/ports.ts";
import type { ImportOutcome } from "../../main.ts";
import { stringFlag } from "../args.ts";
import type { CliCommand, CliIo } from "../command.ts";
import { configFromArgs } from "../load-config.ts";
import { withUseCases } from "../open-app.ts";
import { parseOpmlScope } from "../opml/scope.ts";

export const importCommand: CliCommand = {
  name: "import",
  summary: "import opml FILE: add its feeds, each fetched once, current items stored without alerts",
  usage: "wirewatch import opml FILE [--dry-run] [--scope operator|slack:T…|discord:…] [--config FILE]",
  valueFlags: ["config", "scope"],
  booleanFlags: ["dry-run"],
  async run(args, io) {
    const [kind, file, ...extra] = args.positionals;
    if (kind !== "opml" || file === undefined || extra.length > 0) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const scope = parseOpmlScope(stringFlag(args, "scope"));
    if (scope !== null && ("error" in scope || scope.kind === "config")) {
      io.err("error" in scope ? scope.error : "--scope config: config feeds are added in the config file");
      return 2;
    }
    // Loaded here, not at the top: every command loads this module (cli/index.ts), and a
    // poll or a run needs neither fast-xml-parser nor the progress bar (~5-8 MB of RSS).
    const { OPML_MAX_BYTES, parseOpml } = await import("../../feeds/opml/parse.ts");
    const text = readOpmlFile(file, OPML_MAX_BYTES, io);
    if (text === null) return 2;
    const parsed = parseOpml(text);
    if (!parsed.ok) {
      io.err(`${file}: ${parsed.error}`);
      return 2;
    }
    const { feeds, rejected } = parsed.value;
    const config = configFromArgs(args, io);
    if (config === null) return 2;
    return withUseCases(config, async (app) => {
      const bar =
        process.stderr.isTTY && feeds.length > 0
          ? new (await import("cli-progress")).SingleBar({ stream: process.stderr })
          : null;
      const { logger: held, flush } = holdLogs(app.logger);
      try {
        bar?.start(feeds.length, 0);
        const outcomes = await app.importFeeds(
          feeds,
          {
            scope: scope?.kind === "tenant" ? scope.scope : null,
            dryRun: args.flags.has("dry-run"),
            onProgress: (done) => bar?.update(done),
          },
          // Log lines written under a redrawn bar would be torn: held until the bar stops.
          bar ? held : app.logger,
        );
        bar?.stop();
        flush();
        for (const r of rejected)
          app.logger.warn({ feedUrl: r.url, reason: r.reason }, "OPML outline not imported");
        io.out(summary(outcomes, rejected, args.flags.has("dry-run")));
        return outcomes.some((o) => o.kind === "failed") || rejected.length > 0 ? 1 : 0;
      } finally {
        bar?.stop();
        flush();
      }
    });
  },
};

function holdLogs(target: Logger): { logger: Logger; flush(): void } {
  const held: [keyof Logger, object, string | undefined][] = [];
  const hold =
    (level: keyof Logger) =>
    (obj: object, msg?: string): void => {
      held.push([level, obj, msg]);
    };
  return {
    logger: { debug: hold("debug"), info: hold("info"), warn: hold("warn"), error: hold("error") },
    flush() {
      for (const [level, obj, msg] of held.splice(0)) target[level](obj, msg);
    },
  };
}

function readOpmlFile(file: string, maxBytes: number, io: CliIo): string | null {
  try {
    if (statSync(file).size > maxBytes) {
      io.err(`${file}: larger than ${maxBytes} bytes`);
      return null;
    }
    return readFileSync(file, "utf8");
  } catch (error) {
    io.err(`${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error)}`);
    return null;
  }
}

/** The summary every import prints: counts first, then each failure with its reason. */
export function summary(
  outcomes: readonly ImportOutcome[],
  rejected: readonly { url: string; reason: string }[],
  dryRun: boolean,
): string {
  const count = (kind: ImportOutcome["kind"]) => outcomes.filter((o) => o.kind === kind).length;
  const lines = [
    dryRun
      ? `dry run: ${count("would_add")} would be added, ${count("present")} already present, ${rejected.length} not importable`
      : `${count("added")} added, ${count("present")} already present, ${count("failed") + rejected.length} failed`,
  ];
  for (const o of outcomes) {
    if (o.kind === "added") lines.push(`  + ${o.url} (#${o.feedId}, ${o.items} items stored as seen)`);
    if (o.kind === "would_add") lines.push(`  + ${o.url}`);
  }
  for (const o of outcomes) if (o.kind === "failed") lines.push(`  ! ${o.url}: ${o.reason}`);
  for (const r of rejected) lines.push(`  ! ${r.url}: ${r.reason}`);
  return lines.join("\n");
}
