/**
 * What the browser parts of the benchmark share: a production build of their own (apart from dist/,
 * which the browser tests rebuild), served by `vite preview`, and headless Chromium as this machine
 * has it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
/** Built apart from dist/, which the browser tests rebuild: a benchmark must not race them. */
export const BENCH_DIST = path.join(tmpdir(), 'wengert-bench-dist');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // performance.memory with exact figures (the memory part reads the heap through CDP as well).
  '--enable-precise-memory-info',
];
export const VIEWPORT = { width: 1280, height: 720 };

/**
 * A production build into `outDir`, with source maps written beside the files but not referenced
 * from them (`hidden`: the served files are byte for byte what `npm run build` ships; the bundle
 * analysis reads the maps).
 */
export function build(outDir = BENCH_DIST): void {
  const r = spawnSync(
    process.execPath,
    [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--sourcemap', 'hidden', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`vite build exited with ${r.status ?? r.signal}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Served {
  readonly base: string;
  stop(): void;
}

/** `vite preview` of `outDir` on a free port; resolves once it answers. */
export async function serve(outDir = BENCH_DIST): Promise<Served> {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, detached: true, stdio: 'ignore' },
  );
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 300; i++) {
    try {
      await (await fetch(base)).arrayBuffer();
      return { base, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  stop();
  throw new Error(`vite preview did not answer at ${base}`);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
