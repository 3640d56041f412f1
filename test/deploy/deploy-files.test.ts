/**
 * Docker cannot run here, so the deployment files are checked for what they promise:
 * docker-compose.yml's structure (PostgreSQL, two instances, config mounted read-only,
 * readiness health checks, only variables config/example.env documents), the Dockerfile's
 * runtime (the LTS that CI also tests, a non-root user, a liveness check), and that the
 * documented production configuration passes the same validation as `check-config`.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { SHUTDOWN_DEADLINE_MS } from "../../src/cli/commands/run.ts";
import { readEnv } from "../../src/config/env.ts";
import { loadConfig } from "../../src/config/load.ts";
import { repoRoot } from "../support/corpora.ts";

const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");

interface Service {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: { path: string; required: boolean }[];
  volumes?: ({ type: string; source: string; target: string; read_only?: boolean } | string)[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  ports?: string[];
  stop_grace_period?: string;
}

const composeText = read("docker-compose.yml");
// Compose reads YAML merge keys (`<<: *wirewatch`).
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const documented = new Set(
  [...read("config/example.env").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]),
);
const instances = ["wirewatch-1", "wirewatch-2"];

describe("docker-compose.yml", () => {
  it("has PostgreSQL with a health check and two Wirewatch instances built from the Dockerfile", () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ["postgres", ...instances]);
    const pg = compose.services.postgres;
    assert.match(String(pg?.image), /^postgres:\d+/);
    assert.match(JSON.stringify(pg?.healthcheck?.test), /pg_isready/);
    for (const name of instances) assert.equal(compose.services[name]?.build, ".", name);
  });

  for (const name of instances) {
    it(`${name}: waits for a healthy PostgreSQL, is healthy when /readyz says so, mounts the config read-only`, () => {
      const s = compose.services[name];
      assert.ok(s);
      assert.deepEqual(s.depends_on, { postgres: { condition: "service_healthy" } });
      const check = Array.isArray(s.healthcheck?.test)
        ? s.healthcheck.test.join(" ")
        : String(s.healthcheck?.test);
      assert.match(check, /127\.0\.0\.1:3000\/readyz/);
      assert.equal(s.environment?.PORT, "3000");
      const configPath = s.command?.[s.command.indexOf("--config") + 1];
      assert.deepEqual(s.command?.slice(0, 1), ["run"]);
      const mount = s.volumes?.find((v) => typeof v === "object" && v.target === configPath);
      assert.ok(mount && typeof mount === "object", `no mount for ${configPath}`);
      assert.equal(mount.type, "bind");
      assert.equal(mount.source, "./config/production.yaml");
      assert.equal(mount.read_only, true);
      assert.match(
        String(s.environment?.WIREWATCH_DATABASE),
        /^postgres:\/\/wirewatch:.*@postgres:5432\/wirewatch$/,
      );
      // The orchestrator's stop must outlast run's own shutdown deadline and the bin's 1 s
      // wait for open handles after it.
      assert.ok(Number.parseInt(String(s.stop_grace_period), 10) * 1000 > SHUTDOWN_DEADLINE_MS + 1_000);
    });
  }

  it("the instances publish different host ports", () => {
    const ports = instances.map((n) => compose.services[n]?.ports?.[0]?.split(":").at(-2));
    assert.equal(new Set(ports).size, instances.length, JSON.stringify(ports));
  });

  it("names only variables that config/example.env documents", () => {
    const used = new Set<string>();
    for (const name of instances)
      for (const key of Object.keys(compose.services[name]?.environment ?? {})) used.add(key);
    for (const m of composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)) used.add(m[1] ?? "");
    const undocumented = [...used].filter((v) => !documented.has(v));
    assert.deepEqual(undocumented, []);
    assert.ok(used.has("WIREWATCH_DATABASE") && used.has("POSTGRES_PASSWORD"));
  });
});

describe("Dockerfile and .dockerignore", () => {
  const dockerfile = read("Dockerfile");
  const lts = /LTS_NODE="node@(\d+)\.\d+\.\d+"/.exec(read(".ci/run"))?.[1];

  it("every stage runs on the Node.js LTS line that CI tests, on one Debian", () => {
    assert.ok(lts, ".ci/run pins LTS_NODE");
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    assert.equal(bases.length, 2);
    for (const base of bases) assert.match(String(base), new RegExp(`^node:${lts}-[a-z]+-slim$`));
    assert.equal(new Set(bases).size, 1, "build and run stages on the same base (native addon)");
    assert.equal(Number(lts) % 2, 0, "an even (LTS) major");
  });

  it("installs from the lockfile, runs as the unprivileged node user, checks /healthz", () => {
    assert.match(dockerfile, /^RUN npm ci$/m);
    assert.match(dockerfile, /^RUN npm run build && npm prune --omit=dev$/m);
    const user = dockerfile.search(/^USER node$/m);
    assert.ok(user > 0 && user < dockerfile.search(/^ENTRYPOINT /m));
    assert.match(dockerfile, /^HEALTHCHECK [\s\S]*\/healthz/m);
  });

  it("has what `npm ci` needs before the sources are copied", () => {
    // `npm ci` runs `prepare` before src/ is copied: the build script must be there to skip.
    const install = dockerfile.search(/^RUN npm ci$/m);
    for (const file of ["scripts/build.js", "bin/compiled-build.js"]) {
      const copied = dockerfile.search(new RegExp(`^COPY ${file} `, "m"));
      assert.ok(copied > 0 && copied < install, `${file} is copied before npm ci`);
    }
    assert.ok(read(".dockerignore").split("\n").includes("!scripts/build.js"));
  });

  it("keeps node_modules, databases, secrets and git out of the build context", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of ["node_modules", "data", ".env", ".git", "*.db"])
      assert.ok(ignored.includes(entry), entry);
  });

  it("package.json still accepts Node 20", () => {
    assert.equal((JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node, ">=20");
  });
});

describe("config/production.example.yaml", () => {
  it("passes the configuration checks (as `wirewatch check-config` does)", () => {
    const config = loadConfig(join(repoRoot, "config/production.example.yaml"), readEnv({}));
    assert.match(config.database, /^postgres:\/\//);
    assert.ok(config.feeds.length > 0 && config.topics.length > 0);
    assert.ok(config.feeds.every((f) => f.url.startsWith("https://")));
  });
});
