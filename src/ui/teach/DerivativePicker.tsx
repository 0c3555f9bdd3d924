import { enPanels } from '../../i18n/en.panels';
import { addEnglish } from '../../i18n/translate';
import type { Tape, Trace } from '../../core/index';
import { useT } from '../../i18n/index';
import { useStore } from '../../state/store';

// This panel's English strings load with it (en.panels.ts), not with the page.
addEnglish(enPanels);

/**
 * Which ∂y/∂x the finite-difference and symbolic panels show: the input is `fdx` (default: the
 * tangent seed's input), the output the adjoint seed's. Both live in the link.
 */
export function useDerivativeTarget(tape: Tape, trace: Trace): { input: number; output: number } {
  const fdx = useStore((s) => s.fdx);
  const adjointSeed = useStore((s) => s.adjointSeed);
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
  return { input, output };
}

/** The two selects of ∂y/∂x: the input, and the output when there are several. */
export function DerivativePicker({
  tape,
  input,
  output,
  inputAria,
  outputAria,
}: {
  tape: Tape;
  input: number;
  output: number;
  inputAria: string;
  outputAria: string;
}) {
  const t = useT();
  const setFdx = useStore((s) => s.setFdx);
  const setAdjointSeed = useStore((s) => s.setAdjointSeed);
  const xName = tape.inputs[input]!.name;
  const yName = tape.outputs[output]!.name;
  return (
    <>
      <label>
        <span>∂{yName}/∂</span>
        <select aria-label={inputAria} value={xName} onChange={(e) => setFdx(e.target.value)}>
          {tape.inputs.map((i) => (
            <option key={i.name} value={i.name}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      {tape.outputs.length > 1 && (
        <label>
          <span>{t('fd.of')}</span>
          <select aria-label={outputAria} value={yName} onChange={(e) => setAdjointSeed(e.target.value)}>
            {tape.outputs.map((o) => (
              <option key={o.name} value={o.name}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
