/**
 * The core in Node, on generated expressions of 10², 10³, 10⁴ and 10⁵ operations: parse, tape, the
 * three sweeps the page uses (the adjoint as the page runs it, recording every step), each as a ratio
 * to a hand-written flat sweep over typed arrays (bench/flatRef.ts) timed in the same rounds, the full
 * Jacobian, the whole pipeline, and the same gradient by mathjs (symbolic derivative, then evaluation)
 * and by central finite differences, as ratios to ours.
 */
import { derivative, parse as mathParse, type EvalFunction } from 'mathjs';
import {
  adjoint,
  adjointRecord,
  adjointSteps,
  adjointValues,
  buildTape,
  buildTrace,
  compile,
  jacobianForward,
  jacobianReverse,
  parse,
  primal,
  tangent,
  unit,
  type ParseLimits,
  type Tape,
} from '../src/core/index';
import { flatArraysOf, refAdjoint, refPrimal, refTangent } from './flatRef';
import { generateExpression, inputPoint } from './generate';
import { median, timeMedian, timeMedians } from './stats';
import { ms, power10, times, type Row } from './table';

/** The parser's limits are for people typing; the benchmark feeds it machine-made text. */
export const BENCH_LIMITS: ParseLimits = { maxLength: 1e8, maxDepth: 100_000, maxOperations: 1e7 };

export const CORE_SIZES = [100, 1_000, 10_000, 100_000] as const;
const INPUTS = 8;
/** The Jacobian's shape: m outputs of n inputs, small enough that both modes make sense. */
const JACOBIAN_OUTPUTS = 4;

/** Budgets (docs/PERFORMANCE.md explains where each comes from). */
export const CORE_BUDGETS = {
  /** The whole pipeline (parse, tape, primal, tangent, adjoint) on 10⁴ operations, ms. */
  pipelineAt1e4: 50,
  /** Building the tape of 10⁴ operations from the parsed program, ms (issue 13). */
  tapeAt1e4: 5,
  /** Griewank and Walther, ch. 4: a tangent sweep costs at most about 2.5 primal sweeps… */
  tangentRatio: 2.5,
  /** … and an adjoint sweep at most about 4: held on the recording adjoint the page runs, at 10⁴ and 10⁵. */
  adjointRatio: 4,
  /** The primal and adjoint sweeps within this factor of the hand-written flat sweep (issue 13), from 10³ on. */
  flatRatio: 2,
} as const;

/** Sizes at which the sweep ratios are held to their budgets (below, a sweep lasts microseconds and call overhead decides). */
const RATIO_FROM = 1_000;
/** Sizes at which the recording adjoint is held to 4 primal sweeps (issue 13). */
const RECORDING_FROM = 10_000;

/**
 * mathjs is skipped at a size when one gradient took longer than this at the size below, ms: its
 * symbolic derivatives grow faster than the expression (×14 in time from 10³ to 10⁴ operations), so
 * ten times the size would take minutes and more than Node's default heap.
 */
const MATHJS_GIVE_UP_MS = 1_000;

interface Generated {
  readonly text: string;
  readonly tape: Tape;
}

/** An expression whose tape has within 2 % of `operations` operations (merging removes some). */
function sized(operations: number, outputs = 1, seed = 20180713): Generated {
  let target = operations;
  for (let attempt = 0; ; attempt++) {
    const { text } = generateExpression({ operations: target, inputs: INPUTS, outputs, seed });
    const c = compile(text, { limits: BENCH_LIMITS });
    if (!c.ok) throw new Error(`generated text does not compile: ${c.error.message}`);
    const got = c.tape.nodes.length - c.tape.n;
    if (Math.abs(got - operations) <= 0.02 * operations || attempt >= 6) return { text, tape: c.tape };
    target = Math.max(1, Math.round((target * operations) / got));
  }
}

const toMathjs = (text: string): string => text.replace(/\bln\(/g, 'log(');

/** max |a − b| / max(|b|, 1e-300) over the entries. */
function maxRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-300));
  }
  return worst;
}

/** Central differences on our primal sweep: 2n sweeps, steps scaled to the point. */
function finiteDifferenceGradient(tape: Tape, x: readonly number[]): Float64Array {
  const out = tape.outputs[0]!.index;
  const g = new Float64Array(tape.n);
  const xs = [...x];
  for (let j = 0; j < tape.n; j++) {
    const h = Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x[j]!));
    xs[j] = x[j]! + h;
    const up = primal(tape, xs)[out]!;
    xs[j] = x[j]! - h;
    const down = primal(tape, xs)[out]!;
    xs[j] = x[j]!;
    g[j] = (up - down) / (2 * h);
  }
  return g;
}

interface MathjsGradient {
  readonly compiled: readonly EvalFunction[];
  readonly names: readonly string[];
}

function mathjsPrepare(text: string, names: readonly string[]): MathjsGradient {
  const node = mathParse(toMathjs(text));
  return { names, compiled: names.map((name) => derivative(node, name, { simplify: false }).compile()) };
}

function mathjsEvaluate(g: MathjsGradient, x: readonly number[]): number[] {
  const scope: Record<string, number> = {};
  g.names.forEach((name, j) => (scope[name] = x[j]!));
  return g.compiled.map((f) => Number(f.evaluate(scope)));
}

export interface CoreOptions {
  readonly sizes?: readonly number[];
  /** Fewer samples: for a quick look, not for the record. */
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}

/** Runs the core measurements and returns their rows. */
export function benchCore(options: CoreOptions = {}): Row[] {
  const sizes = options.sizes ?? CORE_SIZES;
  const log = options.log ?? (() => {});
  const timing = options.quick
    ? { minTime: 100, minSamples: 5, maxSamples: 15 }
    : { minTime: 1_500, minSamples: 15, maxSamples: 61 };
  const rows: Row[] = [];
  let mathjsLast = 0;

  for (const size of sizes) {
    const label = `${power10(size)} ops`;
    const row = (figure: string, value: string, budget = '', ok: boolean | null = null) =>
      rows.push({ section: 'Core', figure, size: label, value, budget, ok });
    log(`core ${label}: generating`);
    const { text, tape } = sized(size);
    const x = inputPoint(tape.n);
    const program = parse(text, BENCH_LIMITS);
    if (!program.ok) throw new Error(program.error.message);
    const v = primal(tape, x);
    const seed = unit(tape.n, 0);
    const yBar = [1];
    const ops = tape.nodes.length - tape.n;

    log(`core ${label}: sweeps`);
    const flat = flatArraysOf(tape);
    const fv = refPrimal(flat, x);
    // The page's sweeps and the flat reference, sampled in the same interleaved rounds. Functions
    // that leave a heap of objects behind (one object per step, the tape's flattening) are sampled
    // in rounds of their own: interleaved with the sweeps, the collections their garbage triggers
    // would land in the samples of whichever sweep ran next (at 10⁵ operations they made a sweep
    // of 2 ms read 20 ms), so a sweep would be charged for work it does not cause.
    const sweeps = {
      ...timeMedians(
        {
          primal: () => primal(tape, x),
          tangent: () => tangent(tape, v, seed),
          // The recording sweep trace.ts runs (typed arrays, one entry per assignment).
          recorded: () => adjointRecord(tape, v, yBar),
          adjoint: () => adjointValues(tape, v, yBar),
          gradient: () => adjointValues(tape, primal(tape, x), yBar),
          flatPrimal: () => refPrimal(flat, x),
          flatTangent: () => refTangent(flat, fv, seed),
          flatAdjoint: () => refAdjoint(flat, fv, yBar),
        },
        timing,
      ),
      ...timeMedians(
        {
          // The objects the views read, made from the record (part of building the trace).
          objects: () => adjointSteps(adjointRecord(tape, v, yBar)),
          flatten: () => flatArraysOf(tape),
        },
        timing,
      ),
    };
    // Each stage alone, for the same reason: each pays for the collections its own garbage causes.
    const front = {
      parse: timeMedian(() => parse(text, BENCH_LIMITS), timing),
      tape: timeMedian(() => buildTape(program.program), timing),
      pipeline: timeMedian(() => {
        const c = compile(text, { limits: BENCH_LIMITS });
        if (!c.ok) throw new Error(c.error.message);
        const pv = primal(c.tape, x);
        tangent(c.tape, pv, seed);
        adjoint(c.tape, pv, yBar);
      }, timing),
    };
    const {
      primal: tPrimal,
      tangent: tTangent,
      adjoint: tAdjoint,
      recorded: tRecorded,
      objects: tObjects,
      gradient: tGradient,
      flatPrimal: tFlatPrimal,
      flatTangent: tFlatTangent,
      flatAdjoint: tFlatAdjoint,
      flatten: tFlatten,
    } = sweeps;
    const { parse: tParse, tape: tTape, pipeline: tPipeline } = front;
    const held = size >= RATIO_FROM;
    const flatBudget = `≤ ${CORE_BUDGETS.flatRatio}× flat`;

    row('parse', `${ms(tParse)} (${ops} ops, ${(text.length / 1000).toFixed(0)}k chars)`);
    row(
      'tape (numbering, merging)',
      ms(tTape),
      size === 10_000 ? `≤ ${CORE_BUDGETS.tapeAt1e4} ms` : '',
      size === 10_000 ? tTape <= CORE_BUDGETS.tapeAt1e4 : null,
    );
    const rP = tPrimal / tFlatPrimal;
    row(
      'primal sweep, vs the flat reference',
      `${ms(tPrimal)} = ${times(rP)} flat`,
      held ? flatBudget : '',
      held ? rP <= CORE_BUDGETS.flatRatio : null,
    );
    const rT = tTangent / tPrimal;
    row(
      'tangent sweep, vs primal (and the flat reference)',
      `${ms(tTangent)} = ${times(rT)} primal (${times(tTangent / tFlatTangent)} flat)`,
      `≤ ${CORE_BUDGETS.tangentRatio}× primal`,
      rT <= CORE_BUDGETS.tangentRatio,
    );
    // The adjoint the page runs records one step per assignment for the timeline and the table.
    const rR = tRecorded / tPrimal;
    const recorded = adjoint(tape, v, yBar).steps.length;
    const recordingHeld = size >= RECORDING_FROM;
    row(
      'adjoint sweep as the page runs it (recording every step), vs primal',
      `${ms(tRecorded)} = ${times(rR)} primal, ${times(tRecorded / tFlatAdjoint)} flat adjoint (${recorded} steps)`,
      recordingHeld ? `≤ ${CORE_BUDGETS.adjointRatio}× primal` : '',
      recordingHeld ? rR <= CORE_BUDGETS.adjointRatio : null,
    );
    row(
      'the same, with one object per step for the table and the graph (the trace builds them)',
      `${ms(tObjects)} = ${times(tObjects / tPrimal)} primal`,
    );
    const rA = tAdjoint / tFlatAdjoint;
    row(
      'adjoint sweep without recording (gradient, Jacobian), vs the flat reference',
      `${ms(tAdjoint)} = ${times(rA)} flat, ${times(tAdjoint / tPrimal)} primal`,
      held ? flatBudget : '',
      held ? rA <= CORE_BUDGETS.flatRatio : null,
    );
    row(
      'flat reference (bench/flatRef.ts): primal, tangent, adjoint; flattening the tape',
      `${ms(tFlatPrimal)}, ${ms(tFlatTangent)}, ${ms(tFlatAdjoint)}; ${ms(tFlatten)}`,
    );
    row(
      'pipeline: parse → tape → primal, tangent, adjoint',
      ms(tPipeline),
      size === 10_000 ? `≤ ${CORE_BUDGETS.pipelineAt1e4} ms` : '',
      size === 10_000 ? tPipeline <= CORE_BUDGETS.pipelineAt1e4 : null,
    );
    if (size <= 10_000) {
      // The page builds the trace and then reads the words of the rows it shows; reading them all is
      // what an export or the command line does.
      const tTrace = timeMedian(() => buildTrace(tape, x), { ...timing, maxTime: 5_000 });
      const tWords = timeMedian(
        () => {
          let chars = 0;
          for (const s of buildTrace(tape, x).steps) chars += s.tex.length + s.caption.length;
          return chars;
        },
        { ...timing, maxTime: 5_000 },
      );
      row(
        'trace for the views: built (each step’s TeX and caption written when first read); with every step’s words read',
        `${ms(tTrace)}; ${ms(tWords)}`,
      );
    }

    log(`core ${label}: Jacobian`);
    const jac = sized(size, JACOBIAN_OUTPUTS, 4242);
    const jx = inputPoint(jac.tape.n);
    const jv = primal(jac.tape, jx);
    const jt = timeMedians(
      {
        primal: () => primal(jac.tape, jx),
        reverse: () => jacobianReverse(jac.tape, primal(jac.tape, jx)),
        forward: () => jacobianForward(jac.tape, primal(jac.tape, jx)),
      },
      timing,
    );
    const { primal: tJPrimal, reverse: tJRev, forward: tJFwd } = jt;
    const shape = `${jac.tape.outputs.length}×${jac.tape.n}`;
    const Jr = jacobianReverse(jac.tape, jv).flat();
    const Jf = jacobianForward(jac.tape, jv).flat();
    row(
      `Jacobian ${shape}, reverse (primal + ${jac.tape.outputs.length} adjoint sweeps)`,
      `${ms(tJRev)} = ${times(tJRev / tJPrimal)} primal`,
    );
    row(
      `Jacobian ${shape}, forward (primal + ${jac.tape.n} tangent sweeps)`,
      `${ms(tJFwd)} = ${times(tJFwd / tJPrimal)} primal; max rel. diff. to reverse ${maxRelative(Jf, Jr).toExponential(1)}`,
    );

    log(`core ${label}: finite differences`);
    const ours = adjointValues(tape, v, yBar).subarray(0, tape.n);
    const tFd = timeMedian(() => finiteDifferenceGradient(tape, x), { ...timing, maxTime: 10_000 });
    const fd = finiteDifferenceGradient(tape, x);
    row(
      `central differences (${2 * tape.n} primal sweeps), vs our gradient`,
      `${ms(tFd)} = ${times(tFd / tGradient)} ours; max rel. diff. ${maxRelative(fd, ours).toExponential(1)}`,
    );

    const names = tape.inputs.map((i) => i.name);
    if (mathjsLast > MATHJS_GIVE_UP_MS) {
      row(
        'mathjs symbolic derivative + evaluate, vs ours',
        `skipped: one gradient took ${ms(mathjsLast)} at the size below`,
      );
      continue;
    }
    log(`core ${label}: mathjs`);
    try {
      let t = performance.now();
      const prepared = mathjsPrepare(text, names);
      const g = mathjsEvaluate(prepared, x);
      mathjsLast = performance.now() - t;
      const samples = [mathjsLast];
      while (samples.length < (options.quick ? 1 : 5) && samples.reduce((a, b) => a + b, 0) < 5_000) {
        t = performance.now();
        mathjsEvaluate(mathjsPrepare(text, names), x);
        samples.push(performance.now() - t);
      }
      const tMathjs = median(samples);
      mathjsLast = tMathjs;
      const tOursFromText = timeMedian(() => {
        const c = compile(text, { limits: BENCH_LIMITS });
        if (c.ok) adjointValues(c.tape, primal(c.tape, x), yBar);
      }, timing);
      const tMathjsEval = timeMedian(() => mathjsEvaluate(prepared, x), { ...timing, maxTime: 5_000 });
      row(
        'mathjs: parse, derivative per input, compile, evaluate, vs ours from text',
        `${ms(tMathjs)} = ${times(tMathjs / tOursFromText)} ours; max rel. diff. ${maxRelative(g, ours).toExponential(1)}`,
      );
      row(
        'mathjs: evaluate the compiled derivatives, vs our primal + adjoint',
        `${ms(tMathjsEval)} = ${times(tMathjsEval / tGradient)} ours`,
      );
    } catch (e) {
      mathjsLast = Infinity;
      row('mathjs symbolic derivative + evaluate, vs ours', `failed: ${(e as Error).message.slice(0, 60)}`);
    }
  }
  return rows;
}
