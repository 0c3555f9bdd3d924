/**
 * The built page preloads the two KaTeX faces every trace table uses. Checked against KaTeX's own
 * font files and stylesheet (a renamed face would silently stop the preload) and on bundle listings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_FACES, fontPreloadTags } from '../../build/fontPreload';

const require = createRequire(import.meta.url);
const katexDist = path.dirname(require.resolve('katex/dist/katex.min.css'));

describe('fontPreloadTags', () => {
  it('names faces KaTeX ships as woff2 and declares in its stylesheet', () => {
    const css = readFileSync(path.join(katexDist, 'katex.min.css'), 'utf8');
    for (const face of FIRST_FACES) {
      expect(existsSync(path.join(katexDist, 'fonts', `${face}.woff2`))).toBe(true);
      expect(css).toContain(`fonts/${face}.woff2`);
    }
  });

  it('writes one crossorigin font preload per face, for the woff2 file the bundle emitted', () => {
    const files = [
      'assets/index-D2HljoIb.js',
      'assets/KaTeX_Main-Regular-B22Nviop.woff2',
      'assets/KaTeX_Main-Italic-NWA7e6Wa.woff2',
      'assets/KaTeX_Math-Italic-t53AETM-.woff2',
      'assets/KaTeX_Math-Italic-t53AETM-.woff',
    ];
    const tags = fontPreloadTags(files)
      .split('\n')
      .map((s) => s.trim());
    expect(tags).toEqual([
      '<link rel="preload" href="./assets/KaTeX_Main-Regular-B22Nviop.woff2" as="font" type="font/woff2" crossorigin />',
      '<link rel="preload" href="./assets/KaTeX_Math-Italic-t53AETM-.woff2" as="font" type="font/woff2" crossorigin />',
    ]);
  });

  it('skips a face the bundle did not emit, and a face whose name only begins the same', () => {
    expect(fontPreloadTags(['assets/KaTeX_Main-RegularX-abc.woff2', 'assets/index.js'])).toBe('');
    expect(fontPreloadTags(['assets/KaTeX_Math-Italic-xyz.woff2'])).toBe(
      '<link rel="preload" href="./assets/KaTeX_Math-Italic-xyz.woff2" as="font" type="font/woff2" crossorigin />',
    );
  });
});
