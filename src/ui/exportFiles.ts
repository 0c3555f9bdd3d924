/**
 * Exporting the trace and the graph as files: loaded by ExportMenu when a format is chosen.
 */
import graphCss from './graph/graph.css?raw';
import themeCss from './theme.css?raw';

export { codeOf, exportTrace } from '../core/index';

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The graph as a standalone SVG: a copy of the drawn one, framed on the whole graph (not the current
 * zoom), with the page's colours and the graph's styles embedded so it looks the same in slides.
 */
export function graphSvg(): string | null {
  const svg = document.querySelector<SVGSVGElement>('.graph-panel svg.graph-canvas');
  const viewport = svg?.querySelector<SVGGElement>(':scope > g');
  if (!svg || !viewport) return null;
  const box = viewport.getBBox();
  const pad = 16;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.querySelector(':scope > g')?.removeAttribute('transform');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute(
    'viewBox',
    `${box.x - pad} ${box.y - pad} ${box.width + 2 * pad} ${box.height + 2 * pad}`,
  );
  copy.setAttribute('width', String(Math.ceil(box.width + 2 * pad)));
  copy.setAttribute('height', String(Math.ceil(box.height + 2 * pad)));
  copy.removeAttribute('style');
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `${themeCss.replace(':root', 'svg')}\n${graphCss}\nsvg { background: #fff; font-family: 'DejaVu Sans', sans-serif; }\n* { animation: none !important; transition: none !important; }`;
  copy.insertBefore(style, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

export async function svgToPng(svgText: string, scale = 2): Promise<Blob | null> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth * scale;
    canvas.height = img.naturalHeight * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
