export declare const STAMP: string;
export declare function compiledIsCurrent(root: string): boolean;
