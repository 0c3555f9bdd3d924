/**
 * A program as one line of text, for a title, a caption or a gallery card.
 *
 * Written on one line, a program must still say the same thing (CONTRACTS §1b): a `#` comment runs
 * to the end of its line, so a comment kept on a joined line would swallow every statement after it;
 * and a line break is a statement separator, like `;`, except where the grammar skips it.
 */

/** A name character: `else` followed by one of these is a longer name, not the keyword. */
const ELSE = /^else(?![A-Za-z0-9])/;

/**
 * The program `text` on one line, as the user wrote it otherwise:
 *
 * - every `#` comment is left out (the language has no strings, so each `#` starts one), and lines
 *   left empty are dropped;
 * - runs of spaces, tabs and carriage returns become one space (whitespace only separates tokens);
 * - a line break between two statements becomes `; ` (the same separator, CONTRACTS §1b);
 * - a line break the parser skips becomes one space: after `{`, before `}`, before `else` (which may
 *   follow the `}` of an if on the next line, but not after a `;`), and next to a `;`.
 *
 * So `for i in 1..3 {⏎  y = y*y⏎}⏎return y` reads `for i in 1..3 { y = y*y }; return y`, and
 * `parse(programLine(t))` is `parse(t)` up to positions, for every text `t` (tested as a property).
 */
export function programLine(text: string): string {
  let line = '';
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const code = (hash < 0 ? raw : raw.slice(0, hash)).replace(/[ \t\r]+/g, ' ').trim();
    if (code === '') continue;
    if (line === '') line = code;
    else {
      const skipped = /[{;]$/.test(line) || /^[};]/.test(code) || ELSE.test(code);
      line += (skipped ? ' ' : '; ') + code;
    }
  }
  return line;
}
