/**
 * What the first load costs and where the bytes go, from the benchmark's build (bench/serve.ts builds
 * with hidden source maps): the files `index.html` loads before anything else (its script, the
 * modules it preloads, its stylesheet), gzip-compressed here at level 6, fonts apart; then each
 * first-load script attributed byte by byte to the source it came from through its source map, and
 * grouped by package (node_modules) or by folder of our own code.
 *
 * A group's gzip share is an estimate: gzip compresses across module boundaries, so each group's
 * bytes are compressed alone and the results scaled to add up to the file's real gzip size. The
 * stylesheet has no source map; its share is estimated the same way from its sources, whitespace and
 * comments removed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { subsetKatexCss } from '../build/katexSubset';
import { keepWoff2Only } from '../build/woff2Only';
import { ROOT } from './serve';
import { kib, type Row } from './table';

export const BUNDLE_BUDGETS = {
  /** KiB of HTML + JS + CSS, gzip, that the first load fetches, fonts apart (issue 13). */
  firstLoadKiB: 180,
} as const;

export const gzipSize = (b: Buffer | string): number => gzipSync(b, { level: 6 }).length;

// ---- source maps ---------------------------------------------------------------------------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/**
 * The `mappings` of a source map decoded to, per generated line, its segments as
 * [generated column, source index or −1 for a segment without a source].
 */
export function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments: [number, number][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const d = DIGIT.get(ch);
        if (d === undefined) throw new Error(`not base64 VLQ: ${ch}`);
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * The generated code split by source: source index (−1: none) → its bytes, concatenated. A line
 * without segments (the inside of a template literal spanning lines) belongs to the source of the
 * segment before it.
 */
export function attribute(code: string, mappings: string): Map<number, string> {
  const decoded = decodeMappings(mappings);
  const parts = new Map<number, string[]>();
  const add = (source: number, text: string) => {
    if (text === '') return;
    if (!parts.has(source)) parts.set(source, []);
    parts.get(source)!.push(text);
  };
  let carry = -1;
  code.split('\n').forEach((text, li) => {
    const segments = decoded[li] ?? [];
    const eol = li < code.split('\n').length - 1 ? '\n' : '';
    if (segments.length === 0) {
      add(carry, text + eol);
      return;
    }
    add(carry, text.slice(0, segments[0]![0]));
    segments.forEach(([column, source], k) => {
      const end = k + 1 < segments.length ? segments[k + 1]![0] : text.length;
      add(source, text.slice(column, end) + (k + 1 === segments.length ? eol : ''));
    });
    carry = segments[segments.length - 1]![1];
  });
  return new Map([...parts].map(([s, ps]) => [s, ps.join('')]));
}

/** `katex`, `react-dom`, `@scope/name` for a dependency; `src/ui/graph` for our own code. */
export function groupOf(source: string): string {
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (dep) return dep[1]!;
  const ours = /(?:^|\/)(src\/.*)$/.exec(source);
  if (ours) return path.posix.dirname(ours[1]!);
  return source;
}

/**
 * Splits a file's real gzip size among groups of its bytes in proportion to each group compressed
 * alone.
 */
export function shareGzip(groups: ReadonlyMap<string, string>, fileGzip: number): Map<string, number> {
  const alone = new Map([...groups].map(([g, text]) => [g, gzipSize(text)]));
  const sum = [...alone.values()].reduce((a, b) => a + b, 0);
  return new Map([...alone].map(([g, z]) => [g, sum === 0 ? 0 : (z * fileGzip) / sum]));
}

// ---- the build -----------------------------------------------------------------------------------

export interface FirstLoad {
  readonly html: { bytes: number; gzip: number };
  readonly files: { name: string; kind: 'js' | 'css'; bytes: number; gzip: number }[];
  /** Group → [raw bytes, estimated gzip bytes]. */
  readonly groups: Map<string, [number, number]>;
  /** Our own modules → [raw bytes, estimated gzip bytes]. */
  readonly modules: Map<string, [number, number]>;
  readonly later: { name: string; gzip: number }[];
  readonly fonts: { woff2: number; other: number; bytes: number };
}

const refs = (html: string, re: RegExp): string[] =>
  [...html.matchAll(re)].map((m) => m[1]!.replace(/^\.\//, ''));

/** Removes comments and collapses white space: close to what the minifier keeps, for shares only. */
const squeezeCss = (css: string): string =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1');

/** Stylesheets imported by the given source modules (`import './app.css'`), as paths. */
function importedCss(sources: readonly string[]): string[] {
  const found = new Set<string>();
  for (const s of sources) {
    if (!/\.(tsx?|jsx?)$/.test(s) || s.includes('node_modules') || !existsSync(s)) continue;
    for (const m of readFileSync(s, 'utf8').matchAll(/^import\s+['"]([^'"]+\.css)['"]/gm)) {
      const spec = m[1]!;
      const file = spec.startsWith('.')
        ? path.resolve(path.dirname(s), spec)
        : path.join(ROOT, 'node_modules', spec);
      if (existsSync(file)) found.add(file);
    }
  }
  return [...found];
}

export function analyseFirstLoad(dist: string): FirstLoad {
  const indexHtml = readFileSync(path.join(dist, 'index.html'));
  const html = indexHtml.toString('utf8');
  // Each file once: a page may name one both in a script tag and in a modulepreload link.
  const scripts = [
    ...new Set([
      ...refs(html, /<script[^>]*\bsrc="([^"]+)"/g),
      ...refs(html, /<link rel="modulepreload"[^>]*\bhref="([^"]+)"/g),
    ]),
  ];
  const styles = refs(html, /<link rel="stylesheet"[^>]*\bhref="([^"]+)"/g);
  const files: FirstLoad['files'] = [];
  const groups = new Map<string, [number, number]>();
  const modules = new Map<string, [number, number]>();
  const add = (m: Map<string, [number, number]>, key: string, bytes: number, gzip: number) => {
    const e = m.get(key) ?? [0, 0];
    m.set(key, [e[0] + bytes, e[1] + gzip]);
  };
  const sourcesSeen: string[] = [];

  for (const name of scripts) {
    const code = readFileSync(path.join(dist, name), 'utf8');
    const gzip = gzipSize(code);
    files.push({ name, kind: 'js', bytes: Buffer.byteLength(code), gzip });
    const mapFile = path.join(dist, `${name}.map`);
    if (!existsSync(mapFile)) {
      add(groups, '(no source map)', Buffer.byteLength(code), gzip);
      continue;
    }
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
    const sources = map.sources.map((s) => path.resolve(path.dirname(mapFile), s));
    sourcesSeen.push(...sources);
    const bySource = attribute(code, map.mappings);
    const name_ = (s: number) => (s < 0 ? '(bundler glue)' : path.relative(ROOT, sources[s]!));
    const byGroup = new Map<string, string>();
    for (const [s, text] of bySource) {
      const g = s < 0 ? '(bundler glue)' : groupOf(name_(s));
      byGroup.set(g, (byGroup.get(g) ?? '') + text);
    }
    for (const [g, z] of shareGzip(byGroup, gzip)) add(groups, g, Buffer.byteLength(byGroup.get(g)!), z);
    // Our own modules one by one (their shares computed among every module of the file).
    const share = shareGzip(new Map([...bySource].map(([s, t]) => [name_(s), t])), gzip);
    for (const [s, text] of bySource) {
      if (s >= 0 && groupOf(name_(s)).startsWith('src'))
        add(modules, name_(s), Buffer.byteLength(text), share.get(name_(s))!);
    }
  }

  for (const name of styles) {
    const css = readFileSync(path.join(dist, name), 'utf8');
    const gzip = gzipSize(css);
    files.push({ name, kind: 'css', bytes: Buffer.byteLength(css), gzip });
    const sheets = importedCss(sourcesSeen);
    const texts = new Map(
      sheets.map((f) => {
        const group = f.includes('node_modules')
          ? `${groupOf(path.relative(ROOT, f))} (CSS)`
          : `${path.relative(ROOT, f)}`;
        // As the build transforms it: woff2 sources only; KaTeX's sheet cut to what the page uses.
        const text = keepWoff2Only(readFileSync(f, 'utf8'));
        return [group, squeezeCss(/katex[\\/]dist[\\/]katex/.test(f) ? subsetKatexCss(text) : text)] as const;
      }),
    );
    if (texts.size === 0) add(groups, '(stylesheet)', Buffer.byteLength(css), gzip);
    else {
      const raw = [...texts.values()].reduce((a, t) => a + t.length, 0);
      for (const [g, z] of shareGzip(texts, gzip))
        add(groups, g, Math.round((texts.get(g)!.length / raw) * Buffer.byteLength(css)), z);
    }
  }

  const all: { name: string; bytes: number; gzip: number }[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (!f.endsWith('.map')) {
        const b = readFileSync(p);
        all.push({ name: path.relative(dist, p).replace(/\\/g, '/'), bytes: b.length, gzip: gzipSize(b) });
      }
    }
  };
  walk(dist);
  const first = new Set([...scripts, ...styles]);
  const later = all
    .filter((f) => /\.(js|css)$/.test(f.name) && !first.has(f.name))
    .map((f) => ({ name: path.basename(f.name), gzip: f.gzip }));
  const fontFiles = all.filter((f) => /\.(woff2?|ttf|otf|eot)$/.test(f.name));
  return {
    html: { bytes: indexHtml.length, gzip: gzipSize(indexHtml) },
    files,
    groups,
    modules,
    later,
    fonts: {
      woff2: fontFiles.filter((f) => f.name.endsWith('.woff2')).length,
      other: fontFiles.filter((f) => !f.name.endsWith('.woff2')).length,
      bytes: fontFiles.reduce((a, f) => a + f.bytes, 0),
    },
  };
}

/** The bundle's rows: the first load against its budget, where its bytes go, what loads later. */
export function benchBundle(dist: string): Row[] {
  const a = analyseFirstLoad(dist);
  const rows: Row[] = [];
  const row = (figure: string, value: string, budget = '', ok: boolean | null = null) =>
    rows.push({ section: 'Bundle', figure, size: '', value, budget, ok });
  const sum = (fs: readonly { bytes: number; gzip: number }[]) => ({
    bytes: fs.reduce((x, f) => x + f.bytes, 0),
    gzip: fs.reduce((x, f) => x + f.gzip, 0),
  });
  const js = sum(a.files.filter((f) => f.kind === 'js'));
  const css = sum(a.files.filter((f) => f.kind === 'css'));
  const total = a.html.gzip + js.gzip + css.gzip;
  row('first load: HTML', `${kib(a.html.gzip)} gzip (${kib(a.html.bytes)})`);
  row(
    `first load: JS, ${a.files.filter((f) => f.kind === 'js').length} files`,
    `${kib(js.gzip)} gzip (${kib(js.bytes)}): ${a.files
      .filter((f) => f.kind === 'js')
      .map((f) => `${f.name.replace(/^assets\//, '')} ${kib(f.gzip)}`)
      .join(', ')}`,
  );
  row('first load: CSS', `${kib(css.gzip)} gzip (${kib(css.bytes)})`);
  row(
    'first load: HTML + JS + CSS, gzip (fonts apart)',
    `${kib(total)}`,
    `≤ ${BUNDLE_BUDGETS.firstLoadKiB} KiB`,
    total <= BUNDLE_BUDGETS.firstLoadKiB * 1024,
  );
  const ranked = [...a.groups].sort((x, y) => y[1][1] - x[1][1]);
  const deps = ranked.filter(([g]) => !g.startsWith('src') && !g.startsWith('('));
  const ours = ranked.filter(([g]) => g.startsWith('src'));
  const other = ranked.filter(([g]) => g.startsWith('('));
  const list = (gs: typeof ranked) => gs.map(([g, [, z]]) => `${g} ${kib(z)}`).join(', ');
  const total_ = (gs: typeof ranked) => kib(gs.reduce((x, [, [, z]]) => x + z, 0));
  row(`first load by package, gzip share (estimated): ${total_(deps)}`, list(deps));
  row(`first load, our code and styles by folder, gzip share (estimated): ${total_(ours)}`, list(ours));
  if (other.length) row('first load, other', list(other));
  const topModules = [...a.modules].sort((x, y) => y[1][1] - x[1][1]).slice(0, 12);
  row('largest modules of our code in the first load, gzip share', list(topModules));
  row(
    `fonts in the build: ${a.fonts.woff2} woff2, ${a.fonts.other} other`,
    kib(a.fonts.bytes),
    'woff2 only',
    a.fonts.other === 0,
  );
  row(
    'loaded when needed',
    a.later
      .sort((x, y) => y.gzip - x.gzip)
      .map((f) => `${f.name} ${kib(f.gzip)}`)
      .join(', '),
  );
  return rows;
}
