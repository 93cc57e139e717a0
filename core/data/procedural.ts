/**
 * Datasets drawn on the fly, no asset needed: any count, 28×28 like MNIST, replayable from
 * a seed. They isolate one thing a convolution layer learns:
 *
 * - **bars**: a single stroke whose *orientation* is the class — exactly what one layer of
 *   3×3 oriented-edge kernels detects, so the learned kernels are easy to read.
 * - **shapes**: outlines of a square, circle, triangle and cross at random position, size
 *   and rotation — the class is a *configuration* of edges, which takes a second layer and
 *   pooling (translation invariance) to recognise.
 *
 * Every image gets Gaussian pixel noise and a random ink level, then is clamped to [0, 1].
 * Each also keeps its mask (where the figure is), the per-pixel targets of a segmentation
 * model: a U-Net learns to find the stroke under the noise.
 * Labels cycle 0, 1, …, K−1 so that every class is equally common in any prefix (and so in
 * a Keras-style validation split taken from the end).
 */
import { Random } from '../random';
import type { DataSplit, Dataset, ImageShape } from './dataset';
import type { Box, Point, SignedDistance } from './raster';
import { drawInto, outline, polygonDistance, regularPolygon, segmentDistance } from './raster';

export const PROCEDURAL_SIZE = 28;

export interface ProceduralOptions {
  /** Default 10,000. */
  readonly trainCount?: number;
  /** Default 2,000. */
  readonly testCount?: number;
  /** Default 0. Train and test draw from independent streams forked off this seed. */
  readonly seed?: number;
  /** Standard deviation of the additive Gaussian pixel noise; default 0.1. */
  readonly noise?: number;
  /** [C, H, W] of the images: a model's own input shape; default MNIST's [1, 28, 28]. */
  readonly shape?: ImageShape;
}

/** One random instance of a class: its signed distance and a box that holds all its ink. */
interface Figure {
  readonly distance: SignedDistance;
  readonly box: Box;
}
type Painter = (label: number, rng: Random) => Figure;

/** The box of a figure centred at (cx, cy) that reaches `reach` from its centre. */
function around(cx: number, cy: number, reach: number): Box {
  return [cx - reach, cy - reach, cx + reach, cy + reach];
}

/** Image rows grow downwards, so 'diagonal' runs from top-left to bottom-right. */
export const BAR_CLASSES: readonly string[] = ['horizontal', 'vertical', 'diagonal', 'anti-diagonal'];
const BAR_ANGLES = [0, Math.PI / 2, Math.PI / 4, -Math.PI / 4];

const paintBar: Painter = (label, rng) => {
  const angle = BAR_ANGLES[label]! + rng.uniform(-0.12, 0.12); // ±7°: still clearly its class
  const half = rng.uniform(6, 11); // half the bar's length
  const halfWidth = rng.uniform(0.8, 1.8);
  const ux = Math.cos(angle) * half;
  const uy = Math.sin(angle) * half;
  // Keep the whole bar inside with a one-pixel margin.
  const mx = Math.abs(ux) + halfWidth + 1;
  const my = Math.abs(uy) + halfWidth + 1;
  const cx = rng.uniform(mx, PROCEDURAL_SIZE - mx);
  const cy = rng.uniform(my, PROCEDURAL_SIZE - my);
  const a = [cx - ux, cy - uy] as const;
  const b = [cx + ux, cy + uy] as const;
  return {
    distance: (x, y) => segmentDistance(x, y, a, b) - halfWidth,
    box: [cx - mx, cy - my, cx + mx, cy + my],
  };
};

export const SHAPE_CLASSES: readonly string[] = ['square', 'circle', 'triangle', 'cross'];

const paintShape: Painter = (label, rng) => {
  const r = rng.uniform(6, 11); // circumradius
  const halfWidth = rng.uniform(0.7, 1.4);
  const margin = r + halfWidth + 1;
  const cx = rng.uniform(margin, PROCEDURAL_SIZE - margin);
  const cy = rng.uniform(margin, PROCEDURAL_SIZE - margin);
  const theta = rng.uniform(0, 2 * Math.PI);
  return { distance: shapeDistance(label, cx, cy, r, theta, halfWidth), box: around(cx, cy, margin) };
};

function shapeDistance(label: number, cx: number, cy: number, r: number, theta: number, halfWidth: number): SignedDistance {
  switch (SHAPE_CLASSES[label]) {
    case 'square': {
      const v = regularPolygon(cx, cy, r, 4, theta);
      return outline((x, y) => polygonDistance(x, y, v), halfWidth);
    }
    case 'circle':
      // 0.85 r: between the square's inradius (0.71 r) and its circumradius, so that size
      // is no cue to the class.
      return outline((x, y) => Math.hypot(x - cx, y - cy) - r * 0.85, halfWidth);
    case 'triangle': {
      const v = regularPolygon(cx, cy, r, 3, theta);
      return outline((x, y) => polygonDistance(x, y, v), halfWidth);
    }
    default: {
      // Two strokes through the centre at right angles ('+' or '×' depending on θ).
      const [p0, p1, p2, p3] = regularPolygon(cx, cy, r, 4, theta) as [Point, Point, Point, Point];
      return (x, y) => Math.min(segmentDistance(x, y, p0, p2), segmentDistance(x, y, p1, p3)) - halfWidth;
    }
  }
}

function drawSplit(count: number, numClasses: number, paint: Painter, rng: Random, noise: number, shape: ImageShape): DataSplit {
  const [channels, height, width] = shape;
  const plane = height * width;
  const size = channels * plane;
  const images = new Float32Array(count * size);
  const labels = new Uint8Array(count);
  const masks = new Uint8Array(count * plane);
  // Figures are painted in MNIST's 28×28 frame and drawn at the model's own size: distances
  // scale with the frame, so a bar keeps its place and its width relative to the image.
  const sx = PROCEDURAL_SIZE / width;
  const sy = PROCEDURAL_SIZE / height;
  const unit = Math.max(sx, sy);
  const native = sx === 1 && sy === 1;
  for (let n = 0; n < count; n++) {
    const label = n % numClasses;
    labels[n] = label;
    const offset = n * size;
    const figure = paint(label, rng);
    const distance: SignedDistance = native ? figure.distance : (x, y) => figure.distance(x * sx, y * sy) / unit;
    const box: Box = native ? figure.box : [figure.box[0] / sx, figure.box[1] / sy, figure.box[2] / sx, figure.box[3] / sy];
    const ink = rng.uniform(0.6, 1);
    drawInto(images, offset, height, width, distance, ink, box);
    // The figure is where the stroke covers at least half of a pixel.
    for (let k = 0; k < plane; k++) masks[n * plane + k] = images[offset + k]! >= 0.5 * ink ? 1 : 0;
    // Colour images: the same figure in every channel, each channel's ink tinted.
    for (let c = 1; c < channels; c++) {
      const tint = rng.uniform(0.4, 1);
      for (let k = 0; k < plane; k++) images[offset + c * plane + k] = images[offset + k]! * tint;
    }
    for (let k = offset; k < offset + size; k++) {
      const v = images[k]! + (noise > 0 ? rng.normal(0, noise) : 0);
      images[k] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
  return { images, labels, count, masks };
}

function procedural(name: string, classNames: readonly string[], paint: Painter, options: ProceduralOptions): Dataset {
  const root = new Random(options.seed ?? 0);
  const trainRng = root.fork();
  const testRng = root.fork();
  const noise = options.noise ?? 0.1;
  const shape: ImageShape = options.shape ?? [1, PROCEDURAL_SIZE, PROCEDURAL_SIZE];
  if (!shape.every((d) => Number.isInteger(d) && d >= 1 && d <= 512)) throw new RangeError(`procedural images are 1…512 pixels and channels a side, got [${shape.join(', ')}]`);
  return {
    name,
    inputShape: shape,
    numClasses: classNames.length,
    classNames,
    train: drawSplit(options.trainCount ?? 10_000, classNames.length, paint, trainRng, noise, shape),
    test: drawSplit(options.testCount ?? 2_000, classNames.length, paint, testRng, noise, shape),
  };
}

/** Oriented bars: horizontal, vertical, diagonal, anti-diagonal. */
export function barsDataset(options: ProceduralOptions = {}): Dataset {
  return procedural('bars', BAR_CLASSES, paintBar, options);
}

/** Outlined square, circle, triangle, cross. */
export function shapesDataset(options: ProceduralOptions = {}): Dataset {
  return procedural('shapes', SHAPE_CLASSES, paintShape, options);
}

/** The procedural datasets by name, for the CLI's --dataset and the worker's protocol. */
export const PROCEDURAL_DATASETS: Readonly<Record<'bars' | 'shapes', (options?: ProceduralOptions) => Dataset>> = {
  bars: barsDataset,
  shapes: shapesDataset,
};
