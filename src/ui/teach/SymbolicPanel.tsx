import { enPanels } from '../../i18n/en.panels';
import { addEnglish } from '../../i18n/translate';
import { useMemo } from 'react';
import {
  adReference,
  evaluateExpr,
  exprTex,
  formatNumber,
  MAX_TEX_SIZE,
  symbolicDerivative,
  symbolicSizes,
  texIdentifier,
  type Tape,
  type Trace,
} from '../../core/index';
import { useT, type Translator } from '../../i18n/index';
import { useQuizHides } from '../quiz/quizMode';
import { DerivativePicker, useDerivativeTarget } from './DerivativePicker';
import { Tex } from '../Tex';
import './panels.css';

// This panel's English strings load with it (en.panels.ts), not with the page.
addEnglish(enPanels);

interface Props {
  tape: Tape;
  trace: Trace;
}

const count = (t: Translator, x: number): string =>
  !Number.isFinite(x) ? t('sym.more') : x >= 1e9 ? x.toExponential(2) : x.toLocaleString('en-US');

/** Bars on one linear scale: the swell shows as length. */
function SizeBars({ rows }: { rows: readonly { label: string; value: number; kind: string }[] }) {
  const t = useT();
  const max = Math.max(...rows.map((r) => (Number.isFinite(r.value) ? r.value : 0)), 1);
  return (
    <div className="sym-bars">
      {rows.map((r) => (
        <div key={r.label} className={`sym-bar sym-bar-${r.kind}`}>
          <span className="sym-bar-label">{r.label}</span>
          <span className="sym-bar-track">
            <span
              className="sym-bar-fill"
              style={{ width: `${Math.max(0.5, (Number.isFinite(r.value) ? r.value / max : 1) * 100)}%` }}
            />
          </span>
          <span className="sym-bar-value" data-size={r.kind}>
            {count(t, r.value)}
          </span>
        </div>
      ))}
    </div>
  );
}

/**
 * Naive symbolic differentiation through the same rule table, unsimplified, beside the trace: the
 * derivative expression, its size against the tape's, and a check that it evaluates to the AD value.
 */
export function SymbolicPanel({ tape, trace }: Props) {
  const t = useT();
  const hides = useQuizHides(trace);
  const { input, output } = useDerivativeTarget(tape, trace);
  const sym = useMemo(() => symbolicDerivative(tape, input, output), [tape, input, output]);
  const sizes = useMemo(() => (tape.outputs.length > 1 ? symbolicSizes(tape, input) : []), [tape, input]);
  const x = useMemo(() => Array.from(trace.v.subarray(0, tape.n)), [trace, tape]);
  const fTex = useMemo(() => exprTex(sym.f), [sym]);
  const dfTex = useMemo(() => exprTex(sym.df), [sym]);
  const symbolicValue = useMemo(() => evaluateExpr(sym.df, x), [sym, x]);
  const ad = useMemo(() => adReference({ tape, x, input, output }).derivative, [tape, x, input, output]);
  const xName = tape.inputs[input]!.name;
  const yName = tape.outputs[output]!.name;
  const agree =
    Object.is(symbolicValue, ad) ||
    Math.abs(symbolicValue - ad) <= 1e-9 * Math.max(1, Math.abs(ad), Math.abs(symbolicValue));
  const d = `\\frac{\\partial ${texIdentifier(yName)}}{\\partial ${texIdentifier(xName)}}`;

  return (
    <div className="symbolic">
      <div className="teach-controls">
        <DerivativePicker
          tape={tape}
          input={input}
          output={output}
          inputAria={t('sym.inputAria')}
          outputAria={t('sym.outputAria')}
        />
      </div>
      <div className="sym-expr">
        <span className="sym-label">{yName} =</span>
        {fTex !== null ? (
          <Tex className="sym-tex" tex={fTex} />
        ) : (
          <span className="sym-too-large">{t('sym.tooLarge', { count: count(t, sym.fSize) })}</span>
        )}
      </div>
      <h3 className="sym-swell-head">{t('sym.swellHead')}</h3>
      <SizeBars
        rows={[
          { label: t('sym.barTape', { y: yName }), value: sym.outputOperations, kind: 'trace' },
          { label: t('sym.barF', { y: yName }), value: sym.fSize, kind: 'f' },
          { label: t('sym.barDf', { y: yName, x: xName }), value: sym.dfSize, kind: 'df' },
        ]}
      />
      <div className="sym-expr sym-derivative" data-size={String(sym.dfSize)}>
        <Tex className="sym-label" tex={`${d} =`} />
        {dfTex !== null ? (
          <Tex className="sym-tex" tex={dfTex} />
        ) : (
          <span className="sym-too-large">
            {t('sym.tooLargeDf', { count: count(t, sym.dfSize), max: MAX_TEX_SIZE })}
          </span>
        )}
      </div>
      {hides ? (
        // Quiz: the formulas stay (the table shows formulas too); their values wait for the answers.
        <p className="teach-note quiz-later">{t('quiz.later')}</p>
      ) : (
        <p
          className={`sym-check${agree ? ' is-ok' : ' is-off'}`}
          data-symbolic={String(symbolicValue)}
          data-ad={String(ad)}
        >
          {t.rich('sym.check', {
            sym: <b>{formatNumber(symbolicValue)}</b>,
            ad: <b>{formatNumber(ad)}</b>,
            verdict: agree ? t('sym.same') : t('sym.differ'),
          })}
        </p>
      )}
      <p className="teach-note">
        {t.rich('sym.note', { ops: sym.outputOperations, one: <i>· 1</i>, zero: <i>· 0</i> })}
      </p>
      {sizes.length > 1 && (
        <table className="sym-growth">
          <thead>
            <tr>
              <th scope="col">{t('sym.colOutput')}</th>
              <th scope="col">{t('sym.colTape')}</th>
              <th scope="col">{t('sym.colNodes')}</th>
              <th scope="col">{t('sym.colDf', { x: xName })}</th>
            </tr>
          </thead>
          <tbody>
            {sizes.map((s) => (
              <tr key={s.name} className={s.output === output ? 'is-active' : undefined}>
                <th scope="row">{s.name}</th>
                <td>{count(t, s.tapeOperations)}</td>
                <td>{count(t, s.fSize)}</td>
                <td>{count(t, s.dfSize)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
