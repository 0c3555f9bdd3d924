/**
 * Every string the page shows that is not built by the core: labels, captions around the core's
 * text, buttons, tooltips, accessible names. The English text is the source; `zh.ts` must have
 * exactly the same keys (the type system and tests/ui/i18n.test.ts keep it so).
 *
 * Placeholders: `{name}` is replaced by a parameter; `{n|one|other}` picks `one` when the parameter
 * `n` is 1 and `other` otherwise (English plurals; Chinese needs none).
 *
 * Messages made by the core and the link codec (parse errors, captions, notes, link notices) stay
 * English there, for the command line and the tests, and are translated by `messages.zh.ts`.
 */
export const en = {
  // The page
  'app.title': 'Wengert — automatic differentiation, step by step',
  'app.tagline': 'automatic differentiation, step by step',
  'lang.label': 'Language',
  'examples.label': 'Example',
  'examples.aria': 'Examples',
  'examples.own': '(your own)',
  'copy.idle': 'Copy link',
  'copy.done': 'Link copied ✓',
  'copy.failed': 'Copy it from the address bar',
  'notice.dismiss': 'Dismiss',
  'notice.more': 'Show {n} more {n|notice|notices}',
  'notice.dismissAll': 'Dismiss all',
  'copy.tooLong': 'Too long for a link',
  'copy.tooLongNotice':
    'Nothing was copied: this state would make a link longer than the {limit} characters a link may have. To share it, save the trace as a file with Export (Trace as Markdown, LaTeX or CSV) and send the file.',
  'limit.refusedShort': 'Not inserted: {length} characters (limit {limit})',
  'limit.refused':
    'Not inserted: that would make this field {length} characters long, over its limit of {limit}. The field and the link keep what they had.',
  'region.editor': 'Editor',
  'region.graph': 'Computational graph',
  'stale.fields': 'Showing the last values that could be traced.',
  'stale.text': 'Showing the last expression that could be read.',
  'graph.emptyPanel': 'Type an expression above to see its computational graph.',

  // Failure containment
  'boundary.failed': 'The {name} could not be drawn: {message}',
  'boundary.retry': 'Retry',
  'part.editor': 'editor',
  'part.graph': 'graph',
  'part.controls': 'controls',
  'part.page': 'page',
  'part.panel': 'panel',

  // Caption
  'phase.primal': 'forward primal',
  'phase.tangent': 'forward tangent',
  'phase.adjoint': 'reverse adjoint',
  'phase.forwardMode': 'forward mode',
  'caption.ready': 'ready',
  'caption.readyText': 'Press → (or ▶) to run the forward primal sweep, one node at a time.',
  'caption.fix': 'Fix the expression to see its trace.',

  // Presentation and embed modes
  'present.button': 'Present',
  'present.title': 'Presentation mode: full screen, large type; step with → ← or a clicker',
  'present.exit': 'Exit presentation',
  'present.exitTitle': 'Exit presentation (Esc)',
  'present.expression': 'The expression:',
  'embed.open': 'Open in Wengert ↗',

  // Gallery
  'gallery.button': 'Gallery',
  'gallery.dialog': 'Examples gallery',
  'gallery.heading': 'Examples',
  'gallery.close': 'Close gallery',

  // Export
  'export.button': 'Export',
  'export.latex': 'Trace as LaTeX (booktabs)',
  'export.markdown': 'Trace as Markdown',
  'export.csv': 'Trace as CSV',
  'export.svg': 'Graph as SVG',
  'export.png': 'Graph as PNG',
  'export.notDrawn': 'The graph is not drawn yet.',
  'export.pngFailed': 'This browser could not draw the PNG; export the SVG instead.',

  // Results
  'results.aria': 'Results',
  'results.value': 'value',
  'results.forward': 'forward mode · {done} of {n} {n|sweep|sweeps}',
  'results.forwardWhy':
    '— = not swept yet: the timeline runs one tangent sweep, for {x}; the Jacobian tab runs the others',
  'results.reverse': 'reverse mode · 1 sweep',

  // Editor
  'editor.lineCol': 'line {line}, col {col}',
  'editor.col': 'col {col}',
  'editor.replace': 'Replace {list}',
  'editor.replaceItem': '{char} with {ascii}',
  'editor.warningAt': 'col {col}: {message}',
  'editor.hint': 'Functions: {functions} · several outputs: {example}',

  // Inputs and seeds
  'inputs.legend': 'Inputs',
  'inputs.stale': 'of the last expression that could be read',
  'seeds.legend': 'Seeds',
  'seed.tangent': 'Tangent',
  'seed.adjoint': 'Adjoint',
  'seed.tangentAria': 'Tangent seed',
  'seed.adjointAria': 'Adjoint seed',
  'merge.label': 'merge repeats',

  // Timeline
  'timeline.controls': 'Step controls',
  'timeline.first': 'First step',
  'timeline.firstTitle': 'First step (Home)',
  'timeline.back': 'Step back',
  'timeline.backTitle': 'Step back (←)',
  'timeline.play': 'Play',
  'timeline.pause': 'Pause',
  'timeline.playTitle': 'Play / pause (Space)',
  'timeline.forward': 'Step forward',
  'timeline.forwardTitle': 'Step forward (→)',
  'timeline.last': 'Last step',
  'timeline.lastTitle': 'Last step (End)',
  'timeline.scrubber': 'Timeline',
  'timeline.step': 'Step {step} of {last}',
  'timeline.speed': 'Speed',

  // The side panel
  'side.region': 'Trace and teaching panels',
  'side.tabs': 'Panels',
  'side.traceTable': 'Trace table',
  'side.loading': 'Loading…',
  'tab.trace': 'Trace',
  'tab.jacobian': 'Jacobian',
  'tab.fd': 'Finite differences',
  'tab.symbolic': 'Symbolic',
  'tab.train': 'Train',
  'empty.train': 'Gradient descent on the output, with the trace of each step, appears here.',
  'empty.trace': 'The Wengert list and its three sweeps appear here.',
  'empty.jacobian': 'The Jacobian, filled by forward and by reverse sweeps, appears here.',
  'empty.fd': 'Finite differences against AD appear here.',
  'empty.symbolic': 'The symbolic derivative and its size appear here.',
  'opt.dual': 'Dual numbers',
  'opt.dualTitle': 'Write every forward row as dual-number arithmetic, v + v̇ε with ε² = 0',
  'opt.forward': 'Forward mode',
  'opt.forwardTitle': 'Compute v and v̇ of each node in the same step, as ForwardDiff.jl’s Dual does',
  'dual.legend': 'Dual-number rule',

  // The trace table
  'table.accumulates': 'accumulates: this node already had a contribution',
  'table.firstPrimal': 'first non-finite value',
  'table.firstTangent': 'first non-finite tangent',
  'table.firstAdjoint': 'first non-finite adjoint',
  'table.forwardModeHead': 'Forward mode: v and v̇ in one step',
  'table.primalHead': 'Forward primal trace',
  'table.tangentHead': 'Forward tangent trace',
  'table.adjointHead': 'Reverse adjoint trace',
  'table.seedSub': ' · ẋ = e({x})',
  'table.adjointSub': ' · ȳ = e({y}) · in execution order',

  // The graph
  'graph.aria': 'Computational graph with {n} nodes',
  'graph.pending': 'Laying out {n} nodes…',
  'graph.fit': 'Fit graph to view',
  'graph.fitShort': 'Fit',
  'graph.key': 'Value rows, top to bottom: v (forward primal), v̇ (forward tangent), v̄ (reverse adjoint)',
  'graph.input': '{id} = {name} (input)',
  'graph.contributions': '({k} of {n} contributions)',
  'graph.output': 'output {names}',
  'mark.convention': 'convention',
  'mark.domain': 'domain',
  'mark.overflow': 'overflow',
  'mark.pole': 'near a pole',
  'mark.zeroDivision': '÷ 0',
  'mark.first': 'first {name} = {value}',

  // The Jacobian panel
  'jac.lead':
    'f maps {Rn} to {Rm}: its Jacobian has {m} {m|row|rows} (outputs) and {n} {n|column|columns} (inputs).',
  'jac.matrixForward': 'Jacobian by forward mode',
  'jac.matrixReverse': 'Jacobian by reverse mode',
  'jac.forward': 'Forward mode',
  'jac.reverse': 'Reverse mode',
  'jac.byColumn': '· column by column',
  'jac.byRow': '· row by row',
  'jac.countOf': '{done} of {total}',
  'jac.count': '{count} {total|sweep|sweeps} done · seed {seed}',
  'jac.cost': '{ops} operations ({partials} partials, {mul} ×, {add} +)',
  'jac.eachSweep': 'each sweep: {cost}',
  'jac.all': 'all: {k} × {ops} = {total} operations',
  'jac.startOverForward': 'Start over: forward sweep 1 ▸',
  'jac.runForward': 'Run forward sweep {k} ▸',
  'jac.startOverReverse': 'Start over: reverse sweep 1 ▸',
  'jac.runReverse': 'Run reverse sweep {k} ▸',
  'jac.primalFirst':
    'Both need one primal sweep first ({l} operations); reverse mode also keeps it in memory.',
  'jac.showAll': 'Show both complete',
  'jac.products': 'Jacobian-vector and vector-Jacobian products',
  'jac.productsHead': 'One sweep, any seed',
  'jac.dirAria': 'Direction vector',
  'jac.cotAria': 'Cotangent vector',
  'jac.oneForward': 'one forward sweep: {result}',
  'jac.checkForward': ' (J times ẋ: {v})',
  'jac.checkForwardSame': ', the same as the whole matrix above times ẋ',
  'jac.oneReverse': 'one reverse sweep: {result}',
  'jac.checkReverse': ' (ȳᵀ times J: {v})',
  'jac.checkReverseSame': ', the same as ȳᵀ times the whole matrix above',
  'jac.vecCount': 'needs {n} {n|number|numbers}, separated by commas',
  'jac.vecFinite': 'every entry must be a finite number, like 1 or -0.5',

  // The finite-difference panel
  'fd.inputAria': 'Input for finite differences',
  'fd.outputAria': 'Output for finite differences',
  'fd.of': 'of',
  'fd.hAria': 'Step h (log10)',
  'fd.ad': 'AD (one tangent sweep)',
  'fd.exact': 'exact to round-off',
  'fd.forward': 'forward',
  'fd.central': 'central',
  'fd.error': 'error {e}',
  'fd.plotAria': 'Error of finite differences against h, log-log',
  'fd.axisH': 'step h (log scale)',
  'fd.axisError': 'error vs AD',
  'fd.slope1': 'slope 1',
  'fd.slope2': 'slope 2',
  'fd.slopeRoundOff': 'slope −1 (round-off)',
  'fd.best': 'best',
  'fd.legend': '{forward} best h ≈ {hf} (error {ef}) · {central} best h ≈ {hc} (error {ec})',
  'fd.closer': ' · at this h central is {ratio}× closer',
  'fd.gaps': 'Gaps: steps h where a difference is not a finite number (f is NaN or infinite near x).',
  'fd.note':
    'Larger h: truncation error (the Taylor terms the formula drops) falls as h (forward) or h² (central). Smaller h: round-off — f is known only to about ε|f| ≈ {eps} and dividing by h magnifies it. AD has neither: its value is exact up to round-off at every step.',

  // The symbolic panel
  'sym.inputAria': 'Input for symbolic differentiation',
  'sym.outputAria': 'Output for symbolic differentiation',
  'sym.more': 'more than 10³⁰⁸',
  'sym.tooLarge': 'too large to print ({count} nodes)',
  'sym.swellHead': 'Expression swell: sizes',
  'sym.barTape': 'tape: operations for {y}',
  'sym.barF': '{y} as a tree: nodes',
  'sym.barDf': '∂{y}/∂{x} as a tree: nodes',
  'sym.tooLargeDf': 'too large to print: {count} nodes (this page prints up to {max})',
  'sym.check': 'At this point it evaluates to {sym}; AD (the tangent sweep) gives {ad} {verdict}.',
  'sym.same': '✓ the same number',
  'sym.differ': '— they differ here (a convention at a kink?)',
  'sym.note':
    'Symbolic differentiation writes the whole derivative as one expression: every shared value is written out again wherever it is used, and each rule copies its operands ((fg)′ = f′g + fg′ has f and g twice). AD keeps the {ops} operations of the tape and adds one tangent step per operation. Nothing is simplified here: {one} and {zero} stay.',
  'sym.colOutput': 'output',
  'sym.colTape': 'tape operations',
  'sym.colNodes': 'expression nodes',
  'sym.colDf': '∂/∂{x} nodes',
  'quiz.toggle': 'Quiz',
  'quiz.ask': 'What is {name}? Type its value in the table, then Check.',
  'quiz.valueOf': 'Value of {name}',
  'quiz.check': 'Check',
  'quiz.show': 'Show',
  'quiz.hint': 'Hint:',
  'quiz.invalid': 'Type a number such as 0.693, -2 or 1e-3 (or NaN, ∞, −∞).',
  'quiz.wrong': 'Not quite. {name} comes from {rule}.',
  'quiz.score': 'Quiz · {right} right · {wrong} wrong · {shown} shown',
  'quiz.precision': '3 decimals, as in the table',
  'quiz.later':
    'Quiz: these values appear once every step of the trace is answered; they would give answers away.',
  // Train panel
  'train.params': 'Parameters (the other inputs are data)',
  'train.paramAria': 'Train {name} (a parameter)',
  'train.pickParams': 'Tick the inputs to train; the others stay fixed, or come from the data rows.',
  'train.lossIs': 'Loss: the output {loss} (the adjoint seed’s output); data: {data}.',
  'train.rate': 'η',
  'train.rateAria': 'Learning rate η',
  'train.badRate': 'η must be a positive number, like 0.1.',
  'train.run': 'Run',
  'train.runK': '{n} {n|step|steps}',
  'train.runConverge': 'until converged (≤ {n})',
  'train.reset': 'Reset',
  'train.dataNone': 'Data (optional)',
  'train.dataRows': 'Data: {n} {n|row|rows} — the loss is their mean',
  'train.dataHelp':
    'CSV: a first line naming data inputs, then one line of numbers per row (up to {max}), typed or pasted from a spreadsheet. The loss is the mean of the output over the rows.',
  'train.dataAria': 'Training data (CSV)',
  'train.dataError': 'Data, line {line}, column {column}: {message}',
  'train.rowShown': 'Trace shown for row',
  'train.rowAria': 'Data row whose trace is shown',
  'train.saveCsv': 'Save data as CSV',
  'train.status': 'Step {steps}: loss {loss} (it started at {start}).',
  'train.converged': 'Converged: every |∂L/∂w| is below {tol}.',
  'train.notConverged': 'Not converged after {n} more steps; run again to go on.',
  'train.divergedTitle': 'Diverged.',
  'train.divergedHelp':
    'A step of gradient descent moves by η times the gradient; where the loss curves sharply, a large η jumps past the minimum to a steeper place, and each jump is larger than the last. Lower η and press Reset.',
  'train.moved':
    'The input values are not where this run ended (they were changed); a run now starts from them.',
  'train.limit':
    'This run has done as much work as the page allows (data rows × steps ≤ {n}); press Reset, or tick a parameter off and on, to start a new run from here.',
  'train.updates': 'Update of step',
  'train.updatesAria': 'The update of one step, one row per parameter',
  'train.updateStepAria': 'Step whose update is shown',
  'train.meanNote':
    'Each ∂L/∂w is the mean over the {n} rows of one reverse sweep per row; the trace on the left is one row’s sweep at the point on display.',
  'train.lossCurve': 'Loss {loss} over the steps',
  'train.log': 'Log scale',
  'train.lossAria': 'The loss after each step of gradient descent',
  'train.axisStep': 'step',
  'train.axisLoss': 'loss',
  'train.axisLossLog': 'loss (log scale)',
  'train.trajectory': 'Parameters over the steps',
  'train.pathAria': 'Each parameter’s value after each step',
  'train.contour': 'The loss over ({a}, {b}), with the path of the iterates',
  'train.contourAria':
    'Contour lines of the loss over {a} and {b}, the iterates as a path from the start to the current point',
  'train.contourNote': 'The other inputs are held at their current values.',
  'train.ready':
    'Run a step: each step is the primal and reverse sweep shown on the left, then w ← w − η ∂L/∂w for every parameter.',
} as const;

export type MessageKey = keyof typeof en;
