import { memo } from 'react';
import type { Field } from '../../state/derive';
import { useStore } from '../../state/store';
import type { Tape } from '../../core/index';
import { useT } from '../../i18n/index';
import { MAX_VALUE_LENGTH } from '../../core/index';
import { groupDigits, readable } from '../../state/readable';
import { useLengthLimit } from './useLengthLimit';

interface Props {
  fields: readonly Field[];
  tape: Tape | null;
  seedIndex: number;
  outIndex: number;
  /** The fields belong to the last expression that could be read, not to the text being typed. */
  stale?: boolean;
}

/** Plain text of a Wengert id with a true minus sign: `v−1`. */
const prettyId = (id: string): string => id.replace('-', '\u2212');

/**
 * One number field per input, named by the input (its accessible name is the input's name), each
 * with its message in place; and the two seeds: which input's tangent is 1, which output's adjoint.
 * Many fields wrap onto more lines. A field's message lies over what is below it, so a bad value
 * moves nothing.
 */
function InputFieldsView({ fields, tape, seedIndex, outIndex, stale = false }: Props) {
  const t = useT();
  const setValue = useStore((s) => s.setValue);
  const setSeed = useStore((s) => s.setSeed);
  const setAdjointSeed = useStore((s) => s.setAdjointSeed);
  const merge = useStore((s) => s.merge);
  const setMerge = useStore((s) => s.setMerge);
  const limit = useLengthLimit(MAX_VALUE_LENGTH);
  if (!tape) return <div className="inputs inputs-empty" />;
  return (
    <div
      className={`inputs${stale ? ' is-stale' : ''}`}
      title={stale ? t('inputs.stale') : undefined}
      ref={limit.ref}
    >
      <fieldset className="values">
        <legend>
          {t('inputs.legend')}
          {stale && <span className="sr-only"> ({t('inputs.stale')})</span>}
        </legend>
        <div className="value-list">
          {fields.map((f) => (
            <label key={f.name} className={`value-field${f.error ? ' invalid' : ''}`}>
              <span className="value-name" title={f.name.length > 12 ? f.name : undefined}>
                {f.name}
                <span className="value-id"> = {prettyId(f.id)}</span>
              </span>
              <input
                aria-label={f.name}
                aria-invalid={f.error ? true : undefined}
                aria-describedby={f.error || f.warning ? `err-${f.name}` : undefined}
                inputMode="decimal"
                spellCheck={false}
                autoComplete="off"
                value={f.text}
                onChange={(e) => setValue(f.name, e.target.value)}
              />
              {limit.refused?.field === f.name ? (
                <span className="value-error" role="alert">
                  {t('limit.refusedShort', {
                    length: groupDigits(limit.refused.length),
                    limit: groupDigits(limit.refused.limit),
                  })}
                </span>
              ) : f.error ? (
                <span id={`err-${f.name}`} className="value-error" role="alert">
                  {readable(t.msg(f.error))}
                </span>
              ) : f.warning ? (
                <span id={`err-${f.name}`} className="value-warning" role="status">
                  {t.msg(f.warning)}
                </span>
              ) : null}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="seeds">
        <legend>{t('seeds.legend')}</legend>
        <label className="seed seed-tangent">
          <span>
            {t('seed.tangent')} <span className="seed-sym">ẋ</span> =
          </span>
          <select
            aria-label={t('seed.tangentAria')}
            value={tape.inputs[seedIndex]?.name ?? ''}
            onChange={(e) => setSeed(e.target.value)}
          >
            {tape.inputs.map((i) => (
              <option key={i.name} value={i.name}>
                e({i.name})
              </option>
            ))}
          </select>
        </label>
        <label className="seed seed-adjoint">
          <span>
            {t('seed.adjoint')} <span className="seed-sym">ȳ</span> =
          </span>
          <select
            aria-label={t('seed.adjointAria')}
            value={tape.outputs[outIndex]?.name ?? ''}
            onChange={(e) => setAdjointSeed(e.target.value)}
          >
            {tape.outputs.map((o) => (
              <option key={o.name} value={o.name}>
                e({o.name})
              </option>
            ))}
          </select>
        </label>
        <label className="merge">
          <input type="checkbox" checked={merge} onChange={(e) => setMerge(e.target.checked)} />{' '}
          {t('merge.label')}
        </label>
      </fieldset>
    </div>
  );
}

/** Rendered again only when its props change, not on every step of the timeline. */
export const InputFields = memo(InputFieldsView);
