import assert from "node:assert/strict";
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
});
