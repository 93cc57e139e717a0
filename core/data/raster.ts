/**
 * Drawing by signed distance: a shape is a function giving, for a point, its distance to
 * the shape's edge (negative inside). A pixel's ink is then clamp(½ − d, 0, 1) at its
 * centre, which anti-aliases every edge over one pixel, whatever the angle — so a bar at
 * 45° is as smooth as one at 0°, and orientation is the only thing that tells them apart.
 */

export type Point = readonly [number, number];
export type SignedDistance = (x: number, y: number) => number;

/** Distance from (x, y) to the segment a–b. */
export function segmentDistance(x: number, y: number, a: Point, b: Point): number {
  return Math.sqrt(segmentDistance2(x, y, a, b));
}

/** Squared distance to a segment: polygons take the minimum of these and one square root. */
function segmentDistance2(x: number, y: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  // The projection parameter, clamped to the segment; a zero-length segment is its point.
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
  const px = a[0] + t * dx - x;
  const py = a[1] + t * dy - y;
  return px * px + py * py;
}

/** Signed distance to a closed polygon: distance to the nearest edge, negative inside (even–odd rule). */
export function polygonDistance(x: number, y: number, vertices: readonly Point[]): number {
  let d2 = Infinity;
  let inside = false;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const a = vertices[j]!;
    const b = vertices[i]!;
    d2 = Math.min(d2, segmentDistance2(x, y, a, b));
    // Crossing test: does a ray to +x cross edge a–b?
    if (a[1] > y !== b[1] > y && x < a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1])) inside = !inside;
  }
  const d = Math.sqrt(d2);
  return inside ? -d : d;
}

/** The vertices of a regular n-gon around (cx, cy) with circumradius r, first vertex at angle θ. */
export function regularPolygon(cx: number, cy: number, r: number, n: number, theta: number): Point[] {
  return Array.from({ length: n }, (_, k): Point => {
    const a = theta + (2 * Math.PI * k) / n;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
}

/** A stroke of half-width w along the edge of a shape: |d| − w. */
export function outline(shape: SignedDistance, halfWidth: number): SignedDistance {
  return (x, y) => Math.abs(shape(x, y)) - halfWidth;
}

/** [xMin, yMin, xMax, yMax] in image coordinates: outside it the shape leaves no ink. */
export type Box = readonly [number, number, number, number];

/**
 * Adds `ink · coverage` of the shape into a height×width image (row-major, values later
 * clamped by the caller). Pixel (row i, col j) has its centre at (j + ½, i + ½). Only pixels
 * whose centre lies in `box` are evaluated: a shape covers about half the image, and the
 * distance functions are the cost of drawing.
 */
export function drawInto(
  image: Float32Array,
  offset: number,
  height: number,
  width: number,
  shape: SignedDistance,
  ink: number,
  box: Box = [0, 0, width, height],
): void {
  const i0 = Math.max(0, Math.floor(box[1] - 0.5));
  const i1 = Math.min(height - 1, Math.ceil(box[3] - 0.5));
  const j0 = Math.max(0, Math.floor(box[0] - 0.5));
  const j1 = Math.min(width - 1, Math.ceil(box[2] - 0.5));
  for (let i = i0; i <= i1; i++) {
    for (let j = j0; j <= j1; j++) {
      const coverage = 0.5 - shape(j + 0.5, i + 0.5);
      if (coverage > 0) image[offset + i * width + j]! += ink * Math.min(1, coverage);
    }
  }
}
