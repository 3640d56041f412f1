/** The rule language: parse, print, match with explanation, and an index for many rules. */
export { foldText } from "../text/fold.ts";
export { tokenize } from "../text/tokenize.ts";
export {
  type Aliases,
  type AndNode,
  MAX_NEAR_DISTANCE,
  type MetaNode,
  type NearNode,
  type NotNode,
  type OrNode,
  RULE_LIMITS,
  type Rule,
  type RuleError,
  type TermMode,
  type TermNode,
  type TextField,
} from "./ast.ts";
export { type Explanation, explainRule, formatExplanation, type MatchedTerm } from "./explain.ts";
export { createRuleIndex, type RuleIndex } from "./index/index.ts";
export { matchRule } from "./match.ts";
export { aliasEntryProblem, formatWarning, type RuleWarning } from "./mistakes.ts";
export { type ParsedRule, parseRule, parseRuleWithWarnings } from "./parse.ts";
export { type ItemField, type MatchInput, type PreparedItem, prepareItem } from "./prepare.ts";
export { printRule } from "./print.ts";
