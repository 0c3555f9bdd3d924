/** The public surface of the core: pure TypeScript, the same in Node and in the browser. */
export * from './format';
export * from './parse/errors';
export { parse, MAX_SOURCE_LENGTH, MAX_NESTING_DEPTH, MAX_OPERATIONS, DEFAULT_LIMITS } from './parse/parser';
export type { Ast, Program, Statement, ParseLimits, ParseResult, Span } from './parse/parser';
export { printExpression, printProgram, printStatement } from './parse/print';
export { firstNonFiniteSteps } from './nonFinite';
export * from './rules';
export * from './tape';
export * from './sweep/sweeps';
export * from './tex';
export * from './trace';
export * from './values';
export * from './symExpr';
export * from './dual';
export * from './jacobian';
export * from './finiteDiff';
export * from './symbolic';
export * from './export';
