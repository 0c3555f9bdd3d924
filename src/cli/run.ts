/**
 * The command line as a pure function of its arguments, so that tests can run it without a process.
 */
import {
  buildTrace,
  EXPORT_FORMATS,
  exportTrace,
  type ExportFormat,
  compile,
  jacobianForward,
  jacobianReverse,
  parseValue,
  plainOp,
  rule,
  type SourceError,
  type Tape,
  type Trace,
} from '../core/index';

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface Options {
  expression: string | null;
  at: string | null;
  seed: string | null;
  adjointSeed: string | null;
  json: boolean;
  merge: boolean;
  format: ExportFormat | null;
}

const USAGE = `usage: npm run --silent trace -- '<expression>' --at x1=2,x2=5 [--seed x1] [--adjoint-seed y] [--json] [--no-merge] [--format latex|markdown|csv]`;

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    expression: null,
    at: null,
    seed: null,
    adjointSeed: null,
    json: false,
    merge: true,
    format: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, null];
    const value = (): string => {
      if (inline !== null) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json') o.json = true;
    else if (flag === '--no-merge') o.merge = false;
    else if (flag === '--at') o.at = value();
    else if (flag === '--seed') o.seed = value();
    else if (flag === '--adjoint-seed') o.adjointSeed = value();
    else if (flag === '--format') {
      const f = value();
      if (!(EXPORT_FORMATS as readonly string[]).includes(f))
        throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      o.format = f as ExportFormat;
    } else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (o.expression === null) o.expression = a;
    else throw new UsageError(`unexpected argument ${JSON.stringify(a)}: quote the expression`);
  }
  if (o.expression === null) throw new UsageError('the expression is missing');
  return o;
}

/** JSON numbers; non-finite ones as the strings "NaN", "Infinity", "-Infinity" (CONTRACTS §3). */
const num = (x: number): number | string => (Number.isFinite(x) ? (Object.is(x, -0) ? 0 : x) : String(x));

const fail = (o: Options | null, error: SourceError, warnings: string[] = []): CliResult => {
  const expr = o?.expression ?? '';
  if (o?.json) {
    return {
      status: 2,
      stdout: JSON.stringify({ error }) + '\n',
      stderr: warnings.map((w) => `warning: ${w}\n`).join(''),
    };
  }
  const caret =
    ' '.repeat(Math.min(error.start, expr.length)) +
    '^'.repeat(Math.max(1, Math.min(error.end, expr.length + 1) - error.start));
  const where = expr ? `  ${expr.replace(/[\n\r\t]/g, ' ')}\n  ${caret}\n` : '';
  return {
    status: 2,
    stdout: '',
    stderr:
      warnings.map((w) => `warning: ${w}\n`).join('') +
      `error: ${error.message} (col ${error.start + 1})\n${where}`,
  };
};

/** Runs the command line on its arguments. Never throws. */
export function runTrace(argv: readonly string[]): CliResult {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    const msg = e instanceof UsageError && e.message ? `error: ${e.message}\n` : '';
    return { status: 2, stdout: '', stderr: `${msg}${USAGE}\n` };
  }
  try {
    return run(o);
  } catch (e) {
    // Defence in depth: a bug must still not print a stack trace at a student.
    return fail(o, {
      message: `internal error: ${e instanceof Error ? e.message : String(e)}`,
      start: 0,
      end: 0,
    });
  }
}

function run(o: Options): CliResult {
  const compiled = compile(o.expression!, { merge: o.merge });
  if (!compiled.ok) return fail(o, compiled.error);
  const tape = compiled.tape;
  const warnings: string[] = tape.warnings.map((w) => `${w.message} (col ${w.start + 1})`);

  // --at name=value pairs; names that are not inputs are ignored with a warning.
  const given = new Map<string, string>();
  for (const pair of (o.at ?? '').split(',').filter((p) => p.trim() !== '')) {
    const eq = pair.indexOf('=');
    const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (!tape.inputs.some((i) => i.name === name))
      warnings.push(`--at ${name}: no input is named ${name}; ignored`);
    else given.set(name, value);
  }
  const x: number[] = [];
  for (const input of tape.inputs) {
    const node = tape.nodes[input.index]!;
    const parsed = parseValue(input.name, given.get(input.name) ?? '');
    if (!parsed.ok) {
      const hint = given.has(input.name) ? '' : ` (add ${input.name}=… to --at)`;
      return fail(
        o,
        { message: `${parsed.message}${hint}`, start: node.span[0], end: node.span[1] },
        warnings,
      );
    }
    x.push(parsed.value);
  }
  const seedIndex = o.seed === null ? 0 : tape.inputs.findIndex((i) => i.name === o.seed);
  if (seedIndex < 0) {
    return fail(
      o,
      {
        message: `--seed ${o.seed}: no input is named ${o.seed}; inputs are ${tape.inputs.map((i) => i.name).join(', ')}`,
        start: 0,
        end: 0,
      },
      warnings,
    );
  }
  const outIndex = o.adjointSeed === null ? 0 : tape.outputs.findIndex((y) => y.name === o.adjointSeed);
  if (outIndex < 0) {
    return fail(
      o,
      {
        message: `--adjoint-seed ${o.adjointSeed}: no output is named ${o.adjointSeed}; outputs are ${tape.outputs.map((y) => y.name).join(', ')}`,
        start: 0,
        end: 0,
      },
      warnings,
    );
  }
  const trace = buildTrace(tape, x, { seed: seedIndex, adjointSeed: outIndex });
  const stderr = warnings.map((w) => `warning: ${w}\n`).join('');
  if (o.json)
    return {
      status: 0,
      stdout: JSON.stringify(toJson(tape, trace, x, seedIndex, outIndex), null, 2) + '\n',
      stderr,
    };
  if (o.format) return { status: 0, stdout: exportTrace(o.format, tape, trace, o.expression!), stderr };
  return { status: 0, stdout: toTable(tape, trace), stderr };
}

/** The JSON document of CONTRACTS §3. Objects keyed by names are built from validated identifiers. */
export function toJson(tape: Tape, trace: Trace, x: readonly number[], seedIndex: number, outIndex: number) {
  const byId = (a: Float64Array) => Object.fromEntries(tape.nodes.map((n) => [n.id, num(a[n.index]!)]));
  const Jf = jacobianForward(tape, trace.v);
  const Jr = jacobianReverse(tape, trace.v);
  const nonFinite = tape.nodes.filter((n) => !Number.isFinite(trace.v[n.index]!)).map((n) => n.id);
  const noteFor = new Map(trace.notes.map((m) => [m.id, m.message]));
  return {
    inputs: tape.inputs.map((i) => ({ name: i.name, id: i.id, value: num(x[i.index]!) })),
    nodes: tape.nodes
      .filter((n) => n.op !== 'input')
      .map((n) => ({
        id: n.id,
        op: n.op,
        args: n.args.map((a) => (a.kind === 'node' ? tape.nodes[a.index]!.id : num(a.value))),
        value: num(trace.v[n.index]!),
        level: n.level,
      })),
    outputs: tape.outputs.map((y) => ({ name: y.name, id: y.id, value: num(trace.v[y.index]!) })),
    forward: {
      seed: Object.fromEntries(tape.inputs.map((i, j) => [i.name, j === seedIndex ? 1 : 0])),
      tangents: byId(trace.vDot),
    },
    reverse: {
      seed: { [tape.outputs[outIndex]!.name]: 1 },
      steps: trace.adjointSteps.map((s) =>
        s.from === null
          ? { target: tape.nodes[s.target]!.id, value: num(s.value) }
          : {
              target: tape.nodes[s.target]!.id,
              from: tape.nodes[s.from]!.id,
              value: num(s.value),
              accumulate: s.accumulate,
            },
      ),
      adjoints: byId(trace.vBar),
    },
    jacobian: Object.fromEntries(
      tape.outputs.map((y, r) => [
        y.name,
        Object.fromEntries(tape.inputs.map((i, j) => [i.name, num(Jr[r]![j]!)])),
      ]),
    ),
    jacobianForward: Object.fromEntries(
      tape.outputs.map((y, r) => [
        y.name,
        Object.fromEntries(tape.inputs.map((i, j) => [i.name, num(Jf[r]![j]!)])),
      ]),
    ),
    notes: trace.notes.map((m) => ({ id: m.id, kind: m.kind, message: m.message })),
    ...(nonFinite.length
      ? {
          warnings: nonFinite.map((id) => ({
            id,
            message: noteFor.get(id) ?? 'not finite (propagated from an argument)',
          })),
        }
      : {}),
  };
}

const fmt = (x: number): string =>
  Number.isNaN(x) ? 'NaN' : x === Infinity ? '∞' : x === -Infinity ? '−∞' : String(Number(x.toPrecision(6)));
const plainId = (tape: Tape, i: number): string => tape.nodes[i]!.id;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

/** The readable table: forward primal and tangent side by side, then the reverse sweep. */
export function toTable(tape: Tape, trace: Trace): string {
  const seeded = tape.inputs.filter((_, j) => trace.xDot[j] !== 0).map((i) => i.name);
  const fwd: string[][] = [['node', 'primal', 'value', `tangent (seed ${seeded.join(', ')})`]];
  for (const n of tape.nodes) {
    const args = n.args.map((a) => (a.kind === 'node' ? plainId(tape, a.index) : fmt(a.value)));
    const formula = n.op === 'input' ? n.name! : plainOp(rule(n.op), args[0]!, args[1] ?? '');
    fwd.push([n.id, `= ${formula}`, fmt(trace.v[n.index]!), fmt(trace.vDot[n.index]!)]);
  }
  const rev: string[][] = [['step', 'adjoint', 'value']];
  trace.adjointSteps.forEach((s, k) => {
    const t = `${plainId(tape, s.target)}bar`;
    const what =
      s.from === null
        ? `${t} = ${tape.outputs[s.output ?? 0]!.name}bar`
        : `${t} ${s.accumulate ? '+=' : '='} ${plainId(tape, s.from)}bar * d${plainId(tape, s.from)}/d${plainId(tape, s.target)}  (${fmt(s.partial)})`;
    rev.push([String(k + 1), what, fmt(s.value)]);
  });
  const grad = tape.inputs.map(
    (i) =>
      `d${tape.outputs[trace.yBar.findIndex((w) => w !== 0)]?.name ?? 'y'}/d${i.name} = ${fmt(trace.vBar[i.index]!)}`,
  );
  const outs = tape.outputs.map((y) => `${y.name} = ${fmt(trace.v[y.index]!)}`);
  const notes = trace.notes.map((m) => `note: ${m.id}: ${m.message}`);
  return [
    'Forward primal and tangent trace',
    table(fwd),
    '',
    'Reverse adjoint trace (execution order)',
    table(rev),
    '',
    outs.join(', '),
    `gradient: ${grad.join(', ')}`,
    ...notes,
    '',
  ].join('\n');
}
