/**
 * Every string the page shows that is not built by the core: labels, captions around the core's
 * text, buttons, tooltips, accessible names. The English text is the source; `zh.ts` must have
 * exactly the same keys (the type system and tests/ui/i18n.test.ts keep it so).
 *
 * Placeholders: `{name}` is replaced by a parameter; `{n|one|other}` picks `one` when the parameter
 * `n` is 1 and `other` otherwise (English plurals; Chinese needs none).
 *
 * The teaching panels' strings are in `en.panels.ts`, which loads with the first panel, and those of
 * other parts loaded when asked for (presentation, gallery, exports, code view, quiz) in
 * `en.later.ts` (issue 13: the page's first load); `zh.ts` has all three.
 *
 * Messages made by the core and the link codec (parse errors, captions, notes, link notices) stay
 * English there, for the command line and the tests, and are translated by `messages.zh.ts`.
 */
import type { enLater } from './en.later';
import type { enPanels } from './en.panels';

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
  'graph.emptyError': 'The graph appears once the expression reads without an error.',
  'graph.emptyValues': 'The graph appears once every input has a valid value.',
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
  'caption.fixValues': 'Give every input a valid value to see its trace.',
  'caption.fix': 'Fix the expression to see its trace.',

  // Presentation and embed modes
  'present.button': 'Present',
  'present.title': 'Presentation mode: full screen, large type; step with → ← or a clicker',

  // Gallery
  'gallery.button': 'Gallery',

  // Export
  'export.button': 'Export',
  'export.jax': 'The same in JAX (Python)',
  'export.pytorch': 'The same in PyTorch (Python)',
  'export.julia': 'The same in Julia',
  'code.sameIn': 'The same in',

  // Results
  'results.aria': 'Results',
  'results.value': 'value',
  'results.forward': 'forward mode · {done} of {n} {n|sweep|sweeps}',
  'results.forwardWhy':
    '— = not swept yet: the timeline runs one tangent sweep, for {x}; the Jacobian tab runs the others',
  'results.reverse': 'reverse mode · 1 sweep',

  'results.throughNonFinite': '⚠ computed through a value that is not finite: {list}',
  // Editor
  'editor.lineCol': 'line {line}, col {col}',
  'editor.col': 'col {col}',
  'editor.replace': 'Replace {list}',
  'editor.replaceItem': '{char} with {ascii}',
  'editor.warningAt': 'col {col}: {message}',
  'editor.hint':
    'Functions: {functions} · several outputs: {example} · programs: if, for, while, return (see the gallery)',

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
  /** The same tab where the panel is too narrow for every tab's full name (a projector at 1024×768). */
  'tab.fdShort': 'Finite diff.',
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
  /** The frame of a loop iteration or branch side in a later band, where the graph is folded. */
  'graph.frameContinued': '{label} (cont.)',
  'graph.output': 'output {names}',
  'mark.convention': 'convention',
  'mark.domain': 'domain',
  'mark.overflow': 'overflow',
  'mark.pole': 'near a pole',
  'mark.zeroDivision': '÷ 0',
  'mark.first': 'first {name} = {value}',

  // Quiz mode
  'quiz.toggle': 'Quiz',
  'quiz.ask': 'What is {name}? Type its value in the table, then Check.',
  'quiz.score': 'Quiz · {right} right · {wrong} wrong · {shown} shown',
  'quiz.later':
    'Quiz: these values appear once every step of the trace is answered; they would give answers away.',
} as const;

/** The key of any string: the page's here, the teaching panels' in `en.panels.ts`. */
export type MessageKey = keyof typeof en | keyof typeof enPanels | keyof typeof enLater;
