/**
 * The topology as a standalone SVG file: a deep copy of the drawn SVG with the styles the page's
 * CSS gave each element written inline (colours resolved to sRGB, so any viewer draws them), the
 * pan/zoom undone and the view box fitted to the whole drawing. Text stays text: the copy is
 * serialised by XMLSerializer, which escapes whatever the dumps contained.
 */

/** Properties that decide how SVG elements look; inherited ones are written only where they change. */
const INHERITED = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing', 'visibility', 'paint-order', 'color'];
const OWN = ['opacity', 'display', 'stop-color', 'stop-opacity'];
const COLOURS = new Set(['fill', 'stroke', 'stop-color', 'color']);

const PAD = 24;

export interface SvgExport {
  text: string;
  width: number;
  height: number;
}

/** Resolves any CSS colour (oklch, color-mix…) to rgb()/rgba() by painting one pixel. */
function colourResolver(): (value: string) => string {
  const cache = new Map<string, string>();
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  return (value) => {
    if (!ctx || value === 'none' || value.startsWith('url(') || value === 'transparent') return value;
    const hit = cache.get(value);
    if (hit) return hit;
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = value;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    const out = a === 255 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Math.round(((a ?? 0) / 255) * 1000) / 1000})`;
    cache.set(value, out);
    return out;
  };
}

function inlineStyles(original: Element, copy: Element, colour: (v: string) => string): void {
  const originals = [original, ...original.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  const computed = new Map<Element, CSSStyleDeclaration>();
  originals.forEach((el, i) => {
    const target = copies[i];
    if (!target) return;
    const style = getComputedStyle(el);
    computed.set(el, style);
    const parent = el.parentElement ? computed.get(el.parentElement) : undefined;
    const decl: string[] = [];
    for (const prop of INHERITED) {
      const value = style.getPropertyValue(prop);
      if (value && (!parent || parent.getPropertyValue(prop) !== value)) decl.push(`${prop}:${COLOURS.has(prop) ? colour(value) : value}`);
    }
    for (const prop of OWN) {
      const value = style.getPropertyValue(prop);
      if (!value || (prop === 'opacity' && value === '1') || (prop === 'display' && value !== 'none') || (prop.startsWith('stop') && el.tagName !== 'stop')) continue;
      decl.push(`${prop}:${COLOURS.has(prop) ? colour(value) : value}`);
    }
    // Standalone viewers ignore CSS text-transform: bake it into the text.
    if (style.getPropertyValue('text-transform') === 'uppercase') {
      for (const node of target.childNodes) if (node.nodeType === Node.TEXT_NODE) node.textContent = (node.textContent ?? '').toUpperCase();
    }
    target.removeAttribute('class');
    if (decl.length) target.setAttribute('style', decl.join(';'));
    else target.removeAttribute('style');
  });
}

/** The drawn topology (the `<svg>` of TopologyView) as a file's text, or null without one. */
export function topologySvg(svg: SVGSVGElement, title: string): SvgExport | null {
  const layer = svg.querySelector<SVGGElement>('[data-testid="zoom-layer"]');
  if (!layer) return null;
  const box = layer.getBBox();
  const width = Math.ceil(box.width + 2 * PAD);
  const height = Math.ceil(box.height + 2 * PAD);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy, colourResolver());
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('aria-label', title);
  copy.querySelector('[data-testid="zoom-layer"]')?.setAttribute('transform', `translate(${PAD - box.x},${PAD - box.y})`);

  const ns = 'http://www.w3.org/2000/svg';
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', colourResolver()(getComputedStyle(svg.parentElement ?? svg).backgroundColor || '#fff'));
  const heading = document.createElementNS(ns, 'title');
  heading.textContent = title;
  copy.prepend(heading, background);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`, width, height };
}

/** The topology view's SVG on the page, if it is the view shown. */
export function findTopologySvg(): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>('[data-testid="topology"] svg');
}
