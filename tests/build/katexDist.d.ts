// KaTeX's published bundle, imported by path as the reference for the KaTeX subset the page ships
// (tests/build/katexSubset.test.ts, tests/ui/katex.test.ts); it has the types of the package's main entry.
declare module 'katex/dist/katex.mjs' {
  import katex from 'katex';
  export default katex;
}
