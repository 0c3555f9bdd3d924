#!/usr/bin/env node
// Browser tests: build the app, serve dist/ with `vite preview`, drive headless Chromium.
//
//   npm run test:e2e                 every tests/e2e/*.spec.mjs
//   node tests/e2e/run.mjs smoke     only specs whose file name contains "smoke" (several words: any)
//   E2E_SKIP_BUILD=1 …               reuse the dist/ already built
//   CHROMIUM_PATH=/path/to/chrome …  another browser binary (default /usr/bin/chromium)
//
// A spec file's default export is an array of tests:
//   { name, run: async ({ browser, baseURL, newPage, screenshot }) => {}, allowConsoleErrors?, timeout? }
// A test fails when `run` throws, when it takes longer than its timeout (30 s by default), or when
// any page it opened with `newPage` logged a console error or threw an uncaught error (unless the test
// sets `allowConsoleErrors: true`). The last line is always `E2E: N passed, M failed`.

import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const OUT = path.join(HERE, 'out');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const TEST_TIMEOUT_MS = 30_000;
const SERVER_START_MS = 30_000;
const VIEWPORT = { width: 1280, height: 720 };
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let passed = 0;
let failed = 0;
let server = null;
let browser = null;

function describe(error) {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function report(ok, name, detail = null) {
  if (ok) {
    passed += 1;
    console.log(`✓ ${name}`);
  } else {
    failed += 1;
    console.log(`✗ ${name}`);
    if (detail !== null) console.log(String(detail).replace(/^/gm, '    '));
  }
}

/** Stop the preview server (its whole process group) if it is still running. Safe to call twice. */
function stopServer() {
  if (server === null || server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    try {
      server.kill('SIGTERM');
    } catch {
      // already gone
    }
  }
}

process.on('exit', stopServer);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopServer();
    process.exit(130);
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}/`;
  const log = [];
  server = spawn(
    process.execPath,
    [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  server.stdout.on('data', (chunk) => log.push(String(chunk)));
  server.stderr.on('data', (chunk) => log.push(String(chunk)));
  const deadline = Date.now() + SERVER_START_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`vite preview exited (${server.exitCode ?? server.signalCode}):\n${log.join('')}`);
    }
    try {
      const response = await fetch(baseURL, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return baseURL;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(
    `vite preview did not answer at ${baseURL} within ${SERVER_START_MS / 1000} s:\n${log.join('')}`,
  );
}

async function specFiles(words) {
  const names = (await readdir(HERE)).filter((name) => name.endsWith('.spec.mjs')).sort();
  return words.length === 0 ? names : names.filter((name) => words.some((word) => name.includes(word)));
}

function safeFileName(name) {
  return (
    String(name)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'screenshot'
  );
}

async function runTest(spec, test, baseURL) {
  const contexts = [];
  const pageErrors = [];
  const newPage = async (contextOptions = {}) => {
    const context = await browser.newContext({ viewport: VIEWPORT, baseURL, ...contextOptions });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location();
        const at = where.url ? ` (${where.url}:${where.lineNumber})` : '';
        pageErrors.push(`console error: ${message.text()}${at}`);
      }
    });
    return page;
  };
  const screenshot = async (page, name) => {
    const file = path.join(OUT, `${safeFileName(name)}.png`);
    await page.screenshot({ path: file });
    return file;
  };

  const timeout = test.timeout ?? TEST_TIMEOUT_MS;
  let timer;
  let failure = null;
  try {
    await Promise.race([
      test.run({ browser, baseURL, newPage, screenshot }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeout / 1000} s`)), timeout);
      }),
    ]);
  } catch (error) {
    failure = describe(error);
  }
  clearTimeout(timer);
  if (pageErrors.length > 0 && !test.allowConsoleErrors) {
    failure = [failure, 'the page reported errors:', ...pageErrors]
      .filter((line) => line !== null)
      .join('\n');
  }
  // Closing the contexts also ends whatever a timed-out test was still waiting for.
  await Promise.allSettled(contexts.map((context) => context.close()));
  report(failure === null, `${spec} › ${test.name}`, failure);
}

async function main() {
  const words = process.argv.slice(2);
  const files = await specFiles(words);
  if (files.length === 0) {
    if (words.length > 0)
      report(false, `no spec file name contains ${words.map((w) => `"${w}"`).join(' or ')}`);
    return;
  }

  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync(process.execPath, [VITE, 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      report(false, 'vite build', `vite build exited with ${build.status ?? build.signal}`);
      return;
    }
  }
  await mkdir(OUT, { recursive: true });

  let baseURL;
  try {
    baseURL = await startServer();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    report(false, 'start the preview server and the browser', describe(error));
    return;
  }

  for (const file of files) {
    const spec = file.replace(/\.spec\.mjs$/, '');
    let tests;
    try {
      tests = (await import(pathToFileURL(path.join(HERE, file)).href)).default;
      if (!Array.isArray(tests)) throw new Error('its default export is not an array of tests');
      for (const test of tests) {
        if (typeof test?.name !== 'string' || typeof test?.run !== 'function') {
          throw new Error('every test needs a string `name` and an async `run` function');
        }
      }
    } catch (error) {
      report(false, `${spec} (loading ${file})`, describe(error));
      continue;
    }
    for (const test of tests) await runTest(spec, test, baseURL);
  }
}

try {
  await main();
} catch (error) {
  report(false, 'e2e runner', describe(error));
} finally {
  if (browser !== null) await browser.close().catch(() => {});
  stopServer();
  console.log(`E2E: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}
