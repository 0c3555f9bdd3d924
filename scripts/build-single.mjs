#!/usr/bin/env node
// `npm run build:single`: one self-contained HTML file (scripts, styles and the KaTeX fonts inlined)
// that runs from a USB stick or a file share with no network: dist-single/wengert.html.
//
// Vite builds once with every asset inlined and no code splitting; this script then moves the one
// script and the one stylesheet into the page and pins the inline script in the page's
// Content-Security-Policy by its SHA-256 hash, so that nothing else can run.
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist-single');
const FILE = path.join(OUT, 'wengert.html');

await build({
  root: ROOT,
  logLevel: 'warn',
  mode: 'single',
  build: {
    outDir: OUT,
    emptyOutDir: true,
    assetsInlineLimit: () => true,
    cssCodeSplit: false,
    modulePreload: false,
    copyPublicDir: false,
    rolldownOptions: { output: { codeSplitting: false } },
  },
  worker: { format: 'es' },
});

let html = await readFile(path.join(OUT, 'index.html'), 'utf8');
const read = (ref) => readFile(path.join(OUT, ref.replace(/^\.\//, '')), 'utf8');

// The stylesheet, fonts already inlined as data: URIs.
const cssRefs = [...html.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g)];
for (const [tag] of cssRefs) html = html.replace(tag, () => '');
const css = (await Promise.all(cssRefs.map(([, ref]) => read(ref)))).join('\n');

// The script. `</script` cannot occur in code outside strings; inside strings `<\/` means the same.
const jsRefs = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"[^>]*><\/script>/g)];
if (jsRefs.length !== 1) throw new Error(`expected one module script, found ${jsRefs.length}`);
const js = (await read(jsRefs[0][1])).replace(/<\/(script)/gi, '<\\/$1');
for (const [tag] of jsRefs) html = html.replace(tag, () => '');
if (/<link rel="modulepreload"/.test(html)) throw new Error('unexpected modulepreload links');

// The favicon, inline too.
const icon = await readFile(path.join(ROOT, 'public/favicon.svg'));
html = html.replace(/href="\.\/favicon\.svg"/, `href="data:image/svg+xml;base64,${icon.toString('base64')}"`);

// Nothing in the page itself may still point at a file beside it.
const external = [...html.matchAll(/(?:src|href)="(?!data:|#|https?:)([^"]+)"/g)].map((m) => m[1]);
if (external.length > 0) throw new Error(`the single file still refers to: ${external.join(', ')}`);
if (/url\((?!["']?data:)/.test(css)) throw new Error('the stylesheet still refers to a file');

const hash = createHash('sha256').update(js).digest('base64');
html = html.replace(/script-src 'self'/, `script-src 'sha256-${hash}'`);
html = html.replace('</head>', () => `    <style>\n${css}\n</style>\n  </head>`);
html = html.replace('</body>', () => `    <script type="module">${js}</script>\n  </body>`);

await writeFile(FILE, html);
for (const entry of await readdir(OUT))
  if (entry !== 'wengert.html') await rm(path.join(OUT, entry), { recursive: true });
const kib = (Buffer.byteLength(html) / 1024).toFixed(0);
console.log(`wrote ${path.relative(ROOT, FILE)} (${kib} KiB), open it with a browser: no server, no network`);
