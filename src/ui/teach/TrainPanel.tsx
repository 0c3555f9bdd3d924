import { enPanels } from '../../i18n/en.panels';
import { addEnglish } from '../../i18n/translate';
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { contours } from 'd3-contour';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import {
  analyzeText,
  CONVERGED_GRADIENT,
  formatNumber,
  lossGrid,
  MAX_DATA_ROWS,
  MAX_TRAIN_STEPS,
  parseData,
  parseValue,
  train,
  updateRows,
  type DataTable,
  type ProgramInfo,
  type Tape,
  type Trace,
  type TrainRun,
  type TrainSetup,
} from '../../core/index';
import { useT, type Translator } from '../../i18n/index';
import { useStore } from '../../state/store';
import { useQuizHides } from '../quiz/quizMode';
import './panels.css';

// This panel's English strings load with it (en.panels.ts), not with the page.
addEnglish(enPanels);

interface Props {
  tape: Tape;
  trace: Trace;
}

/**
 * Most row evaluations (data rows × iterates) one run on the page may make in all, from its start:
 * the page recomputes a run from the link, so this bounds the work a link can ask for too.
 */
export const PAGE_BUDGET = 1_000_000;
/** "Until converged" takes at most this many steps at a time. */
export const CONVERGE_CAP = 10_000;
/** Most points drawn of a curve (a run of 100,000 steps is sampled evenly). */
const MAX_POINTS = 600;
/** Evaluations of the loss spent on the contour grid (rows × grid points). */
const GRID_BUDGET = 40_000;

const W = 560;
const M = { top: 10, right: 26, bottom: 36, left: 60 };
/** Up to ten distinguishable line colours (Okabe–Ito and Tableau hues, dark enough on white). */
const COLOURS = [
  '#0063a6',
  '#b04a00',
  '#8a3a73',
  '#1b7f4c',
  '#6b5bd2',
  '#9a6b00',
  '#c0392b',
  '#2c7f99',
  '#5a6475',
  '#a33b8f',
];

const POSITIVE = /^[+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** η as typed: a positive finite decimal, or why not. */
function readRate(text: string): { ok: true; value: number } | { ok: false } {
  const t = text.trim();
  const value = Number(t);
  return POSITIVE.test(t) && Number.isFinite(value) && value > 0 ? { ok: true, value } : { ok: false };
}

/** The last iterate whose loss and parameters are all finite: where the page's point lands. */
function landing(run: TrainRun): number {
  for (let j = run.loss.length - 1; j >= 0; j--) {
    if (Number.isFinite(run.loss[j]!) && run.path[j]!.every(Number.isFinite)) return j;
  }
  return -1;
}

/**
 * The headline over a run: its last step and loss, and, when that step is not finite (the run
 * stopped there), what became infinite or NaN at it and which step is shown instead: the last one
 * whose loss and parameters are finite, where the page's point landed.
 */
function headline(run: TrainRun, names: readonly string[], t: Translator): string {
  const last = run.loss.length - 1;
  const land = landing(run);
  const start = fmt(run.loss[0]!);
  if (land === last || land < 0) return t('train.status', { steps: last, loss: fmt(run.loss[last]!), start });
  const shown = { steps: last, land, loss: fmt(run.loss[land]!), start };
  const bad = names.findIndex((_, p) => !Number.isFinite(run.path[last]![p]!));
  return Number.isFinite(run.loss[last]!) && bad >= 0
    ? t('train.statusParamNonFinite', { ...shown, name: names[bad]!, bad: fmt(run.path[last]![bad]!) })
    : t('train.statusNonFinite', { ...shown, bad: fmt(run.loss[last]!) });
}

/** Evenly spaced indices 0 … last (at most MAX_POINTS), the last always included. */
function sample(last: number): number[] {
  if (last + 1 <= MAX_POINTS) return Array.from({ length: last + 1 }, (_, j) => j);
  const every = last / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => Math.round(i * every));
}

/** One run kept between renders: recomputing a run of thousands of steps on each render would stall. */
let kept: { key: string; run: TrainRun } | null = null;

/** The run of `steps` steps for `setup` (keyed by `key`), continuing the kept one when it can. */
function runOf(key: string, setup: TrainSetup, steps: number, untilConverged = false): TrainRun {
  const options = { steps, stopOnDivergence: true, budget: PAGE_BUDGET, untilConverged };
  let run: TrainRun;
  if (kept && kept.key === key && kept.run.loss.length - 1 === steps && !untilConverged) run = kept.run;
  else if (kept && kept.key === key && kept.run.loss.length - 1 < steps)
    run = train(setup, { ...options, resume: kept.run });
  else run = train(setup, options);
  kept = { key, run };
  return run;
}

const fmt = (x: number) => formatNumber(x).replace(/^-/, '\u2212');

/**
 * The axes of a chart over the steps: horizontal grid lines at the value ticks, the step numbers
 * below, the axis title, and whatever else the chart adds to the axis group (its value title).
 */
function StepAxes({
  g,
  height,
  title,
  children,
}: {
  g: { x: (v: number) => number; y: (v: number) => number; xTicks: number[]; yTicks: number[] };
  height: number;
  title: string;
  children?: ReactNode;
}) {
  return (
    <g className="fd-axis">
      {g.yTicks.map((v) => (
        <g key={v} transform={`translate(0,${g.y(v)})`}>
          <line x1={M.left} x2={W - M.right} className="fd-grid" />
          <text x={M.left - 6} dy="0.35em" textAnchor="end">
            {fmt(v)}
          </text>
        </g>
      ))}
      {g.xTicks.map((v) => (
        <text key={v} x={g.x(v)} y={height - M.bottom + 16} textAnchor="middle">
          {v}
        </text>
      ))}
      <text className="fd-axis-title" x={(M.left + W - M.right) / 2} y={height - 3} textAnchor="middle">
        {title}
      </text>
      {children}
    </g>
  );
}

interface ChartProps {
  run: TrainRun;
  names: readonly string[];
  log: boolean;
  t: Translator;
}

/** The loss L_j over the steps j, on a linear or a log scale. */
function LossCurve({ run, log, t }: Omit<ChartProps, 'names'>) {
  const H = 200;
  const g = useMemo(() => {
    const last = run.loss.length - 1;
    const idx = sample(last);
    const finite = run.loss.filter((L) => Number.isFinite(L));
    const positive = finite.filter((L) => L > 0);
    const useLog = log && positive.length > 0 && positive.length === finite.length;
    let lo = useLog ? Math.min(...positive) : Math.min(0, ...finite);
    let hi = Math.max(...finite, useLog ? lo * 10 : lo + 1);
    if (!(hi > lo)) hi = lo + 1;
    if (useLog && hi / lo < 10) lo = hi / 10;
    const x = scaleLinear()
      .domain([0, Math.max(1, last)])
      .range([M.left, W - M.right]);
    const y = (useLog ? scaleLog() : scaleLinear())
      .domain([lo, hi])
      .range([H - M.bottom, M.top])
      .nice();
    const d =
      line<number>()
        .defined((j) => Number.isFinite(run.loss[j]!) && (!useLog || run.loss[j]! > 0))
        .x((j) => x(j))
        .y((j) => y(run.loss[j]!))(idx) ?? '';
    const yTicks = useLog
      ? y.ticks(4).filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9)
      : y.ticks(4);
    return { x, y, d, yTicks, xTicks: x.ticks(6).filter(Number.isInteger), useLog, last };
  }, [run, log]);
  const endL = run.loss[g.last]!;
  return (
    <svg
      className="train-chart train-loss"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('train.lossAria')}
    >
      <StepAxes g={g} height={H} title={t('train.axisStep')}>
        <text
          className="fd-axis-title"
          transform={`translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {g.useLog ? t('train.axisLossLog') : t('train.axisLoss')}
        </text>
      </StepAxes>
      <path className="train-line" d={g.d} data-points={Math.min(run.loss.length, MAX_POINTS)} />
      {Number.isFinite(endL) && (!g.useLog || endL > 0) && (
        <circle className="train-end" cx={g.x(g.last)} cy={g.y(endL)} r={5} />
      )}
    </svg>
  );
}

/** Each parameter's value over the steps. */
function Trajectory({ run, names, t }: Omit<ChartProps, 'log'>) {
  const H = 170;
  const g = useMemo(() => {
    const last = run.path.length - 1;
    const idx = sample(last);
    const values = run.path.flat().filter(Number.isFinite);
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
    const x = scaleLinear()
      .domain([0, Math.max(1, last)])
      .range([M.left, W - M.right]);
    const y = scaleLinear()
      .domain([lo, hi])
      .range([H - M.bottom, M.top])
      .nice();
    const paths = names.map(
      (_, p) =>
        line<number>()
          .defined((j) => Number.isFinite(run.path[j]![p]!))
          .x((j) => x(j))
          .y((j) => y(run.path[j]![p]!))(idx) ?? '',
    );
    return { x, y, paths, yTicks: y.ticks(4), xTicks: x.ticks(6).filter(Number.isInteger) };
  }, [run, names]);
  return (
    <figure className="train-figure">
      <svg
        className="train-chart train-params"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t('train.pathAria')}
      >
        <StepAxes g={g} height={H} title={t('train.axisStep')} />
        {g.paths.map((d, p) => (
          <path key={names[p]} className="train-param-line" d={d} stroke={COLOURS[p % COLOURS.length]} />
        ))}
      </svg>
      <figcaption className="train-legend">
        {names.map((name, p) => (
          <span key={name}>
            <span className="train-swatch" style={{ background: COLOURS[p % COLOURS.length] }} />
            {name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** The loss over the two parameters' plane (the rest fixed at the current point), with the path. */
/** The contour plot: taller than the curves, with room for the axis titles under the tick labels. */
function Contour({
  setup,
  run,
  names,
  current,
  t,
}: {
  setup: TrainSetup;
  run: TrainRun | null;
  names: readonly [string, string];
  current: readonly [number, number];
  t: Translator;
}) {
  const H = 310;
  const g = useMemo(() => {
    const pts = (run?.path ?? []).filter((w) => Number.isFinite(w[0]!) && Number.isFinite(w[1]!));
    const xs0 = [current[0], ...pts.map((w) => w[0]!)];
    const ys0 = [current[1], ...pts.map((w) => w[1]!)];
    const span = (v: number[]): [number, number] => {
      let lo = Math.min(...v);
      let hi = Math.max(...v);
      const pad = hi > lo ? (hi - lo) * 0.25 : Math.max(1, Math.abs(lo) * 0.5);
      [lo, hi] = [lo - pad, hi + pad];
      return [lo, hi];
    };
    const [x0, x1] = span(xs0);
    const [y0, y1] = span(ys0);
    const rows = setup.data ? setup.data.rows.length : 1;
    const n = Math.max(12, Math.min(60, Math.floor(Math.sqrt(GRID_BUDGET / rows))));
    const xs = Array.from({ length: n }, (_, i) => x0 + ((x1 - x0) * i) / (n - 1));
    const ys = Array.from({ length: n }, (_, i) => y0 + ((y1 - y0) * i) / (n - 1));
    const grid = lossGrid(setup, [0, 1], xs, ys);
    const finite = Array.from(grid).filter(Number.isFinite);
    const x = scaleLinear()
      .domain([x0, x1])
      .range([M.left, W - M.right]);
    const y = scaleLinear()
      .domain([y0, y1])
      .range([H - M.bottom, M.top]);
    if (finite.length === 0) return { x, y, bands: [] as string[], path: '', n };
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    const values = Array.from(grid, (v) => (Number.isFinite(v) ? v : hi));
    const LEVELS = 14;
    const geometric = lo > 0 && hi / lo > 100;
    const levels = Array.from({ length: LEVELS }, (_, i) =>
      geometric ? lo * (hi / lo) ** ((i + 0.5) / LEVELS) : lo + ((hi - lo) * (i + 0.5)) / LEVELS,
    );
    // Grid cell i covers [i, i+1] in d3-contour's coordinates; sample i sits at its centre.
    const gx = (c: number) => x(x0 + ((x1 - x0) * (c - 0.5)) / (n - 1));
    const gy = (c: number) => y(y0 + ((y1 - y0) * (c - 0.5)) / (n - 1));
    const bands = contours()
      .size([n, n])
      .thresholds(levels)(values)
      .map((mp) =>
        mp.coordinates
          .flatMap((polygon) =>
            polygon.map(
              (ring) =>
                `M${ring.map(([cx, cy]) => `${gx(cx!).toFixed(1)},${gy(cy!).toFixed(1)}`).join('L')}Z`,
            ),
          )
          .join(''),
      );
    const idx = sample(pts.length - 1);
    const path =
      pts.length > 1
        ? (line<number>()
            .x((j) => x(pts[j]![0]!))
            .y((j) => y(pts[j]![1]!))(idx) ?? '')
        : '';
    return { x, y, bands, path, n };
  }, [setup, run, current]);
  const start = run?.path[0];
  return (
    <svg
      className="train-chart train-contour"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('train.contourAria', { a: names[0], b: names[1] })}
    >
      <defs>
        <clipPath id="train-contour-clip">
          <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
        </clipPath>
      </defs>
      <g clipPath="url(#train-contour-clip)">
        {g.bands.map((d, i) => (
          <path key={i} className="train-band" d={d} />
        ))}
        {g.path && <path className="train-iterates" d={g.path} />}
        {start && Number.isFinite(start[0]!) && (
          <circle className="train-start" cx={g.x(start[0]!)} cy={g.y(start[1]!)} r={5} />
        )}
        <circle className="train-end" cx={g.x(current[0])} cy={g.y(current[1])} r={6} data-current="1" />
      </g>
      <g className="fd-axis">
        {g.x.ticks(6).map((v) => (
          <text key={v} x={g.x(v)} y={H - M.bottom + 16} textAnchor="middle">
            {fmt(v)}
          </text>
        ))}
        {g.y.ticks(5).map((v) => (
          <text key={v} x={M.left - 6} y={g.y(v)} dy="0.35em" textAnchor="end">
            {fmt(v)}
          </text>
        ))}
        <text className="fd-axis-title" x={(M.left + W - M.right) / 2} y={H - 3} textAnchor="middle">
          {names[0]}
        </text>
        <text
          className="fd-axis-title"
          transform={`translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {names[1]}
        </text>
      </g>
    </svg>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Training by gradient descent: choose the parameters (the other inputs are data), η and an optional
 * data table; each step is the primal and reverse sweeps the page shows, then w ← w − η ∂L/∂w. The
 * run lives in the link as its start and its number of steps and is recomputed from them; after a
 * run the input fields hold where it landed, so the graph and the timeline show that step's trace.
 */
export function TrainPanel(props: Props) {
  const t = useT();
  const hides = useQuizHides(props.trace);
  const text = useStore((s) => s.text);
  const info = useMemo(() => {
    const a = analyzeText(text);
    return a.ok ? a.info : null;
  }, [text]);
  if (hides)
    return (
      <div className="train">
        <p className="teach-note quiz-later">{t('quiz.later')}</p>
      </div>
    );
  if (!info) return <p className="empty">{t('empty.train')}</p>;
  return <TrainBody {...props} info={info} />;
}

function TrainBody({ tape, trace, info }: Props & { info: ProgramInfo }) {
  const t = useT();
  const text = useStore((s) => s.text);
  const merge = useStore((s) => s.merge);
  const adjointSeed = useStore((s) => s.adjointSeed);
  const chosen = useStore((s) => s.train);
  const rate = useStore((s) => s.rate);
  const data = useStore((s) => s.data);
  const from = useStore((s) => s.from);
  const steps = useStore((s) => s.steps);
  const tlog = useStore((s) => s.tlog);
  const setTrain = useStore((s) => s.setTrain);
  const setRate = useStore((s) => s.setRate);
  const setData = useStore((s) => s.setData);
  const setTlog = useStore((s) => s.setTlog);
  const applyRun = useStore((s) => s.applyRun);
  const showRow = useStore((s) => s.showRow);
  const [shownStep, setShownStep] = useState(1);
  // Why the last run stopped, for the run it belongs to (a new η, new data or new values end it).
  const [stopOf, setStopOf] = useState<{ run: string; message: string } | null>(null);

  const inputs = info.inputs;
  const params = useMemo(() => (chosen ?? []).filter((n) => inputs.includes(n)), [chosen, inputs]);
  const outIndex = Math.max(0, info.outputs.indexOf(adjointSeed ?? ''));
  const lossName = info.outputs[outIndex] ?? 'y';
  const eta = readRate(rate);
  const parsed = useMemo(() => parseData(data, inputs, params), [data, inputs, params]);
  const table: DataTable | null = parsed.ok ? parsed.data : null;
  // Open whenever data with an error arrives (the page opening, a link pasted into the address bar,
  // a parameter ticked that the data names), so that the error is never folded away; otherwise as
  // the reader leaves it (closing it while they type would hide what they are typing).
  const errorData = parsed.ok ? null : data;
  const [dataOpen, setDataOpen] = useState(errorData !== null);
  const [openedFor, setOpenedFor] = useState(errorData);
  if (errorData !== openedFor) {
    setOpenedFor(errorData);
    if (errorData !== null) setDataOpen(true);
  }
  const dataRef = useRef<HTMLTextAreaElement>(null);
  const whyId = useId();
  /** Opens the data and puts the caret where its error is. */
  const showDataError = () => {
    if (parsed.ok) return;
    setDataOpen(true);
    // The offset of the error's line (line breaks as parseData counts them), then its column.
    const breaks = [...data.matchAll(/\r\n|\n|\r/g)];
    const lineStart = parsed.error.line > 1 ? breaks[parsed.error.line - 2] : undefined;
    const start = lineStart ? lineStart.index + lineStart[0].length : 0;
    const at = Math.min(data.length, start + parsed.error.column - 1);
    // After the section has opened: a textarea inside closed <details> cannot take focus.
    requestAnimationFrame(() => {
      const area = dataRef.current;
      if (!area) return;
      area.focus();
      area.setSelectionRange(at, at);
    });
  };
  // The point on display, by input name (the tape's inputs are the program's, in the same order).
  const x = useMemo(
    () => inputs.map((name) => trace.v[tape.inputs.find((i) => i.name === name)?.index ?? 0]!),
    [inputs, tape, trace],
  );
  const paramIdx = useMemo(() => params.map((n) => inputs.indexOf(n)), [params, inputs]);
  const ready = params.length > 0 && eta.ok && parsed.ok;

  /** The setup of a run from `start` (every input's value; data columns come from the table). */
  const setupAt = (start: readonly number[]): TrainSetup => ({
    info,
    x: start,
    params: paramIdx,
    rate: eta.ok ? eta.value : NaN,
    data: table,
    output: outIndex,
    merge,
  });
  const keyOf = (start: readonly number[]) =>
    JSON.stringify([text, merge, outIndex, params, start, rate, data]);

  // The run in the link: its start (the parameters from `from`, the other inputs as now) and steps.
  const fromX = useMemo(() => {
    if (!ready || from === null || steps <= 0) return null;
    const start = [...x];
    for (const [p, j] of paramIdx.entries()) {
      const r = parseValue(params[p]!, from[params[p]!] ?? '');
      if (!r.ok) return null;
      start[j] = r.value;
    }
    // Data columns do not matter to the run: keep them out of its key (choosing a row keeps the run).
    if (table) for (const name of table.names) start[inputs.indexOf(name)] = 0;
    return start;
  }, [ready, from, steps, x, paramIdx, params, table, inputs]);
  const run = useMemo(
    () => (fromX ? runOf(keyOf(fromX), setupAt(fromX), steps) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fromX, steps],
  );
  const land = run ? landing(run) : -1;
  const consistent =
    run !== null && land >= 0 && paramIdx.every((j, p) => Object.is(x[j], run.path[land]![p]));

  const runId = (start: Record<string, string> | null, n: number) =>
    JSON.stringify([start, n, rate, data, params]);
  const stop = stopOf && stopOf.run === runId(from, steps) ? stopOf.message : null;
  const go = (k: number | 'converge') => {
    if (!ready) return;
    const start =
      consistent && fromX ? fromX : x.map((v, j) => (table && table.names.includes(inputs[j]!) ? 0 : v));
    const done = consistent && run ? run.loss.length - 1 : 0;
    const total = Math.min(MAX_TRAIN_STEPS, done + (k === 'converge' ? CONVERGE_CAP : k));
    const next = runOf(keyOf(start), setupAt(start), total, k === 'converge');
    const j = landing(next);
    const fromValues = Object.fromEntries(params.map((n, p) => [n, String(start[paramIdx[p]!])]));
    const message =
      next.stopped?.message ??
      (k === 'converge' ? t('train.notConverged', { n: CONVERGE_CAP.toLocaleString('en-US') }) : null);
    if (j < 0) {
      setStopOf(message === null ? null : { run: runId(from, steps), message });
      return;
    }
    setStopOf(message === null ? null : { run: runId(fromValues, next.loss.length - 1), message });
    applyRun(
      fromValues,
      next.loss.length - 1,
      Object.fromEntries(params.map((n, p) => [n, String(next.path[j]![p])])),
    );
  };

  const reset = () => {
    if (!run || !fromX) return;
    showRow(Object.fromEntries(params.map((n, p) => [n, String(fromX[paramIdx[p]!])])));
    setTrain(params);
  };

  const lastStep = run ? run.loss.length - 1 : 0;
  const stepShown = Math.min(Math.max(1, shownStep), Math.max(1, lastStep));
  const rows = run && eta.ok ? updateRows(run, params, eta.value, stepShown - 1) : [];
  const atLimit = run !== null && (run.stopped?.reason === 'budget' || lastStep >= MAX_TRAIN_STEPS);
  const diverged = run?.diverged ?? null;
  const convergedNow =
    run !== null && land === lastStep && run.grads[lastStep]!.every((g) => Math.abs(g) < CONVERGED_GRADIENT);
  const twoParams = params.length === 2 && ready;
  const current: [number, number] = twoParams ? [x[paramIdx[0]!]!, x[paramIdx[1]!]!] : [0, 0];
  const contourSetup = useMemo(
    () => (twoParams ? setupAt(x.map((v) => v)) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [twoParams, x, paramIdx, rate, table, outIndex, merge],
  );

  return (
    <div className="train">
      <fieldset className="train-params-choice">
        <legend>{t('train.params')}</legend>
        {inputs.map((name) => (
          <label key={name}>
            <input
              type="checkbox"
              // Not the bare name: that is the input field's accessible name (CONTRACTS §5).
              aria-label={t('train.paramAria', { name })}
              checked={params.includes(name)}
              onChange={(e) =>
                setTrain(
                  e.target.checked
                    ? inputs.filter((n) => n === name || params.includes(n))
                    : params.filter((n) => n !== name),
                )
              }
            />{' '}
            {name}
          </label>
        ))}
      </fieldset>
      <p className="teach-note">
        {params.length === 0
          ? t('train.pickParams')
          : t('train.lossIs', {
              loss: lossName,
              data: inputs.filter((n) => !params.includes(n)).join(', ') || '—',
            })}
      </p>
      <div className="teach-controls train-controls">
        <label>
          <span>{t('train.rate')}</span>
          <input
            className={`train-rate${eta.ok ? '' : ' has-error'}`}
            aria-label={t('train.rateAria')}
            aria-invalid={!eta.ok}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            inputMode="decimal"
            spellCheck={false}
          />
        </label>
        <span className="train-run-label">{t('train.run')}</span>
        {([1, 10, 100] as const).map((k) => (
          <button
            key={k}
            type="button"
            className="train-run"
            data-run={k}
            disabled={!ready || atLimit || (consistent && diverged !== null)}
            aria-describedby={parsed.ok ? undefined : whyId}
            onClick={() => go(k)}
          >
            {t('train.runK', { n: k })}
          </button>
        ))}
        <button
          type="button"
          className="train-run"
          data-run="converge"
          disabled={!ready || atLimit || (consistent && diverged !== null)}
          aria-describedby={parsed.ok ? undefined : whyId}
          onClick={() => go('converge')}
        >
          {t('train.runConverge', { n: CONVERGE_CAP.toLocaleString('en-US') })}
        </button>
        <button type="button" className="train-reset" disabled={!run} onClick={reset}>
          {t('train.reset')}
        </button>
      </div>
      {!eta.ok && (
        <p className="train-error" role="alert">
          {t('train.badRate')}
        </p>
      )}
      {!parsed.ok && (
        // The located message is in the Data section, below the fold: say here why Run is off.
        <p className="train-why" id={whyId} data-line={parsed.error.line} data-column={parsed.error.column}>
          {t('train.fixData', { line: parsed.error.line, column: parsed.error.column })}{' '}
          <button type="button" className="train-why-go" onClick={showDataError}>
            {t('train.showData')}
          </button>
        </p>
      )}

      {run && (
        <p
          className="train-status"
          role="status"
          data-steps={lastStep}
          data-loss={String(run.loss[land] ?? NaN)}
        >
          {headline(run, params, t)}
          {convergedNow ? ` ${t('train.converged', { tol: String(CONVERGED_GRADIENT) })}` : ''}
        </p>
      )}
      {diverged && (
        <div className="train-diverged" role="alert" data-diverged={diverged.reason}>
          <strong>{t('train.divergedTitle')}</strong> {t.msg(diverged.message)}{' '}
          {/* Overshooting is the usual story; a step onto a point where an operation is undefined or
              infinite (sqrt of a negative number, 1/0) is another, and the help says which. */}
          {diverged.cause && !diverged.cause.overflow ? t('train.divergedEdgeHelp') : t('train.divergedHelp')}
        </div>
      )}
      {stop && !diverged && <p className="teach-note train-stop">{t.msg(stop)}</p>}
      {run && !consistent && <p className="teach-note">{t('train.moved')}</p>}
      {atLimit && (
        <p className="teach-note">{t('train.limit', { n: PAGE_BUDGET.toLocaleString('en-US') })}</p>
      )}

      {run && (
        <>
          <div className="train-chart-head">
            <h3>{t('train.lossCurve', { loss: lossName })}</h3>
            <label>
              <input type="checkbox" checked={tlog} onChange={(e) => setTlog(e.target.checked)} />{' '}
              {t('train.log')}
            </label>
          </div>
          <LossCurve run={run} log={tlog} t={t} />
        </>
      )}
      {run && rows.length > 0 && (
        <section className="train-updates" aria-label={t('train.updatesAria')}>
          <h3>
            {t('train.updates')}{' '}
            <label className="train-step-pick">
              <span className="sr-only">{t('train.updateStepAria')}</span>
              <input
                type="number"
                min={1}
                max={lastStep}
                value={stepShown}
                aria-label={t('train.updateStepAria')}
                onChange={(e) => setShownStep(Number(e.target.value) || 1)}
              />
            </label>
            <span className="teach-sub"> w ← w − η ∂L/∂w</span>
          </h3>
          <table className="train-update-table">
            <tbody>
              {rows.map((u) => (
                <tr key={u.name} data-update={u.name} data-value={String(u.after)}>
                  <th scope="row">{u.name}</th>
                  <td>
                    = {fmt(u.before)} − {fmt(u.rate)} ×{' '}
                    {u.gradient < 0 ? `(${fmt(u.gradient)})` : fmt(u.gradient)} ={' '}
                    <strong>{fmt(u.after)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {table && <p className="teach-note">{t('train.meanNote', { n: table.rows.length })}</p>}
        </section>
      )}

      {run && (
        <>
          <h3>{t('train.trajectory')}</h3>
          <Trajectory run={run} names={params} t={t} />
        </>
      )}
      {twoParams && contourSetup && (
        <>
          <h3>{t('train.contour', { a: params[0]!, b: params[1]! })}</h3>
          <Contour
            setup={contourSetup}
            run={consistent ? run : null}
            names={[params[0]!, params[1]!]}
            current={current}
            t={t}
          />
          {inputs.length > 2 && <p className="teach-note">{t('train.contourNote')}</p>}
        </>
      )}
      <details
        className="train-data"
        open={dataOpen}
        onToggle={(e) => setDataOpen((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>{table ? t('train.dataRows', { n: table.rows.length }) : t('train.dataNone')}</summary>
        <p className="teach-note">{t('train.dataHelp', { max: MAX_DATA_ROWS.toLocaleString('en-US') })}</p>
        <textarea
          ref={dataRef}
          className="train-csv"
          aria-label={t('train.dataAria')}
          value={data}
          rows={Math.min(8, Math.max(3, data.split('\n').length))}
          spellCheck={false}
          placeholder={`${inputs.filter((n) => !params.includes(n)).join(',') || 'x,t'}\n…`}
          onChange={(e) => setData(e.target.value)}
        />
        {!parsed.ok && (
          <p
            className="train-error"
            role="alert"
            data-line={parsed.error.line}
            data-column={parsed.error.column}
          >
            {t('train.dataError', {
              line: parsed.error.line,
              column: parsed.error.column,
              message: t.msg(parsed.error.message),
            })}
          </p>
        )}
        {table && (
          <div className="teach-controls">
            <label>
              <span>{t('train.rowShown')}</span>
              <select
                aria-label={t('train.rowAria')}
                value={String(
                  table.rows.findIndex((r) =>
                    r.every((v, c) => Object.is(v, x[inputs.indexOf(table.names[c]!)])),
                  ),
                )}
                onChange={(e) => {
                  const r = table.rows[Number(e.target.value)];
                  if (r) showRow(Object.fromEntries(table.names.map((n, c) => [n, String(r[c])])));
                }}
              >
                <option value="-1" disabled>
                  —
                </option>
                {table.rows.slice(0, MAX_DATA_ROWS).map((r, i) => (
                  <option key={i} value={i}>
                    {`${i + 1}: ${table.names.map((n, c) => `${n} = ${formatNumber(r[c]!)}`).join(', ')}`}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              onClick={() => download('data.csv', data.endsWith('\n') ? data : `${data}\n`)}
            >
              {t('train.saveCsv')}
            </button>
          </div>
        )}
      </details>
      {!run && ready && <p className="teach-note">{t('train.ready')}</p>}
    </div>
  );
}
