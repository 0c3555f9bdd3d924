/**
 * Input values as people type them. A value must be a finite decimal: `Number('')` is 0 and
 * `parseFloat('2abc')` is 2, so neither is used on its own.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Longest text an input value may have, in characters (UTF-16 code units). A double needs at most
 * 17 significant digits and an exponent; 1,000 leaves room for any number a person pastes (a hundred
 * digits of π) while a pasted page of text is refused before any work that grows with it.
 */
export const MAX_VALUE_LENGTH = 1000;

export type ValueResult =
  | {
      readonly ok: true;
      readonly value: number;
      /** Set when the value is read differently from what is written (`1e-400` is read as 0). */
      readonly warning?: string;
    }
  | { readonly ok: false; readonly message: string };

/**
 * Parses the text of an input field for input `name`. `-0` is read as 0. A nonzero decimal whose
 * magnitude is below the smallest subnormal double (about 4.9e-324), such as `1e-400`, rounds to 0:
 * it is accepted as 0 with the same warning the expression gives for the same literal.
 */
export function parseValue(name: string, text: string): ValueResult {
  // The length first: nothing below may scan a pasted megabyte.
  if (text.length > MAX_VALUE_LENGTH)
    return {
      ok: false,
      message: `${name} is too long: ${text.length} characters (limit ${MAX_VALUE_LENGTH})`,
    };
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return { ok: false, message: `${name} needs a value` };
  if (!DECIMAL.test(t))
    return { ok: false, message: `${name} must be a finite decimal number, like 2 or -0.5` };
  const value = Number(t);
  if (!Number.isFinite(value))
    return { ok: false, message: `${name} is too large: the limit is about 1.8e308` };
  if (value === 0 && /[1-9]/.test(t.split(/[eE]/)[0]!))
    return { ok: true, value: 0, warning: `${t} is smaller than the smallest double and is read as 0` };
  return { ok: true, value: value === 0 ? 0 : value };
}
