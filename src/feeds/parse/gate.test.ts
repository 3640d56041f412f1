import assert from "node:assert/strict";
import { test } from "node:test";
import { createGate } from "./gate.ts";

test("a gate admits `limit` holders, the rest in arrival order, each release once", async () => {
  const gate = createGate(2);
  const order: string[] = [];
  const first = await gate.enter();
  const second = await gate.enter();
  const third = gate.enter().then((release) => {
    order.push("third");
    return release;
  });
  const fourth = gate.enter().then((release) => {
    order.push("fourth");
    return release;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, [], "nobody past the limit got in");
  first();
  first(); // a second call must not let two in
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, ["third"]);
  second();
  (await third)();
  (await fourth)();
  assert.deepEqual(order, ["third", "fourth"]);
  // Everyone left: the next two enter at once.
  await Promise.all([gate.enter(), gate.enter()]);
});
