/**
 * The lexer: program text → tokens with `[start, end)` offsets in UTF-16 code units.
 * It rejects every character outside the language at its own position, so nothing the user typed
 * (`\`, `$`, `%`, look-alike letters, invisible characters) can travel further. A rejected character
 * becomes an `error` token that ends the list: the parser raises it only when it reaches that place,
 * so the first error in reading order is the one reported (`foo(x) − 2x` names `foo`, not `−`).
 * `#` starts a comment that runs to the end of the line.
 */
import { ParseFailure, type SourceWarning } from './errors';

export type TokenType =
  | 'num'
  | 'ident'
  | 'op'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'eq'
  | 'sep'
  | 'lbrace'
  | 'rbrace'
  /** A comparison: `<`, `<=`, `>`, `>=`, `==`, `!=`. */
  | 'rel'
  /** `..` of a `for` range. */
  | 'range'
  | 'error'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** The token's text; `**` is normalised to `^`, a newline to `\n`. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The value of a number token. */
  readonly value?: number;
  /** An `error` token: the failure to raise when the parser reaches it. */
  readonly failure?: ParseFailure;
}

/** `[0-9]`, by character code. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `[A-Za-z0-9]`, a character that continues a name. */
function isNameChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Characters people paste from papers and word processors, with what to type instead. */
const LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ['\u2212', '-'], // minus sign
  ['\u2013', '-'], // en dash
  ['\u00d7', '*'], // multiplication sign
  ['\u00b7', '*'], // middle dot
  ['\u22c5', '*'], // dot operator
  ['\u2219', '*'], // bullet operator
  ['\u00f7', '/'],
  ['\u2044', '/'],
  ['\uff0b', '+'],
  ['\uff0d', '-'],
  ['\uff0a', '*'],
  ['\uff08', '('],
  ['\uff09', ')'],
]);

/**
 * The text with every look-alike operator (`−` U+2212, `×`, `·`, `÷`, full-width signs and
 * parentheses, …) replaced by the ASCII character to type instead, and the look-alikes found, in
 * order of first appearance. The lexer itself rejects look-alikes at their column (README, "Pasted
 * symbols"); the editor offers this as a one-click fix. One code unit for one, so offsets stay put.
 */
export function replaceLookalikes(text: string): { text: string; found: { char: string; ascii: string }[] } {
  const found = new Map<string, string>();
  let out = '';
  for (const ch of text) {
    const ascii = LOOKALIKES.get(ch);
    if (ascii !== undefined && !found.has(ch)) found.set(ch, ascii);
    out += ascii ?? ch;
  }
  return { text: out, found: [...found].map(([char, ascii]) => ({ char, ascii })) };
}

/** Describes a character for a message: `'%'` for printable ASCII, else its code point. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp > 0x20 && cp < 0x7f ? `'${ch}'` : hex;
}

export function lex(text: string, warnings: SourceWarning[]): Token[] {
  const tokens: Token[] = [];
  try {
    lexInto(text, tokens, warnings);
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    tokens.push({ type: 'error', text: '', start: e.start, end: e.end, failure: e });
  }
  return tokens;
}

const RELATIONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

function lexInto(text: string, tokens: Token[], warnings: SourceWarning[]): void {
  let i = 0;
  const push = (type: TokenType, t: string, start: number, end: number, value?: number) =>
    tokens.push(value === undefined ? { type, text: t, start, end } : { type, text: t, start, end, value });
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\n' || ch === ';') {
      push('sep', ch, i, i + 1);
      i++;
      continue;
    }
    if (ch === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
      continue;
    }
    if (ch === '.' && text[i + 1] === '.') {
      push('range', '..', i, i + 2);
      i += 2;
      continue;
    }
    if ((ch >= '0' && ch <= '9') || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i = lexNumber(text, i, tokens, warnings);
      continue;
    }
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
      // Scanned by hand: a regular expression's match array per name was a fifth of what lexing a
      // large expression allocated.
      let j = i + 1;
      while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
      const name = text.slice(i, j);
      if (text[j] === '_') {
        let k = j + 1;
        while (k < text.length && isNameChar(text.charCodeAt(k))) k++;
        throw new ParseFailure(`'_' is not allowed in names: write ${name}${text.slice(j + 1, k)}`, j, j + 1);
      }
      push('ident', name, i, j);
      i = j;
      continue;
    }
    if (ch === '*' && text[i + 1] === '*') {
      push('op', '^', i, i + 2);
      i += 2;
      continue;
    }
    if ('+-*/^'.includes(ch)) {
      push('op', ch, i, i + 1);
      i++;
      continue;
    }
    // Brackets and commas before the two-character look-ahead, which makes a string.
    if (ch === '(' || ch === ')' || ch === ',' || ch === '{' || ch === '}') {
      const type: TokenType =
        ch === '('
          ? 'lparen'
          : ch === ')'
            ? 'rparen'
            : ch === ','
              ? 'comma'
              : ch === '{'
                ? 'lbrace'
                : 'rbrace';
      push(type, ch, i, i + 1);
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (RELATIONS.has(two)) {
      push('rel', two, i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '<' || ch === '>') {
      push('rel', ch, i, i + 1);
      i++;
      continue;
    }
    if (ch === '!') {
      throw new ParseFailure(
        `Character '!' is not allowed: write != to compare, or not for a negation`,
        i,
        i + 1,
      );
    }
    if (ch === '=') {
      push('eq', ch, i, i + 1);
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const glyph = String.fromCodePoint(cp);
    const instead = LOOKALIKES.get(glyph);
    const what = describeChar(glyph);
    const hint = instead
      ? `: write ${instead}`
      : ch === '.'
        ? ': a number needs a digit after the point'
        : '';
    throw new ParseFailure(`Character ${what} is not allowed${hint}`, i, i + width);
  }
  push('eof', '', text.length, text.length);
}

function lexNumber(text: string, i: number, tokens: Token[], warnings: SourceWarning[]): number {
  // `(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`, scanned by hand (no match array per number).
  let end = i;
  while (isDigit(text.charCodeAt(end))) end++;
  if (end === i || text[end] === '.') {
    end++;
    while (isDigit(text.charCodeAt(end))) end++;
  }
  if (text[end] === 'e' || text[end] === 'E') {
    let k = end + 1;
    if (text[k] === '+' || text[k] === '-') k++;
    if (isDigit(text.charCodeAt(k))) {
      while (isDigit(text.charCodeAt(k))) k++;
      end = k;
    }
  }
  let raw = text.slice(i, end);
  // `1..3` is a range: the number is `1`, not `1.` followed by a stray point.
  if (raw.endsWith('.') && text[end] === '.') {
    raw = raw.slice(0, -1);
    end--;
  }
  const next = text[end] ?? '';
  if (
    raw === '0' &&
    (next === 'x' || next === 'X' || next === 'b' || next === 'o') &&
    /[0-9A-Fa-f]/.test(text[end + 1] ?? '')
  ) {
    const lit = text.slice(i).match(/^0[xXbo][0-9A-Za-z]*/)![0];
    throw new ParseFailure(
      `Hexadecimal, binary and octal numbers like ${lit} are not supported: write a decimal number`,
      i,
      i + lit.length,
    );
  }
  if (next === '_')
    throw new ParseFailure(
      `'_' is not allowed in numbers: write ${raw}${text.slice(end + 1).match(/^\d*/)![0]}`,
      end,
      end + 1,
    );
  if (next === '.' && text[end + 1] !== '.')
    throw new ParseFailure(`Unexpected '.' after the number ${raw}`, end, end + 1);
  if (
    (next === 'e' || next === 'E') &&
    !/[A-Za-z0-9]/.test(text[end + 1] ?? '') &&
    !/[+-]/.test(text[end + 1] ?? '')
  ) {
    throw new ParseFailure(
      `The exponent of ${raw}${next} is missing: write for example ${raw}${next}3`,
      i,
      end + 1,
    );
  }
  if (
    (next === 'e' || next === 'E') &&
    /[+-]/.test(text[end + 1] ?? '') &&
    !/[0-9]/.test(text[end + 2] ?? '')
  ) {
    end += 2;
    throw new ParseFailure(
      `The exponent of ${text.slice(i, end)} is missing: write for example ${text.slice(i, end)}3`,
      i,
      end,
    );
  }
  if (next === ',' && /[0-9]/.test(text[end + 1] ?? '') && !isInsideCall(tokens)) {
    throw new ParseFailure(
      `Use '.' as the decimal mark: write ${raw}.${text.slice(end + 1).match(/^\d*/)![0]}`,
      end,
      end + 1,
    );
  }
  const value = Number(raw);
  if (!Number.isFinite(value))
    throw new ParseFailure(`Number too large: ${raw} is beyond the largest double (about 1.8e308)`, i, end);
  if (value === 0 && /[1-9]/.test(raw.replace(/[eE].*$/, ''))) {
    warnings.push({ message: `${raw} is smaller than the smallest double and is read as 0`, start: i, end });
  }
  tokens.push({ type: 'num', text: raw, start: i, end, value });
  return end;
}

/** Whether an unclosed function call's parenthesis is open, where ',' separates arguments. */
function isInsideCall(tokens: readonly Token[]): boolean {
  let depth = 0;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k]!;
    if (t.type === 'rparen') depth++;
    else if (t.type === 'lparen') {
      if (depth === 0) return tokens[k - 1]?.type === 'ident';
      depth--;
    } else if (t.type === 'sep') return false;
  }
  return false;
}
