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
  exportTrace,
  MAX_TRAIN_STEPS,
  parseData,
  parseValue,
  tapeOf,
  train,
  type DataTable,
  type ExportFormat,
  type ProgramInfo,
  type SourceError,
} from '../core/index';
import { toJson, trainJson, type ValueWarning } from './json';
import { helpText, parseCommandLine, UsageError, USAGE, wantsJson, type ParsedArgs } from './options';
import { readDataFile, readSource, type ReadSource } from './source';
import { toTable, trainTable } from './table';

export { toJson } from './json';
export { toTable } from './table';

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the runner needs from outside: reading `--file` and `--data` (tests pass their own). */
export interface CliIo {
  readonly readSource: ReadSource;
  readonly readData?: ReadSource;
}

/** `--train`, `--rate`, `--steps`, `--data` as given (checked against the program in `run`). */
interface TrainOptions {
  params: readonly string[];
  rate: number;
  steps: number;
  /** The data file's name (for messages) and its text. */
  data: { path: string; text: string } | null;
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
  train: TrainOptions | null;
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
  const trainOptions = readTrain(args, io);
  return {
    expression,
    at: readAt(args.values.get('at') ?? []),
    seed: one(args, 'seed'),
    adjointSeed: one(args, 'adjoint-seed'),
    json: args.values.has('json'),
    merge: !args.values.has('no-merge'),
    format,
    train: trainOptions,
  };
}

/** A positive finite decimal, as `--rate` must be. */
const RATE = /^[+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The `--train` options, checked on their own (the names are checked against the program later). */
function readTrain(args: ParsedArgs, io: CliIo): TrainOptions | null {
  const list = one(args, 'train');
  if (list === null) {
    for (const name of ['rate', 'steps', 'data'] as const)
      if (args.values.has(name)) throw new UsageError(`--${name} goes with --train: name the parameters`);
    return null;
  }
  const params = list.split(',').map((p) => p.trim());
  if (params.some((p) => p === ''))
    throw new UsageError("--train needs the parameters' names separated by commas, as in --train w,b");
  const twice = params.find((p, i) => params.indexOf(p) !== i);
  if (twice !== undefined) throw new UsageError(`--train names ${twice} twice; name each parameter once`);
  const rateText = one(args, 'rate');
  if (rateText === null) throw new UsageError('--train needs a learning rate, as in --rate 0.1');
  const rate = Number(rateText.trim());
  if (!RATE.test(rateText.trim()) || !Number.isFinite(rate) || rate <= 0)
    throw new UsageError(`--rate ${rateText}: the learning rate must be a positive finite number, like 0.1`);
  const stepsText = one(args, 'steps');
  if (stepsText === null) throw new UsageError('--train needs a number of steps, as in --steps 50');
  const steps = Number(stepsText.trim());
  if (!/^\d+$/.test(stepsText.trim()) || steps > MAX_TRAIN_STEPS)
    throw new UsageError(
      `--steps ${stepsText}: the number of steps must be a whole number from 0 to ${MAX_TRAIN_STEPS.toLocaleString('en-US')}`,
    );
  const path = one(args, 'data');
  let data: TrainOptions['data'] = null;
  if (path !== null) {
    if (path === '-' && one(args, 'file') === '-')
      throw new UsageError('--file - and --data - cannot both read standard input');
    const read = (io.readData ?? readDataFile)(path);
    if (!read.ok) throw new InputError(nowhere(read.message));
    data = { path: path === '-' ? 'standard input' : path, text: read.text };
  }
  return { params, rate, steps, data };
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

/**
 * The input values in input order, or the located error of the first one that cannot be read. An
 * input that is a column of the `--train` data needs no `--at` value: it takes the first row's.
 */
function valuesOf(
  o: Options,
  info: ProgramInfo,
  data: DataTable | null,
  warnings: string[],
): { x: number[]; valueWarnings: ValueWarning[] } | { error: SourceError } {
  for (const name of o.at.keys()) {
    if (!info.inputs.includes(name)) warnings.push(`--at ${name}: no input is named ${name}; ignored`);
  }
  const x: number[] = [];
  const valueWarnings: ValueWarning[] = [];
  for (const [j, name] of info.inputs.entries()) {
    const column = data && !o.at.has(name) ? data.names.indexOf(name) : -1;
    if (data && column >= 0) {
      x.push(data.rows[0]![column]!);
      continue;
    }
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

/** The parameters' indices and the data table of `--train`, or the error that stops the run. */
function trainSetupOf(
  t: TrainOptions,
  info: ProgramInfo,
): { params: number[]; data: DataTable | null } | { error: SourceError } {
  const params: number[] = [];
  for (const name of t.params) {
    const j = info.inputs.indexOf(name);
    if (j < 0)
      return {
        error: nowhere(
          `--train ${name}: no input is named ${name}; inputs are ${info.inputs.join(', ') || '(none)'}`,
        ),
      };
    params.push(j);
  }
  if (!t.data) return { params, data: null };
  const parsed = parseData(t.data.text, info.inputs, t.params);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    return {
      error: {
        ...nowhere(`${t.data.path}, line ${line}, column ${column}: ${message}`),
        file: t.data.path,
        line,
        column,
      } as SourceError,
    };
  }
  return { params, data: parsed.data };
}

function run(o: Options): CliResult {
  const analyzed = analyzeText(o.expression);
  if (!analyzed.ok) return fail(o.json, o.expression, analyzed.error);
  const info = analyzed.info;
  const warnings: string[] = info.warnings.map((w) => `${w.message} (${place(o.expression, w.start).label})`);
  const setup = o.train ? trainSetupOf(o.train, info) : null;
  // Not a place in the expression: the message names the option or the data file's line and column.
  if (setup && 'error' in setup) return fail(o.json, '', setup.error, warnings);
  const values = valuesOf(o, info, setup?.data ?? null, warnings);
  if ('error' in values) return fail(o.json, o.expression, values.error, warnings);
  // A program with control flow takes the path its values choose: it is recorded at them.
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
  const trained =
    o.train && setup && !('error' in setup)
      ? {
          params: o.train.params,
          rate: o.train.rate,
          rows: setup.data?.rows.length ?? 0,
          loss: tape.outputs[outIndex]!.name,
          run: train(
            {
              info,
              x: values.x,
              params: setup.params,
              rate: o.train.rate,
              data: setup.data,
              output: outIndex,
              merge: o.merge,
            },
            { steps: o.train.steps },
          ),
        }
      : null;
  if (trained?.run.stopped) return fail(o.json, '', nowhere(trained.run.stopped.message), warnings);
  if (trained?.run.diverged) warnings.push(`--train: ${trained.run.diverged.message}`);
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
    const withTrain = trained ? { ...doc, train: trainJson(trained) } : doc;
    return { status: 0, stdout: JSON.stringify(withTrain, null, 2) + '\n', stderr };
  }
  if (o.format) return { status: 0, stdout: exportTrace(o.format, tape, trace, o.expression), stderr };
  if (trained) return { status: 0, stdout: trainTable(trained), stderr };
  return { status: 0, stdout: toTable(tape, trace), stderr };
}
