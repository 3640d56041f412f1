/**
 * The per-text cap of the parse worker (issue 13.3; the worker receives this value as
 * workerData and its XML reader, parse-worker-xml.js, stops every text and attribute value
 * there while reading).
 * Real feeds stay far below it: long-form `content:encoded` articles measure 20–100 K
 * characters.
 */
export const MAX_TEXT_CHARS = 128 * 1024;
