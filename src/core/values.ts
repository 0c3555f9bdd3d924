/**
 * Input values as people type them. A value must be a finite decimal: `Number('')` is 0 and
 * `parseFloat('2abc')` is 2, so neither is used on its own.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type ValueResult =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/** Parses the text of an input field for input `name`. `-0` is read as 0. */
export function parseValue(name: string, text: string): ValueResult {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return { ok: false, message: `${name} needs a value` };
  if (!DECIMAL.test(t))
    return { ok: false, message: `${name} must be a finite decimal number, like 2 or -0.5` };
  const value = Number(t);
  if (!Number.isFinite(value))
    return { ok: false, message: `${name} is too large: the limit is about 1.8e308` };
  return { ok: true, value: value === 0 ? 0 : value };
}
