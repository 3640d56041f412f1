/**
 * Feed text is plain but not trusted. Control characters could drive a terminal (ANSI
 * escapes) or break a line-based layout, and bidi overrides can make a title read
 * differently from what it says ("Trojan Source"). Each is replaced by a space rather
 * than removed so that highlight offsets, counted in UTF-16 code units, stay valid.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export function cleanText(text: string): string {
  return text.replace(UNSAFE, " ");
}

/** Multi-line text from the builders (bodies): keeps line breaks, cleans each line. */
export function cleanLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map(cleanText);
}
