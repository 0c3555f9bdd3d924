/**
 * Preload the two KaTeX faces every trace table uses (Main-Regular for digits and operators,
 * Math-Italic for v₁, x₁ …) from the page's head. Without it the browser finds them only when the
 * first typeset row is laid out, after the script has run: on a cold open of a 500-node link they
 * arrived 100 ms after the rows, the table was laid out again when each came, and only then drawn in
 * its real type. Other faces (bold, sizes) are rare and load as before.
 */
import type { Plugin } from 'vite';

/** The faces the first table needs, by the name KaTeX gives their files. */
export const FIRST_FACES = ['KaTeX_Main-Regular', 'KaTeX_Math-Italic'] as const;

/**
 * `<link rel="preload">` tags for the emitted woff2 files of `FIRST_FACES` (file names as in the
 * bundle, relative to the page: the build's base is './'). A face with no emitted file is skipped.
 */
export function fontPreloadTags(fileNames: readonly string[]): string {
  return FIRST_FACES.flatMap((face) => {
    const file = fileNames.find((f) => f.endsWith('.woff2') && f.split('/').pop()!.startsWith(`${face}-`));
    return file ? [`<link rel="preload" href="./${file}" as="font" type="font/woff2" crossorigin />`] : [];
  }).join('\n    ');
}

/**
 * The Vite plugin: writes the tags at the end of the built page's head, after its script and
 * stylesheet, so that on a slow line the fonts do not delay the code.
 */
export function fontPreload(): Plugin {
  return {
    name: 'wengert-font-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const tags = fontPreloadTags(Object.keys(ctx.bundle ?? {}));
        return tags ? html.replace('</head>', `  ${tags}\n  </head>`) : html;
      },
    },
  };
}
