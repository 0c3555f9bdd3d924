/**
 * The readable table of the command line: the forward primal and tangent traces side by side, then
 * the reverse adjoint sweep in execution order, the outputs, the gradient and the notes.
 */
import { plainOp, rule, updateRows, type Tape, type Trace } from '../core/index';
import type { TrainReport } from './json';

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
  // A program's decisions stand between the nodes, where they were taken (no tangent: not differentiated).
  const decisions = tape.decisions ?? [];
  let next = 0;
  const decide = (upTo: number) => {
    for (; next < decisions.length && decisions[next]!.after <= upTo; next++) {
      const d = decisions[next]!;
      fwd.push([d.kind, `${d.plain} is ${d.value}`, `-> ${d.side}`, '']);
    }
  };
  for (const n of tape.nodes) {
    decide(n.index);
    const args = n.args.map((a) => (a.kind === 'node' ? plainId(tape, a.index) : fmt(a.value)));
    const formula = n.op === 'input' ? n.name! : plainOp(rule(n.op), args[0]!, args[1] ?? '');
    fwd.push([n.id, `= ${formula}`, fmt(trace.v[n.index]!), fmt(trace.vDot[n.index]!)]);
  }
  decide(Infinity);
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

/** Which iterates the short table shows: all of a short run; else the first five, evenly spaced ones, the last. */
function shownIterates(last: number): number[] {
  if (last <= 20) return Array.from({ length: last + 1 }, (_, j) => j);
  const every = Math.ceil(last / 10);
  const picks = new Set([0, 1, 2, 3, 4, 5]);
  for (let j = every; j < last; j += every) picks.add(j);
  picks.add(last);
  return [...picks].sort((a, b) => a - b);
}

/** The short table of a `--train` run: the first step's updates, then the loss and the parameters. */
export function trainTable({ params, rate, rows, loss, run }: TrainReport): string {
  const k = run.loss.length - 1;
  const over = rows > 0 ? `the mean of ${loss} over ${rows} data ${rows === 1 ? 'row' : 'rows'}` : loss;
  const head = `Gradient descent on ${over}, parameters ${params.join(', ')}, rate ${fmt(rate)}, ${k} ${k === 1 ? 'step' : 'steps'}`;
  const wrap = (x: number): string => (x < 0 || Object.is(x, -0) ? `(${fmt(x)})` : fmt(x));
  const updates = updateRows(run, params, rate, 0).map(
    (u) => `  ${u.name} = ${fmt(u.before)} - ${fmt(u.rate)} * ${wrap(u.gradient)} = ${fmt(u.after)}`,
  );
  const body: string[][] = [['step', 'loss', ...params]];
  for (const j of shownIterates(k)) body.push([String(j), fmt(run.loss[j]!), ...run.path[j]!.map(fmt)]);
  return [
    head,
    ...(updates.length ? ['', 'First step (w = w - rate * dL/dw):', ...updates] : []),
    '',
    table(body),
    '',
    `final: ${params.map((name, p) => `${name} = ${run.path[k]![p]}`).join(', ')}`,
    ...(run.diverged ? [`diverged: ${run.diverged.message}`] : []),
    '',
  ].join('\n');
}
