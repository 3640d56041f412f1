import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { CliIo } from "./command.ts";
import { COMMANDS, main } from "./index.ts";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const SEED = "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine";

describe("wirewatch CLI", () => {
  it("every subcommand answers --help with its usage", async () => {
    for (const command of COMMANDS) {
      const io = capture();
      assert.equal(await main([command.name, "--help"], io), 0);
      assert.match(io.stdout.join("\n"), new RegExp(`usage: wirewatch ${command.name}`));
    }
  });

  it("unknown commands exit 2", async () => {
    const io = capture();
    assert.equal(await main(["frobnicate"], io), 2);
    assert.match(io.stderr.join("\n"), /unknown command "frobnicate"/);
  });

  describe("match", () => {
    const table: { rule: string; expected: 0 | 1 }[] = [
      { rule: "etats-unis AND cooperer", expected: 0 },
      { rule: 'russie AND "etats-unis"', expected: 0 },
      { rule: "coopération", expected: 0 },
      { rule: '"coopération"', expected: 1 },
      { rule: "sport", expected: 1 },
    ];
    for (const { rule, expected } of table) {
      it(`${rule} → exit ${expected}`, async () => {
        const io = capture();
        const code = await main(["match", rule, "--title", SEED, "--lang", "fr", "--source", "RFI"], io);
        assert.equal(code, expected, io.stdout.join("\n") + io.stderr.join("\n"));
        assert.equal(io.stdout[0], expected === 0 ? "match" : "no match");
        assert.ok((io.stdout[1] ?? "").length > 0, "an explanation follows");
      });
    }

    it("aliases come from --config", async () => {
      const io = capture();
      const code = await main(
        ["match", "@usa AND russie", "--title", SEED, "--lang", "fr", "--config", "config/demo.yaml"],
        io,
      );
      assert.equal(code, 0, io.stderr.join("\n"));
    });

    it("prints warnings on stderr without changing the exit code", async () => {
      const io = capture();
      const code = await main(["match", "russie and cooperer", "--title", SEED, "--lang", "fr"], io);
      assert.equal(code, 1, "three words, one of them and");
      assert.deepEqual(io.stderr, [
        'warning: at column 8: "and" is searched as a word; write AND to combine terms',
      ]);
      assert.equal(io.stdout[0], "no match");
    });

    it("explains a failed acronym and a word found inside compounds", async () => {
      const io = capture();
      assert.equal(await main(["match", "OTAN", "--title", "le sommet de l'otan"], io), 1);
      assert.match(
        io.stdout.join("\n"),
        /OTAN is an acronym: matches words starting with a capital \(OTAN, Otan\), not "otan"/,
      );
      assert.equal(await main(["match", "OTAN", "--title", "le sommet de l'Otan"], io), 0);
      const de = capture();
      assert.equal(
        await main(["match", "wahlrecht", "--title", "Die Wahlrechtsreform", "--lang", "de"], de),
        1,
      );
      assert.match(de.stdout.join("\n"), /matches with wahlrecht\*/);
    });

    it("a misspelt field exits 2 with a suggestion", async () => {
      const io = capture();
      assert.equal(await main(["match", "titel:russie", "--title", SEED], io), 2);
      assert.deepEqual(io.stderr, ['at column 1: unknown field "titel" — did you mean title:?']);
    });

    it("without --lang, the language is detected (and said) so stemming applies", async () => {
      const io = capture();
      const code = await main(["match", "sanction", "--title", "Nouvelles sanctions contre Moscou"], io);
      assert.equal(code, 0, io.stdout.join("\n"));
      assert.deepEqual(io.stdout.slice(0, 2), ["match", "language: fr (detected; --lang overrides)"]);
    });

    it("too short to detect: unknown, said, no stemming; --lang is not second-guessed", async () => {
      const short = capture();
      assert.equal(await main(["match", "sanction", "--title", "Sanctions"], short), 1);
      assert.match(short.stdout[1] ?? "", /^language: unknown \(too short or ambiguous/);
      const given = capture();
      assert.equal(await main(["match", "sanction", "--title", "Sanctions", "--lang", "fr"], given), 0);
      assert.ok(!given.stdout.some((line) => line.startsWith("language:")));
    });

    it("a rule error exits 2 with its column on stderr", async () => {
      const io = capture();
      const code = await main(["match", 'russie AND "etats', "--title", SEED], io);
      assert.equal(code, 2);
      assert.match(io.stderr.join("\n"), /at column \d+: expected/);
      assert.deepEqual(io.stdout, []);
    });
  });

  describe("a CLI that behaves", () => {
    it("--version prints the package version and exits 0", async () => {
      const io = capture();
      assert.equal(await main(["--version"], io), 0);
      assert.match(io.stdout[0] ?? "", /^wirewatch \d+\.\d+\.\d+/);
    });

    it("an unknown command or option is an error with a suggestion (exit 2), never a start", async () => {
      const io = capture();
      assert.equal(await main(["pol", "--once"], io), 2);
      assert.match(io.stderr[0] ?? "", /unknown command "pol" \(did you mean poll\?\)/);
      const flag = capture();
      assert.equal(await main(["run", "--bogus"], flag), 2);
      assert.match(flag.stderr[0] ?? "", /unknown option --bogus/);
      const typo = capture();
      assert.equal(await main(["poll", "--onse"], typo), 2);
      assert.match(typo.stderr[0] ?? "", /unknown option --onse \(did you mean --once\?\)/);
      const value = capture();
      assert.equal(await main(["poll", "--once=yes"], value), 2);
      assert.match(value.stderr[0] ?? "", /--once takes no value/);
    });
  });

  describe("check-config", () => {
    function file(text: string): string {
      const dir = mkdtempSync(join(tmpdir(), "ww-check-"));
      const path = join(dir, "c.yaml");
      writeFileSync(path, text);
      return path;
    }

    it("prints warnings on stderr and still exits 0", async () => {
      const io = capture();
      const path = file(
        "topics:\n  - name: a\n    rule: russie and chine\n    notify: [{ channel: console }]\n",
      );
      assert.equal(await main(["check-config", "--config", path], io), 0, io.stderr.join("\n"));
      assert.deepEqual(io.stderr, [
        'warning: topics[0].rule: at column 8: "and" is searched as a word; write AND to combine terms (line 3)',
      ]);
      assert.match(io.stdout.join("\n"), /: ok — 0 feed\(s\), 1 topic\(s\)/);
    });

    it("reports a schema error and a rule error of another topic in one pass", async () => {
      const io = capture();
      const path = file(
        [
          "topics:",
          "  - name: a",
          "    rule: russie",
          "    notify: [{ channel: slack:nope }]",
          "  - name: b",
          "    rule: titel:chine",
          "    notify: [{ channel: console, digest: '0 8 * * *', timezone: Mars/Base }]",
        ].join("\n"),
      );
      assert.equal(await main(["check-config", "--config", path], io), 2);
      const text = io.stderr.join("\n");
      assert.match(text, /3 problem\(s\)/);
      assert.match(text, /topics\[0\]\.notify\[0\]\.channel: .*\(line 4\)/);
      assert.match(
        text,
        /topics\[1\]\.rule: at column 1: unknown field "titel" — did you mean title:\? \(line 6\)/,
      );
      assert.match(text, /topics\[1\]\.notify\[0\]\.timezone: expected an IANA time zone/);
    });
  });
});
