/**
 * The one line `wirewatch run` (`npm start`) says when it has started: what runs, with which
 * config, how to stop it, and the next step, which depends on where the operator is (still
 * on the bundled demo, no topics yet, or a configuration of their own).
 */
export interface StartFacts {
  version: string;
  configFile: string;
  /** True when the file is the bundled default (the demo feeds). */
  bundledDefault: boolean;
  feeds: number;
  topics: number;
  /** Where alerts can go: "console", "Slack", "Discord". */
  outputs: string[];
  port: number;
}

export function startLine(f: StartFacts): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const next = f.bundledDefault
    ? `next: copy ${f.configFile}, put your feeds and topics in it, check it with \`npx wirewatch check-config --config my.yaml\` and run \`npx wirewatch run --config my.yaml\` (README, Quick start)`
    : f.topics === 0
      ? `next: add topics to ${f.configFile}, or with /wirewatch watch in Slack or Discord`
      : `next: readiness at http://localhost:${f.port}/readyz; alerts arrive as the feeds publish`;
  return [
    `wirewatch ${f.version} is running: ${plural(f.feeds, "feed")}, ${plural(f.topics, "topic")}, alerts to ${f.outputs.join(", ")}`,
    `config ${f.configFile}`,
    "stop with Ctrl-C",
    next,
  ].join(" · ");
}
