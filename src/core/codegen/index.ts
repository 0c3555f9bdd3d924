/**
 * The same computation in a real framework: a complete program in JAX, PyTorch or Julia that defines
 * the function as written (its control flow included), evaluates it at the current point and
 * differentiates it with the framework's own automatic differentiation in 64-bit floats, ending with
 * one line `NAME = VALUE` per output and one line `dOUT/dIN = VALUE` per output and input, in full
 * precision (CONTRACTS §3b), so that its numbers can be set beside the page's.
 */
export * from './formats';
import { printProgram } from '../parse/print';
import { analyzeText, type ProgramInfo } from '../tape';
import { emitFunction, floatLiteral, type Language } from './emit';
import { juliaLanguage, juliaProgram } from './julia';
import type { CodeFormat } from './formats';
import type { CodeInput } from './program';
import { jaxLanguage, jaxProgram, pytorchLanguage, pytorchProgram } from './python';

/** Each language's spelling of the primitives, keyed by format (tests walk the rule table through it). */
export function codeLanguage(format: CodeFormat): Language {
  return format === 'jax' ? jaxLanguage() : format === 'pytorch' ? pytorchLanguage() : juliaLanguage();
}

/**
 * The program in `format` for an analysed program at input values `x` (in `info.inputs` order).
 * Pure; it throws only on a programming error (a primitive without a translation).
 */
export function programCode(format: CodeFormat, info: ProgramInfo, x: ArrayLike<number>): string {
  const values = Array.from({ length: info.inputs.length }, (_, i) => x[i]!);
  const lang = codeLanguage(format);
  const code: CodeInput = {
    title: 'The same computation',
    source: printProgram(info.program, true).split('\n'),
    inputs: info.inputs,
    outputs: info.outputs,
    x: values,
    pointText: info.inputs
      .map((name, i) => `${name} = ${floatLiteral(values[i]!).replace(/\.0$/, '')}`)
      .join(', '),
    fn: emitFunction(info, lang),
  };
  return format === 'jax'
    ? jaxProgram(code)
    : format === 'pytorch'
      ? pytorchProgram(code)
      : juliaProgram(code);
}

/** The program for source text; the text must be valid (the page and the command line compiled it). */
export function codeOf(format: CodeFormat, source: string, x: ArrayLike<number>): string {
  const analyzed = analyzeText(source);
  if (!analyzed.ok) throw new Error(analyzed.error.message);
  return programCode(format, analyzed.info, x);
}
