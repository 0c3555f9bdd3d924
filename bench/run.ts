/**
 * `npm run bench`: every figure of docs/PERFORMANCE.md in one table, next to its budget, with the
 * machine and the date. `npm run bench -- --write` also writes docs/PERFORMANCE.md.
 *
 *   --write        write docs/PERFORMANCE.md
 *   --quick        fewer samples (a look, not a record)
 *   --only=core    only the core (also: page, longtask; comma-separated)
 *   --skip-build   reuse the last benchmark build
 *
 * Budgets are checked and reported here, never asserted in tests: timings depend on the machine.
 * The exit status is 0 whatever the figures.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCore, CORE_BUDGETS } from './core';
import { COMPARE_MAX_NODES } from '../src/ui/graph/layout';
import { SYNC_LAYOUT_MAX_NODES } from '../src/ui/graph/useGraphLayout';
import { VIRTUALIZE_ABOVE } from '../src/ui/table/virtual';
import { benchPage, PAGE_BUDGETS } from './page';
import { markdownTable, ms, textTable, type Row } from './table';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const write = args.includes('--write');
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (part: string) => !only || only.includes(part);
const log = (line: string) => process.stderr.write(`${line}\n`);

function chromiumVersion(): string {
  const r = spawnSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'Chromium (version unknown)';
}

/** The hardening benchmark (bench/longtask.ts): long main-thread tasks at the operation limit. */
function longTasks(): Row[] {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/longtask.ts'), '--json', '--build'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 600_000,
    },
  );
  const line = r.stdout?.trim().split('\n').pop() ?? '';
  try {
    const report = JSON.parse(line) as {
      expression: { operations: number; nodes: number };
      loadMs: number;
      graphMs: number;
      budgetMs: number;
      phases: { phase: string; maxMs: number; longTasks: number }[];
    };
    const size = `${report.expression.nodes} nodes`;
    const rows: Row[] = [
      {
        section: 'Page',
        figure: `largest expression (${report.expression.operations} operations): table, then graph, after navigation`,
        size,
        value: `${ms(report.loadMs)}, ${ms(report.graphMs)}`,
        budget: '',
        ok: null,
      },
    ];
    for (const p of report.phases) {
      rows.push({
        section: 'Page',
        figure: `largest expression: longest main-thread task, ${p.phase}`,
        size,
        value: p.longTasks === 0 ? 'no task over 50 ms' : `${ms(p.maxMs)} (${p.longTasks} over 50 ms)`,
        budget: `≤ ${report.budgetMs} ms`,
        ok: p.maxMs <= report.budgetMs,
      });
    }
    return rows;
  } catch {
    return [
      {
        section: 'Page',
        figure: 'long tasks (bench/longtask.ts)',
        size: '',
        value: 'did not run',
        budget: '',
        ok: null,
      },
    ];
  }
}

const started = new Date();
const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
  cores: cpus.length,
  memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  node: process.version,
  chromium: chromiumVersion(),
  os: `${os.type()} ${os.release()}`,
  load: os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' '),
};
const machineLine = `${machine.cpu}, ${machine.cores} cores, ${machine.memory}; Node ${machine.node}; ${machine.chromium}; ${machine.os}`;
log(`Wengert benchmark · ${started.toISOString()} · ${machineLine} · load average ${machine.load}`);

const rows: Row[] = [];
if (wants('core')) rows.push(...benchCore({ quick, log }));
if (wants('page')) rows.push(...(await benchPage({ quick, skipBuild: args.includes('--skip-build'), log })));
if (wants('longtask')) {
  log('long tasks: bench/longtask.ts');
  rows.push(...longTasks());
}

const checked = rows.filter((r) => r.ok !== null);
const failed = checked.filter((r) => r.ok === false);
const summary = `${checked.length} budgets: ${checked.length - failed.length} met, ${failed.length} missed`;

console.log(`Wengert benchmark, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
console.log(`Machine: ${machineLine}; load average at start ${machine.load}`);
console.log('');
console.log(textTable(rows));
console.log('');
console.log(summary);

if (write) {
  const doc = `# Performance

Wengert must open at once on a school laptop and stay fluid when a student pastes a 500-operation
expression. This page records one run of \`npm run bench\` (\`npm run bench -- --write\` rewrites it):
every figure next to its budget. Budgets are checked by the benchmark, never asserted in tests, since
timings belong to a machine.

- **Run:** ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick: fewer samples)' : ''}
- **Machine:** ${machineLine}; load average at start ${machine.load}

${markdownTable(rows)}

${summary}.

## What is measured, and how

- **Core** (Node, \`bench/core.ts\`): generated expressions (\`bench/generate.ts\`: a seeded mix of
  \`+ − × /\` and \`sin cos tanh exp ln sqrt\` over 8 inputs, balanced, kept finite on the input box by
  interval arithmetic) of 10², 10³, 10⁴ and 10⁵ operations, compiled with limits raised past the
  parser's \`MAX_OPERATIONS\` (a limit for people typing). Each figure is the median of repeated runs
  (warmed up, fast calls batched, related figures sampled in interleaved rounds so that a change in
  machine load hits them alike). *adjoint sweep (gradient)* is \`adjointValues\`, the reverse sweep
  alone, held to the bound; *recording every step* is \`adjoint\`, which also keeps one record per
  assignment for the timeline and the table (reported, not held to the bound: what it adds is
  allocation, which grows with the heap). The *pipeline* is compile (parse, tape) plus primal,
  tangent and recording adjoint sweeps, run end to end. *trace for the views* adds each step's TeX and caption (\`buildTrace\`). Budgets:
  tangent ≤ ${CORE_BUDGETS.tangentRatio}× and adjoint ≤ ${CORE_BUDGETS.adjointRatio}× a primal sweep (Griewank and Walther, *Evaluating
  Derivatives*, ch. 4), the pipeline on 10⁴ operations ≤ ${CORE_BUDGETS.pipelineAt1e4} ms.
- **Against others**: the same gradient by central differences (2n primal sweeps of our tape, step
  ∛ε·max(1, |x|)) and by mathjs (\`derivative(…, {simplify: false})\` per input, compiled, evaluated),
  as ratios to ours, with the largest relative difference to our gradient. mathjs is skipped at a size
  when one gradient took over 1 s at the size below (its derivatives swell: ten times the size
  would take minutes and more memory than Node's default heap).
- **Page** (\`bench/page.ts\`): a fresh production build served by \`vite preview\`, headless Chromium at
  1280×720. *Paper example*: navigation to the first painted frame with the 7 graph nodes, 23 typeset
  rows and KaTeX's fonts, then a → key until the page shows step 1 (cold, a new browser context each
  time). *Open an expression*: from setting the link to the painted frame with every graph node
  (a different generated expression each run). *Step*: from the key to the update committed, styled and
  laid out. *Frames while playing*: requestAnimationFrame intervals at 4 steps per second.
  Frame intervals are counted in whole refreshes of 16.7 ms (an interval of 16.8 ms is one refresh
  with timer jitter; 33.3 ms is a late frame).
  *Keystroke*: from the input event in the editor until the graph and the table show the new values,
  painted, less the
  ${'`PARSE_DEBOUNCE_MS`'} pause (src/ui/useModel.ts) that waits for the typing to stop.
- **Bundle**: what the paper example's first load fetched, gzip-compressed here (level 6), and the
  fonts apart (woff2 only: \`build/woff2Only.ts\` strips KaTeX's woff and ttf sources). Budget:
  first load ≤ ${PAGE_BUDGETS.firstLoadKiB} KiB of HTML + JS + CSS.
- **Large expressions** (\`bench/longtask.ts\`, from the hardening work): the largest expression the
  limits allow, typed into, edited and stepped, with the longest main-thread task per phase.

## How large graphs stay usable

- The graph is laid out by \`src/ui/graph/layered.ts\`: each node in the column of its level, the
  long edges out of a node sharing one lane through the columns they cross, the order within columns
  by barycentre sweeps that keep the order with the fewest crossings, positions by least-squares
  relaxation. Up to ${COMPARE_MAX_NODES} nodes three orders are drawn (the tape's, the sweeps', its
  mirror image) and the one with the fewest crossings, then closest to the tape order, is kept. It
  takes about a millisecond per 20 nodes; dagre, used before, took 30 ms for 40 nodes and seconds for
  a few hundred, and its 15 KiB left the first load. In large graphs a node moves as far right as
  its nearest reader allows when that shortens the lanes (each term of a long sum beside the
  addition that reads it), a lane is drawn once and each edge from where it leaves it, and lane
  points are capped, so the largest expression the limits allow lays out in about 0.2 s.
- Above ${SYNC_LAYOUT_MAX_NODES} nodes the layout runs in a web worker (\`src/ui/graph/layout.worker.ts\`)
  and the graph says "Laying out … nodes" meanwhile; where workers cannot run (a page opened as a
  file, a strict policy), the same code runs on the main thread after that message is painted.
- Fit to view, zoom and pan; below half size only the Wengert labels remain, below 12 % only the
  boxes. A graph that would fit only below 3 % (a sum of a thousand terms) is framed from its
  inputs at 3 %, and zooming out shows the rest. A node re-renders only when its values or its
  part in the current step change; the graph keeps the reader's zoom when an edit changes numbers
  but not the picture. The graph is its own compositing layer and its hover rings change colour,
  not opacity: with thousands of nodes, every repaint of the page had re-layerized them all.
- The trace table renders only the rows near the view when it has more than ${VIRTUALIZE_ABOVE} steps
  (\`src/ui/table/virtual.ts\`; every example has fewer), plus the current step's row, which it keeps
  scrolled into view; spacers measured from the rendered rows keep every row where it would be. Rows
  out of view are not laid out or painted (\`content-visibility: auto\`): typeset math is costly to
  paint, and without it every frame of a transition repainted the whole table.
- The teaching panels and the exporters load when first used, not with the page.
`;
  writeFileSync(path.join(ROOT, 'docs/PERFORMANCE.md'), doc);
  log('wrote docs/PERFORMANCE.md');
}
