/**
 * The per-text cap of the parse worker (issue 13.3), plain JavaScript run in the worker
 * (parse-worker.js): every text and attribute value of the xml2js tree longer than the cap
 * (worker-text-cap.ts, MAX_TEXT_CHARS, handed over as workerData) is cut before rss-parser's
 * own string work (trimming, content rebuilding) and before the result is cloned back to the
 * main thread. A 4 MB `<description>` of `&lt;` then costs the main thread (normalise, match,
 * store) 128 K characters, not 4 MB copied several times.
 */

/** Cut at `max`, never between the two halves of a surrogate pair. */
const capText = (value, max) => {
  if (value.length <= max) return value;
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
};

/** Iterative (a hostile tree is deep): caps strings in arrays, text (_) and attributes ($). */
export function capTexts(root, max) {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (typeof child === "string") node[i] = capText(child, max);
        else if (typeof child === "object" && child !== null) stack.push(child);
      }
      continue;
    }
    if (typeof node !== "object" || node === null) continue;
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (typeof child === "string") node[key] = capText(child, max);
      else if (typeof child === "object" && child !== null) stack.push(child);
    }
  }
}
