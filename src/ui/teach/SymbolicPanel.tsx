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
import { useStore } from '../../state/store';
import { Tex } from '../Tex';

interface Props {
  tape: Tape;
  trace: Trace;
}

const count = (x: number): string =>
  !Number.isFinite(x) ? 'more than 10³⁰⁸' : x >= 1e9 ? x.toExponential(2) : x.toLocaleString('en-US');

/** Bars on one linear scale: the swell shows as length. */
function SizeBars({ rows }: { rows: readonly { label: string; value: number; kind: string }[] }) {
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
            {count(r.value)}
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
  const fdx = useStore((s) => s.fdx);
  const setFdx = useStore((s) => s.setFdx);
  const adjointSeed = useStore((s) => s.adjointSeed);
  const setAdjointSeed = useStore((s) => s.setAdjointSeed);
  const seedInput = Math.max(
    0,
    trace.xDot.findIndex((s) => s !== 0),
  );
  const input =
    fdx === null
      ? seedInput
      : Math.max(
          0,
          tape.inputs.findIndex((i) => i.name === fdx),
        );
  const output = Math.max(
    0,
    tape.outputs.findIndex((o) => o.name === adjointSeed),
  );
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
        <label>
          <span>∂{yName}/∂</span>
          <select
            aria-label="Input for symbolic differentiation"
            value={xName}
            onChange={(e) => setFdx(e.target.value)}
          >
            {tape.inputs.map((i) => (
              <option key={i.name} value={i.name}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        {tape.outputs.length > 1 && (
          <label>
            <span>of</span>
            <select
              aria-label="Output for symbolic differentiation"
              value={yName}
              onChange={(e) => setAdjointSeed(e.target.value)}
            >
              {tape.outputs.map((o) => (
                <option key={o.name} value={o.name}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="sym-expr">
        <span className="sym-label">{yName} =</span>
        {fTex !== null ? (
          <Tex className="sym-tex" tex={fTex} />
        ) : (
          <span className="sym-too-large">too large to print ({count(sym.fSize)} nodes)</span>
        )}
      </div>
      <h3 className="sym-swell-head">Expression swell: sizes</h3>
      <SizeBars
        rows={[
          { label: `tape: operations for ${yName}`, value: sym.outputOperations, kind: 'trace' },
          { label: `${yName} as a tree: nodes`, value: sym.fSize, kind: 'f' },
          { label: `∂${yName}/∂${xName} as a tree: nodes`, value: sym.dfSize, kind: 'df' },
        ]}
      />
      <div className="sym-expr sym-derivative" data-size={String(sym.dfSize)}>
        <Tex className="sym-label" tex={`${d} =`} />
        {dfTex !== null ? (
          <Tex className="sym-tex" tex={dfTex} />
        ) : (
          <span className="sym-too-large">
            too large to print: {count(sym.dfSize)} nodes (this page prints up to {MAX_TEX_SIZE})
          </span>
        )}
      </div>
      <p
        className={`sym-check${agree ? ' is-ok' : ' is-off'}`}
        data-symbolic={String(symbolicValue)}
        data-ad={String(ad)}
      >
        At this point it evaluates to <b>{formatNumber(symbolicValue)}</b>; AD (the tangent sweep) gives{' '}
        <b>{formatNumber(ad)}</b>{' '}
        {agree ? '✓ the same number' : '— they differ here (a convention at a kink?)'}.
      </p>
      <p className="teach-note">
        Symbolic differentiation writes the whole derivative as one expression: every shared value is written
        out again wherever it is used, and each rule copies its operands ((fg)′ = f′g + fg′ has f and g
        twice). AD keeps the {sym.outputOperations} operations of the tape and adds one tangent step per
        operation. Nothing is simplified here: <i>· 1</i> and <i>· 0</i> stay.
      </p>
      {sizes.length > 1 && (
        <table className="sym-growth">
          <thead>
            <tr>
              <th scope="col">output</th>
              <th scope="col">tape operations</th>
              <th scope="col">expression nodes</th>
              <th scope="col">∂/∂{xName} nodes</th>
            </tr>
          </thead>
          <tbody>
            {sizes.map((s) => (
              <tr key={s.name} className={s.output === output ? 'is-active' : undefined}>
                <th scope="row">{s.name}</th>
                <td>{count(s.tapeOperations)}</td>
                <td>{count(s.fSize)}</td>
                <td>{count(s.dfSize)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
