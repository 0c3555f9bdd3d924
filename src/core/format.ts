/**
 * Number and identifier formatting for TeX and plain text.
 *
 * Everything that reaches TeX passes through here: numbers are formatted from IEEE doubles and
 * identifiers must match the language's identifier pattern, so no user text is ever typeset raw.
 */

/** The identifier pattern of the expression language (CONTRACTS §1). */
export const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** Digits shown after the decimal point, as in the paper's tables. */
export const DISPLAY_DECIMALS = 3;

const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'rho',
  'sigma',
  'tau',
  'phi',
  'chi',
  'psi',
  'omega',
]);

/**
 * Formats a number for display the way the paper prints its tables: three decimals, trailing zeros
 * dropped (`2`, `0.693`, `5.5`), scientific notation for very large or very small magnitudes.
 */
export function formatNumber(x: number, decimals = DISPLAY_DECIMALS): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const ax = Math.abs(x);
  if (ax >= 1e6 || ax < 0.5 * 10 ** -decimals) {
    const [mant, exp] = x.toExponential(decimals).split('e') as [string, string];
    return `${trimZeros(mant)}e${Number(exp)}`;
  }
  const s = trimZeros(x.toFixed(decimals));
  return s === '-0' ? '0' : s;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '\u207b',
  '0': '\u2070',
  '1': '\u00b9',
  '2': '\u00b2',
  '3': '\u00b3',
  '4': '\u2074',
  '5': '\u2075',
  '6': '\u2076',
  '7': '\u2077',
  '8': '\u2078',
  '9': '\u2079',
};

/**
 * A number as plain text, written the way the trace table typesets it: `formatNumber`'s digits with
 * a true minus sign (U+2212) and powers of ten as `×10` with a superscript exponent, so that float
 * noise such as 0.1 + (−0.1) reads `2.776×10⁻¹⁷` in captions and results, as in the table.
 */
export function plainNumber(x: number, decimals = DISPLAY_DECIMALS): string {
  const s = formatNumber(x, decimals);
  const e = s.indexOf('e');
  const mant = (e < 0 ? s : s.slice(0, e)).replace(/^-/, '\u2212');
  if (e < 0) return mant;
  const exp = [...s.slice(e + 1)].map((c) => SUPERSCRIPT[c] ?? c).join('');
  return `${mant}\u00d710${exp}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A number as TeX; negative numbers and powers of ten come in parentheses when `wrap` is set. */
export function texNumber(x: number, wrap = false): string {
  if (Number.isNaN(x)) return '\\mathrm{NaN}';
  if (x === Infinity) return '\\infty';
  if (x === -Infinity) return wrap ? '(-\\infty)' : '-\\infty';
  const s = formatNumber(x);
  let tex = s;
  const e = s.indexOf('e');
  if (e >= 0) tex = `${s.slice(0, e)} \\times 10^{${s.slice(e + 1)}}`;
  return wrap && (x < 0 || e >= 0) ? `(${tex})` : tex;
}

/**
 * TeX of a variable name: `x1` → `x_{1}`, `theta` → `\theta`, `w0b` → `\mathit{w0b}`. An accent goes
 * on the letters, braced, since `\dot \mathit{rate}` would not parse: `\dot{x}_{1}`, `\bar{\mathit{loss}}`.
 */
export function texIdentifier(name: string, accent?: '\\dot' | '\\bar'): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not an identifier: ${JSON.stringify(name)}`);
  const accented = (tex: string): string => (accent ? `${accent}{${tex}}` : tex);
  const m = /^([A-Za-z]+)([0-9]*)$/.exec(name);
  if (!m) return accented(`\\mathit{${name}}`);
  const base = m[1]!;
  const sub = m[2]!;
  const tex = accented(GREEK.has(base) ? `\\${base}` : base.length === 1 ? base : `\\mathit{${base}}`);
  return sub ? `${tex}_{${sub}}` : tex;
}

/** TeX of a node id: index −1 → `v_{-1}`. */
export function texNodeId(k: number): string {
  return `v_{${k}}`;
}

/** Plain-text node id with a true minus sign, for captions: `v−1`. */
export function plainNodeId(k: number): string {
  return k < 0 ? `v−${-k}` : `v${k}`;
}

/**
 * Natural sort of names: `x2` before `x10`. Runs of digits compare as whole numbers, exactly (by
 * length without leading zeros, then digit by digit), never through a double, so `x12345678901234567`
 * comes before `x12345678901234568`; `x01` and `x1` are ordered by their text.
 */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const tx = x.replace(/^0+(?=\d)/, '');
      const ty = y.replace(/^0+(?=\d)/, '');
      if (tx.length !== ty.length) return tx.length - ty.length;
      if (tx !== ty) return tx < ty ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
