/**
 * A canvas sharp on high-density screens: the backing store has devicePixelRatio (at most 2)
 * pixels per CSS pixel, and the returned context draws in CSS pixels. Sizes go through the
 * CSSOM because the page's CSP forbids inline style attributes.
 */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
