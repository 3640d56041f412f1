export { type CharClass, classify, foldCodePoint, foldText } from "./fold.ts";
export { foldedWords } from "./folded-words.ts";
export { primaryLanguage, type StemFn, stemmerFor, stemmerTouches, stemmingLanguages } from "./stem.ts";
export { ELISIONS, type Token, tokenize, tokenizeDetailed } from "./tokenize.ts";
