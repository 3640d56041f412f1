import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addHours, addMs, fromEpochMs, isoNow, laterOf, msBetween, toEpochMs } from "./time.ts";

const T = "2026-11-28T03:00:00.000Z";

describe("time", () => {
  it("reads the clock as an ISO instant", () => {
    assert.equal(isoNow({ now: () => new Date(T) }), T);
  });

  it("moves an instant by milliseconds and hours, across a day and a year", () => {
    assert.equal(addMs(T, 1_500), "2026-11-28T03:00:01.500Z");
    assert.equal(addMs(T, -1), "2026-11-28T02:59:59.999Z");
    assert.equal(addMs(T, 0), T);
    assert.equal(addHours(T, -48), "2026-11-26T03:00:00.000Z");
    assert.equal(addHours("2026-12-31T23:30:00.000Z", 1), "2027-01-01T00:30:00.000Z");
  });

  it("normalises an instant written with an offset to UTC", () => {
    assert.equal(addMs("2026-11-28T04:00:00+01:00", 0), T);
  });

  it("measures from one instant to another, signed", () => {
    assert.equal(msBetween(T, "2026-11-28T03:00:02.250Z"), 2_250);
    assert.equal(msBetween("2026-11-28T03:00:02.250Z", T), -2_250);
    assert.equal(msBetween(T, T), 0);
  });

  it("picks the later instant by time, not by spelling", () => {
    assert.equal(laterOf(T, "2026-11-28T03:00:00.001Z"), "2026-11-28T03:00:00.001Z");
    assert.equal(laterOf("2026-11-28T03:00:00.001Z", T), "2026-11-28T03:00:00.001Z");
    assert.equal(laterOf(T, "2026-11-28T04:00:00+01:00"), T);
    // Lexically "2026-11-28T03:30:00+01:00" sorts after T, but it is earlier.
    assert.equal(laterOf(T, "2026-11-28T03:30:00+01:00"), T);
  });

  it("converts to and from epoch ms at a policy's edge without loss", () => {
    assert.equal(toEpochMs(T), 1_795_834_800_000);
    assert.equal(fromEpochMs(toEpochMs(T)), T);
  });
});
