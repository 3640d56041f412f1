/**
 * The per-text cap of the parse worker (issue 13.3; the cut itself is
 * parse-worker-text-cap.js, run in the worker, which receives this value as workerData).
 * Real feeds stay far below it: long-form `content:encoded` articles measure 20–100 K
 * characters.
 */
export const MAX_TEXT_CHARS = 128 * 1024;
