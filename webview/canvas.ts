/**
 * A canvas sharp on high-density screens: the backing store has devicePixelRatio (at most 2)
 * pixels per CSS pixel, and the returned context draws in CSS pixels. Sizes go through the
 * CSSOM because the page's CSP forbids inline style attributes.
 */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = pixelRatio();
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** Backing-store pixels per CSS pixel: the screen's, at most 2 (more costs memory and adds nothing visible). */
export function pixelRatio(): number {
  return Math.min(2, window.devicePixelRatio || 1);
}

/** The two axis lines of a plot (left and bottom) in the given colour: every chart starts so. */
export function drawAxes(ctx: CanvasRenderingContext2D, left: number, top: number, right: number, bottom: number, colour: string): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, top);
  ctx.lineTo(left, bottom);
  ctx.lineTo(right, bottom);
  ctx.stroke();
}
