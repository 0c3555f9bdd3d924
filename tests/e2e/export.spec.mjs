// Export from the page: the trace as LaTeX, Markdown and CSV, the graph as SVG and PNG, as files.
import { readFile } from 'node:fs/promises';

const LINK = '/#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&step=99';

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

async function exportAs(page, label) {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: label }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

export default [
  {
    name: 'the trace exports as LaTeX, Markdown and CSV with the values of Tables 2 and 3',
    run: async ({ newPage }) => {
      const page = await newPage();
      await page.goto(LINK);
      await page.waitForSelector('[data-kind] .katex');
      const tex = await exportAs(page, 'Trace as LaTeX (booktabs)');
      assert(tex.name === 'wengert-trace.tex', tex.name);
      const t = tex.bytes.toString('utf8');
      assert(t.includes('\\toprule') && t.includes('\\begin{document}'), 'a booktabs document');
      assert(
        t.includes('\\bar v_{-1} = \\bar v_{-1} + \\bar v_{1}') && t.includes('= 5.5$'),
        'the last adjoint row',
      );
      const md = (await exportAs(page, 'Trace as Markdown')).bytes.toString('utf8');
      assert(md.includes('| 23 | v-1 | v1 |') && md.includes('| 5.5 |'), 'the last Markdown row');
      const csv = (await exportAs(page, 'Trace as CSV')).bytes.toString('utf8');
      assert(
        csv.split('\n')[22].startsWith('22,adjoint,v0,v2,true,1.7163378145367738'),
        `CSV row 22: ${csv.split('\n')[22]}`,
      );
    },
  },
  {
    name: 'the graph exports as a standalone SVG and as a PNG',
    run: async ({ newPage }) => {
      const page = await newPage();
      await page.goto(LINK);
      await page.waitForSelector('[data-node="v5"]');
      const svg = (await exportAs(page, 'Graph as SVG')).bytes.toString('utf8');
      assert(svg.startsWith('<svg') && svg.includes('xmlns="http://www.w3.org/2000/svg"'), 'an SVG document');
      for (const id of ['v-1', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5'])
        assert(svg.includes(`data-node="${id}"`), `node ${id}`);
      assert(svg.includes('<style>') && svg.includes('--adjoint'), 'styles and colours embedded');
      assert(svg.includes('11.652') && svg.includes('0.693'), 'the values reached are in the picture');
      assert(
        svg.includes('animation: none'),
        'no entry animation that would leave values invisible in a still image',
      );
      const png = (await exportAs(page, 'Graph as PNG')).bytes;
      assert(png.subarray(1, 4).toString('latin1') === 'PNG', 'a PNG file');
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      assert(width > 400 && height > 200, `a sizeable image: ${width}×${height}`);
    },
  },
];
