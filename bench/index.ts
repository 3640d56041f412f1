/**
 * `npm run bench -- <name> [--json]` runs bench/<name>.ts; without a name, every
 * benchmark listed here. Each benchmark measures its own baseline in the same run and
 * prints ratios, so numbers compare across machines.
 */
const BENCHES = ["rules", "search", "preview", "ingest", "stories", "identity"] as const;

const args = process.argv.slice(2);
// Names come before the options: `stories --pairs FILE` and `rules --workload real` must not
// read their values as names.
const firstOption = args.findIndex((a) => a.startsWith("-"));
const named = firstOption < 0 ? args : args.slice(0, firstOption);
const selected = named.length > 0 ? named : [...BENCHES];

for (const name of selected) {
  if (!(BENCHES as readonly string[]).includes(name)) {
    console.error(`unknown benchmark "${name}"; known: ${BENCHES.join(", ")}`);
    process.exit(2);
  }
  const mod = (await import(`./${name}.ts`)) as { run(argv: string[]): Promise<void> };
  await mod.run(args.filter((a) => !named.includes(a)));
}
