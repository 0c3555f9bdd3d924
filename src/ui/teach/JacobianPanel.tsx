import { enPanels } from '../../i18n/en.panels';
import { addEnglish } from '../../i18n/translate';
import { useMemo, useState } from 'react';
import {
  formatNumber,
  jacobianCosts,
  jacobianFill,
  jacobianForward,
  jvp,
  vjp,
  type JacobianCell,
  type SweepCost,
  type Tape,
  type Trace,
} from '../../core/index';
import { useT, type Translator } from '../../i18n/index';
import { useStore } from '../../state/store';
import { useQuizHides, useQuizPending } from '../quiz/quizMode';
import { forgetSweeps, sweepEverything, sweptBefore, useSweepHistory } from '../resultEntries';
import './panels.css';

// This panel's English strings load with it (en.panels.ts), not with the page.
addEnglish(enPanels);

interface Props {
  tape: Tape;
  trace: Trace;
  step: number;
}

const fmt = (x: number): string => formatNumber(x).replace(/^-/, '\u2212');

function Matrix({
  tape,
  cells,
  mode,
  active,
}: {
  tape: Tape;
  cells: readonly (readonly JacobianCell[])[];
  mode: 'forward' | 'reverse';
  /** The column (forward) or row (reverse) the current sweep fills. */
  active: number;
}) {
  const t = useT();
  return (
    <table
      className={`jac-matrix jac-${mode}`}
      aria-label={mode === 'forward' ? t('jac.matrixForward') : t('jac.matrixReverse')}
    >
      <thead>
        <tr>
          <th />
          {tape.inputs.map((x, c) => (
            <th
              key={x.name}
              scope="col"
              className={mode === 'forward' && c === active ? 'is-active' : undefined}
            >
              ∂/∂{x.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cells.map((row, r) => (
          <tr
            key={tape.outputs[r]!.name}
            className={mode === 'reverse' && r === active ? 'is-active' : undefined}
          >
            <th scope="row">{tape.outputs[r]!.name}</th>
            {row.map((cell, c) => (
              <td
                key={c}
                className={`jac-cell is-${cell.state}${cell.fresh ? ' is-fresh' : ''}${
                  (mode === 'forward' ? c : r) === active ? ' in-sweep' : ''
                }`}
                data-cell={`${tape.outputs[r]!.name}/${tape.inputs[c]!.name}`}
                data-state={cell.state}
                data-value={cell.value === null ? undefined : String(cell.value)}
              >
                {cell.value === null ? '·' : fmt(cell.value)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const costText = (t: Translator, c: SweepCost): string =>
  t('jac.cost', { ops: c.operations, partials: c.partials, mul: c.multiplications, add: c.additions });

/** Parses `1, 0.5` into a vector of `length` finite numbers, or says what is wrong. */
function parseVector(t: Translator, text: string, length: number): { vector: number[] } | { error: string } {
  const parts = text.split(',').map((p) => p.trim());
  const vector = parts.map((p) =>
    /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(p) ? Number(p) : NaN,
  );
  if (parts.length !== length) return { error: t('jac.vecCount', { n: length }) };
  if (!vector.every(Number.isFinite)) return { error: t('jac.vecFinite') };
  return { vector };
}

/** A seed-vector field: what is typed stays, the store takes only a valid vector. */
function VectorField({
  label,
  symbol,
  value,
  length,
  onChange,
}: {
  label: string;
  symbol: string;
  value: readonly number[];
  length: number;
  onChange: (v: number[]) => void;
}) {
  const t = useT();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? value.join(', ');
  const parsed = text === null ? null : parseVector(t, text, length);
  const error = parsed && 'error' in parsed ? parsed.error : null;
  return (
    <label className={`jac-vector${error ? ' invalid' : ''}`}>
      <span className="jac-vector-symbol">{symbol} =</span>
      <input
        aria-label={label}
        aria-invalid={error ? true : undefined}
        spellCheck={false}
        autoComplete="off"
        value={shown}
        onChange={(e) => {
          setText(e.target.value);
          const p = parseVector(t, e.target.value, length);
          if ('vector' in p) onChange(p.vector);
        }}
        onBlur={() => {
          if (!error) setText(null);
        }}
      />
      {error && <span className="jac-vector-error">{error}</span>}
    </label>
  );
}

const vectorText = (v: readonly number[]): string => `(${v.map(fmt).join(', ')})`;

/**
 * The Jacobian two ways: forward mode fills it column by column (one tangent sweep per input),
 * reverse mode row by row (one adjoint sweep per output), in step with the timeline and the graph.
 * The counts of each mode and the sentence saying which is cheaper come from the core.
 */
export function JacobianPanel({ tape, trace, step }: Props) {
  const t = useT();
  const setSeed = useStore((s) => s.setSeed);
  const setAdjointSeed = useStore((s) => s.setAdjointSeed);
  const setStep = useStore((s) => s.setStep);
  const setPlaying = useStore((s) => s.setPlaying);
  const jdir = useStore((s) => s.jdir);
  const jcot = useStore((s) => s.jcot);
  const setJdir = useStore((s) => s.setJdir);
  const setJcot = useStore((s) => s.setJcot);

  // Quiz: the cells stop at the last answered step, and the products wait for the whole trace.
  const pending = useQuizPending(step);
  const hides = useQuizHides(trace);
  const shownStep = pending ? step - 1 : step;
  const costs = useMemo(() => jacobianCosts(tape), [tape]);
  // The sweeps this page has run (the results strip's history): only their columns and rows are filled.
  const history = useSweepHistory(tape, trace, shownStep);
  const before = useMemo(() => sweptBefore(history), [history]);
  const fill = useMemo(() => jacobianFill(tape, trace, shownStep, before), [tape, trace, shownStep, before]);
  const J = useMemo(() => jacobianForward(tape, trace.v), [tape, trace]);
  const n = tape.n;
  const m = tape.outputs.length;
  const dir = useMemo(
    () => (jdir && jdir.length === n ? jdir : Array.from({ length: n }, () => 1)),
    [jdir, n],
  );
  const cot = useMemo(
    () => (jcot && jcot.length === m ? jcot : Array.from({ length: m }, () => 1)),
    [jcot, m],
  );
  const Jdir = useMemo(() => jvp(tape, trace.v, dir), [tape, trace, dir]);
  const cotJ = useMemo(() => vjp(tape, trace.v, cot), [tape, trace, cot]);
  const Jx = J.map((row) => row.reduce((s, a, j) => s + a * dir[j]!, 0));
  const yJ = tape.inputs.map((_, j) => J.reduce((s, row, i) => s + cot[i]! * row[j]!, 0));

  const run = (mode: 'forward' | 'reverse', index: number, over: boolean) => {
    // Starting over forgets that mode's sweeps, so that its matrix fills again from empty.
    if (over) forgetSweeps(mode);
    if (mode === 'forward') setSeed(tape.inputs[index]!.name);
    else setAdjointSeed(tape.outputs[index]!.name);
    setStep(mode === 'forward' ? trace.phases.tangent.start : trace.phases.adjoint.start);
    setPlaying(true);
  };
  const showAll = () => {
    // Every sweep of both modes, at once: the strip shows their results too.
    sweepEverything(tape, trace);
    setSeed(tape.inputs[n - 1]!.name);
    setAdjointSeed(tape.outputs[m - 1]!.name);
    setPlaying(false);
    // The real last step, for the link: a trace has as many steps whichever unit seeds it has.
    setStep(trace.steps.length);
  };
  // The buttons run the first sweep not run yet; after the last, they start over from the first.
  const overForward = fill.nextColumn < 0;
  const overReverse = fill.nextRow < 0;
  const nextForward = overForward ? 0 : fill.nextColumn;
  const nextReverse = overReverse ? 0 : fill.nextRow;

  return (
    <div className="jacobian">
      <p className="teach-lead">
        {t.rich('jac.lead', {
          Rn: (
            <>
              R<sup>{n}</sup>
            </>
          ),
          Rm: (
            <>
              R<sup>{m}</sup>
            </>
          ),
          n,
          m,
        })}
      </p>
      <div className="jac-modes">
        <section className="jac-mode jac-mode-forward" aria-label={t('jac.forward')}>
          <h3>
            {t('jac.forward')} <span className="teach-sub">{t('jac.byColumn')}</span>
          </h3>
          <Matrix tape={tape} cells={fill.forward} mode="forward" active={fill.column} />
          <p className="jac-count" data-sweeps={`${fill.forwardDone}/${n}`}>
            {t.rich('jac.count', {
              count: <b>{t('jac.countOf', { done: fill.forwardDone, total: n })}</b>,
              total: n,
              seed: `ẋ = e(${tape.inputs[Math.max(0, fill.column)]!.name})`,
            })}
          </p>
          <p className="jac-cost">
            {t('jac.eachSweep', { cost: costText(t, costs.forwardSweep) })}
            <br />
            {t.rich('jac.all', {
              k: n,
              ops: costs.forwardSweep.operations,
              total: <b>{costs.forwardTotal}</b>,
            })}
          </p>
          <button type="button" onClick={() => run('forward', nextForward, overForward)}>
            {overForward ? t('jac.startOverForward') : t('jac.runForward', { k: nextForward + 1 })}
          </button>
        </section>
        <section className="jac-mode jac-mode-reverse" aria-label={t('jac.reverse')}>
          <h3>
            {t('jac.reverse')} <span className="teach-sub">{t('jac.byRow')}</span>
          </h3>
          <Matrix tape={tape} cells={fill.reverse} mode="reverse" active={fill.row} />
          <p className="jac-count" data-sweeps={`${fill.reverseDone}/${m}`}>
            {t.rich('jac.count', {
              count: <b>{t('jac.countOf', { done: fill.reverseDone, total: m })}</b>,
              total: m,
              seed: `ȳ = e(${tape.outputs[Math.max(0, fill.row)]!.name})`,
            })}
          </p>
          <p className="jac-cost">
            {t('jac.eachSweep', { cost: costText(t, costs.reverseSweep) })}
            <br />
            {t.rich('jac.all', {
              k: m,
              ops: costs.reverseSweep.operations,
              total: <b>{costs.reverseTotal}</b>,
            })}
          </p>
          <button type="button" onClick={() => run('reverse', nextReverse, overReverse)}>
            {overReverse ? t('jac.startOverReverse') : t('jac.runReverse', { k: nextReverse + 1 })}
          </button>
        </section>
      </div>
      <p className={`jac-verdict verdict-${costs.cheaper}`} data-cheaper={costs.cheaper}>
        {/* Chinese runs sentences together without a space. */}
        {t.msg(costs.sentence)}
        {t.lang === 'zh' ? '' : ' '}
        <span className="teach-sub">{t('jac.primalFirst', { l: costs.l })}</span>
      </p>
      <p>
        <button type="button" className="jac-all" onClick={showAll}>
          {t('jac.showAll')}
        </button>
      </p>
      <section className="jac-products" aria-label={t('jac.products')}>
        <h3>{t('jac.productsHead')}</h3>
        {hides ? (
          <p className="teach-note quiz-later">{t('quiz.later')}</p>
        ) : (
          <>
            <div className="jac-product jac-product-forward">
              <VectorField label={t('jac.dirAria')} symbol="ẋ" value={dir} length={n} onChange={setJdir} />
              <span>
                {t.rich('jac.oneForward', { result: <b>J ẋ = {vectorText(Jdir)}</b> })}
                <span className="teach-sub">
                  {vectorText(Jdir) === vectorText(Jx)
                    ? t('jac.checkForwardSame')
                    : t('jac.checkForward', { v: vectorText(Jx) })}
                </span>
              </span>
            </div>
            <div className="jac-product jac-product-reverse">
              <VectorField label={t('jac.cotAria')} symbol="ȳ" value={cot} length={m} onChange={setJcot} />
              <span>
                {t.rich('jac.oneReverse', { result: <b>ȳᵀ J = {vectorText(cotJ)}</b> })}
                <span className="teach-sub">
                  {vectorText(cotJ) === vectorText(yJ)
                    ? t('jac.checkReverseSame')
                    : t('jac.checkReverse', { v: vectorText(yJ) })}
                </span>
              </span>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
