import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "./load.ts";

/** The problems a ConfigError lists for `text` (one a line); fails when the text loads. */
export const problemsOf = (text: string): string[] => {
  try {
    parseConfig(text, "test.yaml");
  } catch (error) {
    if (error instanceof ConfigError)
      return error.message
        .split("\n")
        .slice(1)
        .map((l) => l.trim());
    throw error;
  }
  assert.fail("expected a ConfigError");
};
