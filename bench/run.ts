/**
 * `npm run bench`: every figure of docs/PERFORMANCE.md in one table, next to its budget, with the
 * machine and the date. `npm run bench -- --write` also writes docs/PERFORMANCE.md.
 *
 *   --write        write docs/PERFORMANCE.md
 *   --quick        fewer samples (a look, not a record)
 *   --only=core    only some parts, comma-separated: core, page, memory, bundle, longtask
 *   --skip-build   reuse the last benchmark build
 *
 * Budgets are checked and reported here, never asserted in tests: timings depend on the machine.
 * The exit status is 0 whatever the figures.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchBundle } from './bundle';
import { benchCore } from './core';
import { benchMemory } from './memory';
import { benchPage } from './page';
import { BENCH_DIST, build, ROOT, serve } from './serve';
import { markdownTable, ms, textTable, type Row } from './table';

const PARTS = ['core', 'page', 'memory', 'bundle', 'longtask'] as const;
const args = process.argv.slice(2);
const write = args.includes('--write');
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const unknown = only?.filter((p) => !(PARTS as readonly string[]).includes(p)) ?? [];
if (unknown.length) {
  process.stderr.write(`unknown part ${unknown.join(', ')}: the parts are ${PARTS.join(', ')}\n`);
  process.exit(2);
}
const wants = (part: (typeof PARTS)[number]) => !only || only.includes(part);
const log = (line: string) => process.stderr.write(`${line}\n`);

function chromiumVersion(): string {
  const r = spawnSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'Chromium (version unknown)';
}

/** The hardening benchmark (bench/longtask.ts): long main-thread tasks while typing at the operation limit. */
function longTasks(): Row[] {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/longtask.ts'), '--json', `--dist=${BENCH_DIST}`],
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
        section: 'Typing',
        figure: `largest expression, every rule (${report.expression.operations} operations): table, then graph, after navigation`,
        size,
        value: `${ms(report.loadMs)}, ${ms(report.graphMs)}`,
        budget: '',
        ok: null,
      },
    ];
    for (const p of report.phases) {
      rows.push({
        section: 'Typing',
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
        section: 'Typing',
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
/** Runs one part; a part that fails says so in the table and the others still run. */
async function part(name: string, run: () => Row[] | Promise<Row[]>): Promise<void> {
  try {
    rows.push(...(await run()));
  } catch (error) {
    log(`${name}: ${(error as Error).stack ?? String(error)}`);
    const message = (error as Error).message.split('\n')[0]!.slice(0, 120);
    rows.push({
      section: name,
      figure: `the ${name} part`,
      size: '',
      value: `did not finish: ${message}`,
      budget: 'finishes',
      ok: false,
    });
  }
}
if (wants('core')) await part('Core', () => benchCore({ quick, log }));
const browserParts = wants('page') || wants('memory') || wants('bundle') || wants('longtask');
if (browserParts && !args.includes('--skip-build')) {
  log(`building the page (with hidden source maps) into ${BENCH_DIST}`);
  build();
}
if (wants('bundle')) await part('Bundle', () => benchBundle(BENCH_DIST));
if (wants('page') || wants('memory')) {
  const served = await serve(BENCH_DIST);
  try {
    if (wants('page')) await part('Page', () => benchPage({ base: served.base, quick, log }));
    if (wants('memory')) await part('Memory', () => benchMemory({ base: served.base, quick, log }));
  } finally {
    served.stop();
  }
}
if (wants('longtask')) {
  log('long tasks while typing: bench/longtask.ts');
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
  // Only the block between the markers is the bench's: the prose around it is written by hand.
  const file = path.join(ROOT, 'docs/PERFORMANCE.md');
  const START = '<!-- bench:start (written by npm run bench -- --write) -->';
  const END = '<!-- bench:end -->';
  const doc = readFileSync(file, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/PERFORMANCE.md has no ${START} … ${END} block`);
  const block = `${START}

- **Run:** ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick: fewer samples)' : ''}${only ? ` (parts: ${only.join(', ')})` : ''}
- **Machine:** ${machineLine}; load average at start ${machine.load}

${markdownTable(rows)}

${summary}.

`;
  writeFileSync(file, doc.slice(0, from) + block + doc.slice(to));
  log('wrote docs/PERFORMANCE.md');
}
