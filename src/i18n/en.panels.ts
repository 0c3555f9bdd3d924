/**
 * The English strings of the teaching panels (Jacobian, finite differences, symbolic, train): apart
 * from `en.ts` so that they load with the panels, not with the page. Each panel module registers
 * them (`addEnglish`) when it loads; the keys are part of `MessageKey` all the same.
 */
export const enPanels = {
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
  'fd.crosses':
    'At this h, {side} takes another path through the program (a decision goes the other way): the difference quotient mixes two branches, while AD gives the derivative of the branch taken at x.',
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
  'train.statusNonFinite':
    'Step {steps}: the loss became {bad}. Shown: step {land}, the last with a finite loss, {loss} (it started at {start}).',
  'train.statusParamNonFinite':
    'Step {steps}: {name} became {bad}. Shown: step {land}, the last with finite parameters, loss {loss} (it started at {start}).',
  'train.fixData': 'Fix the data first: line {line}, column {column}.',
  'train.showData': 'Show',
  'train.converged': 'Converged: every |∂L/∂w| is below {tol}.',
  'train.notConverged': 'Not converged after {n} more steps; run again to go on.',
  'train.divergedTitle': 'Diverged.',
  'train.divergedHelp':
    'A step of gradient descent moves by η times the gradient; where the loss curves sharply, a large η jumps past the minimum to a steeper place, and each jump is larger than the last. Lower η and press Reset.',
  'train.divergedEdgeHelp':
    'A step of gradient descent moves by η times the gradient wherever that leads, even to a point where an operation is undefined or infinite (the square root or logarithm of a negative number, a division by zero). Lower η, or start farther from such points, and press Reset.',
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
