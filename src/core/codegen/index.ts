/**
 * The same computation in a real framework: a complete program in JAX, PyTorch or Julia that defines
 * the function as written (its control flow included), evaluates it at the current point and
 * differentiates it with the framework's own automatic differentiation in 64-bit floats, ending with
 * one line `NAME = VALUE` per output and one line `dOUT/dIN = VALUE` per output and input, in full
 * precision (CONTRACTS §3b), so that its numbers can be set beside the page's.
 */
import { printProgram } from '../parse/print';
import { analyzeText, type ProgramInfo } from '../tape';
import { emitFunction, floatLiteral } from './emit';
import { JULIA, juliaProgram } from './julia';
import type { CodeInput } from './program';
import { JAX, jaxProgram, PYTORCH, pytorchProgram } from './python';

export type CodeFormat = 'jax' | 'pytorch' | 'julia';
export const CODE_FORMATS: readonly CodeFormat[] = ['jax', 'pytorch', 'julia'];

/** How each framework is named for people, and the file name a download would take. */
export const CODE_FORMAT_INFO: Readonly<
  Record<CodeFormat, { label: string; file: string; language: string }>
> = {
  jax: { label: 'JAX', file: 'wengert_jax.py', language: 'python' },
  pytorch: { label: 'PyTorch', file: 'wengert_pytorch.py', language: 'python' },
  julia: { label: 'Julia', file: 'wengert.jl', language: 'julia' },
};

export const isCodeFormat = (s: string): s is CodeFormat => (CODE_FORMATS as readonly string[]).includes(s);

/** Each language's spelling of the primitives, keyed by format (tests walk the rule table through it). */
export const CODE_LANGUAGES = { jax: JAX, pytorch: PYTORCH, julia: JULIA } as const;

/**
 * The program in `format` for an analysed program at input values `x` (in `info.inputs` order).
 * Pure; it throws only on a programming error (a primitive without a translation).
 */
export function programCode(format: CodeFormat, info: ProgramInfo, x: ArrayLike<number>): string {
  const values = Array.from({ length: info.inputs.length }, (_, i) => x[i]!);
  const lang = CODE_LANGUAGES[format];
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
