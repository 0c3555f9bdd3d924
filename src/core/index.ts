/** The public surface of the core: pure TypeScript, the same in Node and in the browser. */
export * from './format';
export * from './parse/errors';
export { parse, MAX_SOURCE_LENGTH, MAX_NESTING_DEPTH, MAX_OPERATIONS, DEFAULT_LIMITS } from './parse/parser';
export { KEYWORDS, suggestFunction } from './parse/parser';
export type {
  Assignment,
  Ast,
  Comparison,
  Condition,
  ForStatement,
  IfStatement,
  Program,
  ReturnStatement,
  Statement,
  ParseLimits,
  ParseResult,
  Span,
  WhileStatement,
} from './parse/parser';
export { printCondition, printExpression, printProgram, printStatement } from './parse/print';
export * from './flat';
export { MAX_ITERATIONS, MAX_TOTAL_ITERATIONS } from './program';
export { firstNonFiniteSteps } from './nonFinite';
export { replaceLookalikes } from './parse/lexer';
export * from './rules';
export * from './tape';
export * from './sweep/sweeps';
export * from './tex';
export * from './trace';
export * from './values';
export * from './train';
export * from './export';
export * from './codegen/index';
export * from './symExpr';
export * from './dual';
export * from './jacobian';
export * from './finiteDiff';
export * from './symbolic';
export * from './quiz';
