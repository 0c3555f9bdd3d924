/**
 * `npm run fuzz`: the hardening properties of tests/fuzz/properties.ts, with fresh random seeds, for
 * as long as asked. `npm test` runs each 10,000 times with a fixed seed; this runs them until the time
 * is up, round-robin in batches, and stops at the first counterexample (printing it, its seed and its
 * path, so `fc.assert(property, { seed, path })` replays it).
 *
 *   npm run fuzz                        one minute
 *   npm run fuzz -- --minutes 5         five minutes
 *   npm run fuzz -- --seconds 30 --only print
 */
import fc from 'fast-check';
import { PROPERTIES } from './properties';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const minutes = Number(option('minutes') ?? 0);
const seconds = Number(option('seconds') ?? 0) + 60 * minutes || 60;
const only = option('only');
const BATCH = 2_000;

const chosen = Object.entries(PROPERTIES).filter(([name]) => !only || name.includes(only));
if (chosen.length === 0 || !Number.isFinite(seconds) || seconds <= 0) {
  console.error(`usage: npm run fuzz -- [--minutes N | --seconds N] [--only WORD]`);
  console.error(`properties: ${Object.keys(PROPERTIES).join(', ')}`);
  process.exit(2);
}

const runs = new Map(chosen.map(([name]) => [name, 0]));
const deadline = Date.now() + seconds * 1000;
console.log(`fuzzing ${chosen.length} properties for ${seconds} s`);
let failed = false;
outer: while (Date.now() < deadline) {
  for (const [name, property] of chosen) {
    if (Date.now() >= deadline) break;
    const seed = (Math.random() * 2 ** 31) | 0;
    const result = fc.check(property as fc.IProperty<unknown>, { numRuns: BATCH, seed });
    runs.set(name, runs.get(name)! + result.numRuns);
    if (result.failed) {
      failed = true;
      console.error(`✗ ${name}`);
      console.error(fc.defaultReportMessage(result) ?? '');
      console.error(
        `replay with { seed: ${result.seed}, path: ${JSON.stringify(result.counterexamplePath)} }`,
      );
      break outer;
    }
  }
}
for (const [name, n] of runs) console.log(`${failed ? ' ' : '✓'} ${name}: ${n.toLocaleString('en-US')} runs`);
console.log(failed ? 'fuzz: a counterexample was found' : 'fuzz: no counterexample');
process.exitCode = failed ? 1 : 0;
