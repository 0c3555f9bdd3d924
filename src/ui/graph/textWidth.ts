/** Widths of plain text without a DOM, for the layout (which runs in a worker) and the view. */

// Advance widths in em of a wide sans (DejaVu Sans), the worst case among likely classroom fonts.
const WIDTHS: Record<string, number> = {
  '.': 0.32,
  ' ': 0.32,
  '=': 0.84,
  '\u2212': 0.84,
  '-': 0.36,
  e: 0.62,
  '∞': 0.83,
  N: 0.75,
  a: 0.61,
};

/** A conservative width of plain text in px, to squeeze (never clip) what would overflow a box. */
export function estimateWidth(text: string, px: number): number {
  let em = 0;
  for (const ch of text) {
    if (ch === '\u0304' || ch === '\u0307') continue;
    // CJK ideographs and full-width forms are one em wide (Chinese mark tags: 约定, 溢出).
    em += WIDTHS[ch] ?? (/[0-9]/.test(ch) ? 0.64 : /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.62);
  }
  return em * px;
}

/** Width of a name drawn with its digits as a subscript at 0.7 em (`x₁`, `v₋₁₀`). */
export function subscriptedWidth(base: string, sub: string, px: number): number {
  return estimateWidth(base, px) + estimateWidth(sub, 0.7 * px);
}

/** `x1` → base `x`, subscript `1`; `theta` → base `theta`, no subscript. */
export function splitSubscript(name: string): { base: string; sub: string } {
  const m = /^([A-Za-z]+?)([0-9]+)$/.exec(name);
  return m ? { base: m[1]!, sub: m[2]! } : { base: name, sub: '' };
}
