/**
 * The command line's options: one table, read by the parser, the usage text and the checks.
 *
 * Arguments are parsed by Node's `util.parseArgs`, by the usual conventions: `--name value` or
 * `--name=value`, `--` ends the options (so an expression that starts with `-` goes after it), and
 * every problem is a `UsageError` with a message, never a stack trace. To add an option, add a row
 * here and read it where `run.ts` builds its `Options`.
 */
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, MAX_DATA_ROWS, MAX_TRAIN_STEPS } from '../core/index';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's placeholder in the usage text. */
  readonly value?: string;
  readonly help: string;
  /** Given several times, the values are merged in order; any other option may be given once. */
  readonly repeatable?: boolean;
  /** The values a string option may take. */
  readonly choices?: readonly string[];
}

export const OPTIONS = {
  at: {
    type: 'string',
    value: 'x1=2,x2=5',
    help: 'input values; may be repeated (--at x1=2 --at x2=5), each name given once',
    repeatable: true,
  },
  file: { type: 'string', value: 'PATH', help: 'read the expression or program from a file (- for stdin)' },
  seed: { type: 'string', value: 'x1', help: 'seed the tangent sweep with this input (default: the first)' },
  'adjoint-seed': {
    type: 'string',
    value: 'y',
    help: 'seed the adjoint sweep with this output (default: the first)',
  },
  json: { type: 'boolean', help: 'print one JSON object; every failure is {"error": …} on stdout' },
  format: {
    type: 'string',
    value: EXPORT_FORMATS.join('|'),
    help: 'print the trace as a document, or a program computing the same in JAX, PyTorch or Julia',
    choices: EXPORT_FORMATS,
  },
  'no-merge': { type: 'boolean', help: 'keep identical subexpressions apart' },
  train: {
    type: 'string',
    value: 'w,b',
    help: 'gradient descent on the first output (or --adjoint-seed) over these inputs; needs --rate, --steps',
  },
  rate: { type: 'string', value: '0.1', help: 'the learning rate η of --train: a positive finite number' },
  steps: {
    type: 'string',
    value: '50',
    help: `the number of --train steps: a whole number from 0 to ${MAX_TRAIN_STEPS.toLocaleString('en-US')}`,
  },
  data: {
    type: 'string',
    value: 'FILE.csv',
    help: `--train data: CSV, a header naming data inputs, up to ${MAX_DATA_ROWS.toLocaleString('en-US')} rows (- for stdin)`,
  },
  help: { type: 'boolean', short: 'h', help: 'print this help and exit' },
} satisfies Readonly<Record<string, OptionSpec>>;

export type OptionName = keyof typeof OPTIONS;

/** Options that choose the same thing (what is printed) and so may not be given together. */
export const EXCLUSIVE: readonly (readonly OptionName[])[] = [
  ['json', 'format'],
  ['train', 'format'],
];

export const USAGE = `usage: npm run --silent trace -- [options] '<expression>'
       npm run --silent trace -- [options] --file PATH
       npm run --silent trace -- '<loss>' --at w=0.5,x=2 --train w --rate 0.1 --steps 50 [--data FILE.csv]
       npm run --silent trace -- [options] -- '-<expression that starts with a minus>'`;

/** The usage and one line per option, for `--help`. */
export function helpText(): string {
  const rows = (Object.entries(OPTIONS) as [OptionName, OptionSpec][]).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    USAGE,
    '',
    'options:',
    ...rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
    '',
    'exit status: 0 done, 1 the output could not be written, 2 bad input or usage',
    '',
  ].join('\n');
}

/** A problem with the arguments themselves (exit status 2). */
export class UsageError extends Error {}

export interface ParsedArgs {
  /** Each option given, with its values in order (a boolean flag's value is `''`). */
  readonly values: ReadonlyMap<OptionName, readonly string[]>;
  readonly positionals: readonly string[];
}

const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

/**
 * Whether JSON output was asked for: known even when the other arguments cannot be parsed, so that
 * a usage error is reported as JSON too.
 */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * Parses the arguments. Throws `UsageError` for an unknown option, a missing or stray value, an
 * option given twice (unless `repeatable`) and options that exclude each other.
 */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  // Not strict: the tokens are checked below, so that every message names the argument as typed.
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values = new Map<OptionName, string[]>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const arg = argv[token.index]!;
    if (!isOption(token.name)) {
      const hint = /^-[^-]/.test(arg)
        ? `; an expression that starts with - goes after --: trace -- [options] -- '${arg}'`
        : '';
      throw new UsageError(`unknown option ${JSON.stringify(arg)}${hint}`);
    }
    const spec: OptionSpec = OPTIONS[token.name];
    const flag = `--${token.name}`;
    let value = '';
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${flag} takes no value`);
    } else {
      // Without '=', a value that starts with '-' is the next option, not this option's value
      // ('-' alone is a value: standard input).
      const next = token.value !== undefined && !token.inlineValue && /^-./.test(token.value);
      if (token.value === undefined || next)
        throw new UsageError(`${flag} needs a value${spec.value ? `, as in ${flag} ${spec.value}` : ''}`);
      value = token.value;
      if (spec.choices && !spec.choices.includes(value))
        throw new UsageError(`${flag} must be one of ${spec.choices.join(', ')}`);
    }
    const list = values.get(token.name) ?? [];
    if (list.length > 0 && !spec.repeatable)
      throw new UsageError(`${flag} is given more than once; give it once`);
    list.push(value);
    values.set(token.name, list);
  }
  for (const group of EXCLUSIVE) {
    const given = group.filter((name) => values.has(name));
    if (given.length > 1)
      throw new UsageError(
        `${given.map((n) => `--${n}`).join(' and ')} choose different outputs; give one of them`,
      );
  }
  return { values, positionals };
}
