import { enPanels } from '../../i18n/en.panels';
import { addEnglish } from '../../i18n/translate';
import { useMemo } from 'react';
import { scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import {
  FD_LOG10_H_MAX,
  FD_LOG10_H_MIN,
  fdAt,
  fdSweep,
  formatNumber,
  type FdEstimate,
  type ProgramInfo,
  type Tape,
  type Trace,
} from '../../core/index';
import { useT } from '../../i18n/index';
import { useStore } from '../../state/store';
import { useQuizHides } from '../quiz/quizMode';
import { DerivativePicker, useDerivativeTarget } from './DerivativePicker';
import './panels.css';

// This panel's English strings load with it (en.panels.ts), not with the page.
addEnglish(enPanels);

interface Props {
  tape: Tape;
  trace: Trace;
  /** A program with control flow is run again at x ± h (the path may change there). */
  program?: ProgramInfo | null;
}

const W = 560;
const H = 215;
const M = { top: 10, right: 14, bottom: 36, left: 56 };
/** The round-off reference ε|f|/h is drawn this much higher, clear of the curves it describes. */
const ROUND_OFF_LIFT = 30;
/** Errors below this are drawn on the floor (an exact hit, or below what a double can tell). */
const FLOOR = 1e-17;

const full = (x: number): string =>
  Number.isFinite(x)
    ? x
        .toPrecision(12)
        .replace(/\.?0+(e|$)/, '$1')
        .replace(/^-/, '\u2212')
    : formatNumber(x);
const sci = (x: number): string =>
  x === 0
    ? '0'
    : Number.isFinite(x)
      ? x.toExponential(2).replace('-', '\u2212').replace('e-', 'e\u2212')
      : formatNumber(x);
/** 10^-5 as text with a superscript-looking exponent. */
function Pow10({ e }: { e: number }) {
  const text = Number.isInteger(e) ? String(e) : e.toFixed(2).replace(/0$/, '');
  return (
    <>
      10<sup>{text.replace('-', '\u2212')}</sup>
    </>
  );
}

function ErrorPlot({
  samples,
  current,
  bestForward,
  bestCentral,
  roundOff,
}: {
  samples: readonly FdEstimate[];
  current: FdEstimate;
  bestForward: FdEstimate;
  bestCentral: FdEstimate;
  roundOff: number;
}) {
  const t = useT();
  const geometry = useMemo(() => {
    const errors = samples
      .flatMap((s) => [s.forwardError, s.centralError])
      .filter((e) => e > 0 && Number.isFinite(e));
    const lo = Math.max(FLOOR, Math.min(...errors, 1) / 3);
    // Errors near the largest double would make the top of the axis overflow to ∞.
    const hi = Math.min(Number.MAX_VALUE, Math.max(...errors, lo * 100) * 3);
    const x = scaleLog()
      .domain([10 ** FD_LOG10_H_MIN, 10 ** FD_LOG10_H_MAX])
      .range([M.left, W - M.right]);
    const y = scaleLog()
      .domain([lo, hi])
      .range([H - M.bottom, M.top])
      .clamp(true);
    const at = (e: number) => y(Number.isFinite(e) && e > 0 ? e : lo);
    // A difference that is not a finite number (f is NaN or ∞ at x ± h) is no point: the curve has a
    // gap there, rather than a path the browser refuses ("Expected number").
    const path = (pick: (s: FdEstimate) => number) =>
      line<FdEstimate>()
        .defined((s) => Number.isFinite(pick(s)))
        .x((s) => x(s.h))
        .y((s) => at(pick(s)))(samples as FdEstimate[]) ?? '';
    // Reference slopes through the first (largest-h) sample; round-off ε|f|/h has slope −1. A line
    // through a value that is not finite is not drawn.
    const first = samples[0]!;
    const segment = (pts: number[][]) =>
      pts.every((p) => p.every(Number.isFinite)) ? `M${pts[0]!.join(',')}L${pts[1]!.join(',')}` : '';
    const ref = (slope: number, through: number, from: number, to: number) =>
      Number.isFinite(through)
        ? segment(
            [from, to].map((lh) => [
              x(10 ** lh),
              y(Math.max(lo, through * 10 ** (slope * (lh - first.log10h)))),
            ]),
          )
        : '';
    const roundOffPath = Number.isFinite(roundOff)
      ? segment(
          [FD_LOG10_H_MIN, FD_LOG10_H_MAX].map((lh) => [
            x(10 ** lh),
            y(Math.max(lo, (ROUND_OFF_LIFT * roundOff) / 10 ** lh)),
          ]),
        )
      : '';

    const xTicks = Array.from({ length: 16 }, (_, i) => -1 - i).filter((e) => e % 3 === -1 % 3 || e === -16);
    const yTicks = y.ticks().filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
    const every = Math.max(1, Math.ceil(yTicks.length / 6));
    return {
      x,
      y,
      at,
      forward: path((s) => s.forwardError),
      central: path((s) => s.centralError),
      // Drawn a decade above the curves they describe, so both stay visible.
      slope1: ref(1, first.forwardError * 10, -1, -6),
      slope2: ref(2, first.centralError * 10, -1, -3.5),
      roundOffPath,
      xTicks,
      yTicks: yTicks.filter((_, i) => i % every === 0),
    };
  }, [samples, roundOff]);
  const { x, at } = geometry;
  const cx = x(current.h);
  return (
    <svg className="fd-plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('fd.plotAria')}>
      <g className="fd-axis">
        {geometry.yTicks.map((t) => (
          <g key={t} transform={`translate(0,${geometry.y(t)})`}>
            <line x1={M.left} x2={W - M.right} className="fd-grid" />
            <text x={M.left - 6} dy="0.35em" textAnchor="end">
              {`1e${Math.round(Math.log10(t))}`.replace('-', '\u2212')}
            </text>
          </g>
        ))}
        {geometry.xTicks.map((e) => (
          <text key={e} x={x(10 ** e)} y={H - M.bottom + 16} textAnchor="middle">
            {`1e${e}`.replace('-', '\u2212')}
          </text>
        ))}
        <text className="fd-axis-title" x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle">
          {t('fd.axisH')}
        </text>
        <text
          className="fd-axis-title"
          transform={`translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {t('fd.axisError')}
        </text>
      </g>
      <g className="fd-refs">
        {geometry.slope1 && <path d={geometry.slope1} />}
        {geometry.slope2 && <path d={geometry.slope2} />}
        {geometry.roundOffPath && <path d={geometry.roundOffPath} />}
        {geometry.slope1 && (
          <text x={x(1e-2)} y={at(samples[0]!.forwardError) - 8} textAnchor="middle">
            {t('fd.slope1')}
          </text>
        )}
        {geometry.slope2 && (
          <text x={x(10 ** -3)} y={at(samples[0]!.centralError * 10 ** -2) + 18} textAnchor="start">
            {t('fd.slope2')}
          </text>
        )}
        {geometry.roundOffPath && (
          <text x={x(1e-10)} y={at((ROUND_OFF_LIFT * roundOff) / 1e-10) - 8} textAnchor="start">
            {t('fd.slopeRoundOff')}
          </text>
        )}
      </g>
      {geometry.forward && <path className="fd-line fd-forward" d={geometry.forward} />}
      {geometry.central && <path className="fd-line fd-central" d={geometry.central} />}
      <line className="fd-current" x1={cx} x2={cx} y1={M.top} y2={H - M.bottom} />
      {(['forward', 'central'] as const).map((kind) => {
        const best = kind === 'forward' ? bestForward : bestCentral;
        const error = (s: FdEstimate) => (kind === 'forward' ? s.forwardError : s.centralError);
        // A mark only where the error is a number: no dot in a gap, no "best" when there is none.
        return (
          <g key={kind}>
            {Number.isFinite(error(current)) && (
              <circle className={`fd-dot fd-${kind}`} cx={cx} cy={at(error(current))} r={5} />
            )}
            {Number.isFinite(error(best)) && (
              <>
                <circle
                  className={`fd-best fd-${kind}`}
                  cx={x(best.h)}
                  cy={at(error(best))}
                  r={9}
                  data-best={kind}
                />
                <text className="fd-best-label" x={x(best.h)} y={at(error(best)) - 14} textAnchor="middle">
                  {t('fd.best')}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * Finite differences against AD for one input: forward and central differences at the slider's h,
 * their errors, and the error over h = 10⁻¹ … 10⁻¹⁶ on log-log axes: truncation falls with h (slopes 1
 * and 2) until round-off, ε|f|/h, takes over (slope −1). The best h is marked. In a quiz that is not
 * finished the panel waits: every number in it is a derivative or tells one.
 */
export function FiniteDiffPanel(props: Props) {
  const t = useT();
  const hides = useQuizHides(props.trace);
  return hides ? (
    <div className="fd">
      <p className="teach-note quiz-later">{t('quiz.later')}</p>
    </div>
  ) : (
    <FiniteDiffBody {...props} />
  );
}

function FiniteDiffBody({ tape, trace, program = null }: Props) {
  const t = useT();
  const h = useStore((s) => s.h);
  const setH = useStore((s) => s.setH);
  const { input, output } = useDerivativeTarget(tape, trace);
  const x = useMemo(() => Array.from(trace.v.subarray(0, tape.n)), [trace, tape]);
  const merge = useStore((s) => s.merge);
  const problem = useMemo(
    () => ({ tape, x, input, output, merge, ...(program?.dynamic ? { program } : {}) }),
    [tape, x, input, output, merge, program],
  );
  const sweep = useMemo(() => fdSweep(problem), [problem]);
  const current = useMemo(() => fdAt(problem, h, sweep.ad), [problem, h, sweep]);
  const ratio = current.centralError > 0 ? current.forwardError / current.centralError : Infinity;

  return (
    <div className="fd">
      <div className="teach-controls">
        <DerivativePicker
          tape={tape}
          input={input}
          output={output}
          inputAria={t('fd.inputAria')}
          outputAria={t('fd.outputAria')}
        />
        <label className="fd-h">
          <span>
            h = <Pow10 e={h} />
          </span>
          <input
            type="range"
            aria-label={t('fd.hAria')}
            min={FD_LOG10_H_MIN}
            max={FD_LOG10_H_MAX}
            step={0.5}
            value={h}
            onChange={(e) => setH(Number(e.target.value))}
          />
        </label>
      </div>
      <table className="fd-table">
        <tbody>
          <tr className="fd-row-ad">
            <th scope="row">{t('fd.ad')}</th>
            <td data-fd="ad" data-value={String(sweep.ad.derivative)}>
              {full(sweep.ad.derivative)}
            </td>
            <td className="teach-sub">{t('fd.exact')}</td>
          </tr>
          <tr className="fd-row-forward">
            <th scope="row">
              {t('fd.forward')} <span className="teach-sub">(f(x+h) − f(x)) / h</span>
            </th>
            <td data-fd="forward" data-value={String(current.forward)}>
              {full(current.forward)}
            </td>
            <td data-fd="forward-error" data-value={String(current.forwardError)}>
              {t('fd.error', { e: sci(current.forwardError) })}
            </td>
          </tr>
          <tr className="fd-row-central">
            <th scope="row">
              {t('fd.central')} <span className="teach-sub">(f(x+h) − f(x−h)) / 2h</span>
            </th>
            <td data-fd="central" data-value={String(current.central)}>
              {full(current.central)}
            </td>
            <td data-fd="central-error" data-value={String(current.centralError)}>
              {t('fd.error', { e: sci(current.centralError) })}
            </td>
          </tr>
        </tbody>
      </table>
      <ErrorPlot
        samples={sweep.samples}
        current={current}
        bestForward={sweep.bestForward}
        bestCentral={sweep.bestCentral}
        roundOff={sweep.roundOff}
      />
      {sweep.samples.some((e) => !Number.isFinite(e.forwardError) || !Number.isFinite(e.centralError)) && (
        <p className="teach-note fd-gaps">{t('fd.gaps')}</p>
      )}
      <p className="fd-legend">
        {t.rich('fd.legend', {
          forward: <span className="fd-key fd-forward">{t('fd.forward')}</span>,
          hf: <Pow10 e={sweep.bestForward.log10h} />,
          ef: sci(sweep.bestForward.forwardError),
          central: <span className="fd-key fd-central">{t('fd.central')}</span>,
          hc: <Pow10 e={sweep.bestCentral.log10h} />,
          ec: sci(sweep.bestCentral.centralError),
        })}
        {Number.isFinite(ratio) && ratio > 1
          ? t('fd.closer', {
              ratio: ratio < 1e6 ? Math.round(ratio).toLocaleString('en-US') : sci(ratio),
            })
          : null}
      </p>
      {(current.crossesPlus || current.crossesMinus) && (
        <p className="teach-note fd-crosses" role="note">
          {t('fd.crosses', { side: current.crossesPlus ? 'x + h' : 'x − h' })}
        </p>
      )}
      <p className="teach-note">{t('fd.note', { eps: sci(sweep.roundOff) })}</p>
    </div>
  );
}
