// The package ships no types; this is the part of its CommonJS API we use. It is
// reached as the default export from ESM and as named exports from CommonJS callers.
declare module "snowball-stemmers" {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
  export function algorithms(): string[];
  const snowball: { newStemmer(language: string): Stemmer; algorithms(): string[] };
  export default snowball;
}
