/**
 * The JSON document of the command line (CONTRACTS §3): the one place that builds it. A new key
 * (a program's `branches`, a `train` run) is one more entry in `toJson`'s object, from a field of
 * `JsonInput`.
 */
import {
  jacobianForward,
  jacobianReverse,
  STRONG_ZERO,
  type SourceWarning,
  type Tape,
  type Trace,
  type TrainRun,
} from '../core/index';

/** JSON numbers; non-finite ones as the strings "NaN", "Infinity", "-Infinity" (CONTRACTS §3). */
export const num = (x: number): number | string =>
  Number.isFinite(x) ? (Object.is(x, -0) ? 0 : x) : String(x);

/** A value read differently from what `--at` wrote (`1e-400` is read as 0). */
export interface ValueWarning {
  /** Index into `tape.inputs`. */
  readonly input: number;
  readonly message: string;
}

export interface JsonInput {
  readonly tape: Tape;
  readonly trace: Trace;
  readonly x: readonly number[];
  readonly seedIndex: number;
  readonly outIndex: number;
  readonly valueWarnings?: readonly ValueWarning[];
}

/**
 * The document. Objects keyed by names are built from validated identifiers. `warnings` lists the
 * nodes whose value is not finite (with the note that explains it) and the inputs whose value was
 * read differently from what `--at` wrote; `sourceWarnings` the expression's own (a literal such as
 * `1e-400` read as 0), located like errors.
 */
export function toJson({ tape, trace, x, seedIndex, outIndex, valueWarnings = [] }: JsonInput) {
  const byId = (a: Float64Array) => Object.fromEntries(tape.nodes.map((n) => [n.id, num(a[n.index]!)]));
  const Jf = jacobianForward(tape, trace.v);
  const Jr = jacobianReverse(tape, trace.v);
  const nonFinite = tape.nodes.filter((n) => !Number.isFinite(trace.v[n.index]!)).map((n) => n.id);
  // A node's reason for a value that is not finite: its rule's note, not the strong zero's alone.
  const noteFor = new Map(trace.notes.filter((m) => m.message !== STRONG_ZERO).map((m) => [m.id, m.message]));
  const warnings = [
    ...valueWarnings.map((w) => ({
      id: tape.inputs[w.input]!.id,
      input: tape.inputs[w.input]!.name,
      message: w.message,
    })),
    ...nonFinite.map((id) => ({
      id,
      message: noteFor.get(id) ?? 'not finite (propagated from an argument)',
    })),
    // A value that is finite whose tangent or adjoint is not (sqrt at 0: the value 0, the slope +∞):
    // the number is written as a string like any other, so the node is listed too (CONTRACTS §3).
    ...tape.nodes.flatMap((n) => {
      if (!Number.isFinite(trace.v[n.index]!)) return [];
      // An input whose gradient flows through a value that is not finite is listed for that below.
      if (n.op === 'input' && trace.throughNonFinite[tape.inputs.findIndex((i) => i.index === n.index)]! >= 0)
        return [];
      const parts = [
        ['tangent', trace.vDot[n.index]!],
        ['adjoint', trace.vBar[n.index]!],
      ] as const;
      const bad = parts.filter(([, v]) => !Number.isFinite(v));
      if (bad.length === 0) return [];
      const said = bad.map(([what, v]) => `its ${what} is ${num(v)}`).join(' and ');
      const why = noteFor.get(n.id);
      return [{ id: n.id, message: why ? `${said} (${why})` : said }];
    }),
    // A finite gradient computed through a value that is not finite is not to be trusted.
    ...tape.inputs.flatMap((input, j) => {
      const at = trace.throughNonFinite[j]!;
      return at < 0
        ? []
        : [
            {
              id: input.id,
              input: input.name,
              message: `the gradient with respect to ${input.name} flows through ${tape.nodes[at]!.id}, whose value is not finite`,
            },
          ];
    }),
  ];
  // A program's decisions in execution order, each with its step on the timeline (1-based, as the
  // page's `step`): the condition as written, its value, and the side it chose (CONTRACTS §1b).
  const branches = trace.steps.flatMap((s, i) =>
    s.decision
      ? [{ condition: s.decision.text, value: s.decision.value, side: s.decision.side, step: i + 1 }]
      : [],
  );
  const sourceWarnings = tape.warnings.map((w: SourceWarning) => ({
    message: w.message,
    start: w.start,
    end: w.end,
  }));
  const matrix = (J: readonly (readonly number[])[]) =>
    Object.fromEntries(
      tape.outputs.map((y, r) => [
        y.name,
        Object.fromEntries(tape.inputs.map((i, j) => [i.name, num(J[r]![j]!)])),
      ]),
    );
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
    jacobian: matrix(Jr),
    jacobianForward: matrix(Jf),
    notes: trace.notes.map((m) => ({ id: m.id, kind: m.kind, message: m.message })),
    ...(tape.decisions ? { branches } : {}),
    ...(warnings.length ? { warnings } : {}),
    ...(sourceWarnings.length ? { sourceWarnings } : {}),
  };
}

/** A `--train` run, as the command line reports it. */
export interface TrainReport {
  readonly params: readonly string[];
  readonly rate: number;
  /** Rows of the data table (0: no table). */
  readonly rows: number;
  /** The output that is the loss. */
  readonly loss: string;
  readonly run: TrainRun;
}

/**
 * The `"train"` key (CONTRACTS §3b): `loss` has k + 1 entries, L_0 before the first step and L_j after
 * j steps; `final` the parameters after the last. `diverged` is there when the run diverged.
 */
export function trainJson({ params, rate, rows, loss, run }: TrainReport) {
  const last = run.path[run.path.length - 1] ?? [];
  return {
    params: [...params],
    rate,
    loss: run.loss.map(num),
    final: Object.fromEntries(params.map((name, p) => [name, num(last[p]!)])),
    output: loss,
    rows,
    ...(run.diverged ? { diverged: { ...run.diverged } } : {}),
  };
}
