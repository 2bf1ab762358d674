/**
 * A PNG of an exported SVG: drawn on a canvas from a data: URL (allowed by the page's
 * Content-Security-Policy, and never a network request), at twice the size for sharp slides.
 */
import type { SvgExport } from './svgExport';

/** Browsers refuse canvases past ~16k pixels a side; stay well below. */
const MAX_SIDE = 8192;

export async function svgToPng({ text, width, height }: SvgExport, scale = 2): Promise<Blob> {
  const k = Math.max(0.1, Math.min(scale, MAX_SIDE / width, MAX_SIDE / height));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * k);
  canvas.height = Math.round(height * k);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas unavailable');
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
