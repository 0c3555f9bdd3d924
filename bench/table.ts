/** The benchmark's one table: rows of figures next to their budgets, as text for a terminal or Markdown. */

export interface Row {
  /** `Core`, `Page`, `Bundle`. */
  readonly section: string;
  readonly figure: string;
  /** The size the figure is for (`10⁴ nodes`), or ''. */
  readonly size: string;
  readonly value: string;
  /** The budget in words (`≤ 50 ms`), or '' when the figure is for information. */
  readonly budget: string;
  /** true = within budget, false = over, null = no budget (or skipped). */
  readonly ok: boolean | null;
}

const HEAD = ['section', 'figure', 'size', 'value', 'budget', ''] as const;
const mark = (ok: boolean | null): string => (ok === null ? '' : ok ? 'pass' : 'FAIL');

const cells = (r: Row): string[] => [r.section, r.figure, r.size, r.value, r.budget, mark(r.ok)];

/** Plain text with aligned columns. */
export function textTable(rows: readonly Row[]): string {
  const all = [HEAD as readonly string[], ...rows.map(cells)];
  const width = HEAD.map((_, c) => Math.max(...all.map((r) => [...r[c]!].length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => cell + ' '.repeat(width[c]! - [...cell].length))
      .join('  ')
      .trimEnd();
  return [line(all[0]!), width.map((w) => '─'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

const escape = (s: string): string => s.replace(/\|/g, '\\|');

/** A Markdown table. */
export function markdownTable(rows: readonly Row[]): string {
  const head = `| ${HEAD.map((h) => h || 'result').join(' | ')} |`;
  const rule = `| ${HEAD.map((_, i) => (i === 3 ? '---:' : '---')).join(' | ')} |`;
  return [head, rule, ...rows.map((r) => `| ${cells(r).map(escape).join(' | ')} |`)].join('\n');
}

/** `12.3 ms`, `0.42 ms`, `1.2 s`, with three significant digits. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x >= 1000) return `${(x / 1000).toPrecision(3)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 0.1) return `${x.toPrecision(3)} ms`;
  return `${(x * 1000).toPrecision(3)} µs`;
}

/** `2.1×` */
export const times = (x: number): string =>
  Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toPrecision(3)}×` : '—';

/** `205.3 KiB` */
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** `10⁴` */
export function power10(n: number): string {
  const e = Math.round(Math.log10(n));
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return `10${[...String(e)].map((d) => sup[Number(d)]).join('')}`;
}
