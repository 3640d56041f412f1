/**
 * The per-text cap of the parse worker (issue 13.3), as worker source text (see
 * worker-source.ts for why): every text and attribute value of the xml2js tree longer than
 * MAX_TEXT_CHARS is cut before rss-parser's own string work (trimming, content rebuilding)
 * and before the result is cloned back to the main thread. A 4 MB `<description>` of `&lt;`
 * then costs the main thread (normalise, match, store) 128 K characters, not 4 MB copied
 * several times. Real feeds stay far below the cap: long-form `content:encoded` articles
 * measure 20–100 K characters.
 */
export const MAX_TEXT_CHARS = 128 * 1024;

export const TEXT_CAP_SOURCE = `
const MAX_TEXT_CHARS = ${MAX_TEXT_CHARS};
/** Cut at the cap, never between the two halves of a surrogate pair. */
const capText = (value) => {
  if (value.length <= MAX_TEXT_CHARS) return value;
  const code = value.charCodeAt(MAX_TEXT_CHARS - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS);
};
/** Iterative (a hostile tree is deep): caps strings in arrays, text (_) and attributes ($). */
function capTexts(root) {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (typeof child === "string") node[i] = capText(child);
        else if (typeof child === "object" && child !== null) stack.push(child);
      }
      continue;
    }
    if (typeof node !== "object" || node === null) continue;
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (typeof child === "string") node[key] = capText(child);
      else if (typeof child === "object" && child !== null) stack.push(child);
    }
  }
}
`;
