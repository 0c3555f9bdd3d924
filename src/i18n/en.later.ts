/**
 * The English strings of parts of the page that load when they are first asked for: presentation and
 * embed modes, the gallery, the export formats, the code view, the quiz's question. Apart from
 * `en.ts` so that they load with those parts, not with the page (issue 13: the page's first load);
 * each of those modules registers them (`addEnglish`) when it loads. `zh.ts` has them all.
 */
export const enLater = {
  'present.exit': 'Exit presentation',
  'present.exitTitle': 'Exit presentation (Esc)',
  'present.fix': 'Esc: back to the editor to fix it.',
  'present.expression': 'The expression:',
  'embed.open': 'Open in Wengert ↗',
  'gallery.dialog': 'Examples gallery',
  'gallery.heading': 'Examples',
  'gallery.close': 'Close gallery',
  'export.latex': 'Trace as LaTeX (booktabs)',
  'export.markdown': 'Trace as Markdown',
  'export.csv': 'Trace as CSV',
  'export.svg': 'Graph as SVG',
  'export.png': 'Graph as PNG',
  'code.title': 'The same in {framework}',
  'code.framework': 'Framework',
  'code.copy': 'Copy',
  'code.copied': 'Copied ✓',
  'code.copyFailed': 'The code is selected: press Ctrl+C (⌘C) to copy it.',
  'code.download': 'Download {file}',
  'code.close': 'Close',
  'code.program': 'The program in {framework}',
  'code.hint':
    'A complete program: run it with {framework} installed and it prints each output and its gradient, computed by {framework}’s own automatic differentiation, to set beside the values here.',
  'export.notDrawn': 'The graph is not drawn yet.',
  'export.pngFailed': 'This browser could not draw the PNG; export the SVG instead.',
  'quiz.valueOf': 'Value of {name}',
  'quiz.check': 'Check',
  'quiz.show': 'Show',
  'quiz.hint': 'Hint:',
  'quiz.invalid': 'Type a number such as 0.693, -2 or 1e-3 (or NaN, ∞, −∞).',
  'quiz.wrong': 'Not quite. {name} comes from {rule}.',
  'quiz.precision': '3 decimals, as in the table',
} as const;
