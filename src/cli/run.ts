/**
 * The command line as a function of its arguments, so that tests can run it without a process:
 * arguments (options.ts) → options → the expression (positional or `--file`) → tape → values →
 * trace → one output (the table, `--json` (json.ts) or `--format`). Every failure is a located
 * `SourceError` with exit status 2; with `--json` it is `{"error": …}` on stdout, usage errors
 * included. Writing the result is `trace.ts`'s job (output.ts).
 */
import {
  analyzeText,
  buildTrace,
  tapeOf,
  exportTrace,
  parseValue,
  type ExportFormat,
  type ProgramInfo,
  type SourceError,
} from '../core/index';
import { toJson, type ValueWarning } from './json';
import { helpText, parseCommandLine, UsageError, USAGE, wantsJson, type ParsedArgs } from './options';
import { readSource, type ReadSource } from './source';
import { toTable } from './table';

export { toJson } from './json';
export { toTable } from './table';

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the runner needs from outside: reading `--file` (tests pass their own). */
export interface CliIo {
  readonly readSource: ReadSource;
}

interface Options {
  /** The expression or program, as given or as read from `--file`. */
  expression: string;
  /** `--at` values in the order given: name → the text after `=`. */
  at: ReadonlyMap<string, string>;
  seed: string | null;
  adjointSeed: string | null;
  json: boolean;
  merge: boolean;
  format: ExportFormat | null;
}

/** A located failure: exit status 2, and the message shown at its place in the expression. */
class InputError extends Error {
  constructor(readonly error: SourceError) {
    super(error.message);
  }
}

const nowhere = (message: string): SourceError => ({ message, start: 0, end: 0 });

/** The one value of an option given at most once, or null. */
const one = (args: ParsedArgs, name: Parameters<ParsedArgs['values']['get']>[0]): string | null =>
  args.values.get(name)?.[0] ?? null;

/** `--at x1=2,x2=5 --at x3=1` → name → value text; a name given twice is an error. */
function readAt(texts: readonly string[]): Map<string, string> {
  const at = new Map<string, string>();
  for (const pair of texts.flatMap((t) => t.split(',')).filter((p) => p.trim() !== '')) {
    const eq = pair.indexOf('=');
    const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (at.has(name))
      throw new UsageError(
        `--at gives ${name} twice (${name}=${at.get(name)} and ${name}=${value}); give each name once`,
      );
    at.set(name, value);
  }
  return at;
}

/** The options the arguments ask for; throws `UsageError` or `InputError`. */
function optionsOf(args: ParsedArgs, io: CliIo): Options {
  const file = one(args, 'file');
  if (file !== null && args.positionals.length > 0)
    throw new UsageError('give the expression or --file, not both');
  if (args.positionals.length > 1)
    throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[1])}: quote the expression`);
  let expression: string;
  if (file !== null) {
    const read = io.readSource(file);
    if (!read.ok) throw new InputError(nowhere(read.message));
    expression = read.text;
  } else if (args.positionals.length === 1) expression = args.positionals[0]!;
  else throw new UsageError('the expression is missing (give it, or --file PATH)');
  // Checked against the table's choices when the arguments were parsed.
  const format = one(args, 'format') as ExportFormat | null;
  return {
    expression,
    at: readAt(args.values.get('at') ?? []),
    seed: one(args, 'seed'),
    adjointSeed: one(args, 'adjoint-seed'),
    json: args.values.has('json'),
    merge: !args.values.has('no-merge'),
    format,
  };
}

const warningLines = (warnings: readonly string[]): string => warnings.map((w) => `warning: ${w}\n`).join('');

/** Where an offset is, for people: `col 5`, or `line 2, col 3` in a program of several lines. */
function place(text: string, offset: number): { label: string; line: string; col: number } {
  const at = Math.min(Math.max(0, offset), text.length);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const col = at - lineStart;
  const multiline = text.includes('\n');
  const lineNo = multiline ? text.slice(0, lineStart).split('\n').length : 1;
  return {
    label: multiline ? `line ${lineNo}, col ${col + 1}` : `col ${offset + 1}`,
    line: multiline ? text.slice(lineStart, lineEnd).replace(/\r$/, '') : text,
    col,
  };
}

/** A failure: the JSON error object with `--json`, else the message and a caret on stderr. */
function fail(json: boolean, expression: string, error: SourceError, warnings: string[] = []): CliResult {
  if (json) {
    return { status: 2, stdout: JSON.stringify({ error }) + '\n', stderr: warningLines(warnings) };
  }
  const { label, line, col } = place(expression, error.start);
  const width = Math.max(1, Math.min(error.end - error.start, line.length + 1 - col));
  const caret = ' '.repeat(col) + '^'.repeat(width);
  // Without an expression (a file that cannot be read), there is no place to point at.
  const where = expression ? ` (${label})\n  ${line.replace(/[\n\r\t]/g, ' ')}\n  ${caret}` : '';
  return { status: 2, stdout: '', stderr: `${warningLines(warnings)}error: ${error.message}${where}\n` };
}

/** Runs the command line on its arguments. Never throws. */
export function runTrace(argv: readonly string[], io: CliIo = { readSource }): CliResult {
  const json = wantsJson(argv);
  let o: Options;
  try {
    const args = parseCommandLine(argv);
    if (args.values.has('help')) return { status: 0, stdout: helpText(), stderr: '' };
    o = optionsOf(args, io);
  } catch (e) {
    if (e instanceof InputError) return fail(json, '', e.error);
    const message = e instanceof Error ? e.message : String(e);
    if (json) return fail(true, '', nowhere(message));
    return { status: 2, stdout: '', stderr: `error: ${message}\n${USAGE}\n(--help lists the options)\n` };
  }
  try {
    return run(o);
  } catch (e) {
    // Defence in depth: a bug must still not print a stack trace at a student.
    return fail(
      o.json,
      o.expression,
      nowhere(`internal error: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
}

/** The input values in input order, or the located error of the first one that cannot be read. */
function valuesOf(
  o: Options,
  info: ProgramInfo,
  warnings: string[],
): { x: number[]; valueWarnings: ValueWarning[] } | { error: SourceError } {
  for (const name of o.at.keys()) {
    if (!info.inputs.includes(name)) warnings.push(`--at ${name}: no input is named ${name}; ignored`);
  }
  const x: number[] = [];
  const valueWarnings: ValueWarning[] = [];
  for (const [j, name] of info.inputs.entries()) {
    const span = info.inputSpans.get(name) ?? [0, 0];
    const parsed = parseValue(name, o.at.get(name) ?? '');
    if (!parsed.ok) {
      const hint = o.at.has(name) ? '' : ` (add ${name}=… to --at)`;
      return { error: { message: `${parsed.message}${hint}`, start: span[0], end: span[1] } };
    }
    if (parsed.warning) {
      valueWarnings.push({ input: j, message: parsed.warning });
      warnings.push(`--at ${name}: ${parsed.warning}`);
    }
    x.push(parsed.value);
  }
  return { x, valueWarnings };
}

function run(o: Options): CliResult {
  // A program with control flow is recorded at the values given: the tape is the path taken there.
  const analyzed = analyzeText(o.expression);
  if (!analyzed.ok) return fail(o.json, o.expression, analyzed.error);
  const info = analyzed.info;
  const warnings: string[] = info.warnings.map((w) => `${w.message} (${place(o.expression, w.start).label})`);
  const values = valuesOf(o, info, warnings);
  if ('error' in values) return fail(o.json, o.expression, values.error, warnings);
  const compiled = tapeOf(info, { merge: o.merge, x: values.x });
  if (!compiled.ok) return fail(o.json, o.expression, compiled.error, warnings);
  const tape = compiled.tape;
  const seedIndex = o.seed === null ? 0 : tape.inputs.findIndex((i) => i.name === o.seed);
  if (seedIndex < 0) {
    const names = tape.inputs.map((i) => i.name).join(', ');
    return fail(
      o.json,
      o.expression,
      nowhere(`--seed ${o.seed}: no input is named ${o.seed}; inputs are ${names}`),
      warnings,
    );
  }
  const outIndex = o.adjointSeed === null ? 0 : tape.outputs.findIndex((y) => y.name === o.adjointSeed);
  if (outIndex < 0) {
    const names = tape.outputs.map((y) => y.name).join(', ');
    return fail(
      o.json,
      o.expression,
      nowhere(`--adjoint-seed ${o.adjointSeed}: no output is named ${o.adjointSeed}; outputs are ${names}`),
      warnings,
    );
  }
  const trace = buildTrace(tape, values.x, { seed: seedIndex, adjointSeed: outIndex });
  const stderr = warningLines(warnings);
  if (o.json) {
    const doc = toJson({
      tape,
      trace,
      x: values.x,
      seedIndex,
      outIndex,
      valueWarnings: values.valueWarnings,
    });
    return { status: 0, stdout: JSON.stringify(doc, null, 2) + '\n', stderr };
  }
  if (o.format) return { status: 0, stdout: exportTrace(o.format, tape, trace, o.expression), stderr };
  return { status: 0, stdout: toTable(tape, trace), stderr };
}
