/** Types of parse-worker-reply.js, a plain JavaScript module of the worker (see parse-worker.js for why). */
export declare const FEED_TEXTS: readonly string[];
export declare const ITEM_TEXTS: readonly string[];
export declare const ITEM_LISTS: readonly string[];
export declare const MEDIA_TEXTS: readonly string[];
export declare function packFeed(feed: unknown): { text: string; shape: Int32Array };
