import { dualRuleTex, type Tape, type Trace } from '../../core/index';
import { useT } from '../../i18n/index';
import { Tex } from '../Tex';

const GENERAL =
  "\\varepsilon^{2} = 0: \\quad \\varphi(a + \\dot a \\, \\varepsilon) = \\varphi(a) + \\varphi'(a) \\, \\dot a \\, \\varepsilon";

/**
 * Above the forward rows when they are written as dual numbers: the rule ε² = 0, and the dual rule of
 * the operation at the current step (`\ln (a + ȧε) = \ln a + (1/a) ȧ ε`), from the rule table.
 */
export function DualLegend({ tape, trace, step }: { tape: Tape; trace: Trace; step: number }) {
  const t = useT();
  if (!trace.dual) return null;
  const s = trace.steps[step - 1];
  const op = s && s.phase !== 'adjoint' ? tape.nodes[s.target]?.op : undefined;
  return (
    <p className="dual-legend" aria-label={t('dual.legend')}>
      <Tex tex={op && op !== 'input' ? dualRuleTex(op) : GENERAL} />
    </p>
  );
}
